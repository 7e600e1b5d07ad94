package io.asyncio4j.http.client;

import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ClientSession.wsConnect's opening handshake (RFC 6455 section 4; aiohttp's {@code _ws_connect}),
 * against a raw server that writes every byte of its answer: what the client asks with, and each
 * answer it refuses with aiohttp's problem text. On the virtual clock; the autojump threshold lets
 * the loopback bytes arrive before the session's timers are jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientWebSocketHandshakeTest {

    /** A server that reads the handshake and answers {@code answer(request)}, then waits for the client to close. */
    private static TestServer answering(Function<TestServer.Request, String> answer) throws Exception {
        return TestServer.start(conn -> {
            TestServer.Request r = conn.readRequest();
            conn.send(answer.apply(r));
            conn.awaitClientClose();
        });
    }

    private static WsServerHandshakeException refused(Function<TestServer.Request, String> answer) throws Exception {
        try (TestServer server = answering(answer); ClientSession session = new ClientSession()) {
            WsServerHandshakeException e = assertThrows(WsServerHandshakeException.class,
                    () -> session.wsConnect(server.url("/ws")));
            assertTrue(session.toString().contains("open=0"), "the refused response was released: " + session);
            return e;
        }
    }

    private static String upgrade(TestServer.Request r, String upgrade, String connection, String accept) {
        return "HTTP/1.1 101 Switching Protocols\r\n"
                + (upgrade == null ? "" : "Upgrade: " + upgrade + "\r\n")
                + (connection == null ? "" : "Connection: " + connection + "\r\n")
                + (accept == null ? "" : "Sec-WebSocket-Accept: " + accept + "\r\n") + "\r\n";
    }

    // ---- what the client sends ---------------------------------------------------------------

    @Test
    void theRequestIsAGetWithUpgradeConnectionVersion13AndASixteenByteKey() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            WsWire.handshake(conn);
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession()) {
            session.wsConnect(server.url("/chat?room=1")).close();
            TestServer.Request r = server.requests.get(0);
            assertEquals("GET", r.method());
            assertEquals("/chat?room=1", r.target());
            assertEquals("websocket", r.header("Upgrade"));
            assertEquals("Upgrade", r.header("Connection"));
            assertEquals("13", r.header("Sec-WebSocket-Version"));
            assertEquals(16, Base64.getDecoder().decode(r.header("Sec-WebSocket-Key")).length);
            assertNull(r.header("Sec-WebSocket-Protocol"), "no protocols given, none asked for");
        }
    }

    @Test
    void eachHandshakeHasAFreshKey() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            WsWire.handshake(conn);
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession()) {
            session.wsConnect(server.url("/")).close();
            session.wsConnect(server.url("/")).close();
            assertNotEquals(server.requests.get(0).header("Sec-WebSocket-Key"),
                    server.requests.get(1).header("Sec-WebSocket-Key"));
        }
    }

    @Test
    void theProtocolsGivenAreAskedForInOrder() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            WsWire.handshake(conn, "Sec-WebSocket-Protocol: chat.v2");
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession()) {
            try (ClientWebSocketResponse ws = session.wsConnect(server.url("/"),
                    WebSocketOptions.defaults().withProtocols("chat.v1", "chat.v2"))) {
                assertEquals("chat.v2", ws.protocol());
            }
            assertEquals("chat.v1,chat.v2", server.requests.get(0).header("Sec-WebSocket-Protocol"));
        }
    }

    @Test
    void aProtocolTheClientDidNotOfferIsNotTakenAsAgreed() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            WsWire.handshake(conn, "Sec-WebSocket-Protocol: other");
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"),
                     WebSocketOptions.defaults().withProtocols("chat.v1"))) {
            assertNull(ws.protocol());
        }
    }

    @Test
    void extraHeadersAndTheSessionsHeadersAreSentAlongside() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            WsWire.handshake(conn);
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession(Headers.of("X-Session", "s"))) {
            session.wsConnect(server.url("/"), WebSocketOptions.defaults(),
                    Headers.of("Origin", "http://example.com", "Authorization", "Bearer t")).close();
            TestServer.Request r = server.requests.get(0);
            assertEquals("http://example.com", r.header("Origin"));
            assertEquals("Bearer t", r.header("Authorization"));
            assertEquals("s", r.header("X-Session"));
            assertEquals("websocket", r.header("Upgrade"));
        }
    }

    @Test
    void aWsUrlIsRequestedOverHttp() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            WsWire.handshake(conn);
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + server.port() + "/x")) {
            assertEquals("http://127.0.0.1:" + server.port() + "/x", ws.response().url().toString());
            assertEquals(101, ws.response().status());
            assertEquals("websocket", ws.headers().get("Upgrade"));
        }
    }

    @Test
    void aUrlOfAnotherSchemeIsRefused() throws Exception {
        try (ClientSession session = new ClientSession()) {
            assertThrows(InvalidUrlException.class, () -> session.wsConnect("ftp://127.0.0.1/ws"));
        }
    }

    // ---- what the client refuses ----------------------------------------------------------------

    @Test
    void a404IsAnInvalidResponseStatus() throws Exception {
        WsServerHandshakeException e = refused(r -> response(404, "Not Found", "no"));
        assertEquals("Invalid response status", e.problem());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("Invalid response status"), e.getMessage());
    }

    @Test
    void a200IsAnInvalidResponseStatus() throws Exception {
        WsServerHandshakeException e = refused(r -> response(200, "OK", "a page"));
        assertEquals("Invalid response status", e.problem());
        assertEquals(200, e.status());
    }

    @Test
    void a101WithoutUpgradeIsAnInvalidUpgradeHeader() throws Exception {
        WsServerHandshakeException e = refused(r -> upgrade(r, null, "Upgrade",
                WsWire.accept(r.header("Sec-WebSocket-Key"))));
        assertEquals("Invalid upgrade header", e.problem());
        assertEquals(101, e.status());
    }

    @Test
    void a101UpgradingToAnotherProtocolIsAnInvalidUpgradeHeader() throws Exception {
        WsServerHandshakeException e = refused(r -> upgrade(r, "h2c", "Upgrade",
                WsWire.accept(r.header("Sec-WebSocket-Key"))));
        assertEquals("Invalid upgrade header", e.problem());
    }

    @Test
    void a101WithoutConnectionUpgradeIsAnInvalidConnectionHeader() throws Exception {
        WsServerHandshakeException e = refused(r -> upgrade(r, "websocket", "keep-alive",
                WsWire.accept(r.header("Sec-WebSocket-Key"))));
        assertEquals("Invalid connection header", e.problem());
    }

    @Test
    void a101WithTheWrongAcceptIsAnInvalidChallengeResponse() throws Exception {
        WsServerHandshakeException e = refused(r -> upgrade(r, "websocket", "Upgrade",
                WsWire.accept("dGhlIHNhbXBsZSBub25jZQ==")));
        assertEquals("Invalid challenge response", e.problem());
    }

    @Test
    void a101WithoutAnAcceptIsAnInvalidChallengeResponse() throws Exception {
        WsServerHandshakeException e = refused(r -> upgrade(r, "websocket", "Upgrade", null));
        assertEquals("Invalid challenge response", e.problem());
    }

    @Test
    void upgradeAndConnectionValuesAreMatchedWithoutRegardToCase() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            TestServer.Request r = conn.readRequest();
            conn.send(upgrade(r, "WebSocket", "upgrade", WsWire.accept(r.header("Sec-WebSocket-Key"))));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            assertEquals(101, ws.response().status());
        }
    }

    // ---- through the request path ---------------------------------------------------------------

    @Test
    void aRedirectBeforeThe101IsFollowed() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            TestServer.Request r = conn.readRequest();
            if (r.target().equals("/old")) {
                conn.send(response(302, "Found", "", "Location: /new"));
                r = conn.readRequest();
            }
            conn.send(WsWire.switching(r));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/old"))) {
            assertEquals(server.url("/new"), ws.response().url().toString());
            assertEquals(1, ws.response().history().size());
            TestServer.Request second = server.requests.get(1);
            assertEquals("/new", second.target());
            assertEquals("websocket", second.header("Upgrade"), "the redirected request is a handshake too");
            assertEquals(server.requests.get(0).header("Sec-WebSocket-Key"), second.header("Sec-WebSocket-Key"));
        }
    }

    @Test
    void theSessionsTotalTimeoutCoversAServerThatNeverAnswersTheHandshake(VirtualClock clock) throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.awaitClientClose(); // never answers
        }); ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                .withTimeout(Duration.ofSeconds(30)))) {
            double start = clock.seconds();
            assertThrows(TimeoutException.class, () -> session.wsConnect(server.url("/ws")));
            assertEquals(30, clock.seconds() - start, 0.5);
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }

    @Test
    void anOpenWebSocketOutlivesTheSessionsTotalTimeout() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            WsWire.handshake(conn);
            WsWire.Frame f = WsWire.read(conn.reader);
            conn.send(WsWire.text("echo " + f.text()));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                .withTimeout(Duration.ofSeconds(30)));
             ClientWebSocketResponse ws = session.wsConnect(server.url("/ws"))) {
            sleep(100);
            ws.sendStr("late");
            assertEquals("echo late", ws.receiveStr(), "no timeout fired on the open WebSocket");
        }
    }
}
