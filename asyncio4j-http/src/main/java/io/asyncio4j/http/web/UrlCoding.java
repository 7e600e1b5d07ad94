package io.asyncio4j.http.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding of paths and query strings (UTF-8), as leniently as aiohttp's (yarl's): a
 * {@code %} not followed by two hex digits stays as it is, and bytes that are not UTF-8 become
 * U+FFFD, so a sloppy client's request is still served.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: yarl's unquoting in aiohttp's {@code request.path} / {@code request.query}
 */
final class UrlCoding {
    private UrlCoding() {
    }

    /** {@code raw} percent-decoded ({@code +} stays a plus). */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        return decode(raw, false);
    }

    /**
     * A character no request path holds in practice (Unicode private use), standing for an
     * encoded slash ({@code %2F}) in a {@link #decodeForRouting routing path}.
     */
    static final char SLASH_IN_SEGMENT = '\uE000';

    /**
     * {@code raw} decoded as {@link #decodePath} does, except that an encoded slash becomes
     * {@link #SLASH_IN_SEGMENT}: routes match the path's segments as sent, as aiohttp matches
     * the raw path and decodes the variables afterwards ({@code /users/{id}} takes
     * {@code /users/a%2Fb}, with {@code id} = {@code a/b}).
     */
    static String decodeForRouting(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        if (raw.indexOf("%2F") < 0 && raw.indexOf("%2f") < 0) {
            return decode(raw, false);
        }
        return decode(raw.replace("%2F", "%EE%80%80").replace("%2f", "%EE%80%80"), false);
    }

    /** A path variable's value from a {@link #decodeForRouting routing path}: its encoded slashes are slashes again. */
    static String variableValue(String routed) {
        return routed.indexOf(SLASH_IN_SEGMENT) < 0 ? routed : routed.replace(SLASH_IN_SEGMENT, '/');
    }

    /** The parameters of query string {@code q}, decoded ({@code +} is a space), by name, names in order. */
    static Map<String, List<String>> parseQuery(String q) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : parsePairs(q)) {
            out.computeIfAbsent(p.getKey(), k -> new ArrayList<>(1)).add(p.getValue());
        }
        return out;
    }

    /** The name=value pairs of {@code q} (a query string, a url-encoded form), decoded, in order. */
    static List<Map.Entry<String, String>> parsePairs(String q) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            out.add(Map.entry(name, value));
        }
        return out;
    }

    private static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0) {
            return plusIsSpace ? s.replace('+', ' ') : s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.write(c); // a '%' without two hex digits stays as it was sent, as yarl keeps it
            }
        }
        // bytes that are not UTF-8 become U+FFFD, as yarl's unquoting does
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
}
