package io.asyncio4j.http.web;

/**
 * An entity tag (RFC 9110 section 8.8.3): its opaque {@code value}, without the quotes, and
 * whether it is weak. In a field it is {@code "value"}, or {@code W/"value"} when weak; the value
 * {@code *} stands for any tag and is written bare (never weak). What
 * {@link Response#etag()} gives and {@link Response#etag(String, boolean)} takes.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: {@code aiohttp.ETag(value, is_weak)}
 *
 * @param value the opaque value: one or more of {@code !}, {@code #} to the right brace, and U+0080
 *              to U+00FF (no double quote, space, {@code ~} or control character), or {@code *}
 * @param weak  whether it is a weak tag ({@code W/} prefix); always false for {@code *}
 */
public record ETag(String value, boolean weak) {
    /** The value that stands for any entity tag. asyncio: {@code aiohttp.helpers.ETAG_ANY} */
    public static final String ANY = "*";

    /**
     * Checks the value; {@code *} is never weak (aiohttp writes it bare whatever {@code is_weak} says).
     * asyncio: {@code aiohttp.helpers.validate_etag_value}
     *
     * @throws IllegalArgumentException for a null or empty value, or one with a character an
     *         entity tag may not hold (a double quote, a space, {@code ~}, a control character,
     *         anything above U+00FF)
     */
    public ETag {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("ETag: the value is " + (value == null ? "null" : "empty")
                    + "; give the opaque part, such as a hash of the content, or \"*\" for any");
        }
        if (value.equals(ANY)) {
            weak = false;
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!isEtagChar(c)) {
                    throw new IllegalArgumentException("ETag: the value \"" + value + "\" holds "
                            + (c == '"' ? "a double quote" : String.format("U+%04X", (int) c))
                            + " at " + i + "; an entity tag's value is ! and # to } and U+0080 to U+00FF only "
                            + "(RFC 9110 etagc; give it without the quotes, which are added, and encode other "
                            + "characters, e.g. as hex)");
                }
            }
        }
    }

    /** A strong tag. asyncio: {@code ETag(value=value)} */
    public static ETag strong(String value) {
        return new ETag(value, false);
    }

    /** A weak tag. asyncio: {@code ETag(value=value, is_weak=True)} */
    public static ETag weak(String value) {
        return new ETag(value, true);
    }

    /**
     * The tag as a field carries it ({@code "v"}, {@code W/"v"}, {@code *}), or null for a field
     * value that is not one tag. asyncio: the {@code QUOTED_ETAG_RE} match in {@code StreamResponse.etag}
     */
    static ETag parse(String field) {
        if (field == null || field.isEmpty()) {
            return null;
        }
        if (field.equals(ANY)) {
            return new ETag(ANY, false);
        }
        boolean weak = field.startsWith("W/");
        int open = weak ? 2 : 0;
        if (field.length() < open + 3 || field.charAt(open) != '"' || field.charAt(field.length() - 1) != '"') {
            return null;
        }
        String v = field.substring(open + 1, field.length() - 1);
        for (int i = 0; i < v.length(); i++) {
            if (!isEtagChar(v.charAt(i))) {
                return null;
            }
        }
        return new ETag(v, weak);
    }

    /** The tag as a field carries it: {@code "v"}, {@code W/"v"}, or {@code *}. asyncio: what {@code resp.etag = ...} writes */
    public String fieldValue() {
        if (value.equals(ANY)) {
            return ANY;
        }
        return (weak ? "W/\"" : "\"") + value + "\"";
    }

    /** RFC 9110's etagc, as aiohttp's {@code _ETAGC}: {@code !}, {@code #} to the right brace, U+0080 to U+00FF. */
    private static boolean isEtagChar(char c) {
        return c == '!' || (c >= '#' && c <= '}') || (c >= 0x80 && c <= 0xFF);
    }
}
