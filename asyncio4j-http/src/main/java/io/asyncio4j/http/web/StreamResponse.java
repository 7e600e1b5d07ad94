package io.asyncio4j.http.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A response whose body is written while the handler runs: {@link #prepare} sends the status
 * line and fields, {@link #write} sends body bytes as they come (waiting while the peer is slow
 * to read), {@link #writeEof} ends the body. For bodies too large to hold, or produced over time
 * (server-sent events, progress, a proxied download). Without a declared
 * {@link #contentLength(long)} the body goes in chunks (HTTP/1.1), or until the connection
 * closes (an HTTP/1.0 peer). The head leaves at {@link #prepare}: status and fields changed
 * after it (by a middleware, say) are not sent, as in aiohttp. Return it from the handler when done; the server ends a body the
 * handler left open, and prepares one it never prepared.
 * <p>
 * States ({@link State}); {@code ENDED} is final:
 * <pre>
 *   NEW ──prepare() (by the handler, or by the server once it returns)──▶ PREPARED
 *   PREPARED, ENDED ──prepare()──▶ unchanged (nothing sent)
 *   PREPARED ──writeEof() (by the handler, or by the server once it returns)──▶ ENDED
 * </pre>
 * A handler that fails after {@code prepare()} leaves it PREPARED: the server closes the
 * connection without ending the body, so the peer sees it cut short.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.StreamResponse}
 */
public final class StreamResponse extends Response {
    /**
     * Streaming states; see the class comment.
     * asyncio: none (aiohttp's {@code prepared} and {@code _eof_sent} flags)
     */
    public enum State {
        /** Nothing sent yet; fields and length may still change. asyncio: {@code not resp.prepared} */
        NEW,
        /** The head is sent; body bytes may be written. asyncio: {@code resp.prepared} */
        PREPARED,
        /** The body is ended; final. asyncio: {@code resp._eof_sent} */
        ENDED
    }

    private State state = State.NEW;
    private long contentLength = -1;
    private RequestHandler.Stream stream; // the connection's side, once prepared

    /** A streaming response with {@code status}. asyncio: {@code web.StreamResponse(status=...)} */
    public StreamResponse(int status) {
        super(status);
    }

    /** A streaming 200 response. asyncio: {@code web.StreamResponse()} */
    public StreamResponse() {
        this(200);
    }

    /**
     * Declares the body's length: it is then sent as is, not in chunks, and must be exactly that
     * long. Before {@link #prepare} only. asyncio: {@code resp.content_length = n}
     */
    public StreamResponse contentLength(long bytes) {
        checkState(State.NEW, "contentLength()", "before prepare()");
        if (bytes < 0) {
            throw new IllegalArgumentException("StreamResponse.contentLength(): the length is negative (" + bytes
                    + "); give 0 or more bytes, or declare none to send the body in chunks");
        }
        contentLength = bytes;
        return this;
    }

    /**
     * Compresses the body as the client accepts it, piece by piece: each write is compressed and
     * flushed at once (so a server-sent event is not held back), and the body goes in chunks (a
     * declared length is dropped: the compressed one is not known ahead). Before {@link #prepare}.
     * asyncio: {@code resp.enable_compression()}
     */
    @Override
    public StreamResponse enableCompression() {
        checkState(State.NEW, "enableCompression()", "before prepare()");
        super.enableCompression();
        return this;
    }

    /** {@link #enableCompression()} with {@code coding} forced. asyncio: {@code resp.enable_compression(force=...)} */
    @Override
    public StreamResponse enableCompression(String coding) {
        checkState(State.NEW, "enableCompression()", "before prepare()");
        super.enableCompression(coding);
        return this;
    }

    /** The declared body length, or -1 if none. asyncio: {@code resp.content_length} */
    @Override
    public long contentLength() {
        return contentLength;
    }

    /** The state; see the class comment. asyncio: {@code resp.prepared} (PREPARED or ENDED) */
    public State state() {
        return state;
    }

    /**
     * Sends the status line and fields for {@code request} (or a {@link Request#cloneWith clone}
     * of it), after the application's {@link Application#onResponsePrepare()} hooks ran on this
     * response; may suspend. A hook's exception is thrown from here as the hook threw it. Once
     * prepared (or ended), a further call does nothing, as in aiohttp.
     * asyncio: {@code await resp.prepare(request)}
     */
    public void prepare(Request request) throws IOException {
        prepare(request, true);
    }

    /** {@link #prepare} for a head the prepare hooks have already seen (a FileResponse's). */
    void prepareAfterHooks(Request request) throws IOException {
        prepare(request, false);
    }

    private void prepare(Request request, boolean runHooks) throws IOException {
        if (state != State.NEW) {
            return; // aiohttp's prepare() hands back the writer it already has: a second call sends nothing
        }
        RequestHandler.Stream s = request.connection().startStream(this, request, runHooks);
        stream = s;
        state = State.PREPARED;
        s.drain();
    }

    /**
     * Sends {@code data} as the next part of the body; may suspend while the peer is slow to
     * read (the connection's write buffer stays bounded). asyncio: {@code await resp.write(data)}
     */
    public void write(byte[] data) throws IOException {
        checkState(State.PREPARED, "write()", "after prepare() and before writeEof()");
        stream.write(data);
        stream.drain();
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} as the next part of the body,
     * zero-copy where the connection allows ({@code loop.sendfile}); the bytes sent, fewer only
     * if the file ended first. Only with a declared length and no compression (what
     * {@link FileResponse} sets up). May suspend.
     */
    long sendfile(java.nio.channels.FileChannel file, long offset, long count) throws IOException {
        checkState(State.PREPARED, "sendfile()", "after prepare() and before writeEof()");
        return stream.sendfile(file, offset, count);
    }

    /** Sends {@code text} encoded as UTF-8; may suspend. asyncio: {@code await resp.write(text.encode())} */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the body; may suspend. With a declared length, fewer bytes than declared is an
     * IllegalStateException (and the connection closes: the peer still waits for the rest).
     * asyncio: {@code await resp.write_eof()}
     */
    public void writeEof() throws IOException {
        if (state == State.ENDED) {
            return;
        }
        checkState(State.PREPARED, "writeEof()", "after prepare()");
        state = State.ENDED;
        stream.end();
        stream.drain();
    }

    /**
     * Refused with IllegalStateException: a streaming response has no body array; its body is
     * what {@link #write} sent. asyncio: none (aiohttp's {@code StreamResponse} has no
     * {@code body} to set)
     */
    @Override
    public Response body(byte[] body) {
        throw new IllegalStateException("StreamResponse.body(): a streaming response has no body to set; "
                + "write() it after prepare(), or use Response.bytes()");
    }

    private void checkState(State want, String what, String when) {
        if (state != want) {
            throw new IllegalStateException("StreamResponse." + what + ": the response is " + state + "; call "
                    + what + " " + when);
        }
    }

    /** {@code <StreamResponse 200 OK PREPARED>}: the status and the state. asyncio: {@code repr(resp)} */
    @Override
    public String toString() {
        return "<StreamResponse " + status() + " " + reason() + " " + state + ">";
    }
}
