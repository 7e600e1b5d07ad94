package io.asyncio4j.http.web;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.internal.BodyReader;
import io.asyncio4j.http.internal.HttpDate;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.LimitOverrunException;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.timeout;

/**
 * Serves one connection: reads a request head, runs the application, writes the response
 * (head and body in one write), and again while the connection is kept alive. Pipelined
 * requests are answered in order, since the next head is read only after the previous
 * response is written. A handler's failure (a 500) ends the connection after its response, as
 * in aiohttp; a peer that leaves mid-body is not answered.
 * <p>
 * States:
 * <pre>
 *   IDLE ──head arrives──▶ BUSY ──response written, keep-alive──▶ IDLE
 *   IDLE ──EOF / shutdown──▶ CLOSED      BUSY ──response written, no keep-alive──▶ CLOSED
 * </pre>
 * A shutdown ({@link #shutdown}) closes an IDLE connection at once and lets a BUSY one finish its
 * response with {@code Connection: close}.
 * <p>
 * A connection closed on a request it did not read whole (an error answered before the body,
 * an oversized head, a body left unread) lingers in CLOSED before it is closed: it sends EOF
 * after the response and reads and drops what the peer still sends, until the peer closes or
 * {@link #LINGER_SECONDS} pass. Closing with bytes unread makes the kernel reset the connection,
 * which can destroy the response before the peer reads it (RFC 9112 §9.6).
 * <p>
 * Threading: {@link #serve} runs in the connection's task; {@link #shutdown} on the loop thread.
 * <p>
 * asyncio: aiohttp's {@code web_protocol.RequestHandler}
 */
final class RequestHandler {
    /** Connection states; see the class comment. */
    enum State { IDLE, BUSY, CLOSED }

