package io.asyncio4j.http.client;

import io.asyncio4j.streams.StreamReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * WebSocket bytes as a raw test server ({@link TestServer}) writes and reads them, built here
 * from RFC 6455 itself rather than with the codec under test: the 101 answer with its accept
 * value, unmasked (or deliberately masked) server frames, and the client's frames read and
 * unmasked.
 */
final class WsWire {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    static final int FIN = 0x80;

    private WsWire() {
    }

    /** One frame as it was on the wire; {@code payload} is unmasked, {@code wirePayload} as sent. */
    record Frame(boolean fin, int rsv, int opcode, boolean masked, int maskKey, byte[] payload, byte[] wirePayload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** Sec-WebSocket-Accept for {@code key} (RFC 6455 section 4.2.2): base64(SHA-1(key + GUID)). */
    static String accept(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(d);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A 101 answer to {@code r} with the right accept value, plus {@code fields} ("Name: value"). */
    static String switching(TestServer.Request r, String... fields) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").append(accept(r.header("Sec-WebSocket-Key")))
                .append("\r\n");
        for (String f : fields) {
            sb.append(f).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** The server's half of the handshake: reads the request and answers 101. May suspend. */
    static TestServer.Request handshake(TestServer.Conn conn, String... fields) throws IOException {
        TestServer.Request r = conn.readRequest();
        conn.send(switching(r, fields));
        return r;
    }

    /** A server's (unmasked) frame whose first byte is {@code b0} (FIN, RSV bits, opcode). */
    static byte[] frame(int b0, byte[] payload) {
        return build(b0, payload, false, 0);
    }

    /** A frame masked with {@code maskKey}: what a server must never send. */
    static byte[] maskedFrame(int b0, byte[] payload, int maskKey) {
        return build(b0, payload, true, maskKey);
    }

    private static byte[] build(int b0, byte[] payload, boolean masked, int maskKey) {
        return io.asyncio4j.http.WsRfc.frame(b0, payload, masked, maskKey);
    }

    static byte[] text(String s) {
        return frame(FIN | TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] binary(byte[] b) {
        return frame(FIN | BINARY, b);
    }

    static byte[] ping(String payload) {
        return frame(FIN | PING, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] pong(String payload) {
        return frame(FIN | PONG, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] close(int code, String reason) {
        return frame(FIN | CLOSE, io.asyncio4j.http.WsRfc.closePayload(code, reason));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The next frame from {@code in}, unmasked if masked. May suspend. */
    static Frame read(StreamReader in) throws IOException {
        byte[] two = in.readexactly(2);
        int b0 = two[0] & 0xff;
        int b1 = two[1] & 0xff;
        long n = b1 & 0x7f;
        if (n == 126) {
            byte[] e = in.readexactly(2);
            n = ((e[0] & 0xff) << 8) | (e[1] & 0xff);
        } else if (n == 127) {
            byte[] e = in.readexactly(8);
            n = 0;
            for (byte b : e) {
                n = (n << 8) | (b & 0xff);
            }
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] key = masked ? in.readexactly(4) : new byte[4];
        byte[] wire = in.readexactly((int) n);
        byte[] payload = wire.clone();
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[i & 3];
        }
        int maskKey = ((key[0] & 0xff) << 24) | ((key[1] & 0xff) << 16) | ((key[2] & 0xff) << 8) | (key[3] & 0xff);
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0f, masked, maskKey, payload, wire);
    }

    /**
     * Reads frames until the client's close frame, answers it with the same code, and returns the
     * frames read before it (the close frame last). May suspend.
     */
    static List<Frame> untilCloseAnswered(TestServer.Conn conn) throws IOException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Frame f = read(conn.reader);
            frames.add(f);
            if (f.opcode() == CLOSE) {
                conn.send(close(f.payload().length >= 2 ? f.closeCode() : 1000, ""));
                return frames;
            }
        }
    }
}
