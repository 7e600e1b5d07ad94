package io.asyncio4j.http.web;

import io.asyncio4j.internal.util.SuspendingIterator;
import io.asyncio4j.streams.IncompleteReadException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A request's body as a stream ({@link Request#content()}), read as it arrives without being
 * held whole: {@link #read(int)}, {@link #readany()}, {@link #readChunk(int)},
 * {@link #readline()}, {@link #readuntil(byte[])}, {@link #readexactly(int)}, and iteration by
 * chunk ({@link #iterChunked(int)}, {@link #iterAny()}) or, for-each over the stream itself, by
 * line. Every read goes through the connection's body reader, so Content-Length and chunked
 * framing are handled below it; an empty array means the body has ended.
 * <p>
 * Limits: as in aiohttp, the application's {@link Application#clientMaxSize()} does not apply
 * here (it bounds {@link Request#read()} and what reads the body whole); {@code read(-1)} reads
 * everything there is. A line ({@code readline}, {@code readuntil}) is bounded by
 * {@link #LINE_LIMIT}, aiohttp's "Chunk too big".
 * <p>
 * With {@link Request#read()} and what reads through it ({@code text()}, {@code json()},
 * {@code post()}): {@code read()} returns the part of the body this stream has not handed out
 * (and keeps it); after it, this stream is at its end. Errors: a malformed body (bad chunk
 * framing) is an {@link HttpException} 400 and a body the peer cut short an
 * {@link io.asyncio4j.http.IncompleteBodyException}; both end the connection after the response,
 * and every later read fails the same way.
 * <p>
 * Threading: the task handling the request, one read at a time; reads may suspend.
 * <p>
 * asyncio: aiohttp's {@code request.content} (an {@code aiohttp.StreamReader})
 */
public final class RequestContent implements Iterable<byte[]> {
    /**
     * The longest line {@link #readline()} and {@link #readuntil(byte[])} accept, 128 KiB: the high
     * water mark of the stream aiohttp gives a request ({@code 2 * 2**16}), past which it raises
     * "Chunk too big".
     */
    public static final int LINE_LIMIT = 128 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] LF = {'\n'};
    static final int PIECE = 64 * 1024;

    /** Where the bytes come from: the body reader, with the request's failure bookkeeping. */
    interface Source {
        /** The next piece of the body, at most {@code max} bytes; empty at its end. May suspend. */
        byte[] readSome(int max) throws IOException;

        /** Whether the body has been read to its end. */
        boolean isDone();
    }

    private final Source source;
    // bytes taken from the source and not yet handed out: buf[pos, lim)
    private byte[] buf = EMPTY;
    private int pos;
    private int lim;
    private long handedOut;

    RequestContent(Source source) {
        this.source = source;
    }

    // ---- the aiohttp StreamReader API ---------------------------------------------------------

    /**
     * Up to {@code n} bytes, as soon as at least one has arrived; an empty array at the end of the
     * body. {@code n < 0}: everything until the end (not bounded by
     * {@link Application#clientMaxSize()}, as in aiohttp); {@code n == 0}: an empty array at once.
     * May suspend. asyncio: {@code await request.content.read(n)}
     */
    public byte[] read(int n) throws IOException {
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buf, pos, lim - pos);
            pos = lim;
            while (true) {
                byte[] piece = source.readSome(PIECE);
                if (piece.length == 0) {
                    break;
                }
                all.write(piece, 0, piece.length);
            }
            return counted(all.toByteArray());
        }
        if (pos < lim) {
            return take(Math.min(n, lim - pos));
        }
        return counted(source.readSome(n));
    }

    /** Everything until the end of the body: {@code read(-1)}. May suspend. asyncio: {@code await request.content.read()} */
    public byte[] read() throws IOException {
        return read(-1);
    }

    /**
     * What is there: the bytes already received, or, if none, the next piece (up to 64 KiB) as soon
     * as it arrives; an empty array at the end. May suspend. asyncio: {@code await request.content.readany()}
     */
    public byte[] readany() throws IOException {
        if (pos < lim) {
            return take(lim - pos);
        }
        return counted(source.readSome(PIECE));
    }

    /**
     * The next piece of the body, at most {@code max} bytes, as soon as some has arrived; an empty
     * array at its end: the contract of {@link io.asyncio4j.http.client.ClientResponse#readChunk(int)},
     * so both sides read a body alike. May suspend. asyncio: {@code await request.content.read(max)}
     *
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public byte[] readChunk(int max) throws IOException {
        if (max <= 0) {
            throw new IllegalArgumentException("RequestContent.readChunk(): max is " + max + "; ask for 1 byte or more");
        }
        return read(max);
    }

    /**
     * One line, its {@code \n} included; at the end of the body the last bytes without one, then
     * an empty array. May suspend. asyncio: {@code await request.content.readline()}
     *
     * @throws HttpException 400 for a line longer than {@link #LINE_LIMIT} (the bytes stay unread)
     */
    public byte[] readline() throws IOException {
        return readuntil(LF, "readline()");
    }

    /**
     * The bytes up to and including {@code separator}; at the end of the body, what is left without
     * it (aiohttp's, not asyncio's IncompleteReadError). May suspend.
     * asyncio: {@code await request.content.readuntil(separator)}
     *
     * @throws HttpException 400 if no separator comes within {@link #LINE_LIMIT} bytes (they stay unread)
     * @throws IllegalArgumentException for an empty separator
     */
    public byte[] readuntil(byte[] separator) throws IOException {
        if (separator.length == 0) {
            throw new IllegalArgumentException("RequestContent.readuntil(): the separator is empty; give one byte or more");
        }
        return readuntil(separator, "readuntil()");
    }

    private byte[] readuntil(byte[] sep, String what) throws IOException {
        byte[] line = readuntil(sep, LINE_LIMIT);
        if (line == null) {
            throw tooLong(what);
        }
        return line;
    }

    /**
     * The bytes up to and including {@code sep}, or what is left at the end of the body; null if
     * no separator comes within {@code limit} bytes (they stay buffered). May suspend.
     */
    byte[] readuntil(byte[] sep, int limit) throws IOException {
        int from = 0;
        while (true) {
            int i = indexOf(sep, from);
            if (i >= 0) {
                return i + sep.length > limit ? null : take(i + sep.length);
            }
            if (lim - pos > limit) {
                return null;
            }
            from = Math.max(0, lim - pos - sep.length + 1);
            if (!fill(PIECE)) {
                return take(lim - pos);
            }
        }
    }

    private static HttpException tooLong(String what) {
        return new HttpException(400, "RequestContent." + what + ": the request body has a line longer than the "
                + LINE_LIMIT + " bytes accepted (aiohttp's \"Chunk too big\"); read it with read(n) instead");
    }

    /**
     * Exactly {@code n} bytes. May suspend. asyncio: {@code await request.content.readexactly(n)}
     *
     * @throws IncompleteReadException if the body ends first; {@link IncompleteReadException#partial()}
     *         holds what was left of it (asyncio's IncompleteReadError)
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public byte[] readexactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("RequestContent.readexactly(): n is " + n + "; ask for 0 bytes or more");
        }
        while (lim - pos < n) {
            if (!fill(Math.max(PIECE, n - (lim - pos)))) {
                throw new IncompleteReadException(take(lim - pos), n);
            }
        }
        return take(n);
    }

    /**
     * Whether the whole body has been handed out (or there was none); never suspends.
     * asyncio: {@code request.content.at_eof()}
     */
    public boolean atEof() {
        return pos == lim && source.isDone();
    }

    /**
     * The body in pieces of at most {@code n} bytes, each handed out as soon as it has arrived
     * ({@link #read(int)}); a for-each loop over it suspends between pieces, and an I/O error
     * arrives undeclared. asyncio: {@code async for chunk in request.content.iter_chunked(n)}
     *
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public Iterable<byte[]> iterChunked(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("RequestContent.iterChunked(): n is " + n + "; give 1 or more");
        }
        return () -> new SuspendingIterator<>(() -> read(n), b -> b.length == 0,
                "RequestContent.iterChunked(): the body has ended");
    }

    /** The body in pieces as they arrive ({@link #readany()}). asyncio: {@code async for data in request.content.iter_any()} */
    public Iterable<byte[]> iterAny() {
        return () -> new SuspendingIterator<>(this::readany, b -> b.length == 0,
                "RequestContent.iterAny(): the body has ended");
    }

    /** The body's lines ({@link #readline()}), for a for-each loop. asyncio: {@code async for line in request.content} */
    @Override
    public Iterator<byte[]> iterator() {
        return new SuspendingIterator<>(this::readline, b -> b.length == 0, "RequestContent: the body has ended");
    }

    /**
     * The body as an {@link InputStream} whose reads suspend the calling task (the handler's), for
     * code written against java.io ({@code transferTo} a file); the same view
     * {@link io.asyncio4j.http.client.ClientResponse#content()} gives of a response.
     * asyncio: none ({@code request.content} itself)
     */
    public InputStream asInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = RequestContent.this.read(1);
                return one.length == 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                byte[] piece = RequestContent.this.read(len);
                if (piece.length == 0) {
                    return -1;
                }
                System.arraycopy(piece, 0, b, off, piece.length);
                return piece.length;
            }
        };
    }

    /** Bytes handed out so far. asyncio: {@code request.content.total_bytes} counts those received */
    public long bytesRead() {
        return handedOut;
    }

    // ---- for Request and the multipart readers (this package) --------------------------------

    /** Bytes taken from the body and not yet handed out. */
    int buffered() {
        return lim - pos;
    }

    /**
     * Reads one more piece of the body (at least {@code want} bytes asked for) behind the buffered
     * ones; false at the end of the body. May suspend.
     */
    boolean fill(int want) throws IOException {
        byte[] piece = source.readSome(Math.max(want, 1));
        if (piece.length == 0) {
            return false;
        }
        if (pos == lim) {
            buf = piece; // nothing buffered: the piece becomes the buffer, no copy
            pos = 0;
            lim = piece.length;
            return true;
        }
        int size = lim - pos;
        if (buf.length - lim < piece.length) {
            byte[] bigger = buf.length - size >= piece.length && pos > 0 ? buf
                    : new byte[Math.max(buf.length * 2, size + piece.length)];
            System.arraycopy(buf, pos, bigger, 0, size);
            buf = bigger;
            pos = 0;
            lim = size;
        }
        System.arraycopy(piece, 0, buf, lim, piece.length);
        lim += piece.length;
        return true;
    }

    /** Fills until at least {@code n} bytes are buffered; false if the body ends first. May suspend. */
    boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill(PIECE)) {
                return false;
            }
        }
        return true;
    }

    /** Index (from the first buffered byte) of {@code pattern} at or after {@code from}, or -1. */
    int indexOf(byte[] pattern, int from) {
        byte first = pattern[0];
        int last = lim - pattern.length;
        outer:
        for (int i = pos + Math.max(from, 0); i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < pattern.length; k++) {
                if (buf[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i - pos;
        }
        return -1;
    }

    /** Whether the buffered bytes start with {@code prefix} (as many of them as are buffered). */
    boolean bufferedStartsWith(byte[] prefix) {
        return lim - pos >= prefix.length && Arrays.equals(buf, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    /** The first {@code n} buffered bytes, handed out. */
    byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = pos == 0 && n == buf.length && lim == buf.length ? buf : Arrays.copyOfRange(buf, pos, pos + n);
        skip(n);
        return counted(out);
    }

    /** Drops the first {@code n} buffered bytes. */
    void skip(int n) {
        pos += n;
        if (pos == lim) {
            buf = EMPTY;
            pos = 0;
            lim = 0;
        }
    }

    private byte[] counted(byte[] b) {
        handedOut += b.length;
        return b;
    }

    /** {@code <RequestContent read=12 buffered=3>}, {@code eof} once at the end. asyncio: {@code repr(request.content)} */
    @Override
    public String toString() {
        return "<RequestContent read=" + handedOut + (lim > pos ? " buffered=" + (lim - pos) : "")
                + (atEof() ? " eof" : "") + ">";
    }
}
