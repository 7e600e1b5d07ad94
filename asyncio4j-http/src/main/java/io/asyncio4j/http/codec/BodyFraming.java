package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

import java.util.List;
import java.util.Locale;

/**
 * How a message's body is delimited (RFC 9112 §6.3), decided from its head alone, plus the
 * connection's persistence. The rules that close request-smuggling holes are applied: a request
 * with both {@code Transfer-Encoding} and {@code Content-Length}, with a transfer coding that does
 * not end in {@code chunked}, or with differing lengths is refused.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: the framing part of aiohttp's {@code HttpPayloadParser}, h11's {@code _body_framing}
 *
 * @param kind   how the body ends
 * @param length the body's length in bytes, for {@link Kind#LENGTH}; 0 otherwise
 */
public record BodyFraming(Kind kind, long length) {
    /** How a body ends. asyncio: none (aiohttp's {@code HttpPayloadParser} keeps it as {@code _type}) */
    public enum Kind {
        /** No body. asyncio: {@code ParseState.PARSE_NONE} ({@code EMPTY_PAYLOAD}) */
        NONE,
        /** Exactly {@code length} bytes. asyncio: {@code ParseState.PARSE_LENGTH} */
        LENGTH,
        /**
         * Chunked transfer coding: size lines, chunks, a zero-size chunk, trailer fields.
         * asyncio: {@code ParseState.PARSE_CHUNKED}
         */
        CHUNKED,
        /** Everything until the peer closes (responses only). asyncio: {@code ParseState.PARSE_UNTIL_EOF} */
        UNTIL_CLOSE
    }

    /** No body. asyncio: {@code ParseState.PARSE_NONE} ({@code EMPTY_PAYLOAD}) */
    public static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);
    /** Chunked. asyncio: {@code ParseState.PARSE_CHUNKED} */
    public static final BodyFraming CHUNKED = new BodyFraming(Kind.CHUNKED, 0);
    /** Until the connection closes. asyncio: {@code ParseState.PARSE_UNTIL_EOF} */
    public static final BodyFraming UNTIL_CLOSE = new BodyFraming(Kind.UNTIL_CLOSE, 0);

    /**
     * The framing of a request's body.
     * asyncio: what aiohttp's {@code HttpRequestParser} decides before it makes a payload parser
     *
     * @throws HttpParseException (400) for conflicting or malformed framing fields, (501) for a
     *         transfer coding other than chunked
     */
    public static BodyFraming forRequest(Headers headers) throws HttpParseException {
        List<String> te = headers.getAll("Transfer-Encoding");
        if (!te.isEmpty()) {
            if (headers.contains("Content-Length")) {
                throw new HttpParseException(400, "A request may not carry both Transfer-Encoding and Content-Length");
            }
            String last = lastCoding(te);
            if (!last.equals("chunked")) {
                throw new HttpParseException(400, "Transfer-Encoding must end in chunked; got " + String.join(", ", te));
            }
            if (codingCount(te) > 1) {
                throw new HttpParseException(501, "Transfer-Encoding " + String.join(", ", te)
                        + " is not supported: only chunked");
            }
            return CHUNKED;
        }
        long n = contentLength(headers);
        return n <= 0 ? NONE : new BodyFraming(Kind.LENGTH, n);
    }

    /**
     * The framing of the body of a response to a {@code requestMethod} request.
     * asyncio: what aiohttp's {@code HttpResponseParser} decides before it makes a payload parser
     *
     * @throws HttpParseException for a malformed Content-Length, or a transfer coding other than
     *         chunked (this side cannot decode it)
     */
    public static BodyFraming forResponse(String requestMethod, int status, Headers headers)
            throws HttpParseException {
        if (requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return NONE;
        }
        List<String> te = headers.getAll("Transfer-Encoding");
        if (!te.isEmpty()) {
            if (!lastCoding(te).equals("chunked")) {
                return UNTIL_CLOSE;
            }
            if (codingCount(te) > 1) {
                throw new HttpParseException(501, "Transfer-Encoding " + String.join(", ", te)
                        + " is not supported: only chunked");
            }
            return CHUNKED;
        }
        if (!headers.contains("Content-Length")) {
            return UNTIL_CLOSE;
        }
        long n = contentLength(headers);
        return n == 0 ? NONE : new BodyFraming(Kind.LENGTH, n);
    }

    /**
     * Whether the connection stays open after this message: HTTP/1.1 unless a {@code Connection}
     * field says {@code close}; HTTP/1.0 only if it says {@code keep-alive}.
     * asyncio: {@code not message.should_close} (aiohttp's {@code RawRequestMessage})
     */
    public static boolean keepAlive(HttpVersion version, Headers headers) {
        boolean close = false;
        boolean keep = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.name(i).equalsIgnoreCase("Connection")) {
                for (String token : headers.value(i).split(",")) {
                    String t = token.trim();
                    close |= t.equalsIgnoreCase("close");
                    keep |= t.equalsIgnoreCase("keep-alive");
                }
            }
        }
        if (close) {
            return false;
        }
        return version == HttpVersion.HTTP_1_1 || keep;
    }

    /**
     * The value of the {@code Content-Length} field (0 if none). As aiohttp's (llhttp's), the
     * field may come once and hold one number: a second field, even with the same value, or a
     * list ({@code 5, 5}) is refused, since two parsers reading such a head differently is what
     * request smuggling is built on.
     * asyncio: the {@code Content-Length} check in aiohttp's {@code HttpParser.feed_data}
     *
     * @throws HttpParseException (400) when it is not a decimal number or comes more than once
     */
    public static long contentLength(Headers headers) throws HttpParseException {
        long found = -1;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (!headers.name(i).equalsIgnoreCase("Content-Length")) {
                continue;
            }
            if (found >= 0) {
                // aiohttp 3.8.4: 400, "Duplicate Content-Length" (equal values or not)
                throw new HttpParseException(400, "Duplicate Content-Length");
            }
            found = decimal(headers.value(i));
        }
        return Math.max(found, 0);
    }

    private static long decimal(String s) throws HttpParseException {
        if (s.isEmpty() || s.length() > 18) {
            throw new HttpParseException(400, "Bad Content-Length \"" + s + "\": expected 1 to 18 decimal digits");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpParseException(400, "Bad Content-Length \"" + s + "\": expected decimal digits only");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String lastCoding(List<String> te) {
        String lastField = te.get(te.size() - 1);
        int comma = lastField.lastIndexOf(',');
        return lastField.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static int codingCount(List<String> te) {
        int n = 0;
        for (String field : te) {
            for (String c : field.split(",")) {
                if (!c.isBlank()) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The size in a chunk-size line (hex digits, then optional {@code ;extensions}, the line's
     * CRLF or LF included or not).
     * asyncio: the chunk-size step of aiohttp's {@code HttpPayloadParser.feed_data}
     *
     * @throws HttpParseException (400) when the line does not start with hex digits or the size
     *         does not fit in 15 hex digits
     */
    public static long chunkSize(byte[] line) throws HttpParseException {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        long size = 0;
        int digits = 0;
        int i = 0;
        for (; i < end; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                break;
            }
            size = size * 16 + d;
            digits++;
        }
        if (digits == 0 || digits > 15) {
            throw new HttpParseException(400, "Bad chunk size line: expected 1 to 15 hex digits, got "
                    + HeadParser.quote(line, 0, end));
        }
        while (i < end && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (i < end && line[i] != ';') {
            throw new HttpParseException(400, "Bad chunk size line " + HeadParser.quote(line, 0, end)
                    + ": junk after the size");
        }
        return size;
    }
}
