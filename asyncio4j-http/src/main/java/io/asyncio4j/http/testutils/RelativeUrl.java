package io.asyncio4j.http.testutils;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Joins a path onto a server's root URL, as aiohttp's {@code make_url} does with yarl:
 * requote, refuse absolute references, resolve per RFC 3986 section 5.2 (dot segments removed).
 * <p>
 * Stateless; any thread.
 */
final class RelativeUrl {
    private static final String KEPT = "-._~:/?#[]@!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RelativeUrl() {
    }

    /** {@code path} resolved against {@code root} ({@code scheme://host:port}, no path); {@code who} names the caller in errors. */
    static String join(String root, String path, String who) {
        if (path == null) {
            throw new IllegalArgumentException(who + ": the path is null; give one such as /users (\"\" for the root)");
        }
        String quoted = requote(path);
        URI ref;
        try {
            ref = new URI(quoted);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(who + ": \"" + path + "\" is not a URL path: " + e.getReason(), e);
        }
        if (ref.getScheme() != null || ref.getRawAuthority() != null || quoted.startsWith("//")) {
            throw new IllegalArgumentException(who + ": \"" + path + "\" is an absolute URL; give a path on the test "
                    + "server such as /users (aiohttp asserts the same), or pass the absolute URL to session()");
        }
        if (quoted.isEmpty()) {
            return root;
        }
        String raw = ref.getRawPath() == null ? "" : ref.getRawPath();
        StringBuilder b = new StringBuilder(root)
                .append(raw.isEmpty() ? "/" : io.asyncio4j.http.internal.PercentEncoding.removeDotSegments(raw.startsWith("/") ? raw : "/" + raw));
        if (ref.getRawQuery() != null) {
            b.append('?').append(ref.getRawQuery());
        }
        if (ref.getRawFragment() != null) {
            b.append('#').append(ref.getRawFragment());
        }
        return b.toString();
    }

    /**
     * {@code s} with every character a URL may not hold percent-encoded as UTF-8 (a space, a
     * non-ASCII letter, a {@code %} not starting an escape), as yarl requotes; escapes kept.
     */
    static String requote(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || KEPT.indexOf(c) >= 0
                    || c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)));
            if (ok) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
            for (byte x : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                b.append('%').append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
            }
            i = end - 1;
        }
        return b == null ? s : b.toString();
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
