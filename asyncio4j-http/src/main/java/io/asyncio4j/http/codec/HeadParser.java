package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Parses a complete message head — start line, header fields, the empty line — from bytes. No
 * I/O: the caller finds the head's end (the first empty line) however it reads, and hands the
 * bytes over. Lines end in CRLF; a bare LF is accepted as a line end (RFC 9112 §2.2), a bare CR
 * anywhere is refused, as are obsolete line folding and whitespace before a field's colon
 * (the ambiguities request smuggling is built on).
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: aiohttp's {@code HttpRequestParser} / {@code HttpResponseParser} ({@code http_parser.py}),
 * h11's {@code _readers.py}
 */
public final class HeadParser {
    /**
     * The most header fields a head may hold; more is answered with 431.
     * asyncio: aiohttp's parser limit {@code max_headers}
     */
    public static final int MAX_FIELDS = 128;

    /**
     * The longest request target, in bytes; longer is a 400. asyncio: aiohttp's parser limit
     * {@code max_line_size} (8190), which its C parser applies to the target alone
     */
    public static final int MAX_LINE_SIZE = 8190;

    /**
     * The longest field name, and the longest field value (counted from its first non-blank byte,
     * trailing blanks included), in bytes; longer is a 400. asyncio: aiohttp's parser limit
     * {@code max_field_size} (8190)
     */
    public static final int MAX_FIELD_SIZE = 8190;

    private HeadParser() {
    }

    /**
     * The request head in {@code head} (which ends with its empty line).
     * asyncio: aiohttp's {@code HttpRequestParser.parse_message}
     *
     * @throws HttpParseException naming the first thing that is wrong: 400 for a malformed head,
     *         431 for too many fields, 505 for an HTTP version other than 1.0 and 1.1
     */
    public static RequestHead parseRequest(byte[] head) throws HttpParseException {
        int lineEnd = lineEnd(head, 0);
        int contentEnd = contentEnd(head, 0, lineEnd);
        // method SP request-target SP HTTP-version
        int sp1 = indexOf(head, (byte) ' ', 0, contentEnd);
        int sp2 = sp1 < 0 ? -1 : indexOf(head, (byte) ' ', sp1 + 1, contentEnd);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || indexOf(head, (byte) ' ', sp2 + 1, contentEnd) >= 0) {
            throw new HttpParseException(400, "Bad request line " + quote(head, 0, contentEnd)
                    + ": expected METHOD SP target SP HTTP/1.x");
        }
        for (int i = 0; i < sp1; i++) {
            if (!Headers.isTokenChar(head[i])) {
                throw new HttpParseException(400, "Bad request line " + quote(head, 0, contentEnd)
                        + ": the method must be a token");
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            int c = head[i] & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                throw new HttpParseException(400, "Bad request line " + quote(head, 0, contentEnd)
                        + ": the target holds a control or non-ASCII byte; percent-encode it");
            }
        }
        if (sp2 - sp1 - 1 > MAX_LINE_SIZE) {
            throw tooLong(MAX_LINE_SIZE, sp2 - sp1 - 1, "Status line");
        }
        HttpVersion version = version(head, sp2 + 1, contentEnd, "request line");
        String method = method(head, sp1);
        String target = new String(head, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
        Headers headers = fields(head, lineEnd + 1);
        return new RequestHead(method, target, version, headers);
    }

    /**
     * The response head in {@code head} (which ends with its empty line).
     * asyncio: aiohttp's {@code HttpResponseParser.parse_message}
     *
     * @throws HttpParseException naming the first thing that is wrong
     */
    public static ResponseHead parseResponse(byte[] head) throws HttpParseException {
        int lineEnd = lineEnd(head, 0);
        int contentEnd = contentEnd(head, 0, lineEnd);
        // HTTP-version SP status-code SP [reason-phrase]; "HTTP/1.1 200" without the second SP is
        // accepted, as most clients do
        int sp1 = indexOf(head, (byte) ' ', 0, contentEnd);
        if (sp1 < 0 || contentEnd - sp1 - 1 < 3) {
            throw new HttpParseException(400, "Bad status line " + quote(head, 0, contentEnd)
                    + ": expected HTTP/1.x SP 3-digit-status SP reason");
        }
        HttpVersion version = version(head, 0, sp1, "status line");
        int status = 0;
        for (int i = sp1 + 1; i < sp1 + 4; i++) {
            int d = head[i] - '0';
            if (d < 0 || d > 9) {
                throw new HttpParseException(400, "Bad status line " + quote(head, 0, contentEnd)
                        + ": the status must be three digits");
            }
            status = status * 10 + d;
        }
        int afterStatus = sp1 + 4;
        if (afterStatus < contentEnd && head[afterStatus] != ' ') {
            throw new HttpParseException(400, "Bad status line " + quote(head, 0, contentEnd)
                    + ": the status must be three digits");
        }
        if (status < 100) {
            throw new HttpParseException(400, "Bad status line " + quote(head, 0, contentEnd)
                    + ": the status must be 100 to 999");
        }
        String reason = afterStatus + 1 >= contentEnd ? ""
                : new String(head, afterStatus + 1, contentEnd - afterStatus - 1, StandardCharsets.ISO_8859_1);
        Headers headers = fields(head, lineEnd + 1);
        return new ResponseHead(version, status, reason, headers);
    }

