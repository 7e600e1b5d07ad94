package io.asyncio4j.http.codec;

import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the HTTP codec tests share: heads as text, Latin-1 bytes, and the assertions on refusals. */
final class HttpTesting {
    private HttpTesting() {
    }

    /** {@code s} as bytes, one per char (the wire's ISO-8859-1). */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code b} as text, one char per byte. */
    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A head as on the wire: each line ending in CRLF, then the empty line. */
    static String head(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** Asserts that {@code call} fails to parse with {@code status} and a message holding {@code problem}. */
    static HttpParseException assertRefused(int status, String problem, Executable call) {
        HttpParseException e = assertThrows(HttpParseException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        assertMentions(problem, e);
        return e;
    }

    /** Asserts that {@code call} throws IllegalArgumentException with a message holding {@code problem}. */
    static IllegalArgumentException assertIllegal(String problem, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertMentions(problem, e);
        return e;
    }

    /** Asserts that {@code e}'s message holds {@code problem}. */
    static void assertMentions(String problem, Throwable e) {
        assertTrue(e.getMessage().contains(problem), () -> "expected \"" + problem + "\" in: " + e.getMessage());
    }
}
