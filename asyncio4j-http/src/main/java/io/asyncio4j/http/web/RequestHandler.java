package io.asyncio4j.http.web;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Task;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.HeadWriter;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.internal.BodyReader;
import io.asyncio4j.http.internal.ContentEncoder;
import io.asyncio4j.http.internal.HttpDate;
import io.asyncio4j.http.internal.WebSocketChannel;
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
    // the exchange in progress: its request once made (a bad target fails first), and whether its
    // handler failed (a 500), which ends the connection as aiohttp's handle_error does
    private Request request;
    private boolean handlerFailed;
    private boolean unreadInput; // the connection ends with the peer's bytes not all read: linger()
    private boolean requestKeepAlive; // what the request asked for (and its version allows)
    private final double keepaliveSeconds; // how long a kept-alive connection waits for its next request; 0: forever
    // Keep-alive timeout, aiohttp's way: one timer per connection, armed after the first response
    // and re-armed lazily when it fires early (the connection was busy, or went idle again since),
    // not a timer per request (which cost 25 % of hello-world throughput). Loop thread only.
    private double idleSince;               // loop time the connection last went IDLE after a response
    private TimerHandle keepaliveTimer;
    private Stream stream;            // the exchange's StreamResponse body, once its head went out
    private WebSocketChannel webSocket; // the exchange upgraded to a WebSocket: the connection is its own
    // access log: null when off; else the exchange's start (loop time), the bytes of its answer so
    // far, and the response whose head went out (its status and fields are what the line shows)
    private final AccessLogger accessLog;
    // whether the application has onResponsePrepare hooks (fixed: it is frozen before it serves),
    // so that without any a response costs one check; and whether the exchange's handler has
    // returned (or failed): a hook failing after that, when the server prepares the response,
    // closes the connection without an answer
    private final boolean prepareHooks;
    private boolean handlerReturned;
    private double exchangeStart;
    private long responseBytes;
    private Response sentResponse;

    RequestHandler(Application app, StreamReader in, StreamWriter out, double keepaliveSeconds,
                   AccessLogger accessLog) {
        this.keepaliveSeconds = keepaliveSeconds;
        this.accessLog = accessLog;
        this.app = app;
        this.prepareHooks = app.hasPrepareHooks();
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
                if (keepaliveSeconds > 0) {
                    idleSince = out.loop().time();
                    if (keepaliveTimer == null) {
                        keepaliveTimer = out.loop().callAt(idleSince + keepaliveSeconds, this::checkKeepalive);
                    }
                }
            }
            if (unreadInput) {
                linger();
            }
        } catch (CancelledError e) {
            throw e;
        } catch (IOException e) {
            // the peer went away mid-exchange: nothing to answer
        } catch (PrepareHookFailure e) {
            // aiohttp 3.8.4 lets it out of finish_response: "Unhandled exception", then force_close()
            EventLoop loop = out.loop();
            loop.callExceptionHandler(ExceptionContext.of("Error in an onResponsePrepare hook answering "
                    + e.request.method() + " " + e.request.target() + "; the connection is closed without an answer",
                    e.getCause()).with("request", e.request.head()));
        } finally {
            state = State.CLOSED;
            if (keepaliveTimer != null) {
                keepaliveTimer.cancel();
                keepaliveTimer = null;
            }
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

    /**
     * Reads and drops what the handler left of the request body, so the next request starts where
     * it should; whether the connection can go on. A malformed body, or one still coming after
     * {@link #LINGER_SECONDS} (a 10 GB upload answered 404), ends the connection. May suspend.
     */
    private boolean skipUnread(BodyReader body) {
        if (body.isDone()) {
            return true;
        }
        try {
            timeout(LINGER_SECONDS, () -> {
                body.discard();
                return null;
            });
            return true;
        } catch (TimeoutException e) {
            return false; // too much to skip: close rather than read it all
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // an IOException (through timeout()): a malformed body, the rest of it still coming
            unreadInput = true;
            return false;
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

    /** The keep-alive timer fired: closes a connection idle that long, or re-arms for when it could be. */
    private void checkKeepalive() {
        keepaliveTimer = null;
        if (state == State.CLOSED || closing) {
            return;
        }
        double now = out.loop().time();
        if (state == State.IDLE && now - idleSince >= keepaliveSeconds) {
            out.close(); // no next request in time (or a head still trickling in): as aiohttp's keepalive_timeout
            return;
        }
        double due = (state == State.IDLE ? idleSince : now) + keepaliveSeconds;
        keepaliveTimer = out.loop().callAt(due, this::checkKeepalive);
    }

    /** One exchange; whether the connection stays open for another. */
    private boolean serveOne() throws IOException {
        byte[] headBytes;
        try {
            headBytes = in.readuntilEmptyLine();
            while (headBytes[0] == '\r' || headBytes[0] == '\n') {
                // empty lines before the request line are skipped (RFC 9112 2.2), as aiohttp's parser
                // does; still idle meanwhile, so the keep-alive timeout bounds a peer sending only those
                headBytes = skipEmptyLines(headBytes);
            }
            startExchange();
        } catch (IncompleteReadException e) {
            return false; // EOF between requests (or in a partial head): the peer is done
        } catch (LimitOverrunException e) {
            state = State.BUSY;
            startExchange();
            sendError(new HttpRequestHeaderFieldsTooLarge("431: Request Header Fields Too Large: the head exceeds "
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
            // the message alone is the body, as aiohttp's Response(status=400, text=exc.message)
            sendError(HttpErrors.of(e.status(), e.getMessage()));
            return false;
        }
        BodyReader body = new BodyReader(in, framing);
        boolean keepAlive = BodyFraming.keepAlive(head.version(), head.headers());
        String expect = head.version() == HttpVersion.HTTP_1_1 ? head.headers().get("Expect") : null;
        if (expect != null) {
            if (!"100-continue".equalsIgnoreCase(expect)) {
                // an expectation this server cannot meet (RFC 9110 10.1.1), in aiohttp's words
                sendError(new HttpExpectationFailed("Unknown Expect: " + expect));
                return false;
            }
            if (framing.kind() != BodyFraming.Kind.NONE) {
                out.write(CONTINUE);
            }
        }
        request = null;
        handlerFailed = false;
        stream = null;
        requestKeepAlive = keepAlive;
        Response response = respond(head, body, framing);
        if (webSocket != null) {
            finishWebSocket();
            logAccess(head);
            return false;
        }
        if (stream != null || response instanceof StreamResponse) {
            boolean goOn = finishStream(response, body);
            logAccess(head);
            return goOn;
        }
        if (prepareHooks && request != null) {
            runPrepareHooks(request, response); // the server prepares it, as aiohttp's finish_response
        }
        if (!body.isDone()) {
            // unread body: skipped below if it can be; otherwise the connection cannot go on
            keepAlive &= body.state() == BodyReader.State.READING;
        }
        // a body the handler could not read (malformed, cut short) leaves the next request's start
        // unknown, whatever state the reader was left in; one too large for read() does not: its
        // rest is skipped below, and the connection goes on, as aiohttp's after its 413
        keepAlive &= request == null || request.bodyFailure() == null || request.bodyTooLarge();
        keepAlive &= !handlerFailed && !closing;
        request = null; // not kept (with its body) while the connection idles
        unreadInput = !keepAlive && !body.isDone();
        write(response, head, keepAlive);
        out.drain();
        logAccess(head);
        return keepAlive && skipUnread(body);
    }

    /** {@code head} without the empty lines it starts with; when it is nothing else, the next head read. May suspend. */
    private byte[] skipEmptyLines(byte[] head) throws IOException {
        int skip = 0;
        while (skip < head.length && (head[skip] == '\r' || head[skip] == '\n')) {
            skip++;
        }
        return skip < head.length ? java.util.Arrays.copyOfRange(head, skip, head.length) : in.readuntilEmptyLine();
    }

    private Response respond(RequestHead head, BodyReader body, BodyFraming framing) throws IOException {
        handlerReturned = false;
        try {
            request = new Request(app, head, body, framing, remote());
            request.connection(this);
            Response r;
            try {
                r = app.handle(request);
            } finally {
                handlerReturned = true;
            }
            if (r == null) {
                throw new IllegalStateException("Handler.handle(): the handler for " + head.method() + " "
                        + head.target() + " returned null; return a Response (new Response(204) for no content)");
            }
            // sent now, after every middleware had its say on the head (aiohttp prepares it then too)
            return r instanceof FileResponse f ? f.send(request) : r;
        } catch (PrepareHookFailure e) {
            throw e; // a FileResponse's hook: the server was preparing it
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
            handlerFailed = true;
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
        logAccess(null);
        unreadInput = true; // the rest of the head, a body, more requests: all unread
    }

    // ---- onResponsePrepare -----------------------------------------------------------------------

    /**
     * Runs the application's prepare hooks for {@code r}, about to answer {@code req}. A hook's
     * failure reaches a handler preparing its response as it was thrown (as in aiohttp, checked
     * exceptions too); once the handler returned it is the server preparing, and the failure
     * becomes a {@link PrepareHookFailure}, which ends the connection. May suspend.
     */
    private void runPrepareHooks(Request req, Response r) {
        try {
            app.prepareResponse(req, r);
        } catch (Exception e) { // CancelledError is an Error: it passes as it is
            if (handlerReturned) {
                throw new PrepareHookFailure(req, e);
            }
            throw PrepareHookFailure.<RuntimeException>sneaky(e);
        }
    }

    /** Runs the prepare hooks for {@code r}, a response {@code req}'s connection is about to send (a FileResponse's head). */
    void runPrepareHooksFor(Request req, Response r) {
        if (prepareHooks) {
            runPrepareHooks(req, r);
        }
    }

    /** A prepare hook failed while the server prepared a response: {@link #serve} reports it and closes. */
    private static final class PrepareHookFailure extends RuntimeException {
        final transient Request request;

        PrepareHookFailure(Request request, Exception cause) {
            super(cause.toString(), cause, false, false);
            this.request = request;
        }

        /** Throws {@code e} undeclared: the handler sees the hook's own exception, checked or not. */
        @SuppressWarnings("unchecked")
        static <E extends Exception> E sneaky(Exception e) throws E {
            throw (E) e;
        }
    }

    // ---- access log ----------------------------------------------------------------------------

    private void startExchange() {
        responseBytes = 0;
        sentResponse = null;
        if (accessLog != null) {
            exchangeStart = out.loop().time();
        }
    }

    /** Bytes of the answer to the connection, counted for the access log. */
    private void send(byte[] a, int off, int len) {
        responseBytes += len;
        out.write(a, off, len);
    }

    private void send(byte[] a) {
        responseBytes += a.length;
        out.write(a);
    }

    /** The access log's line for the exchange just answered ({@code head}: null if it could not be parsed). */
    private void logAccess(RequestHead head) {
        AccessLogger log = accessLog;
        Response r = sentResponse;
        if (log == null || r == null) {
            return; // off, or nothing was answered
        }
        log.log(new AccessLogger.Exchange(head == null ? null : head.method(), head == null ? null : head.target(),
                head == null ? null : head.version().toString(), head == null ? null : head.headers(), remote(),
                r.status(), responseBytes, r.headers(), out.loop().time() - exchangeStart,
                System.currentTimeMillis()));
    }

    /**
     * The response's head and body into one write; HEAD answers get the head alone.
     * {@code requestHead} is null when the request could not be parsed.
     */
    private void write(Response r, RequestHead requestHead, boolean keepAlive) {
        byte[] body = r.body();
        if (requestHead != null && body.length > 0 && bodyAllowed(r.status()) && r.compressionRequested()) {
            // aiohttp's order: Content-Length (set at _start) before the Content-Encoding that
            // compression adds; the writer puts the framing length where this field stands
            Headers fields = r.headers();
            if (!fields.contains("Content-Length")) {
                fields.set("Content-Length", Integer.toString(body.length));
            }
            String coding = r.startCompression(requestHead.headers().get("Accept-Encoding"));
            if (coding != null) {
                body = ContentEncoder.encodeWhole(coding, body); // a HEAD answer's length is the compressed one too
                fields.set("Content-Length", Integer.toString(body.length));
            }
        }
        ByteSink s = responseHead(r, requestHead, keepAlive, body.length, false);
        boolean sendBody = bodyAllowed(r.status()) && body.length > 0
                && (requestHead == null || !requestHead.method().equals("HEAD"));
        if (sendBody && body.length <= 16 * 1024) {
            s.write(body);
            send(s.array(), 0, s.size());
        } else {
            send(s.array(), 0, s.size());
            if (sendBody) {
                send(body);
            }
        }
    }

    static boolean bodyAllowed(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /**
     * The response's status line and fields in the sink, in aiohttp's order: the handler's fields
     * but the framing ones, Content-Length ({@code length} at least 0; where the handler's own
     * Content-Length field stood, if any), Set-Cookie, Transfer-Encoding (chunked), the default
     * Content-Type, Date, Server, and Connection when it differs from the version's default. {@code requestHead} is
     * null when the request could not be parsed (the answer is then HTTP/1.1).
     */
    private ByteSink responseHead(Response r, RequestHead requestHead, boolean keepAlive, long length,
                                  boolean chunked) {
        return responseHead(r, requestHead, keepAlive, length, chunked, false);
    }

    /** As above; {@code upgrade}: a 101 answer, with {@code Connection: upgrade}. */
    private ByteSink responseHead(Response r, RequestHead requestHead, boolean keepAlive, long length,
                                  boolean chunked, boolean upgrade) {
        sentResponse = r;
        ByteSink s = sink;
        s.clear();
        HttpVersion version = requestHead == null ? HttpVersion.HTTP_1_1 : requestHead.version();
        int status = r.status();
        HeadWriter.writeStatusLine(version, status, r.reason(), s);
        Headers h = r.headers();
        // aiohttp's order: the handler's fields (a Content-Length it set keeps its place), then
        // Content-Length, Set-Cookie, Transfer-Encoding, the default Content-Type, Date, Server
        boolean byLength = bodyAllowed(status) && !chunked && length >= 0;
        boolean lengthSent = false;
        for (int i = 0, n = h.size(); i < n; i++) {
            String name = h.name(i);
            if (name.equalsIgnoreCase("Content-Length")) {
                if (byLength && !lengthSent) {
                    // the value is the server's: it frames the body
                    s.writeLatin1("Content-Length: ").writeDecimal(length).crlf();
                    lengthSent = true;
                }
                continue;
            }
            if (name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue; // the server frames the body and the connection itself
            }
            s.writeLatin1(name).write(':').write(' ').writeLatin1(h.value(i)).crlf();
        }
        if (byLength && !lengthSent) {
            s.writeLatin1("Content-Length: ").writeDecimal(length).crlf();
        }
        for (SetCookie c : r.setCookies()) {
            // after the fields the handler set, as aiohttp adds them at prepare()
            s.writeLatin1("Set-Cookie: ").writeLatin1(c.fieldValue()).crlf();
        }
        if (bodyAllowed(status) && chunked) {
            s.writeLatin1("Transfer-Encoding: chunked").crlf();
        }
        if (bodyAllowed(status) && !upgrade && !h.contains("Content-Type")) {
            // as aiohttp: a body of no declared type is bytes
            s.writeLatin1("Content-Type: application/octet-stream").crlf();
        }
        if (!h.contains("Date")) {
            s.writeLatin1("Date: ").writeLatin1(HttpDate.now()).crlf();
        }
        if (!h.contains("Server")) {
            s.writeLatin1("Server: ").writeLatin1(SERVER).crlf();
        }
        if (upgrade) {
            s.writeLatin1("Connection: upgrade").crlf();
        } else if (!keepAlive) {
            if (version != HttpVersion.HTTP_1_0) {
                // aiohttp: HTTP/1.0 closes by default, so the field is left out there
                s.writeLatin1("Connection: close").crlf();
            }
        } else if (version == HttpVersion.HTTP_1_0) {
            s.writeLatin1("Connection: keep-alive").crlf();
        }
        s.crlf();
        return s;
    }

    // ---- streaming responses -------------------------------------------------------------------

    /**
     * A {@link StreamResponse}'s body on this connection: chunks (HTTP/1.1, no declared length),
     * the declared number of bytes, or bytes until the connection closes (HTTP/1.0, no length).
     * Made when its head goes out; the task handling the request only.
     */
    final class Stream {
        private final boolean chunked;
        private final boolean headOnly;  // HEAD request, or a status without a body
        private final long declared;     // -1: none
        private final boolean keepAlive; // as its head said
        private final ContentEncoder encoder; // enableCompression(): each write compressed and flushed; or null
        private long written;
        private boolean complete;

        private Stream(boolean chunked, boolean headOnly, long declared, boolean keepAlive, ContentEncoder encoder) {
            this.chunked = chunked;
            this.headOnly = headOnly;
            this.declared = declared;
            this.keepAlive = keepAlive;
            this.encoder = encoder;
        }

        void write(byte[] data) {
            if (headOnly || data.length == 0) {
                return;
            }
            if (encoder != null) {
                writeOut(encoder.encode(data));
                return;
            }
            writeOut(data);
        }

        private void writeOut(byte[] data) {
            if (data.length == 0) {
                return;
            }
            if (declared >= 0 && written + data.length > declared) {
                throw new IllegalStateException("StreamResponse.write(): " + (written + data.length)
                        + " bytes would exceed the declared contentLength " + declared + "; write no more than "
                        + "declared, or declare no length to send the body in chunks");
            }
            written += data.length;
            if (!chunked) {
                send(data);
                return;
            }
            ByteSink s = sink;
            s.clear();
            s.writeLatin1(Integer.toHexString(data.length)).crlf();
            if (data.length <= 16 * 1024) {
                s.write(data).crlf();
                send(s.array(), 0, s.size());
            } else {
                send(s.array(), 0, s.size());
                send(data);
                send(CRLF);
            }
        }

        long sendfile(java.nio.channels.FileChannel file, long offset, long count) throws IOException {
            if (headOnly || count == 0) {
                return 0;
            }
            if (chunked || encoder != null || declared < 0 || written + count > declared) {
                throw new IllegalStateException("StreamResponse.sendfile(): " + count + " bytes need a declared "
                        + "length that holds them and no compression (declared " + declared + ", written " + written
                        + ")");
            }
            long n = out.loop().sendfile(out.transport(), file, offset, count);
            written += n;
            return n;
        }

        void end() {
            if (!headOnly && declared >= 0 && written != declared) {
                throw new IllegalStateException("StreamResponse.writeEof(): " + written + " bytes written of the "
                        + "declared contentLength " + declared + "; the connection is closed, since the peer would "
                        + "wait for the rest: write exactly the declared length");
            }
            if (encoder != null && !headOnly) {
                writeOut(encoder.finish());
            }
            if (chunked && !headOnly) {
                send(LAST_CHUNK);
            }
            complete = true;
        }

        void drain() throws IOException {
            out.drain();
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    /**
     * Runs the prepare hooks on {@code r} (unless {@code runHooks} is false: they saw its head
     * already), writes its head for {@code req} (the request being answered, or a clone of it) and
     * returns its body's stream (StreamResponse.prepare). May suspend (in a hook).
     */
    Stream startStream(StreamResponse r, Request req, boolean runHooks) {
        if (req.connection() != this || request == null || req.origin() != request) {
            throw new IllegalStateException("StreamResponse.prepare(): the request is not the one this connection "
                    + "is answering now; prepare a response only for the request the handler was given");
        }
        if (stream != null) {
            throw new IllegalStateException("StreamResponse.prepare(): another response to " + req.method() + " "
                    + req.target() + " has already been prepared; prepare one response per request");
        }
        if (prepareHooks && runHooks) {
            runPrepareHooks(req, r);
        }
        RequestHead head = request.head(); // framed for what the client sent, whatever a clone says
        boolean bodyAllowed = bodyAllowed(r.status());
        boolean headOnly = !bodyAllowed || head.method().equals("HEAD");
        long declared = r.contentLength();
        String coding = bodyAllowed ? r.startCompression(head.headers().get("Accept-Encoding")) : null;
        if (coding != null) {
            declared = -1; // the compressed length is not known in advance: chunks (HTTP/1.0: until close)
        }
        // a HEAD answer carries the fields the GET answer would, body framing included
        boolean chunked = bodyAllowed && declared < 0 && head.version() == HttpVersion.HTTP_1_1;
        // HTTP/1.0 without a declared length: the body ends when the connection does
        boolean untilClose = !headOnly && declared < 0 && !chunked;
        boolean keepAlive = requestKeepAlive && !closing && !untilClose;
        send(responseHead(r, head, keepAlive, declared, chunked).array(), 0, sink.size());
        stream = new Stream(chunked && !headOnly, headOnly, declared, keepAlive,
                coding == null || headOnly ? null : ContentEncoder.forCoding(coding));
        return stream;
    }

    /**
     * Answers {@code req} with {@code r}'s 101 head (its fields, and the handshake's) and hands
     * the connection to a WebSocket (WebSocketResponse.prepare), with permessage-deflate as
     * {@code deflate} (null: not agreed). May suspend.
     */
    WebSocketChannel upgrade(WebSocketResponse r, Request req, String accept, String protocol,
                             io.asyncio4j.http.codec.WsDeflateParams deflate) throws IOException {
        if (req.connection() != this || request == null || req.origin() != request) {
            throw new IllegalStateException("WebSocketResponse.prepare(): the request is not the one this connection "
                    + "is answering now; prepare a response only for the request the handler was given");
        }
        if (stream != null || webSocket != null) {
            throw new IllegalStateException("WebSocketResponse.prepare(): another response to " + req.method() + " "
                    + req.target() + " has already been prepared; prepare one response per request");
        }
        Headers h = r.headers();
        h.set("Upgrade", "websocket");
        h.set("Sec-WebSocket-Accept", accept);
        if (protocol != null) {
            h.set("Sec-WebSocket-Protocol", protocol);
        }
        if (deflate != null) {
            h.set("Sec-WebSocket-Extensions", deflate.headerValue());
        }
        if (prepareHooks) {
            runPrepareHooks(req, r);
            if (r.status() != 101) {
                throw new IllegalStateException("WebSocketResponse.prepare(): an onResponsePrepare hook changed the "
                        + "handshake's 101 to " + r.status() + "; a hook may add fields to it, not refuse it (refuse "
                        + "the WebSocket in the handler or a middleware)");
            }
        }
        send(responseHead(r, request.head(), true, -1, false, true).array(), 0, sink.size());
        webSocket = new WebSocketChannel(in, out, false, r.options(), protocol, deflate, null);
        out.drain();
        return webSocket;
    }

    /**
     * The handler of an upgraded exchange returned (or failed): a WebSocket it left open is
     * closed (1011 for a failure), and with it the connection. May suspend.
     */
    private void finishWebSocket() {
        WebSocketChannel ws = webSocket;
        webSocket = null;
        request = null;
        if (!ws.isClosed()) {
            ws.close(handlerFailed ? WsCloseCode.INTERNAL_ERROR : WsCloseCode.OK, "");
        }
    }

    /**
     * After the handler of a streaming response returned (or failed after its head went out):
     * ends the body, and whether the connection goes on.
     */
    private boolean finishStream(Response response, BodyReader body) throws IOException {
        Request req = request;
        if (stream == null) {
            // returned without prepare(): an empty body, sent now
            ((StreamResponse) response).prepare(req);
        }
        request = null; // not kept (with its body) while the connection idles
        if (handlerFailed || !(response instanceof StreamResponse sr)) {
            // the handler failed after the head went out: no way to answer 500; end the exchange here
            unreadInput = !body.isDone();
            return false;
        }
        try {
            sr.writeEof();
        } catch (IllegalStateException e) {
            report(e, req.head());
            unreadInput = !body.isDone();
            return false;
        }
        boolean keepAlive = stream.keepAlive && stream.complete && !closing
                && req.bodyFailure() == null && (body.isDone() || body.state() == BodyReader.State.READING);
        unreadInput = !keepAlive && !body.isDone();
        return keepAlive && skipUnread(body);
    }

    /** Whether the connection is TLS. */
    boolean overTls() {
        return out.getExtraInfo("sslcontext") != null;
    }

    /** The address the connection came in on, as {@code host:port} (for a request without Host). */
    String localAuthority() {
        Object local = out.getExtraInfo("sockname");
        if (local instanceof InetSocketAddress a) {
            String ip = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
        }
        return "localhost";
    }

    private String remote() {
        Object peer = out.getExtraInfo("peername");
        if (peer instanceof InetSocketAddress a) {
            return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        }
        if (peer instanceof java.net.UnixDomainSocketAddress u) {
            return u.getPath().toString(); // aiohttp's str(peername): "" for a client socket with no name
        }
        return peer == null ? null : peer.toString();
    }

    @Override
    public String toString() {
        return "<RequestHandler " + state + (closing ? " closing" : "") + ">";
    }
}
