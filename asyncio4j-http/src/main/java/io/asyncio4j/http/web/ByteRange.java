package io.asyncio4j.http.web;

/**
 * One byte range of a file, resolved from a request's {@code Range} field (RFC 9110 §14): the
 * first byte and the count. Parsing is a pure function, without I/O.
 * <p>
 * asyncio: aiohttp's {@code request.http_range} (a {@code slice}), as {@code FileResponse} uses it
 */
record ByteRange(long start, long count) {
    /** The field asked for a range this file cannot give (answer 416). */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /**
     * The range {@code field} selects in a file of {@code size} bytes: null to send the whole
     * file (no field, another unit, several ranges, or a malformed one — RFC 9110 §14.2 lets a
     * server ignore what it does not support, and requires it to ignore what is invalid), or
     * {@link #UNSATISFIABLE}.
     */
    static ByteRange select(String field, long size) {
        if (field == null) {
            return null;
        }
        String f = field.strip();
        if (f.length() < 6 || !f.regionMatches(true, 0, "bytes=", 0, 6) || f.indexOf(',') >= 0) {
            return null;
        }
        String spec = f.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first = digits(spec, 0, dash);
        long last = digits(spec, dash + 1, spec.length());
        if (first == -2 || last == -2 || (first == -1 && last == -1)) {
            return null; // not digits (or too many), or "-" alone: malformed
        }
        if (first == -1) {
            // "-n": the last n bytes; a zero-length suffix selects nothing
            return last == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - last), Math.min(last, size));
        }
        if (last != -1 && last < first) {
            return null; // invalid per RFC 9110 §14.1.1: ignored
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        long end = last == -1 || last >= size ? size - 1 : last;
        return new ByteRange(first, end - first + 1);
    }

    /** The decimal number in {@code s[from, to)}: -1 if empty, -2 if not digits or too large. */
    private static long digits(String s, int from, int to) {
        if (from == to) {
            return -1;
        }
        if (to - from > 18) {
            return -2;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The {@code Content-Range} value for this range of a file of {@code size} bytes. */
    String contentRange(long size) {
        return "bytes " + start + "-" + (start + count - 1) + "/" + size;
    }
}
