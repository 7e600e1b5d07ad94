package io.asyncio4j.http.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes WebSocket frames (RFC 6455 §5.2) into byte arrays, and masks payloads, without I/O.
 * A frame is built whole — header and payload in one array — so that it leaves in one write.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: aiohttp's {@code WebSocketWriter._send_frame} (its byte half) and {@code _websocket_mask}
 */
public final class WsFrames {
    // little-endian, the machine's order on x86 and ARM: no byte swap per word (2x the big-endian view's speed)
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private WsFrames() {
    }

    /** The header's length for a payload of {@code length} bytes, masked or not. asyncio: none */
    public static int headerLength(long length, boolean masked) {
        return (length < 126 ? 2 : length <= 0xffff ? 4 : 10) + (masked ? 4 : 0);
    }

    /**
     * One frame: {@code opcode} with {@code payload[off, off + len)}, the FIN bit as given, masked
     * with {@code maskKey} when {@code masked} (a client's frames; the payload array is not
     * changed). asyncio: {@code WebSocketWriter._send_frame}
     */
    public static byte[] frame(WsOpcode opcode, boolean fin, byte[] payload, int off, int len, boolean masked,
                               int maskKey) {
        return frame(opcode, fin, false, payload, off, len, masked, maskKey);
    }

    /**
     * As {@link #frame(WsOpcode, boolean, byte[], int, int, boolean, int)}, with the RSV1 bit as
     * given (set on a permessage-deflate compressed message's first frame, RFC 7692 §6).
     * asyncio: {@code _send_frame} with {@code rsv |= 0x40}
     */
    public static byte[] frame(WsOpcode opcode, boolean fin, boolean rsv1, byte[] payload, int off, int len,
                               boolean masked, int maskKey) {
        int h = headerLength(len, masked);
        byte[] f = new byte[h + len];
        // the copy right after the allocation: the JIT then zeroes only the header's bytes
        System.arraycopy(payload, off, f, h, len);
        writeHeader(f, opcode, fin, rsv1, len, masked, maskKey);
        if (masked) {
            mask(f, h, len, maskKey);
        }
        return f;
    }

    /** Writes the header of such a frame at {@code f[0]}; returns its length. asyncio: none */
    public static int writeHeader(byte[] f, WsOpcode opcode, boolean fin, long len, boolean masked, int maskKey) {
        return writeHeader(f, opcode, fin, false, len, masked, maskKey);
    }

    /** As {@link #writeHeader(byte[], WsOpcode, boolean, long, boolean, int)}, with RSV1 as given. asyncio: none */
    public static int writeHeader(byte[] f, WsOpcode opcode, boolean fin, boolean rsv1, long len, boolean masked,
                                  int maskKey) {
        f[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode.code());
        int maskBit = masked ? 0x80 : 0;
        int p;
        if (len < 126) {
            f[1] = (byte) (maskBit | len);
            p = 2;
        } else if (len <= 0xffff) {
            f[1] = (byte) (maskBit | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
            p = 4;
        } else {
            f[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
            p = 10;
        }
        if (masked) {
            f[p] = (byte) (maskKey >>> 24);
            f[p + 1] = (byte) (maskKey >>> 16);
            f[p + 2] = (byte) (maskKey >>> 8);
            f[p + 3] = (byte) maskKey;
            p += 4;
        }
        return p;
    }

    /**
     * XORs {@code b[off, off + len)} with {@code maskKey} in place, the mask's first byte on
     * {@code b[off]}; masking twice restores the bytes. Eight bytes at a time, four words per turn.
     * asyncio: aiohttp's {@code _websocket_mask}
     */
    public static void mask(byte[] b, int off, int len, int maskKey) {
        if (maskKey == 0) {
            return;
        }
        int k = Integer.reverseBytes(maskKey); // the key's first byte lowest, as a little-endian word reads it
        long m = ((long) k << 32) | (k & 0xffffffffL);
        int i = off;
        int end = off + len;
        for (; i + 32 <= end; i += 32) {
            // four words per turn: the JIT does not vectorise this loop, unrolling gives ~1.7x
            long a0 = (long) LONGS.get(b, i);
            long a1 = (long) LONGS.get(b, i + 8);
            long a2 = (long) LONGS.get(b, i + 16);
            long a3 = (long) LONGS.get(b, i + 24);
            LONGS.set(b, i, a0 ^ m);
            LONGS.set(b, i + 8, a1 ^ m);
            LONGS.set(b, i + 16, a2 ^ m);
            LONGS.set(b, i + 24, a3 ^ m);
        }
        for (; i + 8 <= end; i += 8) {
            LONGS.set(b, i, (long) LONGS.get(b, i) ^ m);
        }
        for (int j = 0; i < end; i++, j++) {
            b[i] ^= (byte) (maskKey >>> (24 - 8 * (j & 3)));
        }
    }

    /**
     * A close frame's payload: the code, big-endian, then the reason in UTF-8.
     * asyncio: {@code PACK_CLOSE_CODE(code) + message}
     *
     * @throws IllegalArgumentException if the code may not be sent ({@code WsCloseCode.isSendable}),
     *         or the reason is longer than 123 bytes in UTF-8
     */
    public static byte[] closePayload(int code, String reason) {
        if (!io.asyncio4j.http.WsCloseCode.isSendable(code)) {
            throw new IllegalArgumentException("WebSocket.close(): " + code + " is not a close code that may be sent; "
                    + "use 1000-1003, 1007-1014 or 3000-4999 (WsCloseCode)");
        }
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (r.length > WsFrameHeader.MAX_CONTROL_PAYLOAD - 2) {
            throw new IllegalArgumentException("WebSocket.close(): the reason is " + r.length + " bytes in UTF-8; "
                    + "a close frame holds at most 123");
        }
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }
}
