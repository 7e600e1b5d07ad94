package io.asyncio4j.http.web;

import io.asyncio4j.streams.StreamPair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A raw HTTP/1.1 client for the server tests, on asyncio4j streams: a request goes out as exactly
 * the bytes given, a response is read and split byte for byte — CRLF line ends, {@code name: value}
 * fields, a body framed by its Content-Length alone — so that a framing mistake of the server's
 * shows up as a failure here rather than being smoothed over by a lenient client. One connection;
 * every method may suspend (run it in a task, the test's main task included).
 */
final class RawHttp implements AutoCloseable {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final StreamPair conn;

    private RawHttp(StreamPair conn) {
        this.conn = conn;
    }

    /** A connection to 127.0.0.1:{@code port}. */
    static RawHttp connect(int port) throws IOException {
        return new RawHttp(openConnection("127.0.0.1", port));
    }

    /** A connection to the Unix-domain socket at {@code path}. */
    static RawHttp connectUnix(java.nio.file.Path path) throws IOException {
        return new RawHttp(io.asyncio4j.Asyncio.openUnixConnection(path));
    }

    /** {@code GET target HTTP/1.1} with a Host field and nothing else. */
    static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    /** A request of {@code method} with {@code body} framed by a Content-Length (and {@code fields}, each ending in CRLF). */
    static String withBody(String method, String target, String fields, String body) {
        return method + " " + target + " HTTP/1.1\r\nHost: test\r\n" + fields + "Content-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    /** Sends {@code request} as ISO-8859-1 bytes (one byte per char, as on the wire). */
    RawHttp send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code bytes} as they are. */
    RawHttp send(byte[] bytes) throws IOException {
        conn.writer().write(bytes);
        conn.writer().drain();
        return this;
    }

    /** Sends {@code request} and reads the response to it. */
    Reply exchange(String request) throws IOException {
        return send(request).read();
    }

    /** The next response: its head, then a body of exactly its Content-Length (none for 1xx, 204, 304). */
    Reply read() throws IOException {
        return read(false);
    }

    /** The next response to a HEAD request: the head alone, whatever its Content-Length says. */
    Reply readHead() throws IOException {
        return read(true);
    }

    private Reply read(boolean headOnly) throws IOException {
        byte[] head = conn.reader().readuntil(HEAD_END);
        Reply r = Reply.parse(head, new byte[0]);
        int status = r.status();
        if (headOnly || status < 200 || status == 204 || status == 304) {
            return r;
        }
        String length = r.header("Content-Length");
        if (length == null) {
            fail("the server must frame every body with Content-Length; got\n" + r.headText());
        }
        return Reply.parse(head, conn.reader().readexactly(Integer.parseInt(length)));
    }

    /**
     * Waits, without letting the loop idle, until the server's next bytes have arrived: on the
     * virtual clock an idle loop jumps to the next timer, which a test may not want yet.
     */
    void awaitBytesWithoutIdling() throws IOException {
        while (conn.reader().buffered() == 0 && !conn.reader().atEof()) {
            sleep(0);
        }
    }

    /** The next {@code n} bytes, as ISO-8859-1 text (a streamed body, as on the wire). */
    String readExactly(int n) throws IOException {
        return new String(conn.reader().readexactly(n), StandardCharsets.ISO_8859_1);
    }

    /** Everything the server sends until it closes; empty when it closed with nothing more to say. */
    byte[] rest() throws IOException {
        return conn.reader().read();
    }

    /** Checks that the server has closed the connection without sending anything more. */
    void assertClosedByServer() throws IOException {
        assertEquals("", new String(rest(), StandardCharsets.ISO_8859_1), "nothing more before the server's EOF");
    }

    /** Closes the sending side (a FIN): the server sees the request end there. */
    void writeEof() {
        conn.writer().writeEof();
    }

    /** Ends the connection at once (an RST), as a client that crashes. */
    void abort() {
        conn.writer().transport().abort();
    }

    /** Closes this side and waits until closed. */
    @Override
    public void close() {
        conn.writer().close();
        try {
            conn.writer().waitClosed();
        } catch (IOException e) {
            // the server may have reset it first: closed either way
        }
    }

    /**
     * A response as it came: the status line's parts, the fields in order with their names as
     * sent, the body.
     */
    record Reply(String version, int status, String reason, List<Map.Entry<String, String>> fields, byte[] body,
                 String headText) {

        static Reply parse(byte[] head, byte[] body) {
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
            for (String l : lines) {
                if (l.indexOf('\r') >= 0 || l.indexOf('\n') >= 0) {
                    fail("a bare CR or LF in the response head:\n" + text);
                }
            }
            String[] start = lines[0].split(" ", 3);
            if (start.length != 3 || start[1].length() != 3) {
                fail("a bad status line: " + lines[0]);
            }
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(": ");
                if (colon <= 0) {
                    fail("a field line not of the form 'name: value': " + lines[i]);
                }
                fields.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 2)));
            }
            return new Reply(start[0], Integer.parseInt(start[1]), start[2], List.copyOf(fields), body, text);
        }

        /** The first value of the field {@code name} (any case), or null. */
        String header(String name) {
            List<String> all = headers(name);
            return all.isEmpty() ? null : all.get(0);
        }

        /** Every value of the field {@code name} (any case), in order. */
        List<String> headers(String name) {
            return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        /** The field names, in order, as sent. */
        List<String> names() {
            return fields.stream().map(Map.Entry::getKey).toList();
        }

        /** The body as UTF-8. */
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return headText + text();
        }
    }
}
