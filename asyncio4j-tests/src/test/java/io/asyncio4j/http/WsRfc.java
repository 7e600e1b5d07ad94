package io.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * WebSocket frames written straight from RFC 6455 §5.2, byte by byte, for the tests' raw peers
 * (the server tests' {@code web.WsPeer}, the client tests' {@code client.WsWire}): independent of
 * the codec under test, so a bug there cannot hide in both sides.
 */
public final class WsRfc {
    /** Opcodes and the FIN bit (RFC 6455 §5.2). */
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    public static final int FIN = 0x80;

    private WsRfc() {
    }

    /**
     * A frame: {@code first} (FIN, RSV bits, opcode) and {@code payload}, masked with
     * {@code maskKey} (its first byte on the payload's first) when {@code masked}.
     */
    public static byte[] frame(int first, byte[] payload, boolean masked, int maskKey) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(first);
        int maskBit = masked ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) {
            b.write(maskBit | n);
        } else if (n <= 0xffff) {
            b.write(maskBit | 126);
            b.write(n >>> 8);
            b.write(n);
        } else {
            b.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                b.write((int) ((long) n >>> shift));
            }
        }
        if (masked) {
            byte[] key = {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey};
            b.writeBytes(key);
            for (int i = 0; i < n; i++) {
                b.write(payload[i] ^ key[i & 3]);
            }
        } else {
            b.writeBytes(payload);
        }
        return b.toByteArray();
    }

    /** A close frame's payload: the code big-endian, then the reason in UTF-8. */
    public static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    /** A permessage-deflate payload decompressed as RFC 7692 §7.2.2 says, with a fresh JDK Inflater (not the codec under test). */
    public static byte[] inflate(byte[] payload) throws java.util.zip.DataFormatException {
        java.util.zip.Inflater f = new java.util.zip.Inflater(true);
        try {
            byte[] in = java.util.Arrays.copyOf(payload, payload.length + 4);
            in[payload.length + 2] = (byte) 0xff;
            in[payload.length + 3] = (byte) 0xff;
            f.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!f.needsInput() && !f.finished()) {
                out.write(buf, 0, f.inflate(buf));
            }
            return out.toByteArray();
        } finally {
            f.end();
        }
    }

    /** {@code data} compressed as a fresh sender would, tail cut (RFC 7692 §7.2.1), with the JDK's Deflater. */
    public static byte[] deflate(byte[] data) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(data);
            byte[] out = new byte[data.length + 1024];
            int n = d.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
            return java.util.Arrays.copyOf(out, n - 4);
        } finally {
            d.end();
        }
    }
}
