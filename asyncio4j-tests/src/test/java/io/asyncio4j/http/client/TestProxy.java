package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small HTTP proxy for the client's tests, written with asyncio4j's streams, on 127.0.0.1. It
 * records the head of what each connection asks ({@link #seen}), then either forwards a plain
 * request (absolute-form target made origin-form, its {@code Proxy-*} fields dropped, as a
 * proxy does) or answers a {@code CONNECT} with 200 and tunnels bytes both ways; either way the
 * connection then carries bytes until one side closes. Every destination is this machine: a
 * host name in a URL is not resolved, only its port is used (so a test can give the target a
 * name its certificate does not carry). {@link #answeringConnect} makes it refuse tunnels with a
 * given answer; {@link #silentOnConnect} makes it never answer one.
 */
final class TestProxy implements AutoCloseable {
    /** The head a client sent on one connection; {@code connection} numbers them from 1. */
    record Seen(int connection, String method, String target, Headers headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    final List<Seen> seen = new ArrayList<>();
    private final TrackedServer tracked;
    private final String connectAnswer; // sent to a CONNECT instead of opening a tunnel; null: tunnel
    private final boolean silentOnConnect;
    private int connections;

    private TestProxy(String connectAnswer, boolean silentOnConnect) throws IOException {
        this.connectAnswer = connectAnswer;
        this.silentOnConnect = silentOnConnect;
        this.tracked = TrackedServer.start(this::serve);
    }

    /** A proxy that forwards plain requests and opens tunnels. May suspend. */
    static TestProxy start() throws IOException {
        return new TestProxy(null, false);
    }

    /** A proxy that answers every CONNECT with {@code answer} (a whole response) and closes. May suspend. */
    static TestProxy answeringConnect(String answer) throws IOException {
        return new TestProxy(answer, false);
    }

    /** A proxy that reads a CONNECT and never answers it. May suspend. */
    static TestProxy silentOnConnect() throws IOException {
        return new TestProxy(null, true);
    }

    int port() {
        return tracked.port();
    }

    /** {@code http://127.0.0.1:port}. */
    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The connections accepted so far. */
    int connections() {
        return connections;
    }

    private void serve(StreamReader r, StreamWriter w) throws Exception {
        int index = ++connections;
        try {
            byte[] raw;
            try {
                raw = r.readuntil("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } catch (IncompleteReadException e) {
                return;
            }
            RequestHead head = HeadParser.parseRequest(raw);
            seen.add(new Seen(index, head.method(), head.target(), head.headers()));
            if (head.method().equals("CONNECT")) {
                if (silentOnConnect) {
                    drain(r);
                    return;
                }
                if (connectAnswer != null) {
                    w.write(connectAnswer.getBytes(StandardCharsets.ISO_8859_1));
                    w.drain();
                    return;
                }
                int port = Integer.parseInt(head.target().substring(head.target().lastIndexOf(':') + 1));
                StreamPair up = Asyncio.openConnection("127.0.0.1", port);
                w.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                w.drain();
                relay(r, w, up);
                return;
            }
            URI target = URI.create(head.target());
            StreamPair up = Asyncio.openConnection("127.0.0.1", target.getPort());
            StringBuilder forwarded = new StringBuilder(head.method()).append(' ').append(target.getRawPath())
                    .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
            for (int i = 0; i < head.headers().size(); i++) {
                if (!head.headers().name(i).toLowerCase().startsWith("proxy-")) {
                    forwarded.append(head.headers().name(i)).append(": ").append(head.headers().value(i)).append("\r\n");
                }
            }
            up.writer().write(forwarded.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            up.writer().write(r.readexactly((int) BodyFraming.contentLength(head.headers())));
            up.writer().drain();
            relay(r, w, up);
        } finally {
            w.close();
        }
    }

    /** Copies bytes both ways between the client ({@code r}, {@code w}) and {@code up} until either side ends. */
    private static void relay(StreamReader r, StreamWriter w, StreamPair up) {
        Task<Void> down = Asyncio.createTask(() -> {
            copy(up.reader(), w);
            w.close();
            return null;
        });
        try {
            copy(r, up.writer());
        } finally {
            up.writer().close();
            down.await();
        }
    }

    private static void copy(StreamReader from, StreamWriter to) {
        try {
            byte[] b;
            while ((b = from.read(65536)).length > 0) {
                to.write(b);
                to.drain();
            }
        } catch (IOException e) {
            // a reset ends the relay as a close does
        }
    }

    private static void drain(StreamReader r) {
        try {
            while (r.read(65536).length > 0) {
                // dropped
            }
        } catch (IOException e) {
            // a reset is a close too
        }
    }

    /** Closes the proxy and waits for its connections' handlers. May suspend. */
    @Override
    public void close() {
        tracked.close();
    }
}
