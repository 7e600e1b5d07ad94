package io.asyncio4j.http.web;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientSessionOptions;
import io.asyncio4j.http.client.CookieJar;
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

    private static Served app() throws Exception {
        return Served.routes(
                post("/login", req -> Response.text("welcome").setCookie("session", "id 42; ok",
                        CookieOptions.defaults().withHttpOnly(true).withPath("/"))),
                get("/me", req -> {
                    String s = req.cookies().get("session");
                    return s == null ? new Response(401) : Response.text("you are " + s);
                }),
                post("/logout", req -> new Response(204).delCookie("session")));
    }

    private static ClientSession session() {
        // the site is on 127.0.0.1: only an unsafe jar keeps its cookies, as in aiohttp
        return new ClientSession(ClientSessionOptions.defaults().withCookieJar(new CookieJar(true)));
    }

    @Test
    void afterLoginTheNextRequestCarriesTheSessionCookieAndItsValueSurvivesQuoting() throws Exception {
        try (Served s = app(); ClientSession session = session()) {
            String base = "http://127.0.0.1:" + s.port();
            try (ClientResponse login = session.post(base + "/login", "")) {
                assertEquals("id 42; ok", login.cookies().get("session").value());
            }
            try (ClientResponse me = session.get(base + "/me")) {
                assertEquals("you are id 42; ok", me.text());
            }
        }
    }

    @Test
    void afterLogoutTheCookieIsGone() throws Exception {
        try (Served s = app(); ClientSession session = session()) {
            String base = "http://127.0.0.1:" + s.port();
            session.post(base + "/login", "").close();
            session.post(base + "/logout", "").close();
            try (ClientResponse me = session.get(base + "/me")) {
                assertEquals(401, me.status());
            }
            assertEquals(0, session.cookieJar().size());
        }
    }
}
