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
    void theRedirectThatReachesTheLimitRaisesTooManyRedirects() throws Exception {
        // aiohttp 3.8.4, get(url, max_redirects=3) on an endless chain: TooManyRedirects with 3
        // responses in its history (/0, /1, /2), request_info.url the first URL, status 0, message ''
        try (TestServer server = TestServer.answering(r -> {
            int n = Integer.parseInt(r.target().substring(1));
            return response(302, "Found", "", "Location: /" + (n + 1));
        }); ClientSession session = new ClientSession(ClientSessionOptions.defaults().withMaxRedirects(3))) {
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> session.get(server.url("/0")));
            assertEquals(List.of(server.url("/0"), server.url("/1"), server.url("/2")),
                    e.history().stream().map(h -> h.url().toString()).toList(), "two followed, the third raises");
            assertEquals(0, e.status(), "aiohttp's TooManyRedirects carries no status");
            assertEquals("", e.reason());
            assertEquals("GET", e.method());
            assertEquals(server.url("/0"), e.url().toString());
            assertTrue(e.getMessage().contains("reaching the limit of 3"), e.getMessage());
            // aiohttp 3.8.4: 0, message='', url=URL('http://127.0.0.1:33871/loop/0')
            assertTrue(e.getMessage().startsWith("0, message='', url=URL('" + server.url("/0") + "'); "), e.getMessage());
            assertEquals(3, server.requests.size());
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
        // aiohttp 3.8.4: get(url, max_redirects=2) raises TooManyRedirects with 2 redirects in its history
        try (TestServer server = chain(5); ClientSession session = new ClientSession()) {
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> session.get(server.url("/0"), RequestOptions.defaults().withMaxRedirects(2)));
            assertEquals(2, e.history().size(), "one followed, the second raises");
            assertTrue(e.getMessage().contains("RequestOptions.withMaxRedirects"), e.getMessage());
        }
    }

    @Test
    void aRequestsMaxRedirectsAboveTheSessionsFollowsOneFewer() throws Exception {
        // aiohttp 3.8.4: get(url, max_redirects=6) arrives after 5 redirects
        try (TestServer server = chain(5);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withMaxRedirects(1));
             ClientResponse resp = session.get(server.url("/0"), RequestOptions.defaults().withMaxRedirects(6))) {
            assertEquals("arrived", resp.text());
            assertEquals(5, resp.history().size());
        }
    }

    @Test
    void aMaxRedirectsOfOneRaisesAtTheFirstRedirect() throws Exception {
        // aiohttp 3.8.4: max_redirects=1 on /r/1 -> TooManyRedirects, history of 1; on /r/0 (no redirect) -> 200
        try (TestServer server = chain(1); ClientSession session = new ClientSession()) {
            RequestOptions one = RequestOptions.defaults().withMaxRedirects(1);
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> session.get(server.url("/0"), one));
            assertEquals(1, e.history().size());
            try (ClientResponse r = session.get(server.url("/1"), one)) {
                assertEquals("arrived", r.text());
            }
        }
    }

    @Test
    void aMaxRedirectsOfZeroMeansNoLimit() throws Exception {
        // aiohttp 3.8.4: max_redirects=0 follows a chain of 15 ("if max_redirects and ...")
        try (TestServer server = chain(15); ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/0"), RequestOptions.defaults().withMaxRedirects(0))) {
            assertEquals("arrived", r.text());
            assertEquals(15, r.history().size());
        }
    }

    @Test
    void aRedirectWithoutLocationIsReturnedEndingItsOwnHistory() throws Exception {
        // aiohttp 3.8.4: a 302 without Location -> status 302, len(history) == 1, history[0] is resp;
        // with max_redirects=1 it raises TooManyRedirects (counted before the Location is looked for)
        try (TestServer server = TestServer.answering(r -> response(302, "Found", "nowhere"));
             ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(server.url("/"))) {
                assertEquals(302, r.status());
                assertEquals(1, r.history().size());
                assertTrue(r.history().get(0) == r, "its own history");
                assertEquals("nowhere", r.text());
            }
            assertThrows(TooManyRedirectsException.class,
                    () -> session.get(server.url("/"), RequestOptions.defaults().withMaxRedirects(1)));
        }
    }

    @Test
    void aNegativeMaxRedirectsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.defaults().withMaxRedirects(-1));
        assertTrue(e.getMessage().contains("withAllowRedirects(false)"), e.getMessage());
    }

    @Test
    void nineRedirectsAreFollowedByDefaultAndTheTenthRaises() throws Exception {
        // aiohttp 3.8.4 (max_redirects=10): a chain of 9 arrives, one of 10 raises with 10 in its history
        try (TestServer server = chain(10); ClientSession session = new ClientSession()) {
            TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                    () -> session.get(server.url("/0")));
            assertEquals(10, e.history().size());
        }
        try (TestServer server = chain(9); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/0"))) {
            assertEquals("arrived", resp.text());
            assertEquals(9, resp.history().size());
        }
    }

    @Test
    void tenRedirectsAreFollowedWithALimitOfEleven() throws Exception {
        try (TestServer server = TestServer.answering(r -> {
            int n = Integer.parseInt(r.target().substring(1));
            return n < 10 ? response(302, "Found", "", "Location: /" + (n + 1)) : ok("arrived");
        }); ClientSession session = new ClientSession(ClientSessionOptions.defaults().withMaxRedirects(11));
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
            assertEquals(List.of(), resp.history(), "aiohttp 3.8.4: allow_redirects=False -> history ()");
        }
    }

    @Test
    void withRedirectsNotAllowedMaxRedirectsDoesNotApply() throws Exception {
        // aiohttp 3.8.4: get(url, allow_redirects=False, max_redirects=1) -> the 302, history ()
        try (TestServer server = redirecting(302);
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/from"),
                     RequestOptions.defaults().withAllowRedirects(false).withMaxRedirects(1))) {
            assertEquals(302, resp.status());
            assertEquals(List.of(), resp.history());
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
