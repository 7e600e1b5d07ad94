package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A raw HTTP/1.1 server for the client's tests: a stream server on 127.0.0.1 whose handler reads
 * request heads (and Content-Length bodies) and writes whatever bytes the test scripts, so every
 * framing case is exact. It counts connections and records every request it read.
 */
final class TestServer implements AutoCloseable {
    /** One request as the server read it; {@code connection} numbers the connections from 1. */
    record Request(int connection, String method, String target, Headers headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the server does on one connection; the connection is closed when it returns. */
    interface Script {
        void run(Conn conn) throws Exception;
    }

    /** One accepted connection. */
    final class Conn {
        final int index;
        final StreamReader reader;
        final StreamWriter writer;

        Conn(int index, StreamReader reader, StreamWriter writer) {
            this.index = index;
            this.reader = reader;
            this.writer = writer;
        }

        /** The next request, or null if the client closed the connection first. May suspend. */
        Request readRequest() throws IOException {
            byte[] head;
            try {
                head = reader.readuntil("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } catch (IncompleteReadException e) {
                return null;
            }
            RequestHead h = HeadParser.parseRequest(head);
            byte[] body = reader.readexactly((int) BodyFraming.contentLength(h.headers()));
            Request r = new Request(index, h.method(), h.target(), h.headers(), body);
            requests.add(r);
            return r;
        }

        /** Writes {@code text} (UTF-8) and drains. May suspend. */
        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes {@code bytes} and drains. May suspend. */
        void send(byte[] bytes) throws IOException {
            writer.write(bytes);
            writer.drain();
        }

        /** Waits until the client closes its side (or resets the connection). May suspend. */
        void awaitClientClose() {
            try {
                while (reader.read(65536).length > 0) {
                    // whatever else the client sends is dropped
                }
            } catch (IOException e) {
                // a reset is a close too
            }
        }
    }

    private final TrackedServer tracked;
    final List<Request> requests = new ArrayList<>();
    private int connections;

    private TestServer(Script script, ServerOptions options) throws IOException {
        this.tracked = TrackedServer.start((r, w) -> {
            Conn c = new Conn(++connections, r, w);
            try {
                script.run(c);
            } finally {
                w.close();
            }
        }, options);
    }

    static TestServer start(Script script) throws IOException {
        return new TestServer(script, ServerOptions.defaults());
    }

    static TestServer start(Script script, ServerOptions options) throws IOException {
        return new TestServer(script, options);
    }

    /**
     * Answers each request on each connection with {@code answer.apply(request)}; a null answer
     * closes the connection without one, as does a client's close. After an answer with
     * {@code Connection: close} the server closes.
     */
    static TestServer answering(Function<Request, String> answer) throws IOException {
        return start(conn -> serve(conn, answer));
    }

    static TestServer answering(Function<Request, String> answer, ServerOptions options) throws IOException {
        return start(conn -> serve(conn, answer), options);
    }

    private static void serve(Conn conn, Function<Request, String> answer) throws IOException {
        while (true) {
            Request req = conn.readRequest();
            if (req == null) {
                return;
            }
            String resp = answer.apply(req);
            if (resp == null) {
                return;
            }
            conn.send(resp);
            if (resp.substring(0, Math.max(0, resp.indexOf("\r\n\r\n"))).toLowerCase().contains("connection: close")) {
                return;
            }
        }
    }

    /** A 200 response with {@code body} (UTF-8) and its Content-Length. */
    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** A response of {@code status} with the extra {@code fields} (each "Name: value") and {@code body}. */
    static String response(int status, String reason, String body, String... fields) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (String f : fields) {
            sb.append(f).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        return sb.append(body).toString();
    }

    int connections() {
        return connections;
    }

    int port() {
        return tracked.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Closes the server and waits for its handlers; close the client's session first. May suspend. */
    @Override
    public void close() {
        tracked.close();
    }
}
