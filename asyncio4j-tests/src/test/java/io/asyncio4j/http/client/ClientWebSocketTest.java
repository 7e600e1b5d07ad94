package io.asyncio4j.http.client;

import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Handler;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ClientSession.wsConnect and ClientWebSocketResponse against asyncio4j-http's own server
 * (web.WebSocketResponse): messages both ways, subprotocols, the close handshake from either
 * side, the receive and close rules of {@link io.asyncio4j.http.WebSocket}, and the connection's
 * pool slot. On the virtual clock; the autojump threshold lets loopback bytes arrive before the
 * session's and the WebSockets' timers are jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientWebSocketTest {

    /** An application served on 127.0.0.1 with no keep-alive timeout; close() is the runner's cleanup. */
    private static final class Server implements AutoCloseable {
        final AppRunner runner;
        final TcpSite site;

        Server(String path, Handler handler) throws Exception {
            runner = new AppRunner(new Application().addRoutes(get(path, handler)), AppRunner.DEFAULT_SHUTDOWN_TIMEOUT,
                    Duration.ZERO);
            runner.setup();
            site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
        }

        String ws(String path) {
            return "ws://127.0.0.1:" + site.port() + path;
        }

        String http(String path) {
            return "http://127.0.0.1:" + site.port() + path;
        }

        @Override
        public void close() throws Exception {
            runner.cleanup();
        }
    }

    /**
     * What the echo handler saw: each connection's request headers, the close message it got
     * from the client (CLOSE, or the CLOSING/CLOSED that ended its loop), and its close code at the end.
     */
    private static final class Seen {
        final Queue<Headers> headers = new Queue<>();
        final Queue<WsMessage> closes = new Queue<>();
        final Queue<Integer> closeCodes = new Queue<>();
    }

    /**
     * Echoes TEXT and BINARY; "close CODE REASON" makes it close with that code; "send N" makes it
     * send "1".."N" then close with 1000 "done". Protocols chat.v2, chat.v1.
     */
    private static Handler echo(Seen seen) {
        return request -> {
            WebSocketResponse ws = new WebSocketResponse(WebSocketOptions.defaults().withProtocols("chat.v2", "chat.v1"));
            ws.prepare(request);
            seen.headers.put(request.headers());
            while (true) {
                WsMessage m = ws.receive();
                if (m.type() == WsMsgType.TEXT && m.text().startsWith("close ")) {
                    String[] parts = m.text().split(" ", 3);
                    ws.close(Integer.parseInt(parts[1]), parts[2]);
                } else if (m.type() == WsMsgType.TEXT && m.text().startsWith("send ")) {
                    for (int i = 1; i <= Integer.parseInt(m.text().substring(5)); i++) {
                        ws.sendStr(String.valueOf(i));
                    }
                    ws.close(WsCloseCode.OK, "done");
                } else if (m.type() == WsMsgType.TEXT) {
                    ws.sendStr(m.text());
                } else if (m.type() == WsMsgType.BINARY) {
                    ws.sendBytes(m.bytes());
                } else if (m.type().endsReceiving() || m.type() == WsMsgType.ERROR) {
                    seen.closes.put(m);
                    break;
                }
            }
            seen.closeCodes.put(ws.closeCode());
            return ws;
        };
    }

    private static Server echoServer(Seen seen) throws Exception {
        return new Server("/ws", echo(seen));
    }

    /** The next thing the handler recorded; 10 s (virtual) at most, so that a missing one fails the test instead of hanging it. */
    private static <T> T next(Queue<T> q) {
        return timeout(10, q::get);
    }

    private static int closeCode(ClientWebSocketResponse ws) {
        return ws.closeCode();
    }

    // ---- messages ------------------------------------------------------------------------------------

    @Test
    void aTextMessageMakesARoundTripNonAsciiIncluded() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            ws.sendStr("hello");
            assertEquals("hello", ws.receiveStr());
            ws.sendStr("h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00");
            assertEquals(WsMessage.text("h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00"), ws.receive());
            ws.sendStr("");
            assertEquals("", ws.receiveStr());
        }
    }

    @Test
    void aBinaryMessageMakesARoundTripEveryByteValueIncluded() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            ws.sendBytes(all);
            assertArrayEquals(all, ws.receiveBytes());
        }
    }

    @Test
    void aOneMebibyteMessageMakesARoundTrip() throws Exception {
        byte[] big = new byte[1 << 20];
        new Random(42).nextBytes(big);
        String bigText = "\u00e9".repeat(1 << 19); // 1 MiB in UTF-8
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            ws.sendBytes(big);
            assertArrayEquals(big, ws.receiveBytes());
            ws.sendStr(bigText);
            assertEquals(bigText, ws.receiveStr());
        }
    }

    @Test
    void receiveStrOnABinaryMessageIsRefusedAndTheMessageConsumed() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            ws.sendBytes(new byte[] {1});
            ws.sendStr("next");
            assertThrows(IllegalStateException.class, ws::receiveStr);
            assertEquals("next", ws.receiveStr());
        }
    }

    @Test
    void aWsUrlAndAnHttpUrlOpenTheSameWebSocket() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            for (String url : List.of(server.ws("/ws"), server.http("/ws"))) {
                try (ClientWebSocketResponse ws = session.wsConnect(url)) {
                    assertEquals(101, ws.response().status());
                    ws.sendStr(url);
                    assertEquals(url, ws.receiveStr());
                }
            }
        }
    }

    @Test
    void extraHeadersReachTheServersHandler() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"), WebSocketOptions.defaults(),
                     Headers.of("Origin", "http://example.com", "X-Token", "t0k"))) {
            Headers h = next(seen.headers);
            assertEquals("http://example.com", h.get("Origin"));
            assertEquals("t0k", h.get("X-Token"));
            assertEquals("websocket", h.get("Upgrade"));
        }
    }

    // ---- subprotocols -----------------------------------------------------------------------------------

    @Test
    void theFirstProtocolTheClientAsksForThatTheServerSpeaksIsAgreed() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"),
                     WebSocketOptions.defaults().withProtocols("chat.v3", "chat.v1", "chat.v2"))) {
            assertEquals("chat.v1", ws.protocol());
            assertEquals("chat.v1", ws.headers().get("Sec-WebSocket-Protocol"));
        }
    }

    @Test
    void noProtocolIsAgreedWhenTheServerSpeaksNoneAskedFor() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            try (ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"),
                    WebSocketOptions.defaults().withProtocols("mqtt"))) {
                assertNull(ws.protocol());
            }
            try (ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
                assertNull(ws.protocol(), "none asked for");
            }
        }
    }

    // ---- closing ------------------------------------------------------------------------------------------

    @Test
    void anOpenWebSocketIsNotClosedAndHasNoCodeNorException() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            assertFalse(ws.isClosed());
            assertNull(ws.closeCode());
            assertNull(ws.exception());
            assertTrue(ws.toString().contains("OPEN"), ws.toString());
        }
    }

    @Test
    void theServerSeesTheClientsCloseCodeAndReasonAndTheClientGetsTheServersReply() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            assertTrue(ws.close(4001, "going \u00e0 la plage"));
            assertEquals(WsMessage.close(4001, "going \u00e0 la plage"), next(seen.closes));
            assertEquals(4001, next(seen.closeCodes), "the server's close code is the client's");
            assertEquals(WsCloseCode.OK, closeCode(ws), "the server's autoclose answered with 1000");
            assertTrue(ws.isClosed());
            assertNull(ws.exception());
        }
    }

    @Test
    void aServerInitiatedCloseArrivesAsACloseMessageWithItsCodeAndReason() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            ws.sendStr("close 4000 bye now");
            WsMessage m = ws.receive();
            assertEquals(WsMsgType.CLOSE, m.type());
            assertEquals(4000, m.closeCode());
            assertEquals("bye now", m.extra());
            assertTrue(ws.isClosed(), "autoclose answered it");
            assertEquals(4000, closeCode(ws));
            assertNull(ws.exception());
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
            assertEquals(WsMsgType.CLOSED, next(seen.closes).type(), "the server's close() took the client's answer");
            assertEquals(WsCloseCode.OK, next(seen.closeCodes), "autoclose answered with 1000");
        }
    }

    @Test
    void withoutAutocloseTheServersCloseLeavesTheClientClosingUntilItCloses() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"),
                    WebSocketOptions.defaults().withAutoclose(false));
            ws.sendStr("close 4002 your turn");
            assertEquals(WsMessage.close(4002, "your turn"), ws.receive());
            assertFalse(ws.isClosed(), "the client has not answered yet");
            ws.sendStr("a last word"); // allowed: this side has not sent its close frame
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertTrue(ws.isClosed());
            assertEquals(4002, closeCode(ws));
            assertEquals(WsMsgType.CLOSED, next(seen.closes).type());
            assertEquals(WsCloseCode.OK, next(seen.closeCodes), "the client's own answer");
        }
    }

    @Test
    void withoutAutocloseReceivingAfterTheServersCloseAnswersItAndReturnsClosed() throws Exception {
        // aiohttp 3.8.4's client (autoclose=False, the server's close 4000 received):
        // "noautoclose cli recv 0 8 4000  closed=False code=4000", "cli recv 1 257 closed=True code=4000";
        // its server instead returns CLOSING (tested with WebSocketServerProtocolTest)
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"),
                    WebSocketOptions.defaults().withAutoclose(false));
            ws.sendStr("close 4002 your turn");
            assertEquals(WsMessage.close(4002, "your turn"), ws.receive());
            assertSame(WsMessage.CLOSED, ws.receive());
            assertTrue(ws.isClosed());
            assertEquals(4002, closeCode(ws));
            assertEquals(WsCloseCode.OK, next(seen.closeCodes), "the client's answer, sent by receive()");
            assertFalse(ws.close(WsCloseCode.OK, ""), "already answered");
        }
    }

    @Test
    void receiveAfterCloseReturnsClosedFiveTimesThenThrows() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            ws.close();
            for (int i = 0; i < 5; i++) {
                assertSame(WsMessage.CLOSED, ws.receive());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, ws::receive);
            assertTrue(e.getMessage().contains("CLOSED was already returned 5 times"), e.getMessage());
        }
    }

    @Test
    void aSecondTaskReceivingAtTheSameTimeIsRefused() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            Task<String> first = createTask(ws::receiveStr);
            sleep(0); // the first task is inside receive()
            IllegalStateException e = assertThrows(IllegalStateException.class, ws::receive);
            assertTrue(e.getMessage().contains("another task is already receiving"), e.getMessage());
            ws.sendStr("for the first");
            assertEquals("for the first", first.await());
        }
    }

    @Test
    void closeFromAnotherTaskLetsTheReceiverGetTheServersClose() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            Task<WsMessage> receiver = createTask(() -> ws.receive());
            sleep(0);
            assertTrue(ws.close(WsCloseCode.GOING_AWAY, "leaving"));
            assertEquals(WsMessage.close(WsCloseCode.OK, ""), receiver.await(), "the server's answer");
            assertEquals(WsMessage.close(WsCloseCode.GOING_AWAY, "leaving"), next(seen.closes));
            assertTrue(ws.isClosed());
            assertEquals(WsCloseCode.OK, closeCode(ws));
        }
    }

    @Test
    void closeFromAnotherTaskLetsTheReceiverReadWhatTheServerSentBeforeItsClose() throws Exception {
        // the server, without autoclose, answers the client's close frame with a message and then its own
        try (Server server = new Server("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse(WebSocketOptions.defaults().withAutoclose(false));
            ws.prepare(request);
            for (WsMessage m : ws) {
                // nothing to do before the client's close
            }
            ws.sendStr("last words");
            ws.close(4003, "over");
            return ws;
        }); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            Task<List<WsMessage>> receiver = createTask(() -> {
                List<WsMessage> got = new ArrayList<>();
                for (WsMessage m = ws.receive(); ; m = ws.receive()) {
                    got.add(m);
                    if (m.type().endsReceiving()) {
                        return got;
                    }
                }
            });
            sleep(0);
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertEquals(List.of(WsMessage.text("last words"), WsMessage.close(4003, "over")), receiver.await());
            assertEquals(4003, closeCode(ws));
        }
    }

    @Test
    void aCancelledReceiveLeaves1006ButTheWebSocketOpenAndUsable() throws Exception {
        // aiohttp 3.8.4: "cancelled closed=False code=1006 exc=None", then a message round trip,
        // then "close -> True closed=True code=1000 exc=None"
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            Task<WsMessage> receiving = createTask(() -> ws.receive());
            sleep(0.05);
            receiving.cancel();
            assertThrows(io.asyncio4j.CancelledError.class, receiving::await);
            assertFalse(ws.isClosed());
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, closeCode(ws));
            assertNull(ws.exception());
            ws.sendStr("hi");
            assertEquals(WsMessage.text("hi"), ws.receive());
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertEquals(WsCloseCode.OK, closeCode(ws), "the server's answer");
        }
    }

    @Test
    void closeTwiceReturnsFalseTheSecondTime() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertFalse(ws.close(WsCloseCode.OK, ""));
            assertFalse(ws.close(4000, "again"));
            assertEquals(WsMessage.close(WsCloseCode.OK, ""), next(seen.closes), "the first close is the one sent");
        }
    }

    @Test
    void aCloseCodeThatMayNotBeSentIsRefused() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            assertThrows(IllegalArgumentException.class, () -> ws.close(WsCloseCode.ABNORMAL_CLOSURE, ""));
            assertThrows(IllegalArgumentException.class, () -> ws.close(WsCloseCode.OK, "x".repeat(124)));
            assertFalse(ws.isClosed(), "nothing was sent");
        }
    }

    @Test
    void sendingAfterCloseFailsWithConnectionReset() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            ws.close();
            assertThrows(ConnectionResetException.class, () -> ws.sendStr("too late"));
            assertThrows(ConnectionResetException.class, () -> ws.sendBytes(new byte[1]));
            assertThrows(ConnectionResetException.class, () -> ws.ping(new byte[0]));
        }
    }

    @Test
    void aForEachLoopEndsAtTheServersClose() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            ws.sendStr("send 3");
            List<String> got = new ArrayList<>();
            for (WsMessage m : ws) {
                got.add(m.text());
            }
            assertEquals(List.of("1", "2", "3"), got);
            assertEquals(WsCloseCode.OK, closeCode(ws));
            assertTrue(ws.isClosed());
        }
    }

    @Test
    void tryWithResourcesClosesTheWebSocketWith1000() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse kept;
            try (ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
                kept = ws;
                ws.sendStr("x");
                ws.receiveStr();
            }
            assertTrue(kept.isClosed());
            assertEquals(WsMessage.close(WsCloseCode.OK, ""), next(seen.closes));
            assertTrue(kept.toString().contains("CLOSED"), kept.toString());
        }
    }

    // ---- the connection ---------------------------------------------------------------------------------

    @Test
    void closingFreesTheConnectionsSlotInTheSessionsPool() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withLimit(1)
                     .withTimeout(Duration.ofSeconds(30)))) {
            for (int i = 0; i < 3; i++) {
                ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
                assertTrue(session.toString().contains("open=1"), session.toString());
                ws.sendStr("n" + i);
                assertEquals("n" + i, ws.receiveStr());
                ws.close();
                assertTrue(session.toString().contains("open=0"), session.toString());
            }
        }
    }

    @Test
    void aServersCloseFreesTheConnectionsSlotToo() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withLimit(1)
                     .withTimeout(Duration.ofSeconds(30)))) {
            ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"));
            ws.sendStr("close 4000 server first");
            assertEquals(WsMsgType.CLOSE, ws.receive().type());
            assertTrue(session.toString().contains("open=0"), session.toString());
            try (ClientWebSocketResponse again = session.wsConnect(server.ws("/ws"))) {
                again.sendStr("again");
                assertEquals("again", again.receiveStr());
            }
        }
    }

    @Test
    void aClientPingIsAnsweredByTheServerAndThePongHidden() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"))) {
            ws.ping("are you there".getBytes());
            ws.sendStr("after the ping");
            assertEquals(WsMessage.text("after the ping"), ws.receive());
        }
    }

    @Test
    void withoutAutopingTheServersPongIsShown() throws Exception {
        Seen seen = new Seen();
        try (Server server = echoServer(seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.ws("/ws"),
                     WebSocketOptions.defaults().withAutoping(false))) {
            ws.ping("are you there".getBytes());
            assertEquals(WsMessage.pong("are you there".getBytes()), ws.receive());
        }
    }

    @Test
    void aPlainPageIsNotAWebSocket() throws Exception {
        try (Server server = new Server("/page", request -> Response.text("just a page"));
             ClientSession session = new ClientSession()) {
            WsServerHandshakeException e = assertThrows(WsServerHandshakeException.class,
                    () -> session.wsConnect(server.ws("/page")));
            assertEquals(200, e.status());
            assertEquals("Invalid response status", e.problem());
            WsServerHandshakeException missing = assertThrows(WsServerHandshakeException.class,
                    () -> session.wsConnect(server.ws("/missing")));
            assertEquals(404, missing.status());
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }
}