    private static Headers fields(byte[] head, int pos) throws HttpParseException {
        Headers headers = new Headers();
        while (true) {
            int lineEnd = lineEnd(head, pos);
            // no scan for a bare CR here: Headers.add refuses one in a name or value, and a line
            // that turns out bad is checked for one then (the message names it)
            int end = lineEnd > pos && head[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (end == pos) {
                return headers; // the empty line
            }
            byte first = head[pos];
            if (first == ' ' || first == '\t') {
                throw new HttpParseException(400, "Bad header line " + quote(head, pos, end)
                        + ": obsolete line folding is not accepted; send the value on one line");
            }
            int colon = indexOf(head, (byte) ':', pos, end);
            if (colon <= pos) {
                throw badField(head, pos, end, ": expected name: value");
            }
            if (colon - pos > MAX_FIELD_SIZE) {
                throw tooLong(MAX_FIELD_SIZE, colon - pos, "Header name");
            }
            int vs = colon + 1;
            int ve = end;
            while (vs < ve && (head[vs] == ' ' || head[vs] == '\t')) {
                vs++;
            }
            if (ve - vs > MAX_FIELD_SIZE) {
                throw tooLong(MAX_FIELD_SIZE, ve - vs, "Header value");
            }
            while (ve > vs && (head[ve - 1] == ' ' || head[ve - 1] == '\t')) {
                ve--;
            }
            if (headers.size() >= MAX_FIELDS) {
                throw new HttpParseException(431, "Too many header fields: more than " + MAX_FIELDS);
            }
            // Headers.add checks the name (a token) and the value (no control character but tab):
            // one pass over the bytes; which rule broke is worked out only for the error message
            try {
                headers.add(fieldName(head, pos, colon), new String(head, vs, ve - vs, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                throw badField(head, pos, end, fieldProblem(head, pos, colon));
            }
            pos = lineEnd + 1;
        }
    }

    /** aiohttp's {@code LineTooLong} message, word for word: a server answers it as the 400's body. */
    private static HttpParseException tooLong(int limit, int size, String what) {
        return new HttpParseException(400, "Got more than " + limit + " bytes (" + size + ") when reading " + what
                + " is too long.");
    }

    private static HttpParseException badField(byte[] head, int from, int end, String problem) {
        if (indexOf(head, (byte) '\r', from, end) >= 0) {
            return new HttpParseException(400, "Bad line " + quote(head, from, end)
                    + ": a bare CR is only accepted before LF");
        }
        return new HttpParseException(400, "Bad header line " + quote(head, from, end) + problem);
    }

    private static String fieldProblem(byte[] head, int from, int colon) {
        for (int i = from; i < colon; i++) {
            if (!Headers.isTokenChar(head[i])) {
                return head[i] == ' ' || head[i] == '\t'
                        ? ": whitespace between the field name and the colon is not accepted"
                        : ": the field name must be a token";
            }
        }
        return ": the value holds a control character";
    }

    /** The index of the LF ending the line that starts at {@code from}. */
    private static int lineEnd(byte[] head, int from) throws HttpParseException {
        int lf = indexOf(head, (byte) '\n', from, head.length);
        if (lf < 0) {
            throw new HttpParseException(400, "Incomplete message head: no empty line ends it");
        }
        return lf;
    }

    /** Where the line's content ends: before its CRLF or bare LF; refuses a CR anywhere else. */
    private static int contentEnd(byte[] head, int from, int lf) throws HttpParseException {
        int end = lf > from && head[lf - 1] == '\r' ? lf - 1 : lf;
        int cr = indexOf(head, (byte) '\r', from, end);
        if (cr >= 0) {
            throw new HttpParseException(400, "Bad line " + quote(head, from, end)
                    + ": a bare CR is only accepted before LF");
        }
        return end;
    }

    private static HttpVersion version(byte[] b, int from, int to, String where) throws HttpParseException {
        if (to - from == 8 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P'
                && b[from + 4] == '/' && b[from + 6] == '.' && Character.isDigit(b[from + 5])
                && Character.isDigit(b[from + 7])) {
            if (b[from + 5] == '1' && b[from + 7] == '1') {
                return HttpVersion.HTTP_1_1;
            }
            if (b[from + 5] == '1' && b[from + 7] == '0') {
                return HttpVersion.HTTP_1_0;
            }
            throw new HttpParseException(505, "Unsupported HTTP version " + quote(b, from, to)
                    + " in the " + where + ": HTTP/1.0 and HTTP/1.1 are spoken");
        }
        throw new HttpParseException(400, "Bad " + where + ": " + quote(b, from, to) + " is not an HTTP version");
    }

    // the common methods come back as constants: no String per request
    private static String method(byte[] b, int len) {
        if (len == 3 && b[0] == 'G' && b[1] == 'E' && b[2] == 'T') {
            return "GET";
        }
        if (len == 4 && b[0] == 'P' && b[1] == 'O' && b[2] == 'S' && b[3] == 'T') {
            return "POST";
        }
        if (len == 4 && b[0] == 'H' && b[1] == 'E' && b[2] == 'A' && b[3] == 'D') {
            return "HEAD";
        }
        return new String(b, 0, len, StandardCharsets.ISO_8859_1);
    }

    private static final String[] COMMON_FIELDS = {
        "Host", "User-Agent", "Accept", "Connection", "Content-Length", "Content-Type", "Date", "Server",
        "Accept-Encoding", "Transfer-Encoding"
    };

    // the common field names, when sent in their usual case, come back as constants
    private static String fieldName(byte[] b, int from, int to) {
        int len = to - from;
        for (String f : COMMON_FIELDS) {
            if (f.length() == len && matches(b, from, f)) {
                return f;
            }
        }
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean matches(byte[] b, int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** {@code b[from, to)} quoted for an error message: other than printable ASCII as {@code \xNN}, cut at 80. */
    static String quote(byte[] b, int from, int to) {
        int end = Math.min(to, from + 80);
        StringBuilder sb = new StringBuilder("\"");
        for (int i = from; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(end < to ? "...\"" : "\"").toString();
    }
}
