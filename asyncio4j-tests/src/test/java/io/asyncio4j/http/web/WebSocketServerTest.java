package io.asyncio4j.http.web;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.asyncio4j.Asyncio.toThread;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's WebSocket ({@link WebSocketResponse}) against an independent implementation: the
 * JDK's own client ({@code HttpClient.newWebSocketBuilder()}), which runs on its own threads. The
 * test's task talks to it only through {@code toThread} (the virtual clock flows at real speed
 * while such work runs, so no timer fires early), and the threshold covers the rest.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(200)
class WebSocketServerTest {

    /** What the JDK client saw, in order. */
    sealed interface Event permits Text, Binary, Pong, Closed, Failed {
    }

    record Text(String text) implements Event {
    }

    record Binary(byte[] bytes) implements Event {
    }

    record Pong(byte[] payload) implements Event {
    }

    record Closed(int code, String reason) implements Event {
    }

    record Failed(Throwable error) implements Event {
    }

    /** A JDK listener putting whole messages (parts joined) into a queue another thread reads. */
    static final class Recorder implements WebSocket.Listener {
        final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(new Text(text.toString()));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                events.add(new Binary(binary.toByteArray()));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            events.add(new Pong(b));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null; // the JDK answers with its own close frame
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.add(new Failed(error));
        }

