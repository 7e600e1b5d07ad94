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

    /**
     * Query string {@code raw} as yarl's {@code URL.query_string} gives it: {@code +} is a space,
     * an escape of UTF-8 is decoded except one of the separators {@code + = & ;} (which comes
     * back as an upper-case escape, {@code %2b} as {@code %2B}, so the pairs still split as sent),
     * and escapes that do not make UTF-8 stay as they were sent ({@code %ff}, a cut {@code %C3}).
     * asyncio: yarl's {@code _Unquoter(qs=True)}
     */
    static String decodeQueryString(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int pendingFrom = -1; // where the escapes of an unfinished UTF-8 sequence start in raw
        int need = 0;         // continuation bytes still to come
        int cp = 0;
        int lo = 0x80, hi = 0xBF; // the next continuation byte's range (narrower after E0, ED, F0, F4)
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            int h = c == '%' && i + 2 < n ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int l = h >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (l >= 0) {
                int b = h * 16 + l;
                if (need > 0) {
                    if (b >= lo && b <= hi) {
                        cp = (cp << 6) | (b & 0x3F);
                        lo = 0x80;
                        hi = 0xBF;
                        i += 2;
                        if (--need == 0) {
                            out.appendCodePoint(cp);
                            pendingFrom = -1;
                        }
                        continue;
                    }
                    // not a continuation: the sequence so far stays as sent, this byte starts afresh
                    out.append(raw, pendingFrom, i);
                    pendingFrom = -1;
                    need = 0;
                }
                if (b < 0x80) {
                    char d = (char) b;
                    if (d == '+' || d == '=' || d == '&' || d == ';') {
                        out.append('%').append(Character.toUpperCase(raw.charAt(i + 1)))
                                .append(Character.toUpperCase(raw.charAt(i + 2)));
                    } else {
                        out.append(d);
                    }
                } else if (b >= 0xC2 && b <= 0xF4) {
                    pendingFrom = i;
                    need = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
                    cp = b & (b < 0xE0 ? 0x1F : b < 0xF0 ? 0x0F : 0x07);
                    // the second byte's range, as Python's UTF-8 decoder checks it (no overlong
                    // forms, no surrogates, nothing past U+10FFFF)
                    lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
                    hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
                } else {
                    out.append(raw, i, i + 3); // no UTF-8 starts with it: kept as sent
                }
                i += 2;
                continue;
            }
            if (need > 0) {
                out.append(raw, pendingFrom, i);
                pendingFrom = -1;
                need = 0;
                lo = 0x80;
                hi = 0xBF;
            }
            out.append(c == '+' ? ' ' : c);
        }
        if (need > 0) {
            out.append(raw, pendingFrom, n);
        }
        return out.toString();
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
