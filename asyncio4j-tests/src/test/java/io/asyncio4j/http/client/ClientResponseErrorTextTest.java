package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The messages of the client's response and connection errors start as {@code str()} of
 * aiohttp 3.8.4's exceptions, so that a port's logs and tests read the same; the advice follows
 * after a {@code ;}. Each expectation was printed by aiohttp 3.8.4 against an aiohttp server
 * answering the same way (/tmp probe, 2026-11-23).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientResponseErrorTextTest {

    private static TestServer server() throws Exception {
        return TestServer.answering(r -> switch (r.target()) {
            case "/404" -> response(404, "Not Found", "nope body", "Content-Type: text/plain; charset=utf-8");
            case "/418" -> response(418, "Teapot Here", "tea", "X-A: 1");
            case "/quote" -> response(400, "Don't", "x");
            case "/text" -> response(200, "OK", "{\"a\": 1}", "Content-Type: text/plain; charset=utf-8");
            case "/seq" -> response(200, "OK", "[1]", "Content-Type: application/json-seq");
            case "/xjson" -> response(200, "OK", "[1]", "Content-Type: text/x+json");
            case "/none" -> response(200, "OK", "[1]");
            default -> response(200, "OK", "");
        });
    }

    @Test
    void raiseForStatusSaysStatusMessageAndUrlAsAiohttpsStrDoes() throws Exception {
        try (TestServer server = server(); ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/404"));
            ClientResponseException e = assertThrows(ClientResponseException.class, resp::raiseForStatus);
            // aiohttp: 404, message='Not Found', url=URL('http://127.0.0.1:40965/404')
            assertTrue(e.getMessage().startsWith("404, message='Not Found', url=URL('" + server.url("/404") + "'); "),
                    e.getMessage());
        }
    }

    @Test
    void aReasonWithAQuoteAndAUrlWithAFragmentAreShownAsPythonsReprShowsThem() throws Exception {
        try (TestServer server = server(); ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/quote#f"));
            ClientResponseException e = assertThrows(ClientResponseException.class, resp::raiseForStatus);
            // aiohttp: 400, message="Don't", url=URL('http://127.0.0.1:42431/quote#f') (the real_url)
            assertTrue(e.getMessage().startsWith("400, message=\"Don't\", url=URL('" + server.url("/quote#f") + "')"),
                    e.getMessage());
        }
    }

    @Test
    void aRequestsRaiseForStatusCarriesTheStatusReasonAndHeaders() throws Exception {
        try (TestServer server = server(); ClientSession session = new ClientSession()) {
            ClientResponseException e = assertThrows(ClientResponseException.class,
                    () -> session.get(server.url("/418"), RequestOptions.defaults().withRaiseForStatus(true)));
            // aiohttp: 418, message='Teapot Here', url=URL('http://127.0.0.1:40965/418'), headers X-A: 1, history ()
            assertTrue(e.getMessage().startsWith("418, message='Teapot Here', url=URL('" + server.url("/418") + "')"),
                    e.getMessage());
            assertEquals(418, e.status());
            assertEquals("Teapot Here", e.reason());
            assertEquals("1", e.headers().get("X-A"));
            assertTrue(e.history().isEmpty());
        }
    }

    @Test
    void theSessionsRaiseForStatusGivesTheSameMessage() throws Exception {
        try (TestServer server = server();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withRaiseForStatus(true))) {
            ClientResponseException e = assertThrows(ClientResponseException.class,
                    () -> session.get(server.url("/404")));
            assertTrue(e.getMessage().startsWith("404, message='Not Found', url=URL('" + server.url("/404") + "')"),
                    e.getMessage());
        }
    }

    @Test
    void jsonOfAnotherTypeShowsTheWholeContentTypeField() throws Exception {
        try (TestServer server = server(); ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/text"));
            ContentTypeException e = assertThrows(ContentTypeException.class, resp::json);
            // aiohttp: 0, message='Attempt to decode JSON with unexpected mimetype: text/plain; charset=utf-8',
            // url=URL('http://127.0.0.1:40965/text') (its 0 is the status it leaves unset)
            assertTrue(e.getMessage().startsWith("200, message='Attempt to decode JSON with unexpected mimetype: "
                    + "text/plain; charset=utf-8', url=URL('" + server.url("/text") + "'); "), e.getMessage());
            assertEquals(ClientResponse.State.RELEASED, resp.state());
            // aiohttp: e.message is the sentence (its e.status 0); here the status is the response's
            assertEquals("Attempt to decode JSON with unexpected mimetype: text/plain; charset=utf-8", e.reason());
            assertEquals(200, e.status());
        }
    }

    @Test
    void jsonWithoutAContentTypeShowsAnEmptyMimetype() throws Exception {
        try (TestServer server = server(); ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/none"));
            ContentTypeException e = assertThrows(ContentTypeException.class, resp::json);
            // aiohttp (Content-Type absent or empty): message='Attempt to decode JSON with unexpected mimetype: '
            assertTrue(e.getMessage().startsWith("200, message='Attempt to decode JSON with unexpected mimetype: ', "),
                    e.getMessage());
        }
    }

    @Test
    void jsonTakesATypeStartingWithApplicationJsonAsAiohttpsPatternDoes() throws Exception {
        try (TestServer server = server(); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/seq"))) {
            // aiohttp: json_re = ^application/(?:[\w.+-]+?\+)?json matches application/json-seq: [1]
            assertEquals(1, resp.json().get(0).asInt());
        }
    }

    @Test
    void jsonRefusesAPlusJsonTypeOutsideApplication() throws Exception {
        try (TestServer server = server(); ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/xjson"));
            ContentTypeException e = assertThrows(ContentTypeException.class, resp::json);
            // aiohttp: 0, message='Attempt to decode JSON with unexpected mimetype: text/x+json', url=...
            assertTrue(e.getMessage().contains("message='Attempt to decode JSON with unexpected mimetype: text/x+json'"),
                    e.getMessage());
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @Test
    void aRefusedConnectionShowsSslDefaultAsAiohttpDoesForTheDefaultCheck() throws Exception {
        int port = closedPort();
        try (ClientSession session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://127.0.0.1:" + port + "/"));
            // aiohttp: Cannot connect to host 127.0.0.1:1 ssl:default [Connect call failed ('127.0.0.1', 1)]
            assertTrue(e.getMessage().startsWith("Cannot connect to host 127.0.0.1:" + port + " ssl:default "
                    + "[Connect call failed ('127.0.0.1', " + port + ")]; "), e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionWithoutVerificationShowsSslFalse() throws Exception {
        int port = closedPort();
        try (ClientSession session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://127.0.0.1:" + port + "/", RequestOptions.defaults().withVerifySsl(false)));
            // aiohttp (ssl=False): Cannot connect to host 127.0.0.1:1 ssl:False [Connect call failed ('127.0.0.1', 1)]
            assertTrue(e.getMessage().startsWith("Cannot connect to host 127.0.0.1:" + port + " ssl:False ["),
                    e.getMessage());
        }
    }

    @Test
    void aRefusedIpv6ConnectionShowsAsyncios4TupleWithTheAddressCompressed() throws Exception {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("::1", 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        try (ClientSession session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://[::1]:" + port + "/"));
            // aiohttp: Cannot connect to host ::1:1 ssl:default [Connect call failed ('::1', 1, 0, 0)]
            assertTrue(e.getMessage().contains(":" + port + " ssl:default [Connect call failed ('::1', " + port
                    + ", 0, 0)]; "), e.getMessage());
        }
    }

    @Test
    void aNameThatDoesNotResolveShowsTheResolversWordsOnly() throws Exception {
        try (ClientSession session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://no-such-host.invalid/"));
            // aiohttp: Cannot connect to host no-such-host.invalid:80 ssl:default [Name or service not known]
            // (the words are the system resolver's: both read them from getaddrinfo's error)
            String cause = e.getCause().getMessage();
            assertTrue(e.getMessage().startsWith("Cannot connect to host no-such-host.invalid:80 ssl:default ["
                    + cause.substring(cause.lastIndexOf(": ") + 2) + "]; "), e.getMessage());
            assertTrue(!e.getMessage().contains("UnknownHostException"), e.getMessage());
        }
    }
}