        /** The next event (a guard of 10 s of real time against hanging, not a speed check). May suspend. */
        Event next() {
            Event e = toThread(() -> events.poll(10, TimeUnit.SECONDS));
            assertNotNull(e, "the JDK client saw nothing more within 10 s");
            return e;
        }
    }

    /** A JDK client connected to {@code path}, with {@code protocols} offered. */
    private record Client(HttpClient http, WebSocket ws, Recorder recorder) implements AutoCloseable {
        static Client connect(Served s, String path, String... protocols) {
            HttpClient http = HttpClient.newHttpClient();
            Recorder recorder = new Recorder();
            WebSocket.Builder b = http.newWebSocketBuilder();
            if (protocols.length > 0) {
                b.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
            }
            URI uri = URI.create("ws://127.0.0.1:" + s.port() + path);
            WebSocket ws = toThread(() -> b.buildAsync(uri, recorder).get(10, TimeUnit.SECONDS));
            return new Client(http, ws, recorder);
        }

        void send(CompletableFuture<WebSocket> sent) {
            toThread(() -> sent.get(10, TimeUnit.SECONDS));
        }

        Event next() {
            return recorder.next();
        }

        @Override
        public void close() {
            ws.abort();
            toThread(http::close);
        }
    }

    /**
     * A handler that echoes TEXT and BINARY messages, records every message it receives (the
     * loop's end included: CLOSE, CLOSING or CLOSED) and keeps its WebSocket in {@code ref}.
     */
    private static Handler echo(WebSocketOptions options, Queue<WsMessage> seen,
                                AtomicReference<WebSocketResponse> ref) {
        return r -> {
            WebSocketResponse ws = new WebSocketResponse(options);
            ref.set(ws);
            ws.prepare(r);
            while (true) {
                WsMessage m = ws.receive();
                seen.putNowait(m);
                if (m.type() == WsMsgType.TEXT) {
                    ws.sendStr(m.text());
                } else if (m.type() == WsMsgType.BINARY) {
                    ws.sendBytes(m.bytes());
                } else if (m.type().endsReceiving()) {
                    return ws;
                }
            }
        };
    }

    private static Handler echo(Queue<WsMessage> seen, AtomicReference<WebSocketResponse> ref) {
        return echo(WebSocketOptions.defaults(), seen, ref);
    }

    @Test
    void aTextMessageIsEchoed() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        try (Served s = Served.routes(get("/ws", echo(seen, new AtomicReference<>())));
             Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendText("héllo wörld ✓", true));
            assertEquals(WsMessage.text("héllo wörld ✓"), seen.get());
            assertEquals(new Text("héllo wörld ✓"), c.next());
        }
    }

    @Test
    void aBinaryMessageIsEchoedByteForByte() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        try (Served s = Served.routes(get("/ws", echo(seen, new AtomicReference<>())));
             Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendBinary(ByteBuffer.wrap(all), true));
            assertEquals(WsMessage.binary(all), seen.get());
            assertArrayEquals(all, ((Binary) c.next()).bytes());
        }
    }

    @Test
    void aTextMessageSentInSeveralFramesArrivesAsOneMessage() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        try (Served s = Served.routes(get("/ws", echo(seen, new AtomicReference<>())));
             Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendText("one, ", false));
            c.send(c.ws().sendText("two, ", false));
            c.send(c.ws().sendText("three", true));
            assertEquals(WsMessage.text("one, two, three"), seen.get());
            assertEquals(new Text("one, two, three"), c.next());
        }
    }

    @Test
    void aOneMebibyteBinaryMessageGoesBothWays() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        byte[] big = new byte[1 << 20];
        new Random(6455).nextBytes(big);
        try (Served s = Served.routes(get("/ws", echo(seen, new AtomicReference<>())));
             Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendBinary(ByteBuffer.wrap(big.clone()), true));
            assertArrayEquals(big, seen.get().bytes());
            assertArrayEquals(big, ((Binary) c.next()).bytes());
        }
    }

    @Test
    void aPingIsAnsweredWithAPongOfTheSamePayloadAndTheHandlerDoesNotSeeIt() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        try (Served s = Served.routes(get("/ws", echo(seen, new AtomicReference<>())));
             Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.US_ASCII))));
            assertArrayEquals("are you there".getBytes(StandardCharsets.US_ASCII), ((Pong) c.next()).payload());
            c.send(c.ws().sendText("after the ping", true));
            assertEquals(WsMessage.text("after the ping"), seen.get(), "the first message the handler sees");
        }
    }

    @Test
    void theFirstSubprotocolTheClientOffersThatTheServerSpeaksIsChosen() throws Exception {
        AtomicReference<WebSocketResponse> ref = new AtomicReference<>();
        WebSocketOptions options = WebSocketOptions.defaults().withProtocols("chat.v2", "chat.v1");
        try (Served s = Served.routes(get("/ws", echo(options, new Queue<>(), ref)));
             Client c = Client.connect(s, "/ws", "chat.v3", "chat.v1", "chat.v2")) {
            assertEquals("chat.v1", c.ws().getSubprotocol(), "the client's order wins over the server's");
            assertEquals("chat.v1", ref.get().protocol());
        }
    }

    @Test
    void noSubprotocolIsChosenWhenNoneOfTheClientsIsSpoken() throws Exception {
        AtomicReference<WebSocketResponse> ref = new AtomicReference<>();
        WebSocketOptions options = WebSocketOptions.defaults().withProtocols("chat.v2");
        try (Served s = Served.routes(get("/ws", echo(options, new Queue<>(), ref)));
             Client c = Client.connect(s, "/ws", "mqtt")) {
            assertEquals("", c.ws().getSubprotocol(), "the JDK's way of saying none");
            assertNull(ref.get().protocol());
        }
    }

    @Test
    void aServerCloseWithACodeAndReasonReachesTheClientAndCompletesTheHandshake() throws Exception {
        AtomicReference<WebSocketResponse> ref = new AtomicReference<>();
        AtomicReference<Boolean> closedByCall = new AtomicReference<>();
        try (Served s = Served.routes(get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ref.set(ws);
            ws.prepare(r);
            ws.receiveStr(); // "close, please"
            closedByCall.set(ws.close(4000, "bye"));
            return ws;
        })); Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendText("close, please", true));
            assertEquals(new Closed(4000, "bye"), c.next());
            s.awaitNoConnections();
            assertTrue(closedByCall.get(), "close() closed it");
            WebSocketResponse ws = ref.get();
            assertTrue(ws.isClosed());
            assertEquals(4000, ws.closeCode(), "the code of the client's answering close frame (the JDK echoes ours)");
            assertNull(ws.exception());
        }
    }

    @Test
    void aClientCloseReachesTheHandlerAsACloseMessageAndEndsItsLoop() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        AtomicReference<WebSocketResponse> ref = new AtomicReference<>();
        AtomicReference<List<WsMessage>> looped = new AtomicReference<>();
        try (Served s = Served.routes(get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ref.set(ws);
            ws.prepare(r);
            List<WsMessage> got = new java.util.ArrayList<>();
            for (WsMessage m : ws) {
                got.add(m);
            }
            looped.set(got);
            seen.putNowait(ws.receive()); // after the loop: the close is done
            return ws;
        })); Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendText("one", true));
            c.send(c.ws().sendClose(WebSocket.NORMAL_CLOSURE, "done"));
            assertEquals(new Closed(1000, ""), c.next(), "the server's answer (autoclose)");
            assertEquals(WsMessage.CLOSED, seen.get());
            assertEquals(List.of(WsMessage.text("one")), looped.get(), "the loop ended at the CLOSE message");
            WebSocketResponse ws = ref.get();
            assertTrue(ws.isClosed());
            assertEquals(1000, ws.closeCode());
            assertNull(ws.exception());
        }
    }

    @Test
    void aClientCloseIsSeenByTheHandlerWithItsCodeAndReason() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        try (Served s = Served.routes(get("/ws", echo(seen, new AtomicReference<>())));
             Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendClose(4001, "leaving"));
            assertEquals(WsMessage.close(4001, "leaving"), seen.get());
            assertEquals(new Closed(1000, ""), c.next());
        }
    }

    @Test
    void aHandlerReturningWithTheWebSocketOpenClosesItWith1000() throws Exception {
        AtomicReference<WebSocketResponse> ref = new AtomicReference<>();
        try (Served s = Served.routes(get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ref.set(ws);
            ws.prepare(r);
            ws.sendStr("hello and goodbye");
            return ws;
        })); Client c = Client.connect(s, "/ws")) {
            assertEquals(new Text("hello and goodbye"), c.next());
            assertEquals(new Closed(WsCloseCode.OK, ""), c.next());
            s.awaitNoConnections();
            WebSocketResponse ws = ref.get();
            assertTrue(ws.isClosed());
            assertEquals(1000, ws.closeCode(), "the client's answer");
            assertNull(ws.exception());
        }
    }

    @Test
    void aHandlerFailingWithTheWebSocketOpenClosesItWith1011AndIsReported(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        AtomicReference<WebSocketResponse> ref = new AtomicReference<>();
        IllegalStateException failure = new IllegalStateException("handler bug");
        try (Served s = Served.routes(get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ref.set(ws);
            ws.prepare(r);
            ws.receiveStr();
            throw failure;
        })); Client c = Client.connect(s, "/ws")) {
            c.send(c.ws().sendText("trigger", true));
            assertEquals(new Closed(WsCloseCode.INTERNAL_ERROR, ""), c.next());
            s.awaitNoConnections();
            assertTrue(ref.get().isClosed());
            assertEquals(1, errors.size(), "the failure goes to the loop's exception handler: " + errors);
            assertEquals(failure, errors.get(0).exception());
        }
    }

    @Test
    void theWebSocketsStateAfterAClientCloseIsClosedWithTheClientsCodeAndNoException() throws Exception {
        Queue<WsMessage> seen = new Queue<>();
        AtomicReference<WebSocketResponse> ref = new AtomicReference<>();
        try (Served s = Served.routes(get("/ws", echo(seen, ref))); Client c = Client.connect(s, "/ws")) {
            WebSocketResponse ws = ref.get();
            assertFalse(ws.isClosed(), "open while the client is connected");
            assertNull(ws.closeCode());
            assertEquals(WebSocketResponse.State.OPEN, ws.state());
            c.send(c.ws().sendClose(4002, ""));
            assertEquals(WsMsgType.CLOSE, seen.get().type());
            assertTrue(ws.isClosed());
            assertEquals(4002, ws.closeCode());
            assertNull(ws.exception());
            assertInstanceOf(Closed.class, c.next());
        }
    }
}
