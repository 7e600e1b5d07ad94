package io.asyncio4j.http;

import io.asyncio4j.http.internal.ChunkInputStream;
import io.asyncio4j.http.internal.ContentBuffer;
import io.asyncio4j.internal.util.SuspendingIterator;
import io.asyncio4j.streams.IncompleteReadException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * A message body as a stream, read as it arrives without being held whole: what a request's
 * {@code content()} ({@link io.asyncio4j.http.web.RequestContent}) and a response's
 * {@code contentReader()} ({@link io.asyncio4j.http.client.ResponseContent}) both are.
 * {@link #read(int)}, {@link #readany()}, {@link #readChunk(int)}, {@link #readline()},
 * {@link #readuntil(byte[])}, {@link #readexactly(int)}, and iteration by chunk
 * ({@link #iterChunked(int)}, {@link #iterAny()}) or, for-each over the stream itself, by line.
 * Every read goes through the connection's body reader, so Content-Length and chunked framing
 * are handled below it; an empty array means the body has ended. A line ({@code readline},
 * {@code readuntil}) is bounded by {@link #LINE_LIMIT}, aiohttp's "Chunk too big"; past it each
 * side raises its own error ({@link #lineTooLong}).
 * <p>
 * Threading: the one task reading the body; reads may suspend.
 * <p>
 * asyncio: aiohttp's {@code StreamReader} ({@code request.content}, {@code response.content})
 */
public abstract class BodyStream implements Iterable<byte[]> {
    /**
     * The longest line {@link #readline()} and {@link #readuntil(byte[])} accept, 128 KiB: the high
     * water mark of aiohttp's streams ({@code 2 * 2**16}), past which it raises "Chunk too big".
     */
    public static final int LINE_LIMIT = 128 * 1024;

    private static final byte[] LF = {'\n'};

    /** The reading itself, shared by both sides. */
    protected final ContentBuffer buffer;

    /** A stream over the bytes {@code source} gives. For the module's two kinds only. */
    protected BodyStream(ContentBuffer.Source source) {
        this.buffer = new ContentBuffer(source);
    }

    /**
     * What a line longer than {@link #LINE_LIMIT} raises, {@code what} naming the call: a 400 on
     * the server (the client sent it), an argument error on the client (aiohttp's ValueError).
     */
    protected abstract RuntimeException lineTooLong(String what);

    /**
     * Up to {@code n} bytes, as soon as at least one has arrived; an empty array at the end of the
     * body. {@code n < 0}: everything until the end (not bounded by a server's
     * {@code clientMaxSize} or a session's read limit, as in aiohttp); {@code n == 0}: an empty
     * array at once.
     * May suspend. asyncio: {@code await content.read(n)}
     */
    public byte[] read(int n) throws IOException {
        return buffer.read(n);
    }

    /** Everything until the end of the body: {@code read(-1)}. May suspend. asyncio: {@code await content.read()} */
    public byte[] read() throws IOException {
        return read(-1);
    }

    /**
     * What is there: the bytes already received, or, if none, the next piece (up to 64 KiB) as soon
     * as it arrives; an empty array at the end. May suspend. asyncio: {@code await content.readany()}
     */
    public byte[] readany() throws IOException {
        return buffer.readany();
    }

    /**
     * The next piece of the body, at most {@code max} bytes, as soon as some has arrived; an empty
     * array at its end: the contract of {@link io.asyncio4j.http.client.ClientResponse#readChunk(int)},
     * so both sides read a body alike. May suspend. asyncio: {@code await content.read(max)}
     *
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public byte[] readChunk(int max) throws IOException {
        if (max <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".readChunk(): max is " + max
                    + "; ask for 1 byte or more");
        }
        return read(max);
    }

    /**
     * One line, its {@code \n} included; at the end of the body the last bytes without one, then
     * an empty array. May suspend. asyncio: {@code await content.readline()}
     *
     * @throws RuntimeException for a line longer than {@link #LINE_LIMIT} (the bytes stay unread): the
     *         side's own, see {@link #lineTooLong}
     */
    public byte[] readline() throws IOException {
        return readuntil(LF, "readline()");
    }

    /**
     * The bytes up to and including {@code separator}; at the end of the body, what is left without
     * it (aiohttp's, not asyncio's IncompleteReadError). May suspend.
     * asyncio: {@code await content.readuntil(separator)}
     *
     * @throws RuntimeException if no separator comes within {@link #LINE_LIMIT} bytes (they stay unread),
     *         as {@link #readline()}
     * @throws IllegalArgumentException for an empty separator
     */
    public byte[] readuntil(byte[] separator) throws IOException {
        if (separator.length == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".readuntil(): the separator is empty; "
                    + "give one byte or more");
        }
        return readuntil(separator, "readuntil()");
    }

    private byte[] readuntil(byte[] sep, String what) throws IOException {
        byte[] line = buffer.readuntil(sep, LINE_LIMIT);
        if (line == null) {
            throw lineTooLong(what);
        }
        return line;
    }

    /**
     * Exactly {@code n} bytes. May suspend. asyncio: {@code await content.readexactly(n)}
     *
     * @throws IncompleteReadException if the body ends first; {@link IncompleteReadException#partial()}
     *         holds what was left of it (asyncio's IncompleteReadError)
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public byte[] readexactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".readexactly(): n is " + n
                    + "; ask for 0 bytes or more");
        }
        return buffer.readexactly(n);
    }

    /**
     * Whether the whole body has been handed out (or there was none); never suspends.
     * asyncio: {@code content.at_eof()}
     */
    public boolean atEof() {
        return buffer.atEof();
    }

    /**
     * The body in pieces of at most {@code n} bytes, each handed out as soon as it has arrived
     * ({@link #read(int)}); a for-each loop over it suspends between pieces, and an I/O error
     * arrives undeclared. asyncio: {@code async for chunk in content.iter_chunked(n)}
     *
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public Iterable<byte[]> iterChunked(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".iterChunked(): n is " + n
                    + "; give 1 or more");
        }
        return () -> new SuspendingIterator<>(() -> read(n), b -> b.length == 0,
                getClass().getSimpleName() + ".iterChunked(): the body has ended");
    }

    /** The body in pieces as they arrive ({@link #readany()}). asyncio: {@code async for data in content.iter_any()} */
    public Iterable<byte[]> iterAny() {
        return () -> new SuspendingIterator<>(this::readany, b -> b.length == 0,
                getClass().getSimpleName() + ".iterAny(): the body has ended");
    }

    /** The body's lines ({@link #readline()}), for a for-each loop. asyncio: {@code async for line in content} */
    @Override
    public Iterator<byte[]> iterator() {
        return new SuspendingIterator<>(this::readline, b -> b.length == 0,
                getClass().getSimpleName() + ": the body has ended");
    }

    /**
     * The body as an {@link InputStream} whose reads suspend the calling task, for code written
     * against java.io ({@code transferTo} a file); what {@link io.asyncio4j.http.client.ClientResponse#content()}
     * gives of a response (whose view, closed, releases it). asyncio: none ({@code content} itself)
     */
    public InputStream asInputStream() {
        return new ChunkInputStream(this::read, this::closedAsInputStream, this);
    }

    /** What closing {@link #asInputStream()} does: nothing here; a response is released. */
    protected void closedAsInputStream() {
    }

    /** Bytes handed out so far. asyncio: {@code content.total_bytes} counts those received */
    public long bytesRead() {
        return buffer.bytesRead();
    }

    /** {@code <RequestContent read=12 buffered=3>}, {@code eof} once at the end. asyncio: {@code repr(content)} */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + buffer.describe() + ">";
    }
}
