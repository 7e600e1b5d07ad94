package io.asyncio4j.http.web;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/**
 * A 3xx that sends the client elsewhere: the location goes in the {@code Location} field,
 * percent-encoded where a URL may not hold the character as it is ({@code "/a b?q=é"} is sent as
 * {@code "/a%20b?q=%C3%A9"}, a space in the query as {@code +}, an international host name in
 * its ASCII form), as aiohttp's {@code str(URL(location))} does. Catch it to handle every
 * redirect at once.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web._HTTPMove} (the base of {@code HTTPFound}, {@code HTTPSeeOther}, ...)
 */
public abstract class HttpMove extends HttpRedirection {
    private final String location;

    /**
     * A redirect with {@code status} (300 to 399) to {@code location}, with {@code text} as its
     * body (null: the default). asyncio: {@code class MyMove(web._HTTPMove): status_code = ...}
     *
     * @throws IllegalArgumentException for a null or empty location, or a status outside 300 to 399
     */
    protected HttpMove(int status, String location, String text) {
        super(status, text);
        if (location == null || location.isEmpty()) {
            // aiohttp's words first, so a search for its message finds ours
            throw new IllegalArgumentException(getClass().getSimpleName() + "(): HTTP redirects need a location "
                    + "to redirect to. Give the path or URL to send the client to");
        }
        this.location = location;
        headers().set("Location", encode(location));
    }

    /** The location as given (the field holds it encoded). asyncio: {@code exc.location} */
    public String location() {
        return location;
    }

    /** {@code location} with what a URL may not hold percent-encoded, as yarl's {@code str(URL(location))}. */
    static String encode(String location) {
        StringBuilder out = new StringBuilder(location.length() + 16);
        int start = 0;
        int scheme = schemeEnd(location);
        if (scheme > 0 && location.startsWith("//", scheme + 1)) {
            int authorityStart = scheme + 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < location.length() && "/?#".indexOf(location.charAt(authorityEnd)) < 0) {
                authorityEnd++;
            }
            out.append(location, 0, authorityStart);
            appendAuthority(out, location.substring(authorityStart, authorityEnd));
            start = authorityEnd;
        }
        char part = 'p'; // p: path, q: query, f: fragment; a space is '+' in a query only, as yarl writes it
        for (int i = start; i < location.length(); ) {
            int c = location.codePointAt(i);
            if (c == '?' && part == 'p') {
                part = 'q';
            } else if (c == '#' && part != 'f') {
                part = 'f';
            }
            if (c == ' ' && part == 'q') {
                out.append('+');
            } else {
                append(out, location, i, c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** The index of the ':' ending a scheme ({@code https:}), or -1. */
    private static int schemeEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i > 0 ? i : -1;
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
                return -1;
            }
        }
        return -1;
    }

    /** The authority with an international host name in its ASCII (punycode) form. */
    private static void appendAuthority(StringBuilder out, String authority) {
        int at = authority.lastIndexOf('@');
        int hostStart = at + 1;
        int hostEnd = authority.length();
        if (!authority.startsWith("[", hostStart)) { // an IPv6 literal holds colons and no letters to convert
            int colon = authority.indexOf(':', hostStart);
            hostEnd = colon >= 0 ? colon : hostEnd;
        }
        String host = authority.substring(hostStart, hostEnd);
        if (!host.chars().allMatch(c -> c < 0x80)) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("HttpMove: the location's host \"" + host + "\" is not a valid "
                        + "international domain name (" + e.getMessage() + "); give its ASCII form", e);
            }
        }
        String rest = authority.substring(0, hostStart) + host + authority.substring(hostEnd);
        for (int i = 0; i < rest.length(); ) {
            int c = rest.codePointAt(i);
            append(out, rest, i, c);
            i += Character.charCount(c);
        }
    }

    /** The code point {@code c}, at {@code i} in {@code s}, as it is if a URL may hold it, else escaped. */
    private static void append(StringBuilder out, String s, int i, int c) {
        if (isUrlChar(c) || (c == '%' && isEscape(s, i))) {
            out.append((char) c);
        } else {
            escape(out, c);
        }
    }

    /** An unreserved or reserved URL character (RFC 3986), kept as it is. */
    private static boolean isUrlChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~:/?#[]@!$&'()*+,;=".indexOf(c) >= 0;
    }

    /** Whether the '%' at {@code i} starts an escape (two hex digits follow); a lone one is sent as %25. */
    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    private static void escape(StringBuilder out, int codePoint) {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * (a subclass without its own override gives an HttpMove). asyncio: {@code web._HTTPMove(reason=...)}
     */
    @Override
    public HttpMove withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
