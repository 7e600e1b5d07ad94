package io.asyncio4j.http.client;

import io.asyncio4j.http.internal.CookieQuoting;

import java.util.Locale;

/**
 * Reads a {@code Set-Cookie} field value as RFC 6265 section 5.2 says: the name and value up to
 * the first {@code ;}, trimmed; then attributes, names in any case, unknown ones ignored, a
 * repeated one's last value kept. A field without {@code =} in its first part, or whose name is
 * not a token (or is an attribute's name) is ignored; so is its cookie.
 * <p>
 * Deliberately more forgiving than aiohttp, which reads it with Python's SimpleCookie and drops
 * a field whose value holds a space, a {@code "} or a non-ASCII byte unquoted ({@code a=b c}):
 * browsers accept those, and servers send them.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: {@code SimpleCookie.load(field)} in aiohttp's {@code ClientResponse.start}
 */
final class SetCookieParser {
    private SetCookieParser() {
    }

    /** The cookie {@code field} sets, or null if it cannot be read. */
    static Cookie parse(String field) {
        int semi = field.indexOf(';');
        String pair = semi < 0 ? field : field.substring(0, semi);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = pair.substring(0, eq).trim();
        if (CookieQuoting.nameProblem(name) != null) {
            return null;
        }
        String coded = pair.substring(eq + 1).trim();
        String domain = null, path = null, expires = null, maxAge = null, sameSite = null;
        boolean secure = false, httpOnly = false;
        int at = semi;
        while (at >= 0) {
            int next = field.indexOf(';', at + 1);
            String attr = next < 0 ? field.substring(at + 1) : field.substring(at + 1, next);
            at = next;
            int aeq = attr.indexOf('=');
            String an = (aeq < 0 ? attr : attr.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String av = aeq < 0 ? "" : attr.substring(aeq + 1).trim();
            switch (an) {
                case "domain" -> domain = av;
                case "path" -> path = av;
                case "expires" -> expires = av;
                case "max-age" -> maxAge = av;
                case "samesite" -> sameSite = av;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                default -> {
                    // unknown attributes (Comment, Version, Priority, Partitioned) are ignored
                }
            }
        }
        return new Cookie(name, CookieQuoting.unquote(coded), coded, domain, path, expires, maxAge, secure, httpOnly,
                sameSite);
    }
}
