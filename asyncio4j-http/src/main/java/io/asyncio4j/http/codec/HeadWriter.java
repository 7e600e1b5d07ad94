package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpStatus;
import io.asyncio4j.http.HttpVersion;

/**
 * Writes message heads as bytes: the start line, each field as given (names keep their case),
 * the empty line. The fields were checked when they were added to {@link Headers}, so nothing
 * written here can end a line early.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: aiohttp's {@code StreamWriter.write_headers} / {@code _serialize_headers}
 */
public final class HeadWriter {
    private HeadWriter() {
    }

    /**
     * Writes {@code head} (the response's status line and fields, then the empty line) to {@code out}.
     * asyncio: aiohttp's {@code StreamWriter.write_headers(status_line, headers)}
     *
     * @throws IllegalArgumentException for a status outside 100-999 or a reason phrase that could
     *         end the line early
     */
    public static void writeResponseHead(ResponseHead head, ByteSink out) {
        writeStatusLine(head.version(), head.status(), head.reason(), out);
        writeFields(head.headers(), out);
    }

    /**
     * Writes a status line, {@code HTTP/1.1 200 OK} and its CRLF, checking the status and reason
     * before writing anything. For a server that writes its own fields after it.
     * asyncio: aiohttp's {@code StreamResponse._prepare_headers} (its status line)
     *
     * @throws IllegalArgumentException for a status outside 100-999, or a reason holding CR, LF or
     *         a character above U+00FF
     */
    public static void writeStatusLine(HttpVersion version, int status, String reason, ByteSink out) {
        HttpStatus.check(status);
        checkLine("reason phrase", reason);
        out.writeLatin1(version.text()).write(' ');
        out.write('0' + status / 100).write('0' + status / 10 % 10).write('0' + status % 10).write(' ');
        out.writeLatin1(reason).crlf();
    }

    /**
     * Writes {@code head} (the request line and fields, then the empty line) to {@code out}.
     * asyncio: aiohttp's {@code ClientRequest.send}, its {@code write_headers} call
     *
     * @throws IllegalArgumentException for a method that is not a token, or a target that is empty
     *         or holds a space, control or non-ASCII character
     */
    public static void writeRequestHead(RequestHead head, ByteSink out) {
        checkToken("method", head.method());
        checkTarget(head.target());
        out.writeLatin1(head.method()).write(' ').writeLatin1(head.target()).write(' ')
                .writeLatin1(head.version().text()).crlf();
        writeFields(head.headers(), out);
    }

    /**
     * Writes each field as {@code Name: value CRLF}, then the empty line.
     * asyncio: aiohttp's {@code _serialize_headers}
     */
    public static void writeFields(Headers headers, ByteSink out) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            out.writeLatin1(headers.name(i)).write(':').write(' ').writeLatin1(headers.value(i)).crlf();
        }
        out.crlf();
    }

    private static void checkToken(String what, String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("HeadWriter.writeRequestHead(): the HTTP " + what
                    + " must not be empty; give a token such as GET");
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Headers.isTokenChar(s.charAt(i))) {
                throw new IllegalArgumentException("HeadWriter.writeRequestHead(): the HTTP " + what + " \"" + s
                        + "\" must be a token; use letters, digits and !#$%&'*+-.^_`|~ only");
            }
        }
    }

    private static void checkTarget(String target) {
        if (target.isEmpty()) {
            throw new IllegalArgumentException("HeadWriter.writeRequestHead(): the HTTP request target must not be "
                    + "empty; use \"/\" for the root");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("HeadWriter.writeRequestHead(): the HTTP request target \"" + target
                        + "\" holds a space, control or non-ASCII character; percent-encode it");
            }
        }
    }

    private static void checkLine(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c > 0xFF) {
                throw new IllegalArgumentException("HeadWriter.writeResponseHead(): the HTTP " + what + " \"" + s
                        + "\" holds CR, LF or a character above U+00FF; give one line of ISO-8859-1 text");
            }
        }
    }
}
