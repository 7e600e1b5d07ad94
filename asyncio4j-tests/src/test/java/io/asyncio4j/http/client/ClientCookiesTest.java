package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's cookies on the wire: what it keeps from responses and what Cookie field it sends. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientCookiesTest {
    private static final ClientSessionOptions UNSAFE = ClientSessionOptions.defaults().withCookieJar(new CookieJar(true));

    /** A server that sets {@code a=1} at /set and answers everything with 200. */
    private static TestServer setting(String... setCookies) throws Exception {
        String[] fields = new String[setCookies.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = "Set-Cookie: " + setCookies[i];
        }
        return TestServer.answering(r -> r.target().equals("/set") ? response(200, "OK", "", fields) : ok(""));
    }

    @Test
    void aCookieSetByOneResponseIsSentWithTheNext() throws Exception {
        try (TestServer server = setting("a=1", "b=\"x y\"; HttpOnly");
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withCookieJar(new CookieJar(true)))) {
            session.get(server.url("/set")).close();
            session.get(server.url("/next")).close();
            assertNull(server.requests.get(0).header("Cookie"));
            assertEquals("a=1; b=\"x y\"", server.requests.get(1).header("Cookie"));
        }
    }

    @Test
    void theDefaultJarKeepsNothingFromAnIpAddressHost() throws Exception {
        try (TestServer server = setting("a=1");
             ClientSession session = new ClientSession()) {
            session.get(server.url("/set")).close();
            session.get(server.url("/next")).close();
            assertNull(server.requests.get(1).header("Cookie"));
            assertEquals(0, session.cookieJar().size());
        }
    }

    @Test
    void theResponsesCookiesAreThoseItsSetCookieFieldsSet() throws Exception {
        try (TestServer server = setting("a=\"q\\073\"; Path=/p; Max-Age=5", "junk", "b=2; Domain=x.com; Secure");
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/set"))) {
            Map<String, Cookie> c = resp.cookies();
            assertEquals(List.of("a", "b"), List.copyOf(c.keySet()));
            assertEquals("q;", c.get("a").value());
            assertEquals("\"q\\073\"", c.get("a").codedValue());
            assertEquals("/p", c.get("a").path());
            assertEquals("5", c.get("a").maxAge());
            assertEquals("x.com", c.get("b").domain());
            assertTrue(c.get("b").secure());
        }
    }

    @Test
    void cookiesSetByARedirectAreKeptAndSentToItsTarget() throws Exception {
        try (TestServer server = TestServer.answering(r -> r.target().equals("/login")
                ? response(302, "Found", "", "Location: /home", "Set-Cookie: session=abc")
                : ok("cookie " + r.header("Cookie")));
             ClientSession session = new ClientSession(UNSAFE.withCookieJar(new CookieJar(true)));
             ClientResponse resp = session.post(server.url("/login"), "user")) {
            assertEquals("cookie session=abc", resp.text());
            assertEquals("abc", resp.history().get(0).cookies().get("session").value());
            assertTrue(resp.cookies().isEmpty());
        }
    }

    @Test
    void theSessionsInitialCookiesGoWithEveryRequest() throws Exception {
        try (TestServer server = setting();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withCookies(Map.of("token", "t1")))) {
            session.get(server.url("/a")).close();
            assertEquals("token=t1", server.requests.get(0).header("Cookie"));
        }
    }

    @Test
    void anExplicitCookieFieldIsMergedWithTheJarsCookiesWhichWinANameClash() throws Exception {
        try (TestServer server = setting("a=jar");
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withCookieJar(new CookieJar(true))
                     .withHeaders(Headers.of("Cookie", "z=session")))) {
            session.get(server.url("/set")).close();
            session.get(server.url("/x"), RequestOptions.defaults().withHeader("Cookie", "a=mine; c=3")).close();
            assertEquals("z=session", server.requests.get(0).header("Cookie"), "no jar cookies: the field as given");
            assertEquals("a=jar; c=3", server.requests.get(1).header("Cookie"));
        }
    }

    @Test
    void aRequestsOwnCookiesGoOverTheJarsButAreNotKept() throws Exception {
        try (TestServer server = setting("a=jar");
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withCookieJar(new CookieJar(true)))) {
            session.get(server.url("/set")).close();
            session.get(server.url("/x"), RequestOptions.defaults().withCookies(Map.of("a", "req", "b", "2"))).close();
            session.get(server.url("/y")).close();
            assertEquals("a=req; b=2", server.requests.get(1).header("Cookie"));
            assertEquals("a=jar", server.requests.get(2).header("Cookie"));
        }
    }

    @Test
    void aSessionWithTheDummyJarKeepsNoCookies() throws Exception {
        try (TestServer server = setting("a=1");
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withCookieJar(new DummyCookieJar()))) {
            session.get(server.url("/set")).close();
            session.get(server.url("/next")).close();
            assertNull(server.requests.get(1).header("Cookie"));
        }
    }

    @Test
    void aDeletedCookieIsNoLongerSent() throws Exception {
        try (TestServer server = TestServer.answering(r -> switch (r.target()) {
            case "/set" -> response(200, "OK", "", "Set-Cookie: a=1; Path=/");
            case "/del" -> response(200, "OK", "", "Set-Cookie: a=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                    + "Max-Age=0; Path=/");
            default -> ok("");
        }); ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                .withCookieJar(new CookieJar(true)))) {
            session.get(server.url("/set")).close();
            session.get(server.url("/del")).close();
            session.get(server.url("/next")).close();
            assertEquals("a=1", server.requests.get(1).header("Cookie"));
            assertNull(server.requests.get(2).header("Cookie"));
        }
    }
}
