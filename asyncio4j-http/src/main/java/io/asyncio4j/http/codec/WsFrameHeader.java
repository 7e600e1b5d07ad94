package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WsCloseCode;

/**
 * A WebSocket frame's header (RFC 6455 §5.2), parsed from bytes without I/O. A reader takes the
 * first two bytes, asks {@link #length} how long the whole header is, takes the rest, and calls
 * {@link #parse}; the payload ({@link #payloadLength()} bytes) follows.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: aiohttp's {@code WebSocketReader.parse_frame} (its header half)
 *
 * @param fin           whether this is a message's last frame
 * @param opcode        what the frame is
 * @param masked        whether the payload is masked (a client's frames must be, a server's must not)
 * @param payloadLength the payload's length in bytes
 * @param maskKey       the 4-byte mask as a big-endian int (0 when not masked)
 * @param headerLength  the header's length in bytes: 2 to 14
 * @param rsv1          the RSV1 bit: with permessage-deflate agreed (RFC 7692 §6), set on the first
 *                      frame of a compressed message; never set otherwise
 */
public record WsFrameHeader(boolean fin, WsOpcode opcode, boolean masked, long payloadLength, int maskKey,
                            int headerLength, boolean rsv1) {
    /** The longest control frame payload (RFC 6455 §5.5). asyncio: none (aiohttp checks it inline) */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    /** A header without RSV1. asyncio: none */
    public WsFrameHeader(boolean fin, WsOpcode opcode, boolean masked, long payloadLength, int maskKey,
                         int headerLength) {
        this(fin, opcode, masked, payloadLength, maskKey, headerLength, false);
    }

    /**
     * The whole header's length in bytes, given its first two: 2, plus 2 or 8 for an extended
     * length, plus 4 for a mask. asyncio: none
     */
    public static int length(byte b0, byte b1) {
        int len7 = b1 & 0x7f;
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
    }

    /**
     * Parses the header in {@code b[off, off + length(b[off], b[off+1]))}. A server gets frames from
     * clients, which must mask them ({@code fromClient} true); a client gets unmasked frames.
     * asyncio: aiohttp's {@code parse_frame}
     *
     * @throws WebSocketException (code 1002) for set reserved bits (no extension is agreed), a
     *         reserved opcode, a fragmented or over-125-byte control frame, a 64-bit length with its
     *         top bit set, or the wrong masking for the direction
     */
    public static WsFrameHeader parse(byte[] b, int off, boolean fromClient) throws WebSocketException {
        return parse(b, off, fromClient, false);
    }

    /**
     * As {@link #parse(byte[], int, boolean)}, with permessage-deflate agreed when
     * {@code deflate}: RSV1 is then allowed on a TEXT or BINARY frame (a compressed message's
     * first), and still a protocol error on a control or continuation frame (RFC 7692 §6.1).
     * asyncio: {@code parse_frame} with {@code WebSocketReader(compress=True)}
     *
     * @throws WebSocketException (code 1002) as above, and for RSV1 where it may not be
     */
    public static WsFrameHeader parse(byte[] b, int off, boolean fromClient, boolean deflate) throws WebSocketException {
        int b0 = b[off] & 0xff;
        int b1 = b[off + 1] & 0xff;
        boolean fin = (b0 & 0x80) != 0;
        boolean rsv1 = false;
        if ((b0 & 0x70) != 0) {
            // only here with a reserved bit set: a connection without the extension pays nothing more
            rsv1 = checkReservedBits(b0, deflate);
        }
        WsOpcode opcode = WsOpcode.of(b0 & 0x0f);
        if (opcode == null) {
            throw protocolError("reserved opcode 0x" + Integer.toHexString(b0 & 0x0f));
        }
        boolean masked = (b1 & 0x80) != 0;
        if (masked != fromClient) {
            throw protocolError(fromClient ? "a client's frame is not masked (RFC 6455 section 5.1)"
                    : "a server's frame is masked (RFC 6455 section 5.1)");
        }
        int len7 = b1 & 0x7f;
        int p = off + 2;
        long length;
        if (len7 == 126) {
            length = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
            p += 2;
        } else if (len7 == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (b[p + i] & 0xff);
            }
            if (length < 0) {
                throw protocolError("a 64-bit payload length with its most significant bit set");
            }
            p += 8;
        } else {
            length = len7;
        }
        if (opcode.isControl()) {
            if (!fin) {
                throw protocolError("a fragmented " + opcode + " frame (control frames are never fragmented)");
            }
            if (length > MAX_CONTROL_PAYLOAD) {
                throw protocolError("a " + opcode + " frame of " + length + " bytes (control frames carry at most 125)");
            }
        }
        int mask = 0;
        if (masked) {
            mask = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            p += 4;
        }
        return new WsFrameHeader(fin, opcode, masked, length, mask, p - off, rsv1);
    }

    /** RSV1 (true) when permessage-deflate allows it on this frame; else the protocol error. */
    private static boolean checkReservedBits(int b0, boolean deflate) throws WebSocketException {
        if (!deflate || (b0 & 0x30) != 0) {
            throw protocolError("reserved bits set (RSV1-3 = " + ((b0 >> 4) & 7) + ") with no extension agreed"
                    + (deflate ? " for RSV2 or RSV3 (permessage-deflate uses RSV1 alone)" : ""));
        }
        WsOpcode opcode = WsOpcode.of(b0 & 0x0f);
        if (opcode == WsOpcode.CONTINUATION) {
            throw protocolError("RSV1 set on a continuation frame (permessage-deflate marks only a message's first frame)");
        }
        if (opcode != null && opcode.isControl()) {
            throw protocolError("RSV1 set on a " + opcode + " frame (permessage-deflate never compresses control frames)");
        }
        return true; // a reserved opcode is refused by the caller
    }

    private static WebSocketException protocolError(String what) {
        return new WebSocketException(WsCloseCode.PROTOCOL_ERROR, "WebSocket protocol error: " + what);
    }
}
