package io.asyncio4j.http.client;

import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.http.client.WsWire.BINARY;
import static io.asyncio4j.http.client.WsWire.CLOSE;
import static io.asyncio4j.http.client.WsWire.CONTINUATION;
import static io.asyncio4j.http.client.WsWire.FIN;
import static io.asyncio4j.http.client.WsWire.PING;
import static io.asyncio4j.http.client.WsWire.PONG;
import static io.asyncio4j.http.client.WsWire.TEXT;
import static io.asyncio4j.http.client.WsWire.concat;
import static io.asyncio4j.http.client.WsWire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's side of the WebSocket protocol (RFC 6455 sections 5-7) against a raw server that
 * writes every frame byte by byte and reads what the client sends: masking, protocol errors and
 * the close codes they bring, fragments, pings, a lost connection, and the timers (close
 * timeout, heartbeat, receive timeout) on the virtual clock. The autojump threshold lets the
 * loopback bytes arrive before a pending timer is jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientWebSocketProtocolTest {
    private static final WebSocketOptions DEFAULTS = WebSocketOptions.defaults();

    /** What the raw server's script does after the handshake. */
    private interface Script {
        void run(TestServer.Conn conn) throws Exception;
    }

    /** A server that completes the handshake, then runs {@code script}. */
    private static TestServer server(Script script) throws Exception {
        return TestServer.start(conn -> {
            WsWire.handshake(conn);
            script.run(conn);
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The next item the server's script recorded; 10 s (virtual, so 50 ms of real idleness) at
     * most, so that a client that never sends what is expected fails the test instead of hanging it.
     */
    private static <T> T next(Queue<T> q) {
        return timeout(10, q::get);
    }

    /** The server sends {@code bytes}, then reads what the client answers, up to its close frame, into {@code seen}. */
    private static TestServer sendingThenRecording(byte[] bytes, Queue<WsWire.Frame> seen) throws Exception {
        return server(conn -> {
            conn.send(bytes);
            while (true) {
                WsWire.Frame f;
                try {
                    f = WsWire.read(conn.reader);
                } catch (java.io.IOException e) {
                    return; // the client closed the connection
                }
                seen.put(f);
                if (f.opcode() == CLOSE) {
                    conn.awaitClientClose(); // a failing client closes at once, without waiting for an answer
                    return;
                }
            }
        });
    }

    /** Receives one message and checks it is an ERROR with {@code code}, answered by a close frame with that code. */
    private static void assertFailsWith(int code, byte[] serverBytes, WebSocketOptions options) throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = sendingThenRecording(serverBytes, seen); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), options)) {
            WsMessage m = ws.receive();
            assertEquals(WsMsgType.ERROR, m.type(), m.toString());
            WebSocketException e = assertInstanceOf(WebSocketException.class, m.exception());
            assertEquals(code, e.code());
            WsWire.Frame close = next(seen);
            assertEquals(CLOSE, close.opcode(), "the client's close frame");
            assertEquals(code, close.closeCode());
            // aiohttp 3.8.4: "ERROR WebSocketError(1002, 'Unexpected opcode=3') closed=True code=1006"
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode());
            assertTrue(ws.isClosed());
            assertSame(e, ws.exception());
            assertEquals(WsMsgType.CLOSED, ws.receive().type(), "closed at once: nothing more is read");
            assertTrue(session.toString().contains("open=0"), "the connection is closed: " + session);
        }
    }

    // ---- masking ---------------------------------------------------------------------------------

    @Test
    void theClientsFramesAreMaskedEachWithAFreshKey() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            for (int i = 0; i < 3; i++) {
                seen.put(WsWire.read(conn.reader));
            }
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            ws.sendStr("hello, server");
            ws.sendStr("hello, server");
            ws.sendBytes(new byte[300]);
            WsWire.Frame a = next(seen);
            WsWire.Frame b = next(seen);
            WsWire.Frame c = next(seen);
            for (WsWire.Frame f : List.of(a, b, c)) {
                assertTrue(f.masked(), "RFC 6455 section 5.1: a client masks every frame");
                assertTrue(f.fin());
            }
            assertEquals(TEXT, a.opcode());
            assertEquals("hello, server", a.text());
            assertEquals("hello, server", b.text());
            assertNotEquals(a.maskKey(), b.maskKey(), "a fresh mask per frame");
            assertFalse(java.util.Arrays.equals(a.wirePayload(), b.wirePayload()));
            assertEquals(BINARY, c.opcode());
            assertArrayEquals(new byte[300], c.payload(), "a 16-bit length, unmasked right");
        }
    }

    @Test
    void theClientsCloseFrameIsMaskedAndCarriesItsCodeAndReason() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> seen.put(WsWire.untilCloseAnswered(conn).getLast()));
             ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.url("/"));
            assertTrue(ws.close(4001, "d\u00e9j\u00e0 vu"));
            WsWire.Frame close = next(seen);
            assertTrue(close.masked());
            assertEquals(4001, close.closeCode());
            assertEquals("d\u00e9j\u00e0 vu", close.closeReason());
            assertEquals(4001, ws.closeCode(), "the server echoed the code");
        }
    }

    // ---- protocol errors ---------------------------------------------------------------------------

    @Test
    void aMaskedFrameFromTheServerIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR, WsWire.maskedFrame(FIN | TEXT, utf8("hi"), 0x12345678), DEFAULTS);
    }

    @Test
    void aReservedOpcodeIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR, frame(FIN | 0x3, utf8("?")), DEFAULTS);
    }

    @Test
    void aReservedBitWithNoExtensionIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR, frame(FIN | 0x40 | TEXT, utf8("compressed?")), DEFAULTS);
    }

    @Test
    void aContinuationWithNoMessageToContinueIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR, frame(FIN | CONTINUATION, utf8("orphan")), DEFAULTS);
    }

    @Test
    void aNewMessageBeforeTheLastFragmentIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR,
                concat(frame(TEXT, utf8("one")), frame(FIN | TEXT, utf8("two"))), DEFAULTS);
    }

    @Test
    void aPingLongerThan125BytesIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR, frame(FIN | PING, new byte[126]), DEFAULTS);
    }

    @Test
    void aFragmentedPingIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR, frame(PING, utf8("half")), DEFAULTS);
    }

    @Test
    void aCloseFrameWithACodeThatMayNotBeSentIsAProtocolError() throws Exception {
        assertFailsWith(WsCloseCode.PROTOCOL_ERROR, WsWire.close(1006, ""), DEFAULTS);
    }

    @Test
    void aMessageOverMaxMessageSizeIsTooBig() throws Exception {
        assertFailsWith(WsCloseCode.MESSAGE_TOO_BIG, WsWire.text("0123456789A"), DEFAULTS.withMaxMessageSize(10));
    }

    @Test
    void fragmentsAddingUpOverMaxMessageSizeAreTooBig() throws Exception {
        assertFailsWith(WsCloseCode.MESSAGE_TOO_BIG,
                concat(frame(BINARY, new byte[6]), frame(FIN | CONTINUATION, new byte[6])),
                DEFAULTS.withMaxMessageSize(10));
    }

    @Test
    void textThatIsNotUtf8IsInvalidText() throws Exception {
        assertFailsWith(WsCloseCode.INVALID_TEXT, frame(FIN | TEXT, new byte[] {'a', (byte) 0xC3, 0x28}), DEFAULTS);
    }

    @Test
    void aProtocolErrorWhileAnotherTaskClosesEndsTheCloseAtOnce(VirtualClock clock) throws Exception {
        try (TestServer server = server(conn -> {
            assertEquals(CLOSE, WsWire.read(conn.reader).opcode());
            conn.send(WsWire.maskedFrame(FIN | TEXT, utf8("masked"), 0x01020304)); // instead of a close frame
            conn.awaitClientClose();
        }); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.url("/"));
            Task<WsMessage> receiver = createTask(() -> ws.receive());
            sleep(0); // the receiver is inside receive()
            double start = clock.seconds();
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertEquals(0, clock.seconds() - start, 0.5, "no close timeout waited for");
            WsMessage m = receiver.await();
            assertEquals(WsMsgType.ERROR, m.type());
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode(), "as aiohttp 3.8.4's after a protocol error");
            assertSame(m.exception(), ws.exception());
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }

    // ---- messages ----------------------------------------------------------------------------------

    @Test
    void aMessageOfExactlyMaxMessageSizeIsReceived() throws Exception {
        try (TestServer server = server(conn -> {
            conn.send(WsWire.text("0123456789"));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), DEFAULTS.withMaxMessageSize(10))) {
            assertEquals("0123456789", ws.receiveStr());
        }
    }

    @Test
    void aFragmentedMessageIsJoinedEvenWithAPingBetweenItsFragments() throws Exception {
        byte[] word = utf8("w\u00f6rld"); // the two bytes of the o-umlaut go in different fragments
        try (TestServer server = server(conn -> {
            conn.send(concat(frame(TEXT, utf8("hello ")),
                    frame(CONTINUATION, java.util.Arrays.copyOf(word, 2)),
                    WsWire.ping("between"),
                    frame(FIN | CONTINUATION, java.util.Arrays.copyOfRange(word, 2, word.length)),
                    WsWire.binary(new byte[] {1, 2})));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            assertEquals(WsMessage.text("hello w\u00f6rld"), ws.receive());
            assertEquals(WsMessage.binary(new byte[] {1, 2}), ws.receive(), "the next message starts afresh");
        }
    }

    @Test
    void anEmptyCloseFrameIsACloseWith1005() throws Exception {
        try (TestServer server = server(conn -> {
            conn.send(frame(FIN | CLOSE, new byte[0]));
            WsWire.read(conn.reader); // the client's answer
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            WsMessage m = ws.receive();
            assertEquals(WsMessage.close(WsCloseCode.NO_STATUS_RECEIVED, ""), m);
            assertEquals(WsCloseCode.NO_STATUS_RECEIVED, ws.closeCode());
        }
    }

    // ---- ping and pong -----------------------------------------------------------------------------

    @Test
    void aPingIsAnsweredWithAPongOfTheSamePayloadAndNotShown() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            conn.send(concat(WsWire.ping("are you there"), WsWire.pong("unasked"), WsWire.text("after")));
            seen.put(WsWire.read(conn.reader));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            assertEquals(WsMessage.text("after"), ws.receive(), "the ping and the pong were not shown");
            WsWire.Frame pong = next(seen);
            assertEquals(PONG, pong.opcode());
            assertTrue(pong.masked());
            assertEquals("are you there", pong.text());
        }
    }

    @Test
    void withoutAutopingAPingAndAPongAreShownAndNotAnswered() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            conn.send(concat(WsWire.ping("ping!"), WsWire.pong("pong!")));
            seen.put(WsWire.read(conn.reader));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), DEFAULTS.withAutoping(false))) {
            assertEquals(WsMessage.ping(utf8("ping!")), ws.receive());
            assertEquals(WsMessage.pong(utf8("pong!")), ws.receive());
            ws.sendStr("next");
            assertEquals(TEXT, next(seen).opcode(), "no pong went out before the client's next message");
        }
    }

    @Test
    void aPingSentByTheClientCarriesItsPayload() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            seen.put(WsWire.read(conn.reader));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            ws.ping(utf8("knock"));
            WsWire.Frame f = next(seen);
            assertEquals(PING, f.opcode());
            assertEquals("knock", f.text());
            assertThrows(IllegalArgumentException.class, () -> ws.ping(new byte[126]));
        }
    }

    // ---- connection lost, timeouts -------------------------------------------------------------------

    @Test
    void theServerClosingTheConnectionWithoutACloseFrameGivesClosedAnd1006() throws Exception {
        try (TestServer server = server(conn -> {
            // the handshake done, the server hangs up
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode());
            assertTrue(ws.isClosed());
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }

    @Test
    void theServerVanishingLeavesAConnectionResetAsTheException() throws Exception {
        // aiohttp 3.8.4: "vanish cli recv 0 257 None None closed=True code=1006
        // exc=ConnectionResetError('Cannot write to closing transport')"
        try (TestServer server = server(conn -> {
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
            var e = assertInstanceOf(io.asyncio4j.streams.ConnectionResetException.class, ws.exception());
            assertTrue(e.getMessage().startsWith("Cannot write to closing transport"), e.getMessage());
        }
    }

    @Test
    void aHeartbeatThatGoesUnansweredWithNoTaskReceivingLeaves1006(VirtualClock clock) throws Exception {
        // aiohttp 3.8.4's _pong_not_received: close_code = ABNORMAL_CLOSURE; only a receive()
        // waiting at that moment turns it into 1000 (its end-of-stream path)
        try (TestServer server = server(conn -> {
            assertEquals(PING, WsWire.read(conn.reader).opcode());
            conn.awaitClientClose(); // never answers
        }); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.url("/"),
                    DEFAULTS.withHeartbeat(Duration.ofSeconds(10)));
            sleep(20);
            assertTrue(ws.isClosed());
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode());
            assertInstanceOf(TimeoutException.class, ws.exception());
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode(), "receive() after the end leaves it");
        }
    }

    @Test
    void theConnectionLostInTheMiddleOfAFrameGivesClosedAnd1006() throws Exception {
        try (TestServer server = server(conn -> conn.send(java.util.Arrays.copyOf(WsWire.text("truncated"), 5)));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode());
        }
    }

    @Test
    void closeWhenTheServerNeverAnswersGivesUpAfterTheCloseTimeoutWith1006(VirtualClock clock) throws Exception {
        try (TestServer server = server(conn -> {
            assertEquals(CLOSE, WsWire.read(conn.reader).opcode());
            conn.awaitClientClose(); // never answers it
        }); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.url("/"), DEFAULTS.withCloseTimeout(Duration.ofSeconds(7)));
            double start = clock.seconds();
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertEquals(7, clock.seconds() - start, 0.5);
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode());
            assertInstanceOf(TimeoutException.class, ws.exception());
            assertTrue(ws.isClosed());
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }

    @Test
    void messagesTheServerSendsBeforeAnsweringCloseAreDropped() throws Exception {
        try (TestServer server = server(conn -> {
            WsWire.Frame close = WsWire.read(conn.reader);
            conn.send(concat(WsWire.text("late news"), WsWire.close(close.closeCode(), "ok")));
        }); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.url("/"));
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertEquals(WsCloseCode.OK, ws.closeCode());
            assertNull(ws.exception());
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
        }
    }

    @Test
    void aHeartbeatThatGoesUnansweredClosesAfterOneAndAHalfIntervalsAndTheWaitingReceiveSetsCode1000(VirtualClock clock) throws Exception {
        Queue<Double> pings = new Queue<>();
        try (TestServer server = server(conn -> {
            WsWire.Frame f = WsWire.read(conn.reader);
            assertEquals(PING, f.opcode());
            assertTrue(f.masked());
            pings.put(clock.seconds());
            conn.awaitClientClose(); // never answers
        }); ClientSession session = new ClientSession()) {
            double start = clock.seconds();
            ClientWebSocketResponse ws = session.wsConnect(server.url("/"),
                    DEFAULTS.withHeartbeat(Duration.ofSeconds(10)));
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
            assertEquals(15, clock.seconds() - start, 0.5, "closed half an interval after the ping");
            assertEquals(10, next(pings) - start, 0.5, "pinged after an interval of silence");
            // aiohttp 3.8.4 (heartbeat=0.4, a server that never pongs; the client inside receive()):
            // "never_pong cli recv 0 257 None None closed=True code=1000 exc=TimeoutError()"
            assertEquals(WsCloseCode.OK, ws.closeCode());
            assertInstanceOf(TimeoutException.class, ws.exception());
            assertTrue(ws.isClosed());
        }
    }

    @Test
    void aHeartbeatThatIsAnsweredKeepsTheWebSocketOpen(VirtualClock clock) throws Exception {
        Queue<Double> pings = new Queue<>();
        try (TestServer server = server(conn -> {
            while (true) {
                WsWire.Frame f = WsWire.read(conn.reader);
                if (f.opcode() == PING) {
                    pings.put(clock.seconds());
                    conn.send(frame(FIN | PONG, f.payload()));
                } else if (f.opcode() == CLOSE) {
                    conn.send(WsWire.close(WsCloseCode.OK, ""));
                    return;
                }
            }
        }); ClientSession session = new ClientSession()) {
            ClientWebSocketResponse ws = session.wsConnect(server.url("/"),
                    DEFAULTS.withHeartbeat(Duration.ofSeconds(10)));
            Task<WsMessage> receiver = createTask(() -> ws.receive());
            sleep(100);
            assertFalse(ws.isClosed(), "still open after ten intervals");
            assertTrue(pings.qsize() >= 8, "pinged about every 10 s: " + pings.qsize());
            assertTrue(ws.close(WsCloseCode.OK, ""));
            assertEquals(WsMsgType.CLOSE, receiver.await().type());
            assertEquals(WsCloseCode.OK, ws.closeCode());
        }
    }

    @Test
    void aReceiveTimeoutThrowsAndLeavesTheWebSocketOpen(VirtualClock clock) throws Exception {
        try (TestServer server = server(conn -> {
            WsWire.Frame f = WsWire.read(conn.reader);
            conn.send(WsWire.text("echo " + f.text()));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"),
                     DEFAULTS.withReceiveTimeout(Duration.ofSeconds(5)))) {
            double start = clock.seconds();
            assertThrows(TimeoutException.class, ws::receive);
            assertEquals(5, clock.seconds() - start, 0.5);
            assertThrows(TimeoutException.class, () -> ws.receive(Duration.ofSeconds(2)), "a timeout of its own");
            assertEquals(7, clock.seconds() - start, 0.5);
            assertFalse(ws.isClosed(), "as aiohttp: a receive timeout does not close");
            assertEquals(WsCloseCode.ABNORMAL_CLOSURE, ws.closeCode(), "as aiohttp's close_code after a timeout");
            ws.sendStr("still there?");
            assertEquals("echo still there?", ws.receiveStr());
        }
    }

    @ParameterizedTest(name = "cut after {0} bytes")
    @ValueSource(ints = {1, 3, 4, 6})
    void aReceiveTimeoutInTheMiddleOfAFrameLosesNoBytes(int cut) throws Exception {
        String text = "s".repeat(150) + "lowly"; // a 16-bit length: the header is 4 bytes
        try (TestServer server = server(conn -> {
            byte[] f = WsWire.text(text);
            conn.send(java.util.Arrays.copyOf(f, cut)); // within the header, its length, or the payload
            sleep(10);
            conn.send(java.util.Arrays.copyOfRange(f, cut, f.length));
            WsWire.untilCloseAnswered(conn);
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
            assertThrows(TimeoutException.class, () -> ws.receive(Duration.ofSeconds(5)));
            assertEquals(WsMessage.text(text), ws.receive(), "the frame goes on where the timeout cut it");
        }
    }
}
