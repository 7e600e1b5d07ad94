package io.asyncio4j.http.web;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.testutils.TestClient;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our server's cookies through our client and back: a login that the next requests carry. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class CookieRoundTripTest {

    private static TestClient client() throws Exception {
        // TestClient's session keeps the cookies of the 127.0.0.1 site: aiohttp's unsafe jar
        return TestClient.start(new Application().addRoutes(
                post("/login", req -> Response.text("welcome").setCookie("session", "id 42; ok",
                        CookieOptions.defaults().withHttpOnly(true).withPath("/"))),
                get("/me", req -> {
                    String s = req.cookies().get("session");
                    return s == null ? new Response(401) : Response.text("you are " + s);
                }),
                post("/logout", req -> new Response(204).delCookie("session"))));
    }

    @Test
    void afterLoginTheNextRequestCarriesTheSessionCookieAndItsValueSurvivesQuoting() throws Exception {
        try (TestClient client = client()) {
            try (ClientResponse login = client.post("/login", "")) {
                assertEquals("id 42; ok", login.cookies().get("session").value());
            }
            try (ClientResponse me = client.get("/me")) {
                assertEquals("you are id 42; ok", me.text());
            }
        }
    }

    @Test
    void afterLogoutTheCookieIsGone() throws Exception {
        try (TestClient client = client()) {
            client.post("/login", "").close();
            client.post("/logout", "").close();
            try (ClientResponse me = client.get("/me")) {
                assertEquals(401, me.status());
            }
            assertEquals(0, client.session().cookieJar().size());
        }
    }
}
