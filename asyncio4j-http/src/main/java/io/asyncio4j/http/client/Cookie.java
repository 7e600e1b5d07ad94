package io.asyncio4j.http.client;

import io.asyncio4j.http.internal.CookieQuoting;

/**
 * A cookie as the client holds it: what a {@code Set-Cookie} field said
 * ({@link ClientResponse#cookies()}), or what a {@link CookieJar} keeps and sends. Attributes are
 * as received (strings, unchecked: {@code maxAge} "abc" is kept here and ignored by the jar),
 * absent ones null; a jar's cookies carry the domain and path it matched them with (the host
 * that set a host-only cookie, the default path), and a shared cookie — one given without a URL,
 * sent to every host — has the domain "".
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: {@code http.cookies.Morsel}
 *
 * @param name       the name. asyncio: {@code morsel.key}
 * @param value      the value, unquoted ({@code "x y"} on the wire gives {@code x y}). asyncio: {@code morsel.value}
 * @param codedValue the value as on the wire, and as sent back in a {@code Cookie} field.
 *                   asyncio: {@code morsel.coded_value}
 * @param domain     the {@code Domain} attribute, or null. asyncio: {@code morsel["domain"]}
 * @param path       the {@code Path} attribute, or null. asyncio: {@code morsel["path"]}
 * @param expires    the {@code Expires} attribute as written, or null. asyncio: {@code morsel["expires"]}
 * @param maxAge     the {@code Max-Age} attribute as written, or null. asyncio: {@code morsel["max-age"]}
 * @param secure     whether it had {@code Secure}: sent over https (and wss) only. asyncio: {@code morsel["secure"]}
 * @param httpOnly   whether it had {@code HttpOnly}. asyncio: {@code morsel["httponly"]}
 * @param sameSite   the {@code SameSite} attribute, or null. asyncio: {@code morsel["samesite"]}
 */
public record Cookie(String name, String value, String codedValue, String domain, String path, String expires,
                     String maxAge, boolean secure, boolean httpOnly, String sameSite) {

    /**
     * A cookie {@code name=value} without attributes, its value quoted for the wire as aiohttp
     * quotes it ({@code x y} goes as {@code "x y"}). asyncio: {@code SimpleCookie()[name] = value}
     *
     * @throws IllegalArgumentException for a name that is not a token or is an attribute's name,
     *         a null value, or one with a character above U+00FF
     */
    public static Cookie of(String name, String value) {
        String problem = CookieQuoting.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("Cookie.of(): " + problem + "; give a token name such as \"session_id\"");
        }
        if (value == null) {
            throw new IllegalArgumentException("Cookie.of(): the value of cookie \"" + name + "\" is null; "
                    + "give \"\" for an empty one");
        }
        String coded = CookieQuoting.quote(value);
        if (coded == null) {
            throw new IllegalArgumentException("Cookie.of(): the value of cookie \"" + name + "\" holds a character "
                    + "above U+00FF, which a header cannot carry; percent-encode or base64 the value");
        }
        return new Cookie(name, value, coded, null, null, null, null, false, false, null);
    }

    /** A copy with {@code domain} and {@code path} (what a jar matched it with). */
    Cookie withDomainAndPath(String domain, String path) {
        return new Cookie(name, value, codedValue, domain, path, expires, maxAge, secure, httpOnly, sameSite);
    }

    /** {@code name=codedValue}, as in a Cookie field. asyncio: {@code morsel.OutputString()} without attributes */
    @Override
    public String toString() {
        return name + "=" + codedValue + (domain == null ? "" : "; Domain=" + domain)
                + (path == null ? "" : "; Path=" + path) + (secure ? "; Secure" : "");
    }
}
