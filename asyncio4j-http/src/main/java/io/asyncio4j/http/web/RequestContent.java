package io.asyncio4j.http.web;

import io.asyncio4j.http.BodyStream;
import io.asyncio4j.http.internal.ContentBuffer;

import java.io.IOException;

/**
 * A request's body as a stream ({@link Request#content()}), read as it arrives without being
 * held whole; the reads are {@link BodyStream}'s ({@code read}, {@code readline},
 * {@code iterChunked}...), and a line over {@link #LINE_LIMIT} answers 400.
 * <p>
 * Limits: as in aiohttp, the application's {@link Application#clientMaxSize()} does not apply
 * here (it bounds {@link Request#read()} and what reads the body whole); {@code read(-1)} reads
 * everything there is. A line ({@code readline}, {@code readuntil}) is bounded by
 * {@link #LINE_LIMIT}, aiohttp's "Chunk too big".
 * <p>
 * With {@link Request#read()} and what reads through it ({@code text()}, {@code json()},
 * {@code post()}): {@code read()} returns the part of the body this stream has not handed out
 * (and keeps it); after it, this stream is at its end. Errors: a malformed body (bad chunk
 * framing) is an {@link HttpBadRequest} and a body the peer cut short an
 * {@link io.asyncio4j.http.IncompleteBodyException}; both end the connection after the response,
 * and every later read fails the same way.
 * <p>
 * Threading: the task handling the request, one read at a time; reads may suspend.
 * <p>
 * asyncio: aiohttp's {@code request.content} (an {@code aiohttp.StreamReader})
 */
public final class RequestContent extends BodyStream {
    static final int PIECE = ContentBuffer.PIECE;

    RequestContent(ContentBuffer.Source source) {
        super(source);
    }

    @Override
    protected HttpBadRequest lineTooLong(String what) {
        return new HttpBadRequest("RequestContent." + what + ": the request body has a line longer than the "
                + LINE_LIMIT + " bytes accepted (aiohttp's \"Chunk too big\"); read it with read(n) instead");
    }

    /**
     * The bytes up to and including {@code sep}, or what is left at the end of the body; null if
     * no separator comes within {@code limit} bytes (they stay buffered). May suspend.
     */
    byte[] readuntil(byte[] sep, int limit) throws IOException {
        return buffer.readuntil(sep, limit);
    }

    // ---- for Request and the multipart readers (this package) --------------------------------

    /** Bytes taken from the body and not yet handed out. */
    int buffered() {
        return buffer.buffered();
    }

    /** See {@link ContentBuffer#fill}. May suspend. */
    boolean fill(int want) throws IOException {
        return buffer.fill(want);
    }

    /** See {@link ContentBuffer#ensure}. May suspend. */
    boolean ensure(int n) throws IOException {
        return buffer.ensure(n);
    }

    /** See {@link ContentBuffer#indexOf}. */
    int indexOf(byte[] pattern, int from) {
        return buffer.indexOf(pattern, from);
    }

    /** See {@link ContentBuffer#bufferedStartsWith}. */
    boolean bufferedStartsWith(byte[] prefix) {
        return buffer.bufferedStartsWith(prefix);
    }

    /** The first {@code n} buffered bytes, handed out. */
    byte[] take(int n) {
        return buffer.take(n);
    }

    /** Drops the first {@code n} buffered bytes. */
    void skip(int n) {
        buffer.skip(n);
    }
}
