package io.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding (RFC 3986 §2.1) of a string's UTF-8 bytes, with the safe set each caller's
 * reference uses: ASCII letters and digits and the characters of {@code safe} as they are, a
 * space as {@code +} where a query or form wants it, every other byte as {@code %XX} (upper-case
 * hex). One routine for Python's {@code quote} / {@code quote_plus}, yarl's path and query
 * quoting and RFC 5987's {@code filename*}.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: {@code urllib.parse.quote(s, safe)} / {@code quote_plus}, yarl's {@code _Quoter}
 */
public final class PercentEncoding {
    private PercentEncoding() {
    }

    /** {@code s} encoded, appended to {@code out}. */
    public static void quote(String s, String safe, boolean spaceAsPlus, StringBuilder out) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || safe.indexOf(c) >= 0) {
                out.append((char) c);
            } else if (c == ' ' && spaceAsPlus) {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
    }

    /** {@code s} encoded. */
    public static String quote(String s, String safe, boolean spaceAsPlus) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        quote(s, safe, spaceAsPlus, out);
        return out.toString();
    }

    /** RFC 3986 section 5.2.4 for an absolute path: {@code .} dropped, {@code ..} drops the segment before it. */
    public static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1); // segments[0] is the "" before the leading /
        java.util.Deque<String> out = new java.util.ArrayDeque<>();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".") || s.equals("..")) {
                if (s.equals("..") && !out.isEmpty()) {
                    out.removeLast();
                }
                if (i == segments.length - 1) {
                    out.addLast(""); // "/a/.." is "/": the directory, with its slash
                }
            } else {
                out.addLast(s);
            }
        }
        return "/" + String.join("/", out);
    }
}
