package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A WebSocket client written for the server tests, byte by byte on a {@link RawHttp} connection
 * and independent of the library's codec: frames go out exactly as built here (masked or not, any
 * bits set), and the server's frames are split here, so that a server that frames wrongly fails
 * the test rather than being smoothed over. Every method may suspend.
 */
final class WsPeer implements AutoCloseable {
    /** RFC 6455 §1.3's example key and the accept value it must get. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    static final int FIN = 0x80;

    private static final int MASK_KEY = 0x37fa213d; // RFC 6455 §5.7's example key

    final RawHttp http;
    final Reply handshake;

    private WsPeer(RawHttp http, Reply handshake) {
        this.http = http;
        this.handshake = handshake;
    }

    /** A valid opening handshake for {@code target}, with {@code fields} (each ending in CRLF) added. */
    static String upgradeRequest(String target, String fields) {
        return "GET " + target + " HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + fields + "\r\n";
    }

    /** Connects to {@code s} and opens a WebSocket on {@code target}; checks the answer is 101. */
    static WsPeer open(Served s, String target) throws IOException {
        return open(s, target, "");
    }

    /** As {@link #open(Served, String)}, the handshake with {@code fields} added. */
    static WsPeer open(Served s, String target, String fields) throws IOException {
        RawHttp c = s.connect();
        Reply r = c.send(upgradeRequest(target, fields)).readHead();
        assertEquals(101, r.status(), "the handshake's answer:\n" + r);
        return new WsPeer(c, r);
    }

    /** A frame: its first byte (FIN, RSV1-3, opcode) and payload as sent or received. */
    record Frame(int first, boolean masked, byte[] payload) {
        int opcode() {
            return first & 0x0f;
        }

        boolean fin() {
            return (first & FIN) != 0;
        }

        int rsv() {
            return (first >> 4) & 0x07;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code, or -1 for an empty close frame. */
        int closeCode() {
            assertEquals(CLOSE, opcode(), "a close frame");
            return payload.length == 0 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Frame(fin=" + fin() + " rsv=" + rsv() + " op=" + opcode() + " " + payload.length + " bytes)";
        }
    }

    /** A frame of {@code first} (FIN, RSV, opcode) with {@code payload}, masked or not. */
    static byte[] frame(int first, byte[] payload, boolean masked) {
        return io.asyncio4j.http.WsRfc.frame(first, payload, masked, MASK_KEY);
    }

    static byte[] closePayload(int code, String reason) {
        return io.asyncio4j.http.WsRfc.closePayload(code, reason);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a masked frame of {@code first} with {@code payload}. */
    WsPeer send(int first, byte[] payload) throws IOException {
        http.send(frame(first, payload, true));
        return this;
    }

    WsPeer sendText(String text) throws IOException {
        return send(FIN | TEXT, utf8(text));
    }

    WsPeer sendClose(int code, String reason) throws IOException {
        return send(FIN | CLOSE, closePayload(code, reason));
    }

    /** The server's next frame; a server's frames must not be masked (RFC 6455 §5.1). */
    Frame read() throws IOException {
        byte[] two = bytes(2);
        boolean masked = (two[1] & 0x80) != 0;
        long n = two[1] & 0x7f;
        if (n == 126) {
            byte[] ext = bytes(2);
            n = ((ext[0] & 0xff) << 8) | (ext[1] & 0xff);
        } else if (n == 127) {
            byte[] ext = bytes(8);
            n = 0;
            for (byte x : ext) {
                n = (n << 8) | (x & 0xff);
            }
        }
        assertEquals(false, masked, "a server's frame is never masked");
        return new Frame(two[0] & 0xff, false, bytes((int) n));
    }

    private byte[] bytes(int n) throws IOException {
        return n == 0 ? new byte[0] : http.readExactly(n).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads the server's close frame, checks its code, then that the server closes the connection. */
    Frame expectCloseThenEof(int code) throws IOException {
        Frame f = read();
        assertEquals(CLOSE, f.opcode(), "a close frame: " + f);
        assertEquals(code, f.closeCode());
        http.assertClosedByServer();
        return f;
    }

    @Override
    public void close() {
        http.close();
    }
}
