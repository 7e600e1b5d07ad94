package io.asyncio4j.http.internal;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.http.WebSocket;
import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.http.codec.WsCompressor;
import io.asyncio4j.http.codec.WsDecompressor;
import io.asyncio4j.http.codec.WsDeflateParams;
import io.asyncio4j.http.codec.WsFrameHeader;
import io.asyncio4j.http.codec.WsFrames;
import io.asyncio4j.http.codec.WsMessageAssembler;
import io.asyncio4j.http.codec.WsOpcode;
import io.asyncio4j.internal.net.UninitializedArrays;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The WebSocket protocol (RFC 6455) over a connection's streams, after the opening handshake:
 * what the server's {@code WebSocketResponse} and the client's {@code ClientWebSocketResponse}
 * both delegate to. Frames are read in the receiving task itself (no reader task in between);
 * a frame up to 16 KiB leaves in one write, a larger one as its head and its payload.
 * <p>
 * States ({@link State}); {@code CLOSED} is final:
 * <pre>
 *   OPEN ──close() sends a close frame──▶ CLOSE_SENT ──the peer's close frame, a timeout, an error──▶ CLOSED
 *   OPEN ──the peer's close frame──▶ CLOSE_RECEIVED ──close() (autoclose: at once; a client's next receive()) answers──▶ CLOSED
 *   OPEN, CLOSE_* ──connection lost, protocol error, heartbeat missed──▶ CLOSED
 * </pre>
 * Entering CLOSED closes the connection.
 * <p>
 * permessage-deflate (RFC 7692), when the handshake agreed it: TEXT and BINARY messages leave
 * compressed ({@link WsCompressor}, RSV1 set) and compressed ones are decompressed by the
 * assembler ({@link WsDecompressor}); control frames are never compressed. Without it the
 * per-message cost is a null check each way. The Deflater and Inflater are freed when the
 * channel is CLOSED, whichever way it got there (the Inflater once no task is inside
 * {@code receive()}, which may still be inflating).
 * <p>
 * Threading: the tasks of the connection's loop, and the heartbeat's timer callbacks on the loop
 * thread; one task receives at a time ({@link #receiver}). All fields are the loop thread's.
 * <p>
 * asyncio: the shared half of aiohttp's {@code WebSocketResponse} and {@code ClientWebSocketResponse}
 */
public final class WebSocketChannel implements WebSocket {
    /** See the class comment. asyncio: none (aiohttp's {@code _closed} and {@code _closing} flags) */
    public enum State { OPEN, CLOSE_SENT, CLOSE_RECEIVED, CLOSED }

    private static final byte[] EMPTY = new byte[0];
    // aiohttp's THRESHOLD_CONNLOST_ACCESS: its server raises on the 5th receive() once closed
    // (4 CLOSED messages). Its client returns CLOSED forever; ours refuses after 5, since a loop
    // that never suspends would starve the event loop.
    private static final int SERVER_CLOSED_CALLS_ALLOWED = 4;
    private static final int CLIENT_CLOSED_CALLS_ALLOWED = 5;
    private static final SecureRandom SEEDS = new SecureRandom(); // thread-safe; seeds each client's masks

    private final StreamReader in;
    private final StreamWriter out;
    private final boolean client;          // masks what it sends, takes unmasked frames
    private final WebSocketOptions options;
    private final String protocol;
    private final Runnable onClosed;       // the owner's bookkeeping once CLOSED (a client's pool slot)
    private final WsMessageAssembler assembler;
    private final WsCompressor compressor;      // null: permessage-deflate not agreed
    private final WsDecompressor decompressor;  // null as the compressor
    private final SplittableRandom masks;  // a client's frame masks (RFC 6455 §5.3: unpredictable)
    private State state = State.OPEN;
    private Integer closeCode;
    private Throwable exception;
    private int closedReturned;
    private Task<?> receiver;              // the task inside receive(), if any
    private Future<Void> closer;           // close() waiting for that receiver to see the peer's close frame
    private byte[] partialTwo;             // a frame's first two bytes, its head's rest not read yet (readMessage)
    private WsFrameHeader partialHeader;   // a frame's head, its payload not read yet (readMessage)
    private byte[] partialPayload;         // that payload's array while it fills (readPayload)
    private int partialGot;                // bytes of it filled so far
    // heartbeat (loop thread): one lazily re-armed timer, as the server's keep-alive
    private double lastHeard;
    private double pingSentAt = -1;
    private TimerHandle heartbeatTimer;
    private final boolean heartbeatOn;
    private boolean heartbeatFailed;       // CLOSED by a ping that went unanswered

    /**
     * Speaks on {@code in}/{@code out} once the handshake is done; {@code client} for the
     * client's side. {@code onClosed} runs once it is CLOSED. Loop thread.
     */
    public WebSocketChannel(StreamReader in, StreamWriter out, boolean client, WebSocketOptions options,
                            String protocol, Runnable onClosed) {
        this(in, out, client, options, protocol, null, onClosed);
    }

    /**
     * As above, with permessage-deflate as agreed in the handshake ({@code deflate}; null: not
     * agreed). Loop thread.
     */
    public WebSocketChannel(StreamReader in, StreamWriter out, boolean client, WebSocketOptions options,
                            String protocol, WsDeflateParams deflate, Runnable onClosed) {
        this.in = in;
        this.out = out;
        this.client = client;
        this.options = options;
        this.protocol = protocol;
        this.onClosed = onClosed;
        if (deflate != null) {
            // the client compresses under the client_* parameters and reads the server's, and the other way round
            this.compressor = new WsCompressor(deflate.noContextTakeover(!client));
            this.decompressor = new WsDecompressor(deflate.noContextTakeover(client));
        } else {
            this.compressor = null;
            this.decompressor = null;
        }
        this.assembler = new WsMessageAssembler(options.maxMessageSize(), decompressor);
        this.masks = client ? new SplittableRandom(SEEDS.nextLong()) : null;
        heartbeatOn = !options.heartbeat().isZero();
        if (heartbeatOn) {
            lastHeard = loop().time();
            heartbeatTimer = loop().callLater(seconds(options.heartbeat()), this::heartbeat);
        }
    }

    /** See the class comment. */
    public State state() {
        return state;
    }

    private EventLoop loop() {
        return out.loop();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    // ---- receiving -----------------------------------------------------------------------------

    @Override
    public WsMessage receive() {
        return receive(Duration.ZERO);
    }

    @Override
    public WsMessage receive(Duration timeout) {
        if (receiver != null) {
            throw new IllegalStateException("WebSocket.receive(): another task is already receiving (" + receiver
                    + "); receive from one task at a time");
        }
        // close() waiting for this task to see the peer's close frame (see WebSocket's class
        // comment): the receiver reads on after a message the peer sent before that frame
        boolean closeWaits = state == State.CLOSE_SENT && closer != null && !closer.isDone();
        if ((state == State.CLOSE_SENT && !closeWaits) || state == State.CLOSED) {
            int allowed = client ? CLIENT_CLOSED_CALLS_ALLOWED : SERVER_CLOSED_CALLS_ALLOWED;
            if (++closedReturned > allowed) {
                throw new IllegalStateException("WebSocket.receive(): the WebSocket is closed and CLOSED was already "
                        + "returned " + allowed + " times; stop receiving at a CLOSE, CLOSING or CLOSED message");
            }
            return WsMessage.CLOSED;
        }
        if (state == State.CLOSE_RECEIVED) {
            if (client) {
                // aiohttp's client (autoclose=False) answers the peer's close itself here, its
                // server hands out CLOSING until the application closes
                answerClose();
                return WsMessage.CLOSED;
            }
            return WsMessage.CLOSING;
        }
        Duration limit = timeout == null || timeout.isZero() ? options.receiveTimeout() : timeout;
        receiver = Task.current();
        try {
            return receiveMessage(limit);
        } finally {
            receiver = null;
            if (decompressor != null && state == State.CLOSED) {
                decompressor.end(); // not in finish() while this task might have been inflating
            }
            if (closer != null && !closer.isDone()) {
                if (state == State.CLOSE_SENT) {
                    // A message the peer sent before its close frame: this task (a receiving loop)
                    // goes on to the CLOSE message, as documented. Waking close() here instead made
                    // it read the close frame itself, and the receiver's next receive() got CLOSED.
                    // Only if this task does not receive again before it suspends does close()
                    // read on itself.
                    Future<Void> waiting = closer;
                    loop().callSoon(() -> {
                        if (receiver == null && !waiting.isDone()) {
                            waiting.setResult(null);
                        }
                    });
                } else {
                    closer.setResult(null); // close() waited for us: it reads on from here
                }
            }
        }
    }

    private WsMessage receiveMessage(Duration limit) {
        while (true) {
            WsMessage msg;
            try {
                msg = limit.isZero() ? readMessage() : within(limit);
            } catch (TimeoutException | CancelledError e) {
                closeCode = WsCloseCode.ABNORMAL_CLOSURE; // as aiohttp: the WebSocket stays open
                throw e;
            } catch (WebSocketException e) {
                receiver = null;
                if (!closeWith(e.code(), "", e)) {
                    // our close frame was sent already (close() from another task waits on this
                    // receiver): nothing more can be read in order, so close at once with the error
                    exception = e;
                    finish();
                }
                // The peer got e.code() in our close frame; close_code is 1006 as in aiohttp 3.8,
                // whose close() reads the failed reader again and ends abnormally
                closeCode = WsCloseCode.ABNORMAL_CLOSURE;
                return WsMessage.error(e);
            } catch (IOException e) {
                if (state == State.CLOSED) {
                    if (heartbeatFailed) {
                        // aiohttp 3.8: the heartbeat closes the transport, the waiting receive()
                        // sees the end of stream and sets close_code to 1000 (exception() stays
                        // the heartbeat's TimeoutError)
                        closeCode = WsCloseCode.OK;
                    }
                    return WsMessage.CLOSED; // closed under us (close() timed out, the heartbeat failed)
                }
                closeCode = WsCloseCode.ABNORMAL_CLOSURE;
                if (e instanceof IncompleteReadException) {
                    // the peer went away without a close frame; aiohttp tries to answer with its
                    // own and keeps that failure as exception()
                    exception = new ConnectionResetException("Cannot write to closing transport: the peer closed "
                            + "the connection without a close frame");
                    finish();
                    return WsMessage.CLOSED;
                }
                exception = e;
                finish();
                return WsMessage.error(e);
            }
            if (heartbeatOn) {
                lastHeard = loop().time(); // the clock is read per message only for the heartbeat
            }
            switch (msg.type()) {
                case CLOSE -> {
                    closeCode = msg.closeCode();
                    if (state == State.CLOSE_SENT) {
                        finish(); // the answer to our close(): the handshake is complete
                    } else {
                        state = State.CLOSE_RECEIVED;
                        if (options.autoclose()) {
                            receiver = null;
                            answerClose();
                        }
                    }
                    return msg;
                }
                case PING -> {
                    if (options.autoping()) {
                        pongQuietly(msg.bytes());
                        continue;
                    }
                }
                case PONG -> {
                    if (options.autoping()) {
                        continue;
                    }
                }
                default -> {
                }
            }
            return msg;
        }
    }

    private WsMessage within(Duration limit) throws IOException {
        try {
            return Asyncio.timeout(limit, this::readMessage);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            // timeout() passes the body's checked exceptions through as they are
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads frames until one completes a message (or is a control frame). May suspend. A frame
     * is read in up to three steps (its first two bytes, the rest of its head, its payload); a
     * receive timeout or a cancellation between them leaves the steps done in {@link #partialTwo}
     * / {@link #partialHeader}, and the next call resumes there. (Starting over instead took the
     * rest of a frame for a new head: a message arriving slowly across a receive timeout failed
     * the connection with a protocol error.)
     */
    private WsMessage readMessage() throws IOException {
        while (true) {
            WsFrameHeader h = partialHeader;
            if (h == null) {
                byte[] two = partialTwo != null ? partialTwo : in.readexactly(2);
                partialTwo = two;
                int length = WsFrameHeader.length(two[0], two[1]);
                byte[] head = two;
                if (length > 2) {
                    head = new byte[length];
                    head[0] = two[0];
                    head[1] = two[1];
                    byte[] rest = in.readexactly(length - 2);
                    System.arraycopy(rest, 0, head, 2, rest.length);
                }
                partialTwo = null;
                h = WsFrameHeader.parse(head, 0, !client, decompressor != null);
                assembler.admit(h);
                partialHeader = h;
            }
            byte[] payload = h.payloadLength() == 0 ? EMPTY : readPayload((int) h.payloadLength());
            partialHeader = null;
            if (h.masked()) {
                WsFrames.mask(payload, 0, payload.length, h.maskKey());
            }
            WsMessage m = assembler.accept(h, payload);
            if (m != null) {
                return m;
            }
        }
    }

    /**
     * A payload of {@code length} bytes, read into its own array: the transport receives straight
     * into it while this task waits ({@code StreamReader.readInto}), so a large payload is not
     * first gathered in the reader's buffer and copied out (readexactly). Resumable like the head:
     * what has arrived stays in {@link #partialPayload}. May suspend.
     */
    private byte[] readPayload(int length) throws IOException {
        byte[] p = partialPayload;
        if (p == null) {
            // filled whole before anyone sees it (an early end copies the filled part out), so
            // the JVM need not zero it first: one pass less over memory not yet in cache
            p = UninitializedArrays.forFilling(length);
            partialPayload = p;
            partialGot = 0;
        }
        while (partialGot < length) {
            int n = in.readInto(p, partialGot, length - partialGot);
            if (n < 0) {
                byte[] got = java.util.Arrays.copyOf(p, partialGot);
                partialPayload = null;
                throw new IncompleteReadException(got, length);
            }
            partialGot += n;
        }
        partialPayload = null;
        return p;
    }

    @Override
    public String receiveStr() {
        return receiveOf(WsMsgType.TEXT, "receiveStr").text();
    }

    @Override
    public byte[] receiveBytes() {
        return receiveOf(WsMsgType.BINARY, "receiveBytes").bytes();
    }

    private WsMessage receiveOf(WsMsgType type, String what) {
        WsMessage m = receive();
        if (m.type() != type) {
            throw new IllegalStateException("WebSocket." + what + "(): received " + m + ", not a " + type
                    + " message; use receive() to take any type");
        }
        return m;
    }

    @Override
    public Iterator<WsMessage> iterator() {
        return new Iterator<>() {
            private WsMessage next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    WsMessage m = receive();
                    if (m.type().endsReceiving()) {
                        ended = true;
                    } else {
                        next = m;
                    }
                }
                return next != null;
            }

            @Override
            public WsMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("WebSocket: the peer closed; no more messages");
                }
                WsMessage m = next;
                next = null;
                return m;
            }
        };
    }

    // ---- sending -------------------------------------------------------------------------------

    @Override
    public void sendStr(String data) throws IOException {
        byte[] b = data.getBytes(StandardCharsets.UTF_8);
        send(WsOpcode.TEXT, b, true, "sendStr");
    }

    @Override
    public void sendJson(Object data) throws IOException {
        send(WsOpcode.TEXT, Json.write(data), true, "sendJson");
    }

    @Override
    public void sendJson(Object data, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException {
        // serialized before anything is sent, so a value the mapper refuses leaves the socket as it was
        byte[] b = Json.write(data, Json.checkMapper(mapper, "WebSocket.sendJson()"));
        send(WsOpcode.TEXT, b, true, "sendJson");
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode receiveJson() throws IOException {
        return Json.parse(receiveOf(WsMsgType.TEXT, "receiveJson").text());
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode receiveJson(com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException {
        Json.checkMapper(mapper, "WebSocket.receiveJson()"); // before a message is consumed
        return Json.parse(receiveOf(WsMsgType.TEXT, "receiveJson").text(), mapper);
    }

    @Override
    public void sendBytes(byte[] data) throws IOException {
        send(WsOpcode.BINARY, data, false, "sendBytes");
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        send(WsOpcode.PING, control(payload, "ping"), false, "ping");
    }

    @Override
    public void pong(byte[] payload) throws IOException {
        send(WsOpcode.PONG, control(payload, "pong"), false, "pong");
    }

    private static byte[] control(byte[] payload, String what) {
        byte[] p = payload == null ? EMPTY : payload;
        if (p.length > WsFrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("WebSocket." + what + "(): the payload is " + p.length
                    + " bytes; a control frame carries at most 125");
        }
        return p;
    }

    /** {@code owned}: the payload array is this class's (may be masked in place). */
    private void send(WsOpcode op, byte[] payload, boolean owned, String what) throws IOException {
        if (state == State.CLOSE_SENT || state == State.CLOSED) {
            throw new ConnectionResetException("WebSocket." + what + "(): the WebSocket is " + state
                    + " (close() was called, or the connection is gone); nothing more can be sent");
        }
        if (compressor != null && !op.isControl()) {
            writeCompressed(op, payload, owned);
        } else {
            writeFrame(op, payload, owned);
        }
        out.drain();
    }

    /**
     * One data message, compressed (RSV1 set), in one frame: built whole when small, else its
     * head and then the compressor's output (masked in place: the Deflater never reads it again;
     * StreamWriter copies what it cannot send at once). Without context takeover, a message
     * too short to gain, or that did not shrink, goes as it is (WsCompressor's rules).
     */
    private void writeCompressed(WsOpcode op, byte[] data, boolean owned) {
        if (!compressor.worthCompressing(data.length)) {
            writeFrame(op, data, owned);
            return;
        }
        int n = compressor.compress(data, 0, data.length);
        if (compressor.sendUncompressed(n, data.length)) {
            writeFrame(op, data, owned);
            return;
        }
        byte[] c = compressor.output();
        int mask = client ? masks.nextInt() : 0;
        if (n <= WHOLE_FRAME_MAX) {
            out.write(WsFrames.frame(op, true, true, c, 0, n, client, mask));
            return;
        }
        byte[] head = new byte[WsFrames.headerLength(n, client)];
        WsFrames.writeHeader(head, op, true, true, n, client, mask);
        if (client) {
            WsFrames.mask(c, 0, n, mask);
        }
        out.write(head);
        out.write(c, 0, n);
    }

    /** Frames up to this size are built whole (one write); larger ones go as head + payload. */
    private static final int WHOLE_FRAME_MAX = 16 * 1024;

    private void writeFrame(WsOpcode op, byte[] payload) {
        writeFrame(op, payload, false);
    }

    /**
     * One frame. A small one is built whole and leaves in one write. A large one goes as two
     * writes, its head and then the payload array itself (masked in place when {@code owned},
     * else in a copy): a copy of a large payload into a new frame array cost more than the
     * second send (WebSocket echo at 64 KiB, bench/ws_side_by_side.py).
     */
    private void writeFrame(WsOpcode op, byte[] payload, boolean owned) {
        int mask = client ? masks.nextInt() : 0;
        int len = payload.length;
        if (len <= WHOLE_FRAME_MAX) {
            out.write(WsFrames.frame(op, true, payload, 0, len, client, mask));
            return;
        }
        byte[] head = new byte[WsFrames.headerLength(len, client)];
        WsFrames.writeHeader(head, op, true, len, client, mask);
        byte[] body = payload;
        if (client) {
            body = owned ? payload : payload.clone();
            WsFrames.mask(body, 0, len, mask);
        }
        out.write(head);
        out.write(body);
    }

    /** autoping's answer; a failure shows on the next read. */
    private void pongQuietly(byte[] payload) {
        if (state == State.OPEN || state == State.CLOSE_RECEIVED) {
            writeFrame(WsOpcode.PONG, payload);
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    @Override
    public void close() {
        close(WsCloseCode.OK, "");
    }

    @Override
    public boolean close(int code, String message) {
        byte[] payload = WsFrames.closePayload(code, message);
        return closeWith(payload, null);
    }

    private boolean closeWith(int code, String message, Throwable cause) {
        boolean closed = closeWith(WsFrames.closePayload(code, message), cause);
        closeCode = code;
        return closed;
    }

    /** The peer closed first (autoclose): our close frame, then CLOSED. */
    private void answerClose() {
        closeWith(WsFrames.closePayload(WsCloseCode.OK, ""), null);
    }

    /** See {@link WebSocket}'s class comment. May suspend. */
    private boolean closeWith(byte[] payload, Throwable cause) {
        if (state == State.CLOSE_SENT || state == State.CLOSED) {
            return false;
        }
        cancelHeartbeat();
        boolean peerClosed = state == State.CLOSE_RECEIVED;
        state = State.CLOSE_SENT;
        try {
            writeFrame(WsOpcode.CLOSE, payload);
            out.drain();
        } catch (IOException e) {
            failClosed(e);
            return true;
        } catch (CancelledError e) {
            failClosed(null);
            throw e;
        }
        if (peerClosed || cause != null) {
            // the handshake is complete; or we are failing the connection for a protocol error
            // (RFC 6455 §7.1.7), where what the peer still sends cannot be trusted
            if (cause != null) {
                exception = cause;
            }
            finish();
            return true;
        }
        double deadline = loop().time() + seconds(options.closeTimeout());
        try {
            if (receiver != null && receiver != Task.current()) {
                Future<Void> f = loop().createFuture();
                closer = f;
                Asyncio.timeoutAt(deadline, () -> f.await());
                closer = null;
            }
            while (state == State.CLOSE_SENT) {
                WsMessage m = Asyncio.timeoutAt(deadline, this::readMessage);
                if (m.type() == WsMsgType.CLOSE) {
                    closeCode = m.closeCode();
                    finish();
                }
                // anything else the peer sent before its close frame is dropped, as in aiohttp
            }
        } catch (CancelledError e) {
            failClosed(null);
            throw e;
        } catch (Exception e) {
            // TimeoutException (no close frame in time), WebSocketException, IOException
            failClosed(e);
        }
        return true;
    }

    private void failClosed(Throwable e) {
        closeCode = WsCloseCode.ABNORMAL_CLOSURE;
        if (e != null) {
            exception = e;
        }
        finish();
    }

    /** Enters CLOSED: the connection closes, and close() waiting for the receiver wakes. */
    private void finish() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelHeartbeat();
        if (compressor != null) {
            compressor.end(); // compress() never suspends: no sender is inside it now
            if (receiver == null) {
                decompressor.end(); // else the receiver's receive() ends it on its way out
            }
        }
        out.close();
        if (closer != null && !closer.isDone()) {
            closer.setResult(null);
        }
        if (onClosed != null) {
            onClosed.run();
        }
    }

    // ---- heartbeat (timer callbacks, loop thread) ------------------------------------------------

    private void heartbeat() {
        heartbeatTimer = null;
        if (state != State.OPEN) {
            return;
        }
        double interval = seconds(options.heartbeat());
        double now = loop().time();
        if (now - lastHeard < interval) {
            heartbeatTimer = loop().callAt(lastHeard + interval, this::heartbeat);
            return;
        }
        pingSentAt = now;
        writeFrame(WsOpcode.PING, EMPTY);
        heartbeatTimer = loop().callAt(now + interval / 2, this::pongDue);
    }

    private void pongDue() {
        heartbeatTimer = null;
        if (state != State.OPEN) {
            return;
        }
        if (lastHeard >= pingSentAt) {
            heartbeatTimer = loop().callAt(lastHeard + seconds(options.heartbeat()), this::heartbeat);
            return;
        }
        heartbeatFailed = true;
        failClosed(new TimeoutException("WebSocket heartbeat: no answer to a ping within "
                + seconds(options.heartbeat()) / 2 + " s (WebSocketOptions.heartbeat); the connection is closed"));
    }

    private void cancelHeartbeat() {
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel();
            heartbeatTimer = null;
        }
    }

    // ---- state ---------------------------------------------------------------------------------

    @Override
    public boolean isClosed() {
        return state == State.CLOSE_SENT || state == State.CLOSED;
    }

    @Override
    public Integer closeCode() {
        return closeCode;
    }

    @Override
    public Throwable exception() {
        return exception;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public int compress() {
        return compressor == null ? 0 : WsDeflateParams.JDK_WINDOW_BITS;
    }

    /** The compressor, for tests: whether its native memory was freed. Null without the extension. */
    public WsCompressor compressor() {
        return compressor;
    }

    /** The decompressor, as {@link #compressor()}. */
    public WsDecompressor decompressor() {
        return decompressor;
    }

    @Override
    public String toString() {
        return "<WebSocket " + (client ? "client " : "server ") + state
                + (closeCode == null ? "" : " code=" + closeCode) + (protocol == null ? "" : " protocol=" + protocol)
                + (compressor == null ? "" : " permessage-deflate") + ">";
    }
}