    static final String SERVER = "asyncio4j-http/0.1";
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** The longest a closing connection drains the peer's unread bytes (aiohttp's {@code lingering_time}). */
    static final double LINGER_SECONDS = 10;

    private final Application app;
    private final StreamReader in;
    private final StreamWriter out;
    private final ByteSink sink = new ByteSink(512);
    private State state = State.IDLE;
    private boolean closing;
    private Task<?> task;
    // the exchange in progress: its request once made (a bad target fails first), and whether it
    // failed in the server's hands (a 500), which ends the connection as aiohttp's handle_error does
    private Request request;
    private boolean failed;
    private boolean unreadInput; // the connection ends with the peer's bytes not all read: linger()

    RequestHandler(Application app, StreamReader in, StreamWriter out) {
        this.app = app;
        this.in = in;
        this.out = out;
    }

    State state() {
        return state;
    }

    /** Serves until the connection ends; may suspend. */
    void serve(Task<?> task) {
        this.task = task;
        try {
            while (!closing && serveOne()) {
                state = State.IDLE;
            }
            if (unreadInput) {
                linger();
            }
        } catch (CancelledError e) {
            throw e;
        } catch (IOException e) {
            // the peer went away mid-exchange: nothing to answer
        } finally {
            state = State.CLOSED;
            out.close();
        }
    }

    /** Ends the connection: at once if IDLE (or lingering), after the current response if BUSY. Loop thread. */
    void shutdown() {
        closing = true;
        if (state != State.BUSY) {
            out.close();
        }
    }

    /** See the class comment. May suspend. */
    private void linger() {
        state = State.CLOSED;
        if (closing) {
            return; // shutting down: no time for it
        }
        if (out.canWriteEof()) {
            out.writeEof(); // the peer sees the response end, and can stop sending
        }
        try {
            timeout(LINGER_SECONDS, () -> {
                while (in.read(64 * 1024).length > 0) {
                    // dropped
                }
                return null;
            });
        } catch (Exception e) {
            // TimeoutException: the peer sent for too long; IOException: it went away. Close now.
        }
    }

    /** Cancels the connection's task (a handler that did not finish in the shutdown timeout). */
    void abort() {
        if (task != null) {
            task.cancel();
        }
    }

    /** One exchange; whether the connection stays open for another. */
    private boolean serveOne() throws IOException {
        byte[] headBytes;
        try {
            headBytes = in.readuntil(HEAD_END);
        } catch (IncompleteReadException e) {
            return false; // EOF between requests (or in a partial head): the peer is done
        } catch (LimitOverrunException e) {
            state = State.BUSY;
            sendError(new HttpException(431, "431: Request Header Fields Too Large: the head exceeds "
                    + in.limit() + " bytes"));
            return false;
        }
        state = State.BUSY;
        RequestHead head;
        BodyFraming framing;
        try {
            head = HeadParser.parseRequest(headBytes);
            framing = BodyFraming.forRequest(head.headers());
        } catch (HttpParseException e) {
            sendError(new HttpException(e.status(), e.status() + ": " + e.getMessage()));
            return false;
        }
        BodyReader body = new BodyReader(in, framing);
        boolean keepAlive = BodyFraming.keepAlive(head.version(), head.headers());
        if (framing.kind() != BodyFraming.Kind.NONE && head.version() == HttpVersion.HTTP_1_1
                && "100-continue".equalsIgnoreCase(head.headers().get("Expect"))) {
            out.write(CONTINUE);
        }
        request = null;
        failed = false;
        Response response = respond(head, body, framing);
        if (!body.isDone()) {
            // unread body: skipped below if it can be; otherwise the connection cannot go on
            keepAlive &= body.state() == BodyReader.State.READING;
        }
        // a body the handler could not read (malformed, too large) leaves the next request's start
        // unknown, whatever state the reader was left in
        keepAlive &= request == null || request.bodyFailure() == null;
        keepAlive &= !failed && !closing;
        request = null; // not kept (with its body) while the connection idles
        unreadInput = !keepAlive && !body.isDone();
        write(response, head, keepAlive);
        out.drain();
        if (keepAlive && !body.isDone()) {
            try {
                body.discard();
            } catch (IOException e) {
                unreadInput = true; // a malformed body: the rest of it is still coming
                return false;
            }
        }
        return keepAlive;
    }

    private Response respond(RequestHead head, BodyReader body, BodyFraming framing) throws IOException {
        try {
            request = new Request(app, head, body, framing, remote());
            Response r = app.handle(request);
            if (r == null) {
                throw new IllegalStateException("the handler for " + head.method() + " " + head.target()
                        + " returned null; return a Response (new Response(204) for no content)");
            }
            return r;
        } catch (HttpException e) {
            return e.toResponse();
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            if (request != null && e == request.bodyFailure()) {
                // the body was cut short (the peer closed or reset mid-body) and the handler let that
                // through: the peer is gone, nobody to answer and nothing for the exception handler
                throw (IOException) e;
            }
            report(e, head);
            failed = true;
            return Response.text("500 Internal Server Error\n\nServer got itself in trouble").status(500);
        }
    }

    private void report(Throwable e, RequestHead head) {
        EventLoop loop = out.loop();
        loop.callExceptionHandler(ExceptionContext.of("Error handling request " + head.method() + " "
                + head.target(), e).with("request", head));
    }

    private void sendError(HttpException e) throws IOException {
        write(e.toResponse(), null, false);
        out.drain();
        unreadInput = true; // the rest of the head, a body, more requests: all unread
    }

    /** The response's head and body into one write; HEAD answers get the head alone. */
    private void write(Response r, RequestHead request, boolean keepAlive) {
        ByteSink s = sink;
        s.clear();
        HttpVersion version = request == null ? HttpVersion.HTTP_1_1 : request.version();
        s.writeLatin1(version.text()).write(' ');
        int status = r.status();
        s.write('0' + status / 100).write('0' + status / 10 % 10).write('0' + status % 10).write(' ')
                .writeLatin1(r.reason()).crlf();
        Headers h = r.headers();
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        for (int i = 0, n = h.size(); i < n; i++) {
            String name = h.name(i);
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue; // the server frames the body and the connection itself
            }
            s.writeLatin1(name).write(':').write(' ').writeLatin1(h.value(i)).crlf();
        }
        byte[] body = r.body();
        if (bodyAllowed) {
            s.writeLatin1("Content-Length: ").writeDecimal(body.length).crlf();
        }
        if (!h.contains("Date")) {
            s.writeLatin1("Date: ").writeLatin1(HttpDate.now()).crlf();
        }
        if (!h.contains("Server")) {
            s.writeLatin1("Server: ").writeLatin1(SERVER).crlf();
        }
        if (!keepAlive) {
            s.writeLatin1("Connection: close").crlf();
        } else if (version == HttpVersion.HTTP_1_0) {
            s.writeLatin1("Connection: keep-alive").crlf();
        }
        s.crlf();
        boolean sendBody = bodyAllowed && body.length > 0 && (request == null || !request.method().equals("HEAD"));
        if (sendBody && body.length <= 16 * 1024) {
            s.write(body);
            out.write(s.array(), 0, s.size());
        } else {
            out.write(s.array(), 0, s.size());
            if (sendBody) {
                out.write(body);
            }
        }
    }

    private String remote() {
        Object peer = out.getExtraInfo("peername");
        if (peer instanceof InetSocketAddress a) {
            return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        }
        return peer == null ? null : peer.toString();
    }

    @Override
    public String toString() {
        return "<RequestHandler " + state + (closing ? " closing" : "") + ">";
    }
}
