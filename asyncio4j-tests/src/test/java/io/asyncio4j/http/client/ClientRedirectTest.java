package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Following redirects as aiohttp does: which method and body go on, where to, how many times. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientRedirectTest {

    /** A server redirecting /from with {@code status} to /to, which answers with the method and body it got. */
    private static TestServer redirecting(int status) throws Exception {
        return TestServer.answering(r -> r.target().equals("/from")
                ? response(status, "Moved", "see /to", "Location: /to")
                : ok(r.method() + " " + r.text()));
    }

    private static String methodAndBodyAfter(int status, String method) throws Exception {
        try (TestServer server = redirecting(status);
             ClientSession session = new ClientSession();
             ClientResponse resp = session.request(method, server.url("/from"),
                     RequestOptions.defaults().withBody("data"))) {
            assertEquals(200, resp.status());
            assertEquals(server.url("/to"), resp.url().toString());
            assertEquals(1, resp.history().size());
            assertEquals(status, resp.history().get(0).status());
            TestServer.Request second = server.requests.get(1);
            if (second.body().length == 0) {
                assertNull(second.header("Content-Type"), "no body, no type");
            }
            return resp.text();
        }
    }

    @Test
    void a301RedirectOfAGetIsFollowedWithAGet() throws Exception {
        try (TestServer server = redirecting(301);
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/from"))) {
            assertEquals("GET ", resp.text());
            assertEquals(server.url("/to"), resp.url().toString());
        }
    }

    @Test
    void a301Or302RedirectOfAPostBecomesAGetWithoutTheBody() throws Exception {
        assertEquals("GET ", methodAndBodyAfter(301, "POST"));
        assertEquals("GET ", methodAndBodyAfter(302, "POST"));
    }

    @Test
    void a302RedirectOfAPutKeepsTheMethodAndBody() throws Exception {
        assertEquals("PUT data", methodAndBodyAfter(302, "PUT"));
    }

    @Test
    void a303RedirectBecomesAGetWithoutTheBody() throws Exception {
        assertEquals("GET ", methodAndBodyAfter(303, "POST"));
        assertEquals("GET ", methodAndBodyAfter(303, "PUT"));
    }

    @Test
    void a307Or308RedirectKeepsTheMethodAndBody() throws Exception {
        assertEquals("POST data", methodAndBodyAfter(307, "POST"));
        assertEquals("POST data", methodAndBodyAfter(308, "POST"));
        assertEquals("PUT data", methodAndBodyAfter(308, "PUT"));
    }

    @Test
    void aRelativeLocationIsResolvedAgainstTheCurrentUrl() throws Exception {
        try (TestServer server = TestServer.answering(r -> switch (r.target()) {
            case "/a/b/start" -> response(302, "Found", "", "Location: ../c/next?x=1");
            case "/a/c/next?x=1" -> response(302, "Found", "", "Location: ?y=2");
            case "/a/c/next?y=2" -> response(302, "Found", "", "Location: //127.0.0.1:" + r.header("Host")
                    .substring(r.header("Host").indexOf(':') + 1) + "/end");
            default -> ok("at " + r.target());
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/a/b/start"))) {
            assertEquals("at /end", resp.text());
            assertEquals(List.of("/a/b/start", "/a/c/next?x=1", "/a/c/next?y=2", "/end"),
                    server.requests.stream().map(TestServer.Request::target).toList());
        }
    }

    @Test
    void theHistoryHoldsTheRedirectsInOrderWithTheirBodies() throws Exception {
        try (TestServer server = TestServer.answering(r -> switch (r.target()) {
            case "/1" -> response(301, "Moved Permanently", "one", "Location: /2");
            case "/2" -> response(307, "Temporary Redirect", "two", "Location: /3");
            default -> ok("three");
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/1"))) {
            List<ClientResponse> history = resp.history();
            assertEquals(List.of(301, 307), history.stream().map(ClientResponse::status).toList());
            assertEquals(server.url("/1"), history.get(0).url().toString());
            assertEquals(server.url("/2"), history.get(1).url().toString());
            assertEquals("one", history.get(0).text());
            assertEquals("two", history.get(1).text());
            assertEquals("three", resp.text());
            assertEquals(1, server.connections(), "a redirect's small body is read: its connection is reused");
        }
    }

    @Test
    void moreRedirectsThanAllowedRaiseTooManyRedirects() throws Exception {
        try (TestServer server = TestServer.answering(r -> {
            int n = Integer.parseInt(r.target().substring(1));
            return response(302, "Found", "", "Location: /" + (n + 1));
        }); ClientSession session = new ClientSession(ClientSessionOptions.defaults().withMaxRedirects(3))) {
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> session.get(server.url("/0")));
            assertEquals(4, e.history().size(), "three followed, the fourth refused");
            assertEquals(302, e.status());
            assertEquals(server.url("/0"), e.url().toString());
            assertTrue(e.getMessage().contains("more than 3 times"), e.getMessage());
            assertEquals(4, server.requests.size());
        }
    }

    /** A server whose /n redirects to /n+1 up to /{@code last}, which answers "arrived". */
    private static TestServer chain(int last) throws Exception {
        return TestServer.answering(r -> {
            int n = Integer.parseInt(r.target().substring(1));
            return n < last ? response(302, "Found", "", "Location: /" + (n + 1)) : ok("arrived");
        });
    }

    @Test
    void aRequestsMaxRedirectsBelowTheSessionsRaisesTooManyRedirects() throws Exception {
        // aiohttp 3.8.4: get(url, max_redirects=2) raises TooManyRedirects with 2 redirects in its
        // history; here, as for the session's limit, 2 are followed and the third is refused
        try (TestServer server = chain(5); ClientSession session = new ClientSession()) {
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> session.get(server.url("/0"), RequestOptions.defaults().withMaxRedirects(2)));
            assertEquals(3, e.history().size(), "two followed, the third refused");
            assertTrue(e.getMessage().contains("more than 2 times"), e.getMessage());
            assertTrue(e.getMessage().contains("RequestOptions.withMaxRedirects"), e.getMessage());
        }
    }

    @Test
    void aRequestsMaxRedirectsAboveTheSessionsFollowsThatMany() throws Exception {
        // aiohttp 3.8.4: get(url, max_redirects=6) arrives after 5 redirects
        try (TestServer server = chain(5);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withMaxRedirects(1));
             ClientResponse resp = session.get(server.url("/0"), RequestOptions.defaults().withMaxRedirects(6))) {
            assertEquals("arrived", resp.text());
            assertEquals(5, resp.history().size());
        }
    }

    @Test
    void aNegativeMaxRedirectsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.defaults().withMaxRedirects(-1));
        assertTrue(e.getMessage().contains("withAllowRedirects(false)"), e.getMessage());
    }

    @Test
    void tenRedirectsAreFollowedByDefault() throws Exception {
        try (TestServer server = TestServer.answering(r -> {
            int n = Integer.parseInt(r.target().substring(1));
            return n < 10 ? response(302, "Found", "", "Location: /" + (n + 1)) : ok("arrived");
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/0"))) {
            assertEquals("arrived", resp.text());
            assertEquals(10, resp.history().size());
        }
    }

    @Test
    void withRedirectsNotAllowedTheRedirectItselfIsReturned() throws Exception {
        try (TestServer server = redirecting(302);
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/from"), RequestOptions.defaults().withAllowRedirects(false))) {
            assertEquals(302, resp.status());
            assertEquals("/to", resp.headers().get("Location"));
            assertEquals("see /to", resp.text());
            assertEquals(1, server.requests.size());
        }
    }

    @Test
    void headDoesNotFollowRedirects() throws Exception {
        try (TestServer server = redirecting(301);
             ClientSession session = new ClientSession();
             ClientResponse resp = session.head(server.url("/from"))) {
            assertEquals(301, resp.status());
            assertEquals(1, server.requests.size());
        }
    }

    @Test
    void headWithOptionsDoesNotFollowRedirectsUnlessTheyAllowThem() throws Exception {
        // aiohttp 3.8.4: head(url, **kwargs) defaults allow_redirects=False; head(url, allow_redirects=True) follows
        try (TestServer server = redirecting(301);
             ClientSession session = new ClientSession()) {
            try (ClientResponse resp = session.head(server.url("/from"), RequestOptions.defaults().withHeader("X", "1"))) {
                assertEquals(301, resp.status());
            }
            try (ClientResponse resp = session.head(server.url("/from"),
                    RequestOptions.defaults().withAllowRedirects(true))) {
                assertEquals(200, resp.status());
                assertEquals(server.url("/to"), resp.url().toString());
            }
            assertEquals(3, server.requests.size());
        }
    }

    @Test
    void optionsFollowsRedirectsAsGetDoes() throws Exception {
        // aiohttp 3.8.4: options(url) defaults allow_redirects=True; a 301 of OPTIONS keeps the method
        try (TestServer server = redirecting(301);
             ClientSession session = new ClientSession();
             ClientResponse resp = session.options(server.url("/from"))) {
            assertEquals("OPTIONS ", resp.text());
            assertEquals(1, resp.history().size());
        }
    }

    @Test
    void aRedirectWithoutALocationIsReturnedAsItIs() throws Exception {
        try (TestServer server = TestServer.answering(r -> response(302, "Found", "nowhere"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertEquals(302, resp.status());
            assertEquals("nowhere", resp.text());
        }
    }

    @Test
    void aRedirectToAnotherSchemeIsAnInvalidUrl() throws Exception {
        try (TestServer server = TestServer.answering(r -> response(302, "Found", "", "Location: ftp://example.com/f"));
             ClientSession session = new ClientSession()) {
            InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> session.get(server.url("/")));
            assertEquals("ftp://example.com/f", e.url());
            assertTrue(e.getMessage().contains("only http and https"), e.getMessage());
        }
    }

    @Test
    void credentialsDoNotFollowARedirectToAnotherOrigin() throws Exception {
        try (TestServer other = TestServer.answering(r -> ok("other"));
             TestServer server = TestServer.answering(r -> r.target().equals("/same")
                     ? response(302, "Found", "", "Location: " + other.url("/"))
                     : response(302, "Found", "", "Location: /same"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/start"),
                     RequestOptions.defaults().withHeader("Authorization", "Bearer secret"))) {
            assertEquals("other", resp.text());
            assertEquals("Bearer secret", server.requests.get(1).header("Authorization"), "same origin: kept");
            assertNull(other.requests.get(0).header("Authorization"), "another origin: dropped");
        }
    }
}
