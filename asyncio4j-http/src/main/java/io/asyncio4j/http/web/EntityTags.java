package io.asyncio4j.http.web;

/**
 * Matching an entity tag against the list in an {@code If-Match}, {@code If-None-Match} or
 * {@code If-Range} field (RFC 9110 §8.8.3, §13.1): {@code *}, or comma-separated tags, each
 * {@code "opaque"} or weak {@code W/"opaque"}. A pure function, without I/O; an unreadable list
 * matches nothing.
 * <p>
 * asyncio: aiohttp's {@code request.if_match} / {@code if_none_match} with
 * {@code FileResponse._strong_etag_match}
 */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * Whether {@code field} names {@code etag} (the opaque part, without quotes).
     * {@code strong}: weak tags in the field never match (If-Match, If-Range); else weak
     * comparison, where {@code W/"x"} matches {@code "x"} (If-None-Match).
     */
    static boolean matches(String field, String etag, boolean strong) {
        String f = field.strip();
        if (f.equals("*")) {
            return true;
        }
        int i = 0;
        int n = f.length();
        while (i < n) {
            while (i < n && (f.charAt(i) == ' ' || f.charAt(i) == '\t' || f.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean weak = false;
            if (f.startsWith("W/", i)) {
                weak = true;
                i += 2;
            }
            if (i >= n || f.charAt(i) != '"') {
                return false; // not a list of entity tags
            }
            int close = f.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            if ((!weak || !strong) && f.regionMatches(i + 1, etag, 0, etag.length()) && close - i - 1 == etag.length()) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
