package io.asyncio4j.http.web;

/**
 * The attributes of a cookie a response sets ({@link Response#setCookie(String, String, CookieOptions)}).
 * Immutable; start from {@link #defaults()} (path {@code /}, nothing else) and add what you need:
 * <pre>{@code
 * resp.setCookie("session", id, CookieOptions.defaults().withMaxAge(3600).withHttpOnly(true).withSameSite("Lax"));
 * }</pre>
 * A null attribute is not written — and, when the response already sets a cookie of that name,
 * leaves that cookie's value of it (domain, secure, httpOnly, sameSite, expires) as it was:
 * aiohttp's "updates only those params which are not None".
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: the keyword arguments of aiohttp's {@code resp.set_cookie(name, value, ...)}
 *
 * @param expires  the {@code expires} attribute as written, an HTTP date such as
 *                 {@code Thu, 01 Jan 2030 00:00:00 GMT} ({@code HttpDate.format}); null: none.
 *                 asyncio: {@code expires=}
 * @param domain   the {@code Domain} attribute; null: none (the cookie goes back to this host
 *                 only). asyncio: {@code domain=}
 * @param maxAge   the {@code Max-Age} attribute in seconds (0: delete now); null: none.
 *                 asyncio: {@code max_age=}
 * @param path     the {@code Path} attribute (default {@code /}); "" or null: none.
 *                 asyncio: {@code path="/"}
 * @param secure   {@code Secure} when true (sent back over https only). asyncio: {@code secure=}
 * @param httpOnly {@code HttpOnly} when true (hidden from a browser's scripts). asyncio: {@code httponly=}
 * @param sameSite the {@code SameSite} attribute ({@code Strict}, {@code Lax}, {@code None}); null:
 *                 none. asyncio: {@code samesite=}
 */
public record CookieOptions(String expires, String domain, Integer maxAge, String path, Boolean secure,
                            Boolean httpOnly, String sameSite) {
    private static final CookieOptions DEFAULTS = new CookieOptions(null, null, null, "/", null, null, null);

    /** Path {@code /}, no other attribute. asyncio: {@code resp.set_cookie(name, value)} without keywords */
    public static CookieOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with {@code expires} (an HTTP date, as written). asyncio: {@code expires=} */
    public CookieOptions withExpires(String expires) {
        return new CookieOptions(expires, domain, maxAge, path, secure, httpOnly, sameSite);
    }

    /** A copy with {@code Domain=domain}. asyncio: {@code domain=} */
    public CookieOptions withDomain(String domain) {
        return new CookieOptions(expires, domain, maxAge, path, secure, httpOnly, sameSite);
    }

    /** A copy with {@code Max-Age=seconds}. asyncio: {@code max_age=} */
    public CookieOptions withMaxAge(int seconds) {
        return new CookieOptions(expires, domain, seconds, path, secure, httpOnly, sameSite);
    }

    /** A copy with {@code Path=path}. asyncio: {@code path=} */
    public CookieOptions withPath(String path) {
        return new CookieOptions(expires, domain, maxAge, path, secure, httpOnly, sameSite);
    }

    /** A copy that is {@code Secure} (or explicitly not). asyncio: {@code secure=} */
    public CookieOptions withSecure(boolean secure) {
        return new CookieOptions(expires, domain, maxAge, path, secure, httpOnly, sameSite);
    }

    /** A copy that is {@code HttpOnly} (or explicitly not). asyncio: {@code httponly=} */
    public CookieOptions withHttpOnly(boolean httpOnly) {
        return new CookieOptions(expires, domain, maxAge, path, secure, httpOnly, sameSite);
    }

    /** A copy with {@code SameSite=sameSite}. asyncio: {@code samesite=} */
    public CookieOptions withSameSite(String sameSite) {
        return new CookieOptions(expires, domain, maxAge, path, secure, httpOnly, sameSite);
    }
}
