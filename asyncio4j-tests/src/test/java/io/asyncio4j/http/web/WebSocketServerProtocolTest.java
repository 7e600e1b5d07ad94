package io.asyncio4j.http.web;

import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.http.web.WsPeer.Frame;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static io.asyncio4j.http.web.WsPeer.BINARY;
import static io.asyncio4j.http.web.WsPeer.CLOSE;
import static io.asyncio4j.http.web.WsPeer.CONTINUATION;
import static io.asyncio4j.http.web.WsPeer.FIN;
import static io.asyncio4j.http.web.WsPeer.PING;
import static io.asyncio4j.http.web.WsPeer.PONG;
import static io.asyncio4j.http.web.WsPeer.TEXT;
import static io.asyncio4j.http.web.WsPeer.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's WebSocket at the byte level, against {@link WsPeer}, a client that sends exactly
 * the frames a test builds: the opening handshake and its refusals, protocol violations (each an
 * ERROR message in the handler, a close frame with its code, the connection closed at once), the
 * close handshake from either side and its timeout, autoping/autoclose off, the receive timeout,
 * the heartbeat. On the virtual clock, which tells when things happen; the threshold gives the
 * peer's bytes time to arrive before the clock jumps to a pending timer (a close timeout, a
 * heartbeat).
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(100)
class WebSocketServerProtocolTest {

    /** What a {@link #recorder} handler saw. */
    static final class Seen {
        final Queue<WsMessage> messages = new Queue<>();
        final AtomicReference<WebSocketResponse> ws = new AtomicReference<>();
        final Event ended = new Event();
        /** Set by the test to let the handler go on after an ERROR message. */
        final Event afterError = new Event();

        WebSocketResponse ws() {
            return ws.get();
        }

        WsMessage next() {
            return messages.get();
        }
    }

    /**
     * A handler that records every message it receives (the loop's end and ERROR messages
     * included), echoes TEXT messages, and returns once receiving ends (CLOSE, CLOSING, CLOSED).
     */
    private static Handler recorder(WebSocketOptions options, Seen seen) {
        return r -> {
            WebSocketResponse ws = new WebSocketResponse(options);
            seen.ws.set(ws);
            ws.prepare(r);
            try {
                while (true) {
                    WsMessage m = ws.receive();
                    seen.messages.putNowait(m);
                    if (m.type() == WsMsgType.TEXT) {
                        ws.sendStr(m.text());
                    } else if (m.type() == WsMsgType.ERROR) {
                        seen.afterError.await(); // the connection must be closed without the handler's help
                    }
                    if (m.type().endsReceiving()) {
                        return ws;
                    }
                }
            } finally {
                seen.ended.set();
            }
        };
    }

    /**
     * Checks that the server closes the connection with nothing more sent, within 10 s of the
     * virtual clock: a server that keeps it open fails here rather than hanging the test.
     */
    private static void closedByServer(WsPeer p) {
        timeout(10, () -> {
            p.http.assertClosedByServer();
            return null;
        });
    }

    private static Served serve(WebSocketOptions options, Seen seen) throws Exception {
        return Served.routes(get("/ws", recorder(options, seen)));
    }

    private static Served serve(Seen seen) throws Exception {
        return serve(WebSocketOptions.defaults(), seen);
    }

    // ---- the opening handshake -----------------------------------------------------------------

