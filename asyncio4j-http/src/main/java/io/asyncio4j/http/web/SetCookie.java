package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.CookieQuoting;

/**
 * One cookie a response sets, and its {@code Set-Cookie} field value as aiohttp writes it (a
 * Python {@code Morsel}'s output): {@code name=value}, the value quoted when it must be, then
 * the attributes in Morsel's order — {@code Domain}, {@code expires}, {@code HttpOnly},
 * {@code Max-Age}, {@code Path}, {@code SameSite}, {@code Secure} — each after {@code "; "}.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: {@code http.cookies.Morsel} ({@code OutputString})
 */
record SetCookie(String name, String value, String codedValue, String expires, String domain, Integer maxAge,
                 String path, Boolean secure, Boolean httpOnly, String sameSite) {

    /** The field value. asyncio: {@code morsel.output(header="")[1:]} */
    String fieldValue() {
        StringBuilder sb = new StringBuilder(64).append(name).append('=').append(codedValue);
        append(sb, "Domain", domain);
        append(sb, "expires", expires);
        if (Boolean.TRUE.equals(httpOnly)) {
            sb.append("; HttpOnly");
        }
        append(sb, "Max-Age", maxAge == null ? null : maxAge.toString());
        append(sb, "Path", path);
        append(sb, "SameSite", sameSite);
        if (Boolean.TRUE.equals(secure)) {
            sb.append("; Secure");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String attribute, String value) {
        if (value != null && !value.isEmpty()) { // Morsel skips empty attributes (path="" writes no Path)
            sb.append("; ").append(attribute).append('=').append(value);
        }
    }

    /**
     * The cookie {@code name=value} with {@code o}'s attributes over those of {@code old} (the
     * response's earlier cookie of that name, or null), as aiohttp's {@code set_cookie} merges them.
     * @throws IllegalArgumentException for a name, value or attribute that cannot be written
     */
    static SetCookie merge(SetCookie old, String name, String value, CookieOptions o) {
        String problem = CookieQuoting.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("Response.setCookie(): " + problem + "; give a token name such as "
                    + "\"session_id\"");
        }
        if (value == null) {
            throw new IllegalArgumentException("Response.setCookie(): the value of cookie \"" + name + "\" is null; "
                    + "give \"\" for an empty one, or use delCookie() to delete it");
        }
        String coded = CookieQuoting.quote(value);
        if (coded == null) {
            throw new IllegalArgumentException("Response.setCookie(): the value of cookie \"" + name + "\" holds a "
                    + "character above U+00FF, which a header cannot carry; percent-encode or base64 the value");
        }
        if (o == null) {
            o = CookieOptions.defaults();
        }
        String expires = checked("expires", o.expires());
        if (expires == null && old != null && !DELETED_EXPIRES.equals(old.expires)) {
            expires = old.expires;
        }
        String domain = o.domain() != null ? checked("domain", o.domain()) : old == null ? null : old.domain;
        String path = checked("path", o.path());
        Boolean secure = o.secure() != null ? o.secure() : old == null ? null : old.secure;
        Boolean httpOnly = o.httpOnly() != null ? o.httpOnly() : old == null ? null : old.httpOnly;
        String sameSite = o.sameSite() != null ? checked("sameSite", o.sameSite()) : old == null ? null : old.sameSite;
        // Max-Age is not kept from an earlier set_cookie: aiohttp deletes it when not given again
        return new SetCookie(name, value, coded, expires, domain, o.maxAge(), path, secure, httpOnly, sameSite);
    }

    /** The expires a deleted cookie is written with. asyncio: {@code del_cookie}'s {@code expires=} */
    static final String DELETED_EXPIRES = "Thu, 01 Jan 1970 00:00:00 GMT";

    // aiohttp writes these as given; a ';' or a control character would add attributes or end the field
    private static String checked(String attribute, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ';' || c < 0x20 || c == 0x7F || c > 0xFF) {
                throw new IllegalArgumentException("Response.setCookie(): the " + attribute + " attribute \"" + value
                        + "\" holds " + (c == ';' ? "';', which would start another attribute" : "a character a "
                        + "header cannot carry (U+" + String.format("%04X", (int) c) + ")")
                        + "; give a plain " + attribute + " value");
            }
        }
        return value;
    }
}
