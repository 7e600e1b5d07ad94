package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;

import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static io.asyncio4j.http.codec.HttpTesting.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the WebSocket codec tests share: frames as hex, UTF-8 bytes, and the assertion on violations. */
final class WsTesting {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private WsTesting() {
    }

    /** Bytes written as hex pairs, spaces anywhere ignored: {@code hex("81 05 48 65")}. */
    static byte[] hex(String pairs) {
        return HexFormat.of().parseHex(pairs.replace(" ", ""));
    }

    /** {@code b} as lower-case hex pairs separated by spaces, for readable comparisons. */
    static String hexOf(byte[] b) {
        return HEX.formatHex(b);
    }

    /** {@code s} in UTF-8. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code a} followed by {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Asserts that {@code call} throws a WebSocketException with close code {@code code} and a message holding {@code problem}. */
    static WebSocketException assertViolation(int code, String problem, Executable call) {
        WebSocketException e = assertThrows(WebSocketException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertMentions(problem, e);
        return e;
    }
}