    @Test
    void theHandshakeIsAnswered101WithUpgradeConnectionAndTheAcceptValueOfRfc6455() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws")) {
            Reply r = p.handshake;
            assertEquals("HTTP/1.1", r.version());
            assertEquals(101, r.status());
            assertEquals("Switching Protocols", r.reason());
            assertEquals("websocket", r.header("Upgrade"));
            assertEquals(List.of("upgrade"), r.headers("Connection"));
            assertEquals(WsPeer.ACCEPT, r.header("Sec-WebSocket-Accept"));
            assertNull(r.header("Sec-WebSocket-Protocol"), "no subprotocol asked for, none answered");
            assertNull(r.header("Content-Length"), "a 101 has no body");
            assertNull(r.header("Transfer-Encoding"));
        }
    }

    @Test
    void theHandlersOwnFieldsGoOutWithThe101() throws Exception {
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.headers().set("X-Room", "lobby");
            ws.prepare(r);
            ws.receive();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals("lobby", p.handshake.header("X-Room"));
            assertEquals(WsPeer.ACCEPT, p.handshake.header("Sec-WebSocket-Accept"));
        }
    }

    @Test
    void theChosenSubprotocolIsAnsweredInTheClientsOrder() throws Exception {
        Seen seen = new Seen();
        WebSocketOptions options = WebSocketOptions.defaults().withProtocols("chat.v2", "chat.v1");
        try (Served s = serve(options, seen);
             WsPeer p = WsPeer.open(s, "/ws", "Sec-WebSocket-Protocol: chat.v1, chat.v2\r\n")) {
            assertEquals("chat.v1", p.handshake.header("Sec-WebSocket-Protocol"));
            assertEquals("chat.v1", seen.ws().protocol());
        }
    }

    private static final String KEY = "Sec-WebSocket-Key: " + WsPeer.KEY + "\r\n";
    private static final String V13 = "Sec-WebSocket-Version: 13\r\n";
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n";

    /** Why, the method, the fields, aiohttp's text for the 400 (ours for POST, which aiohttp lets through). */
    static List<Arguments> refusedHandshakes() {
        return List.of(
                Arguments.of("no Upgrade field", "GET", "Connection: Upgrade\r\n" + V13 + KEY,
                        "No WebSocket UPGRADE hdr: None\n Can \"Upgrade\" only to \"WebSocket\"."),
                Arguments.of("an upgrade to h2c", "GET", "Upgrade: h2c\r\nConnection: Upgrade\r\n" + V13 + KEY,
                        "No WebSocket UPGRADE hdr: h2c\n Can \"Upgrade\" only to \"WebSocket\"."),
                Arguments.of("no Connection: upgrade", "GET", "Upgrade: websocket\r\nConnection: keep-alive\r\n" + V13 + KEY,
                        "No CONNECTION upgrade hdr: keep-alive"),
                Arguments.of("version 12", "GET", UPGRADE + "Sec-WebSocket-Version: 12\r\n" + KEY,
                        "Unsupported version: 12"),
                Arguments.of("no version", "GET", UPGRADE + KEY, "Unsupported version: "),
                Arguments.of("a key of 5 bytes", "GET", UPGRADE + V13 + "Sec-WebSocket-Key: c2hvcnQ=\r\n",
                        "Handshake error: 'c2hvcnQ='"),
                Arguments.of("a key not in base64", "GET", UPGRADE + V13 + "Sec-WebSocket-Key: !!!\r\n",
                        "Handshake error: '!!!'"),
                Arguments.of("no key", "GET", UPGRADE + V13, "Handshake error: None"),
                Arguments.of("POST", "POST", UPGRADE + V13 + KEY,
                        "WebSocket handshake: the method is POST; a WebSocket opens with GET"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHandshakes")
    void anInvalidHandshakeIsRefusedWith400AndAiohttpsText(String why, String method, String fields, String text)
            throws Exception {
        AtomicReference<WebSocketResponse.State> after = new AtomicReference<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            try {
                ws.prepare(r);
            } finally {
                after.set(ws.state());
            }
            return ws;
        };
        String head = method + " /ws HTTP/1.1\r\nHost: test\r\n" + fields
                + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + "\r\n";
        try (Served s = Served.routes(get("/ws", h), post("/ws", h)); RawHttp c = s.connect()) {
            Reply r = c.exchange(head);
            assertEquals(400, r.status(), why);
            assertEquals(text, r.text(), why);
            assertNull(r.header("Upgrade"));
            assertEquals(WebSocketResponse.State.NEW, after.get(), "still not prepared");
            assertEquals(404, c.exchange(RawHttp.get("/elsewhere")).status(),
                    "the connection goes on, as after any 400 a handler raises");
        }
    }

    @Test
    void canPrepareTellsWhetherAndWithWhichSubprotocolWithoutSendingAnything() throws Exception {
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse(WebSocketOptions.defaults().withProtocols("chat"));
            WebSocketReady ready = ws.canPrepare(r);
            return Response.text(ready.ok() + " " + ready.protocol() + " " + ws.state());
        };
        try (Served s = Served.routes(get("/ws", h)); RawHttp c = s.connect()) {
            assertEquals("true chat NEW", c.exchange(WsPeer.upgradeRequest("/ws",
                    "Sec-WebSocket-Protocol: other, chat\r\n")).text());
            assertEquals("true null NEW", c.exchange(WsPeer.upgradeRequest("/ws", "")).text());
            assertEquals("false null NEW", c.exchange(RawHttp.get("/ws")).text());
        }
    }

    // ---- messages ------------------------------------------------------------------------------

    @Test
    void framesFromTheServerAreUnmaskedFinalAndCarryTheMessage() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws")) {
            p.send(TEXT, utf8("hel")).send(CONTINUATION, utf8("lo ")).send(FIN | CONTINUATION, utf8("✓"));
            assertEquals(WsMessage.text("hello ✓"), seen.next());
            Frame f = p.read();
            assertEquals(FIN | TEXT, f.first(), "one final text frame, no reserved bits");
            assertEquals("hello ✓", f.text());
        }
    }

    @Test
    void aPingIsAnsweredWithAPongOfTheSamePayloadBeforeTheNextMessage() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws")) {
            p.send(FIN | PING, utf8("beat 1")).sendText("after");
            Frame pong = p.read();
            assertEquals(FIN | PONG, pong.first());
            assertEquals("beat 1", pong.text());
            assertEquals("after", p.read().text());
            assertEquals(WsMessage.text("after"), seen.next(), "the ping is not the handler's");
        }
    }

    @Test
    void aPingBetweenTheFragmentsOfAMessageIsAnsweredAndTheMessageStaysWhole() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws")) {
            p.send(TEXT, utf8("frag")).send(FIN | PING, utf8("mid")).send(FIN | CONTINUATION, utf8("mented"));
            assertEquals("mid", p.read().text());
            assertEquals(WsMessage.text("fragmented"), seen.next());
        }
    }

    @Test
    void withAutopingOffPingsAndPongsReachTheHandlerAndNoPongIsSent() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withAutoping(false), seen); WsPeer p = WsPeer.open(s, "/ws")) {
            p.send(FIN | PING, utf8("p1")).send(FIN | PONG, utf8("p2")).sendText("t");
            assertEquals(WsMessage.ping(utf8("p1")), seen.next());
            assertEquals(WsMessage.pong(utf8("p2")), seen.next());
            assertEquals(WsMessage.text("t"), seen.next());
            assertEquals(FIN | TEXT, p.read().first(), "the echo comes first: no pong was sent");
        }
    }

    // ---- protocol violations -------------------------------------------------------------------

    /**
     * Sends {@code bytes} (a violation) to a recorder; checks the handler gets an ERROR message
     * with a WebSocketException of {@code code}, the peer a close frame with it and then EOF,
     * and the handler CLOSED next.
     */
    private static void violationClosesWith(WebSocketOptions options, int code, byte[]... frames) throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(options, seen); WsPeer p = WsPeer.open(s, "/ws")) {
            for (byte[] f : frames) {
                p.http.send(f);
            }
            WsMessage m = seen.next();
            assertEquals(WsMsgType.ERROR, m.type(), m.toString());
            WebSocketException e = assertInstanceOf(WebSocketException.class, m.exception());
            assertEquals(code, e.code());
            Frame close = p.read();
            assertEquals(CLOSE, close.opcode(), close.toString());
            assertEquals(code, close.closeCode());
            closedByServer(p); // at once: the handler is still holding its ERROR message
            seen.afterError.set();
            assertEquals(WsMessage.CLOSED, seen.next(), "the next receive() after the ERROR");
            WebSocketResponse ws = seen.ws();
            assertTrue(ws.isClosed());
            // aiohttp 3.8.4 sends the code but ends with close_code 1006 (its close() reads the
            // failed reader again): "ERROR ... closed=True code=1006 exc=WebSocketError(1002, ...)",
            // and the peer got b'\x88\x02\x03\xea'
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode());
            assertSame(e, ws.exception());
        }
    }

    private static void violationClosesWith(int code, byte[]... frames) throws Exception {
        violationClosesWith(WebSocketOptions.defaults(), code, frames);
    }

    @Test
    void anUnmaskedFrameFromTheClientClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | TEXT, utf8("bare"), false));
    }

    @Test
    void aReservedBitSetClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | 0x40 | TEXT, utf8("rsv1"), true));
    }

    @Test
    void anUnknownOpcodeClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | 0x3, utf8("?"), true));
    }

    @Test
    void aMessageOverMaxMessageSizeClosesWith1009() throws Exception {
        violationClosesWith(WebSocketOptions.defaults().withMaxMessageSize(16), WsCloseCode.MESSAGE_TOO_BIG,
                WsPeer.frame(FIN | BINARY, new byte[17], true));
    }

    @Test
    void aFragmentedMessageGrowingOverMaxMessageSizeClosesWith1009() throws Exception {
        violationClosesWith(WebSocketOptions.defaults().withMaxMessageSize(16), WsCloseCode.MESSAGE_TOO_BIG,
                WsPeer.frame(TEXT, utf8("0123456789"), true), WsPeer.frame(FIN | CONTINUATION, utf8("0123456"), true));
    }

    @Test
    void aMessageOfExactlyMaxMessageSizeIsTaken() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withMaxMessageSize(16), seen); WsPeer p = WsPeer.open(s, "/ws")) {
            p.send(FIN | BINARY, new byte[16]);
            assertArrayEquals(new byte[16], seen.next().bytes());
        }
    }

    @Test
    void invalidUtf8InATextMessageClosesWith1007() throws Exception {
        violationClosesWith(WsCloseCode.INVALID_TEXT, WsPeer.frame(FIN | TEXT, new byte[] {'a', (byte) 0xc3, '('}, true));
    }

    @Test
    void aControlFrameOver125BytesClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | PING, new byte[126], true));
    }

    @Test
    void aFragmentedControlFrameClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(PING, utf8("part"), true));
    }

    @Test
    void aContinuationWithNoMessageToContinueClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | CONTINUATION, utf8("orphan"), true));
    }

    @Test
    void aNewMessageBeforeTheLastFragmentClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(TEXT, utf8("first"), true),
                WsPeer.frame(FIN | TEXT, utf8("second"), true));
    }

    @Test
    void aCloseCodeThatMayNotBeSentClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | CLOSE, WsPeer.closePayload(1005, ""), true));
    }

    @Test
    void aCloseCodeOutOfRangeClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | CLOSE, WsPeer.closePayload(999, ""), true));
    }

    // Close codes side by side with aiohttp 3.8.4 (a handler looping on receive(), a raw socket
    // client sending one masked close frame, then reading until the server closes):
    //   999 "x", 1004, 1005, 1016, 2999, a 1-byte payload   -> server's close frame 1002, closed
    //   1000 + bad UTF-8 reason (ff fe)                      -> 1007, closed
    //   3000, 4000 "bye", 1000 "bye", empty                  -> 1000, closed
    //   1006, 5000                                           -> aiohttp 1000 (it takes any member
    //     of its WSCloseCode enum and anything from 3000 up); here 1002, as RFC 6455 7.4 says
    //     (1006 may not be sent; 5000 and up are undefined) and the Autobahn suite checks
    // After a protocol error aiohttp's ws.close_code is 1006 (its close() re-reads the failed
    // reader); here it is the code sent, 1002 or 1007.

    @Test
    void aCloseReasonThatIsNotUtf8ClosesWith1007() throws Exception {
        byte[] payload = {0x03, (byte) 0xe8, (byte) 0xff, (byte) 0xfe}; // 1000, then ff fe
        violationClosesWith(WsCloseCode.INVALID_TEXT, WsPeer.frame(FIN | CLOSE, payload, true));
    }

    @Test
    void closeCodesTheRfcReservesOrLeavesUndefinedCloseWith1002() throws Exception {
        for (int code : new int[] {1004, 1016, 2999, 1006, 5000}) {
            violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | CLOSE, WsPeer.closePayload(code, ""), true));
        }
    }

    @Test
    void aOneBytePayloadInACloseFrameClosesWith1002() throws Exception {
        violationClosesWith(WsCloseCode.PROTOCOL_ERROR, WsPeer.frame(FIN | CLOSE, new byte[] {0x03}, true));
    }

    @Test
    void theServerClosesWithTheCodeAndReasonItGives() throws Exception {
        // aiohttp 3.8.4, await ws.close(code=code, message=b"bye"): the client reads a close frame
        // with that code and "bye" for 1000, 1001 and 4000, and the server closes after the answer
        for (int code : new int[] {1000, 1001, 4000}) {
            Handler h = r -> {
                WebSocketResponse ws = new WebSocketResponse();
                ws.prepare(r);
                ws.close(code, "bye");
                return ws;
            };
            try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
                Frame f = p.read();
                assertEquals(code, f.closeCode());
                assertEquals("bye", f.closeReason());
                p.sendClose(code, "");
                p.http.assertClosedByServer();
            }
        }
    }

    @Test
    void theErrorMessageEndsAForEachLoopOnTheNextReceive() throws Exception {
        List<WsMessage> looped = new ArrayList<>();
        Event done = new Event();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            for (WsMessage m : ws) {
                looped.add(m);
            }
            done.set();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            p.sendText("fine");
            p.http.send(WsPeer.frame(FIN | TEXT, utf8("bare"), false));
            p.expectCloseThenEof(WsCloseCode.PROTOCOL_ERROR);
            done.await();
            assertEquals(2, looped.size(), looped.toString());
            assertEquals(WsMessage.text("fine"), looped.get(0));
            assertEquals(WsMsgType.ERROR, looped.get(1).type());
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    @Test
    void aClientCloseIsAnsweredWith1000AndTheConnectionClosed() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws")) {
            p.sendClose(4000, "bye now");
            assertEquals(WsMessage.close(4000, "bye now"), seen.next());
            Frame f = p.expectCloseThenEof(WsCloseCode.OK);
            assertEquals("", f.closeReason());
            assertTrue(seen.ws().isClosed());
            assertEquals(4000, seen.ws().closeCode());
            assertNull(seen.ws().exception());
        }
    }

    @Test
    void anEmptyCloseFrameIsACloseMessageWith1005() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws")) {
            p.send(FIN | CLOSE, new byte[0]);
            assertEquals(WsMessage.close(WsCloseCode.NO_STATUS_RECEIVED, ""), seen.next());
            p.expectCloseThenEof(WsCloseCode.OK);
            assertEquals(1005, seen.ws().closeCode());
        }
    }

    @Test
    void aServerCloseWaitsForTheClientsCloseFrameAndTakesItsCode() throws Exception {
        AtomicReference<Boolean> closed = new AtomicReference<>();
        Seen seen = new Seen();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            seen.ws.set(ws);
            ws.prepare(r);
            closed.set(ws.close(4100, "over"));
            seen.ended.set();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            Frame f = p.read();
            assertEquals(FIN | CLOSE, f.first());
            assertEquals(4100, f.closeCode());
            assertEquals("over", f.closeReason());
            assertTrue(seen.ws().isClosed(), "closed as soon as its close frame went out");
            assertFalse(seen.ended.isSet(), "close() waits for the client's close frame");
            p.sendText("dropped").sendClose(4200, "ok");
            seen.ended.await();
            p.http.assertClosedByServer();
            assertTrue(closed.get());
            assertEquals(4200, seen.ws().closeCode(), "the client's code");
            assertNull(seen.ws().exception());
        }
    }

    @Test
    void closeWhileAnotherTaskReceivesLetsThatTaskReceiveUntilThePeersClose() throws Exception {
        Seen seen = new Seen();
        AtomicReference<Boolean> closed = new AtomicReference<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            seen.ws.set(ws);
            ws.prepare(r);
            Task<Void> receiver = createTask(() -> {
                WsMessage m;
                do {
                    m = ws.receive();
                    seen.messages.putNowait(m);
                } while (!m.type().endsReceiving());
                return null;
            });
            sleep(0); // the receiver is inside receive()
            closed.set(ws.close(1000, ""));
            receiver.await();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.sendText("late").sendClose(1000, "ok");
            assertEquals(WsMessage.text("late"), seen.next(), "what the peer sent before its close frame");
            assertEquals(WsMessage.close(1000, "ok"), seen.next());
            p.http.assertClosedByServer();
            s.awaitNoConnections();
            assertTrue(closed.get());
            assertEquals(1000, seen.ws().closeCode());
        }
    }

    @Test
    void closeReadsThePeersCloseFrameItselfWhenTheReceivingTaskStopsReceiving(VirtualClock clock) throws Exception {
        List<Object> log = new ArrayList<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            Task<WsMessage> once = createTask(() -> ws.receive()); // receives one message, then ends
            sleep(0);
            double begun = clock.seconds();
            log.add(ws.close(1000, ""));
            log.add(clock.seconds() - begun);
            log.add(once.await());
            log.add(ws.closeCode());
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.sendText("only this").sendClose(4500, "");
            p.http.assertClosedByServer();
            s.awaitNoConnections();
            assertEquals(List.of(true, 0.0, WsMessage.text("only this"), 4500), log,
                    "close() took the close frame at once, not at its timeout");
        }
    }

    @Test
    void withAutocloseOffTheHandlerSeesTheCloseAndAnswersItWithClose() throws Exception {
        List<Object> log = new ArrayList<>();
        Event proceed = new Event();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse(WebSocketOptions.defaults().withAutoclose(false));
            ws.prepare(r);
            WsMessage m = ws.receive();
            log.add(m);
            log.add(ws.isClosed());
            log.add(ws.receive()); // the peer closed; we have not answered
            proceed.await();
            log.add(ws.close(4300, "answered"));
            log.add(ws.isClosed());
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            p.sendClose(4001, "going");
            while (log.size() < 3) {
                sleep(0);
            }
            assertEquals(List.of(WsMessage.close(4001, "going"), false, WsMessage.CLOSING), log);
            proceed.set();
            Frame f = p.expectCloseThenEof(4300);
            assertEquals("answered", f.closeReason());
            s.awaitNoConnections();
            assertEquals(List.of(WsMessage.close(4001, "going"), false, WsMessage.CLOSING, true, true), log);
        }
    }

    @Test
    void closeTimesOutWhenThePeerNeverAnswersAndLeaves1006AndATimeout(VirtualClock clock) throws Exception {
        List<Object> log = new ArrayList<>();
        Event peerSawEof = new Event();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse(WebSocketOptions.defaults()
                    .withCloseTimeout(Duration.ofSeconds(3)));
            ws.prepare(r);
            double begun = clock.seconds();
            log.add(ws.close(1000, ""));
            log.add(clock.seconds() - begun);
            log.add(ws.closeCode());
            log.add(ws.exception());
            peerSawEof.await();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            closedByServer(p); // never answered; closed by close() itself, the handler still running
            peerSawEof.set();
            s.awaitNoConnections();
            assertEquals(true, log.get(0));
            assertEquals(3.0, (double) log.get(1), 0.01, "closeTimeout on the virtual clock");
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, log.get(2));
            assertInstanceOf(TimeoutException.class, log.get(3));
        }
    }

    @Test
    void aHandlerReturningWithTheWebSocketOpenClosesItWith1000ThenTheConnection() throws Exception {
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            ws.sendStr("bye");
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals("bye", p.read().text());
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
        }
    }

    @Test
    void aHandlerFailingWithTheWebSocketOpenClosesItWith1011() throws Exception {
        List<?> errors = Served.captureErrors(io.asyncio4j.Asyncio.getRunningLoop());
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            throw new IllegalStateException("handler bug");
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals(WsCloseCode.INTERNAL_ERROR, p.read().closeCode());
            p.sendClose(1011, "");
            p.http.assertClosedByServer();
            assertEquals(1, errors.size());
        }
    }

    @Test
    void thePeerVanishingWithoutACloseFrameIsAClosedMessageWith1006() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen)) {
            WsPeer p = WsPeer.open(s, "/ws");
            p.sendText("last words");
            assertEquals("last words", p.read().text());
            p.close(); // TCP close, no close frame
            assertEquals(WsMessage.text("last words"), seen.next());
            assertEquals(WsMessage.CLOSED, seen.next());
            assertTrue(seen.ws().isClosed());
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, seen.ws().closeCode());
            s.awaitNoConnections();
        }
    }

    @Test
    void thePeerVanishingLeavesAConnectionResetAsTheException() throws Exception {
        // aiohttp 3.8.4 (the client's TCP closed after the handshake): "/vanish srv recv 0 257
        // closed=True code=1006 exc=ConnectionResetError('Cannot write to closing transport')"
        Seen seen = new Seen();
        try (Served s = serve(seen)) {
            WsPeer p = WsPeer.open(s, "/ws");
            p.close();
            assertEquals(WsMessage.CLOSED, seen.next());
            var e = assertInstanceOf(io.asyncio4j.streams.ConnectionResetException.class, seen.ws().exception());
            assertTrue(e.getMessage().startsWith("Cannot write to closing transport"), e.getMessage());
            s.awaitNoConnections();
        }
    }

    // ---- timeouts and the heartbeat ------------------------------------------------------------

    @Test
    void receiveTimesOutAfterTheReceiveTimeoutAndTheWebSocketStaysUsable(VirtualClock clock) throws Exception {
        List<Object> log = new ArrayList<>();
        Event timedOut = new Event();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse(WebSocketOptions.defaults()
                    .withReceiveTimeout(Duration.ofSeconds(5)));
            ws.prepare(r);
            double begun = clock.seconds();
            try {
                ws.receive();
            } catch (TimeoutException e) {
                log.add(clock.seconds() - begun);
                log.add(ws.isClosed());
            }
            timedOut.set();
            log.add(ws.receive());
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            timedOut.await();
            p.sendText("later");
            assertEquals(WsCloseCode.OK, p.read().closeCode(), "the handler returned; its WebSocket is closed for it");
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
            assertEquals(5.0, (double) log.get(0), 0.01);
            assertEquals(List.of(false, WsMessage.text("later")), log.subList(1, 3));
        }
    }

    @Test
    void receiveWithATimeoutOverridesTheOptions(VirtualClock clock) throws Exception {
        List<Double> waited = new ArrayList<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse(WebSocketOptions.defaults()
                    .withReceiveTimeout(Duration.ofSeconds(5)));
            ws.prepare(r);
            double begun = clock.seconds();
            assertThrows(TimeoutException.class, () -> ws.receive(Duration.ofSeconds(2)));
            waited.add(clock.seconds() - begun);
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
            assertEquals(List.of(2.0), waited);
        }
    }

    @Test
    void aMessageSplitAcrossAReceiveTimeoutIsReceivedWholeAfterwards() throws Exception {
        Event timedOut = new Event();
        List<Object> log = new ArrayList<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            try {
                ws.receive(Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                log.add("timed out");
            }
            timedOut.set();
            log.add(ws.receive());
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            byte[] f = WsPeer.frame(FIN | TEXT, utf8("slow message"), true);
            p.http.send(java.util.Arrays.copyOfRange(f, 0, 4)); // the head and part of the mask
            timedOut.await();
            p.http.send(java.util.Arrays.copyOfRange(f, 4, f.length));
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
            assertEquals(List.of("timed out", WsMessage.text("slow message")), log);
        }
    }

    @Test
    void aPeerThatNeverAnswersTheHeartbeatsPingIsClosedAndTheWaitingReceiveGetsClosedWith1000(VirtualClock clock) throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withHeartbeat(Duration.ofSeconds(10)), seen);
             WsPeer p = WsPeer.open(s, "/ws")) {
            double opened = clock.seconds();
            Frame ping = p.read();
            assertEquals(FIN | PING, ping.first());
            assertEquals(10, clock.seconds() - opened, 0.01, "a ping after the heartbeat interval of silence");
            p.http.assertClosedByServer(); // no close frame: the peer is presumed gone
            assertEquals(15, clock.seconds() - opened, 0.01, "closed half an interval later");
            assertEquals(WsMessage.CLOSED, seen.next());
            // aiohttp 3.8.4 (heartbeat=0.4, a peer that never pongs; the handler inside receive()):
            // "srv recv 0 257 None None closed=True code=1000 exc=TimeoutError()"
            assertEquals(WsCloseCode.OK, seen.ws().closeCode());
            assertInstanceOf(TimeoutException.class, seen.ws().exception());
        }
    }

    @Test
    void aPeerThatAnswersTheHeartbeatsPingsStaysConnected(VirtualClock clock) throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withHeartbeat(Duration.ofSeconds(10)), seen);
             WsPeer p = WsPeer.open(s, "/ws")) {
            double opened = clock.seconds();
            for (int i = 1; i <= 3; i++) {
                Frame ping = p.read();
                assertEquals(FIN | PING, ping.first());
                assertEquals(10 * i, clock.seconds() - opened, 0.01, "ping " + i);
                p.send(FIN | PONG, ping.payload());
            }
            p.sendText("still here");
            assertEquals("still here", p.read().text());
            assertEquals(WsMessage.text("still here"), seen.next());
            assertFalse(seen.ws().isClosed());
        }
    }

    @Test
    void messagesFromThePeerPutOffTheHeartbeatsPing(VirtualClock clock) throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withHeartbeat(Duration.ofSeconds(10)), seen);
             WsPeer p = WsPeer.open(s, "/ws")) {
            double opened = clock.seconds();
            sleep(8);
            p.sendText("talking");
            assertEquals("talking", p.read().text());
            Frame ping = p.read();
            assertEquals(FIN | PING, ping.first());
            assertEquals(18, clock.seconds() - opened, 0.01, "ten seconds after the last message");
            p.send(FIN | PONG, ping.payload());
        }
    }

    // ---- misuse --------------------------------------------------------------------------------

    @Test
    void preparingASecondTimeDoesNothing() throws Exception {
        // aiohttp 3.8.4 (a handler: w1 = await ws.prepare(request); w2 = await ws.prepare(request);
        // await ws.send_str(f"same={w1 is w2}"); await ws.close()), its client receives
        //   twice: 1 same=True
        //   twice: 8 1000  1000
        // (web_ws.py: "if self._payload_writer is not None: return self._payload_writer")
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            ws.prepare(r);
            ws.sendStr("state=" + ws.state());
            ws.close();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            Frame f = p.read();
            assertEquals(WsPeer.TEXT, f.opcode());
            assertEquals("state=OPEN", f.text());
            assertEquals(1000, p.read().closeCode());
        }
    }

    @Test
    void receivingAfterClosedWasReturnedFourTimesIsRefusedAsAiohttpsServer() throws Exception {
        List<Object> log = new ArrayList<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            log.add(ws.receive().type()); // CLOSE
            try {
                for (int i = 0; i < 10; i++) {
                    log.add(ws.receive().type());
                }
            } catch (IllegalStateException e) {
                log.add(e.getMessage());
            }
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            p.sendClose(1000, "");
            p.expectCloseThenEof(1000);
            s.awaitNoConnections();
            // aiohttp 3.8.4's server (_conn_lost >= THRESHOLD_CONNLOST_ACCESS): "srv recv 0..3 257",
            // "srv recv 4 RuntimeError WebSocket connection is closed."
            assertEquals(List.of(WsMsgType.CLOSE, WsMsgType.CLOSED, WsMsgType.CLOSED, WsMsgType.CLOSED,
                    WsMsgType.CLOSED), log.subList(0, 5));
            assertEquals(6, log.size(), log.toString());
            assertTrue(((String) log.get(5)).startsWith("WebSocket.receive(): the WebSocket is closed and CLOSED "
                    + "was already returned 4 times"), (String) log.get(5));
        }
    }

    @Test
    void aSecondTaskReceivingAtTheSameTimeIsRefused() throws Exception {
        List<Object> log = new ArrayList<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            Task<WsMessage> first = createTask(() -> ws.receive());
            sleep(0); // inside receive()
            IllegalStateException e = assertThrows(IllegalStateException.class, ws::receive);
            log.add(e.getMessage().startsWith("WebSocket.receive(): another task is already receiving"));
            log.add(first.await());
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            p.sendText("for the first");
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
            assertEquals(List.of(true, WsMessage.text("for the first")), log);
        }
    }

    @Test
    void sendingAfterCloseIsAConnectionReset() throws Exception {
        List<Object> log = new ArrayList<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            ws.close();
            log.add(assertThrows(ConnectionResetException.class, () -> ws.sendStr("too late")).getMessage());
            assertThrows(ConnectionResetException.class, () -> ws.sendBytes(new byte[1]));
            assertThrows(ConnectionResetException.class, () -> ws.ping(new byte[0]));
            log.add(ws.close(1000, "again"));
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
            s.awaitNoConnections();
            assertEquals(2, log.size(), log.toString());
            assertTrue(((String) log.get(0)).startsWith("WebSocket.sendStr(): the WebSocket is CLOSED"), log.toString());
            assertEquals(false, log.get(1), "a second close() does nothing");
        }
    }

    @Test
    void sendingWhileTheCloseHandshakeIsUnderWayIsAConnectionReset() throws Exception {
        List<Object> log = new ArrayList<>();
        Event closing = new Event();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            Task<Boolean> closer = createTask(() -> ws.close(1000, ""));
            sleep(0); // its close frame is out; it waits for the peer's
            log.add(ws.isClosed());
            log.add(assertThrows(ConnectionResetException.class, () -> ws.sendStr("x")).getMessage());
            closing.set();
            closer.await();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws")) {
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            closing.await();
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
            assertEquals(true, log.get(0));
            assertTrue(((String) log.get(1)).startsWith("WebSocket.sendStr(): the WebSocket is CLOSE_SENT"),
                    log.toString());
        }
    }

    @Test
    void messagingBeforePrepareIsRefused() throws Exception {
        WebSocketResponse ws = new WebSocketResponse();
        assertEquals("WebSocketResponse.receive(): call prepare(request) first",
                assertThrows(IllegalStateException.class, ws::receive).getMessage());
        assertThrows(IllegalStateException.class, () -> ws.sendStr("x"));
        assertFalse(ws.isClosed());
        assertNull(ws.closeCode());
        assertEquals(WebSocketResponse.State.NEW, ws.state());
    }

    // ---- shutdown ------------------------------------------------------------------------------

    @Test
    void anOnShutdownHookClosingOpenWebSocketsWithGoingAwayEndsThemAtOnce(VirtualClock clock) throws Exception {
        Seen seen = new Seen();
        Application app = new Application().addRoutes(get("/ws", recorder(WebSocketOptions.defaults(), seen)));
        app.onShutdown().add(a -> seen.ws().close(WsCloseCode.GOING_AWAY, "server shutdown"));
        Served s = Served.start(app);
        WsPeer p = WsPeer.open(s, "/ws");
        Task<Void> peer = createTask(() -> {
            Frame f = p.read();
            assertEquals(WsCloseCode.GOING_AWAY, f.closeCode());
            assertEquals("server shutdown", f.closeReason());
            p.sendClose(1000, "");
            p.http.assertClosedByServer();
            return null;
        });
        double begun = clock.seconds();
        s.close();
        peer.await();
        assertEquals(0, clock.seconds() - begun, 0.01, "no wait for the shutdown timeout");
        assertEquals(WsMessage.close(1000, ""), seen.next(), "the receiving handler got the peer's answer");
        assertEquals(1000, seen.ws().closeCode());
        p.close();
    }

    @Test
    void anOpenWebSocketLeftByTheApplicationEndsAtTheShutdownTimeout(VirtualClock clock) throws Exception {
        Seen seen = new Seen();
        Served s = Served.start(new Application().addRoutes(get("/ws", recorder(WebSocketOptions.defaults(), seen))),
                Duration.ofSeconds(5));
        WsPeer p = WsPeer.open(s, "/ws");
        double begun = clock.seconds();
        s.close();
        assertEquals(5, clock.seconds() - begun, 0.01, "cleanup waited for the handler, then cancelled it");
        assertTrue(seen.ended.isSet());
        p.http.assertClosedByServer();
        assertEquals(0, s.runner.connectionCount());
        p.close();
    }
}
