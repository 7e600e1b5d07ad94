package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns received frames into messages, without I/O (RFC 6455 §5.4-5.6): fragments are joined,
 * control frames come out at once (even between fragments), text is checked to be UTF-8, and the
 * size limit holds before a payload is read ({@link #admit}).
 * <p>
 * States:
 * <pre>
 *   BETWEEN ──TEXT/BINARY frame, FIN──▶ BETWEEN (a message out)
 *   BETWEEN ──TEXT/BINARY frame, no FIN──▶ FRAGMENTED
 *   FRAGMENTED ──CONTINUATION, no FIN──▶ FRAGMENTED
 *   FRAGMENTED ──CONTINUATION, FIN──▶ BETWEEN (the joined message out)
 *   either ──control frame──▶ the same (the control message out)
 * </pre>
 * A CONTINUATION in BETWEEN, or a TEXT/BINARY in FRAGMENTED, is a protocol error (1002).
 * <p>
 * With permessage-deflate agreed (RFC 7692; made with a {@link WsDecompressor}), a message whose
 * first frame has RSV1 set is decompressed once complete: the size limit then holds for the
 * decompressed size (while inflating), and the UTF-8 check for the decompressed text. Its
 * compressed size is held to the limit too, with room for DEFLATE's overhead on data that does
 * not compress (about 0.1 %).
 * <p>
 * Threading: one receiver at a time (the task reading the connection).
 * <p>
 * asyncio: aiohttp's {@code WebSocketReader._feed_data}
 */
public final class WsMessageAssembler {
    /** Whether a message is being assembled from fragments; see the class comment. asyncio: none */
    public enum State { BETWEEN, FRAGMENTED }

    private static final byte[] EMPTY = new byte[0];

    private final long maxMessageSize; // 0: none
    private final WsDecompressor decompressor; // null: permessage-deflate not agreed
    private State state = State.BETWEEN;
    private WsOpcode fragmentedOpcode;
    private boolean fragmentedCompressed;
    private byte[] partial = EMPTY;
    private int partialLength;

    /** Messages up to {@code maxMessageSize} bytes (0: no limit). asyncio: {@code WebSocketReader(max_msg_size=)} */
    public WsMessageAssembler(long maxMessageSize) {
        this(maxMessageSize, null);
    }

    /**
     * As {@link #WsMessageAssembler(long)}, with permessage-deflate agreed: compressed messages
     * (RSV1 on their first frame) go through {@code decompressor} (null: not agreed).
     * asyncio: {@code WebSocketReader(max_msg_size=, compress=True)}
     */
    public WsMessageAssembler(long maxMessageSize, WsDecompressor decompressor) {
        this.decompressor = decompressor;
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("WsMessageAssembler: maxMessageSize is " + maxMessageSize
                    + "; give a size in bytes, or 0 for no limit");
        }
        this.maxMessageSize = maxMessageSize;
    }

    /** See the class comment. asyncio: none */
    public State state() {
        return state;
    }

    /**
     * Checks a frame's header before its payload is read: the fragment order, and the size limit
     * (the message so far plus this payload). asyncio: the checks in {@code _feed_data}
     *
     * @throws WebSocketException 1002 for a frame out of order, 1009 for a message over the limit
     */
    public void admit(WsFrameHeader h) throws WebSocketException {
        WsOpcode op = h.opcode();
        if (op.isControl()) {
            return;
        }
        if (op == WsOpcode.CONTINUATION) {
            if (state == State.BETWEEN) {
                throw new WebSocketException(WsCloseCode.PROTOCOL_ERROR,
                        "WebSocket protocol error: a continuation frame with no message to continue");
            }
        } else if (state == State.FRAGMENTED) {
            throw new WebSocketException(WsCloseCode.PROTOCOL_ERROR, "WebSocket protocol error: a new " + op
                    + " frame before the last fragment of the " + fragmentedOpcode + " message (expected a continuation)");
        }
        long size = (state == State.FRAGMENTED ? partialLength : 0) + h.payloadLength();
        long limit = limit();
        if (size > limit && !compressedWithin(h, size, limit)) {
            throw new WebSocketException(WsCloseCode.MESSAGE_TOO_BIG, (compressed(h) ? "Compressed message size "
                    : "Message size ") + size + " exceeds limit " + limit + " (WebSocketOptions.maxMessageSize)");
        }
    }

    private long limit() {
        return maxMessageSize == 0 ? Integer.MAX_VALUE - 16 : maxMessageSize;
    }

    private boolean compressed(WsFrameHeader h) {
        return decompressor != null && (h.opcode() == WsOpcode.CONTINUATION ? fragmentedCompressed : h.rsv1());
    }

    /** Whether {@code size} bytes over the limit are still a compressed message's fair size: its DEFLATE overhead. */
    private boolean compressedWithin(WsFrameHeader h, long size, long limit) {
        return compressed(h) && size <= Math.min(limit + (limit >> 10) + 64, Integer.MAX_VALUE - 16);
    }

    /**
     * The frame with header {@code h} (already {@link #admit admitted}) and its unmasked payload:
     * the message it completes, or null when it was a fragment of one still open.
     * asyncio: {@code _feed_data}
     *
     * @throws WebSocketException 1007 for text (or a close reason) that is not UTF-8, or a
     *         compressed message that is not DEFLATE; 1009 for a compressed message that inflates
     *         past the limit; 1002 for a close frame of one byte, or with a code that may not be sent
     */
    public WsMessage accept(WsFrameHeader h, byte[] payload) throws WebSocketException {
        return switch (h.opcode()) {
            case PING -> WsMessage.ping(payload);
            case PONG -> WsMessage.pong(payload);
            case CLOSE -> close(payload);
            case TEXT, BINARY -> {
                if (h.fin()) {
                    if (decompressor != null && h.rsv1()) {
                        yield inflated(h.opcode(), payload, payload.length);
                    }
                    yield message(h.opcode(), payload, payload.length);
                }
                state = State.FRAGMENTED;
                fragmentedOpcode = h.opcode();
                fragmentedCompressed = h.rsv1();
                append(payload);
                yield null;
            }
            case CONTINUATION -> {
                append(payload);
                if (!h.fin()) {
                    yield null;
                }
                byte[] whole = partial;
                int n = partialLength;
                WsOpcode op = fragmentedOpcode;
                boolean compressed = fragmentedCompressed;
                state = State.BETWEEN;
                fragmentedOpcode = null;
                fragmentedCompressed = false;
                partial = EMPTY;
                partialLength = 0;
                if (decompressor != null && compressed) {
                    yield inflated(op, whole, n);
                }
                yield message(op, whole, n);
            }
        };
    }

    private void append(byte[] payload) {
        if (partialLength + payload.length > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partialLength + payload.length, partial.length * 2));
        }
        System.arraycopy(payload, 0, partial, partialLength, payload.length);
        partialLength += payload.length;
    }

    private static WsMessage message(WsOpcode op, byte[] bytes, int length) throws WebSocketException {
        if (op == WsOpcode.TEXT) {
            return WsMessage.text(utf8(bytes, 0, length, "text message"));
        }
        return WsMessage.binary(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }

    /** A compressed message, {@code bytes[0, length)}, decompressed within the limit. */
    private WsMessage inflated(WsOpcode op, byte[] bytes, int length) throws WebSocketException {
        int n = decompressor.decompress(bytes, 0, length, limit());
        byte[] out = decompressor.output(); // reused by the next message: decoded or copied here
        if (op == WsOpcode.TEXT) {
            return WsMessage.text(utf8(out, 0, n, "text message"));
        }
        return WsMessage.binary(Arrays.copyOf(out, n));
    }

    private static WsMessage close(byte[] p) throws WebSocketException {
        if (p.length == 0) {
            return WsMessage.close(WsCloseCode.NO_STATUS_RECEIVED, "");
        }
        if (p.length == 1) {
            throw new WebSocketException(WsCloseCode.PROTOCOL_ERROR,
                    "WebSocket protocol error: a close frame with a 1-byte payload (a code takes 2)");
        }
        int code = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
        if (!WsCloseCode.isSendable(code)) {
            throw new WebSocketException(WsCloseCode.PROTOCOL_ERROR, "Invalid close code: " + code);
        }
        return WsMessage.close(code, utf8(p, 2, p.length - 2, "close reason"));
    }

    /**
     * Strict UTF-8: malformed input and surrogates are errors, not replaced. The JDK's own decoder
     * runs first (vectorised for ASCII; it replaces what is malformed with U+FFFD); only a text
     * that then holds a U+FFFD — malformed, or a real one — is decoded again strictly to tell.
     */
    private static String utf8(byte[] b, int off, int len, String what) throws WebSocketException {
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new WebSocketException(WsCloseCode.INVALID_TEXT, "Invalid UTF-8 " + what);
        }
    }

    @Override
    public String toString() {
        return "<WsMessageAssembler " + state + (state == State.FRAGMENTED
                ? " " + fragmentedOpcode + (fragmentedCompressed ? " compressed " : " ") + partialLength + " bytes" : "")
                + (decompressor != null ? " permessage-deflate" : "") + ">";
    }
}
