package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.util.SuspendingIterator;
import io.asyncio4j.internal.Sneaky;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;

/**
 * Reads a byte stream in straight-line code: {@code read(n)}, {@code readline()},
 * {@code readexactly(n)}, {@code readuntil(sep)}; each suspends the task until enough data (or
 * the end) has arrived. A protocol feeds it ({@link #feedData}, {@link #feedEof},
 * {@link #setException}).
 * <p>
 * Back-pressure: when more than twice {@code limit} bytes are buffered, the transport is paused;
 * reading it down to {@code limit} resumes it. {@code limit} also bounds the line or chunk that
 * {@code readline}/{@code readuntil} will search.
 * <p>
 * For-each over a reader yields its lines (including the newline) until the end of the stream.
 * <p>
 * Reads declare {@link IOException}: the end of the stream before the requested data is an
 * {@link IncompleteReadException} (an {@link java.io.EOFException}); a connection error set by
 * the protocol is rethrown as it is.
 * <p>
 * Threading: loop thread only; one reading task at a time (a second one waiting at the same
 * time is an error, as in asyncio).
 * <p>
 * asyncio: {@code asyncio.StreamReader}
 */
public class StreamReader implements Iterable<byte[]> {
    /** The default limit, 64 KiB, as asyncio's. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private final EventLoop loop;
    private final int limit;
    private byte[] buf = new byte[256];
    private int start; // first unread byte
    private int end;   // one past the last byte
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private ReadTransport transport;
    private boolean paused;
    // told of each arrival and resumption (an HTTP client's read-inactivity timer); null nearly
    // always, so the feed paths pay a null check for it
    private Runnable receiveListener;

    // Receiving for a waiting read, past buf. A task waiting on an empty buffer offers its array
    // (readInto) or asks for a new one of at most wantNew bytes (read(n)); a transport receiving
    // in place puts the bytes there and hands them over: handed[handedOff, +handedLen), owned by
    // that task from then on (later bytes go to buf, behind these). Both cleared by the task when
    // it resumes; while handed is set (woken, not yet run), a read arriving in between neither
    // offers nor asks, or it would take those bytes.
    private byte[] offered;
    private int offeredOff;
    private int offeredLen;
    private int wantNew;
    private byte[] handed;
    private int handedOff;
    private int handedLen;

    /** A reader on the running loop with the default limit. */
    public StreamReader() {
        this(EventLoop.getRunningLoop(), DEFAULT_LIMIT);
    }

    /** A reader on the running loop. */
    public StreamReader(int limit) {
        this(EventLoop.getRunningLoop(), limit);
    }

    /**
     * A reader on {@code loop}.
     *
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public StreamReader(EventLoop loop, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("StreamReader: the limit must be > 0, got " + limit);
        }
        this.loop = loop;
        this.limit = limit;
    }

    /** The limit given at construction. */
    public int limit() {
        return limit;
    }

    /** The exception set by the protocol, or null. asyncio: {@code exception()} */
    public Throwable exception() {
        return exception;
    }

    /** Fails every current and future read with {@code exc}. asyncio: {@code set_exception()} */
    public void setException(Throwable exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isCancelled()) {
                w.setException(exc);
            }
        }
    }

    /** Tells the reader which transport to pause and resume. asyncio: {@code set_transport()} */
    public void setTransport(ReadTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("StreamReader.setTransport(): the transport is already set");
        }
        this.transport = transport;
    }

    /**
     * Runs {@code listener} (on the loop thread, inline) each time the peer's bytes arrive, and
     * each time the reader resumes a transport it had paused for back-pressure — every moment
     * from which the peer is again the one expected to send. An inactivity timer (an HTTP
     * client's {@code sock_read}) restarts there. {@code null} removes it. Only one listener.
     * asyncio: none (aiohttp's {@code ResponseHandler.data_received} and {@code resume_reading}
     * reschedule its read timeout)
     */
    public void setReceiveListener(Runnable listener) {
        receiveListener = listener;
    }

    /** The end of the stream has been fed. asyncio: {@code feed_eof()} */
    public void feedEof() {
        eof = true;
        wakeUpWaiter();
    }

    /** True when the end was fed and the buffer is empty. asyncio: {@code at_eof()} */
    public boolean atEof() {
        return eof && start == end;
    }

    /** Bytes buffered and not yet read. */
    public int buffered() {
        return end - start;
    }

    /** Appends bytes (copied). asyncio: {@code feed_data(data)} */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data));
    }

    /**
     * Appends the remaining bytes of {@code data} (copied; the buffer's position moves to its
     * limit). asyncio: {@code feed_data(data)}
     *
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("StreamReader.feedData(): called after feedEof()");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ensureRoom(n);
        data.get(buf, end, n);
        end += n;
        afterFeed();
    }

    // ---- receiving in place (StreamReaderProtocol on a native socket transport) -----------------

    /** True while bytes may be received into the buffer: the end has not been fed. */
    boolean canReceive() {
        return !eof;
    }

    /**
     * The array to receive into: a waiting {@code readInto}'s own array while the buffer is empty,
     * else the buffer, with at least {@code room} bytes free at {@link #receiveOffset()}.
     */
    byte[] receiveArray(int room) {
        if (start == end) {
            start = 0;
            end = 0;
            if (offered != null) {
                return offered;
            }
        }
        ensureRoom(room);
        return buf;
    }

    /** Where received bytes go in the array {@link #receiveArray} returned. */
    int receiveOffset() {
        return offered != null && start == end ? offeredOff : end;
    }

    /** One past the last byte that may be received into the array {@link #receiveArray} returned. */
    int receiveLimit() {
        return offered != null && start == end ? offeredOff + offeredLen : buf.length;
    }

    /** {@code n} bytes were written at {@link #receiveOffset()}: as {@link #feedData} after its copy. */
    void received(int n) {
        if (offered != null && start == end) {
            handOver(offered, offeredOff, n);
            return;
        }
        end += n;
        afterFeed();
    }

    /** What a waiting read(n) wants received into a new array of its own: n, or 0. */
    int exactWanted() {
        return start == end ? wantNew : 0;
    }

    /** The new array received whole for the waiting read(n). */
    void receivedExact(byte[] a) {
        handOver(a, 0, a.length);
    }

    private void handOver(byte[] a, int off, int n) {
        handed = a;
        handedOff = off;
        handedLen = n;
        offered = null;
        wantNew = 0;
        wakeUpWaiter();
        if (receiveListener != null) {
            receiveListener.run();
        }
    }

    /** Puts {@code a[off, off + n)} back in front of the buffer (handed over to a read that failed). */
    private void unread(byte[] a, int off, int n) {
        int size = end - start;
        if (start >= n) {
            start -= n;
        } else {
            byte[] b = buf.length >= size + n ? buf : new byte[Math.max(buf.length * 2, size + n)];
            System.arraycopy(buf, start, b, n, size);
            buf = b;
            start = 0;
            end = size + n;
        }
        System.arraycopy(a, off, buf, start, n);
    }

    private void afterFeed() {
        wakeUpWaiter();
        if (receiveListener != null) {
            receiveListener.run();
        }
        if (transport != null && !paused && end - start > 2L * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException e) {
                transport = null;
            }
        }
    }

    private void ensureRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int size = end - start;
        if (start > 0 && buf.length - size >= n && start >= buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, size);
        } else {
            int cap = buf.length;
            while (cap - size < n) {
                cap = cap * 2;
            }
            byte[] bigger = new byte[cap];
            System.arraycopy(buf, start, bigger, 0, size);
            buf = bigger;
        }
        start = 0;
        end = size;
    }

    private void wakeUpWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isCancelled()) {
                w.setResult(null);
            }
        }
    }

    private void maybeResumeTransport() {
        if (paused && end - start <= limit) {
            resumeTransport();
        }
    }

    private void resumeTransport() {
        paused = false;
        transport.resumeReading();
        if (receiveListener != null) {
            receiveListener.run();
        }
    }

    private void waitForData(String what) {
        if (waiter != null) {
            throw new IllegalStateException("StreamReader." + what + "(): another task is already waiting for data "
                    + "on this reader; read from one task at a time");
        }
        if (eof) {
            throw new IllegalStateException("StreamReader." + what + "(): waiting for data after EOF");
        }
        if (paused) {
            resumeTransport();
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            w.await();
        } finally {
            // only our own: once woken (waiter cleared), another task may already wait here, and
            // clearing its waiter would leave it asleep forever (asyncio's _wait_for_data does)
            if (waiter == w) {
                waiter = null;
            }
        }
    }

    /**
     * {@link #waitForData}, having offered or asked (when {@code receiving}; see the fields):
     * true if bytes were handed over for this wait, which the caller then takes from
     * {@code handed} and clears. If the wait fails (cancelled after the bytes arrived, say), they
     * go back in front of the buffer: not lost, still first.
     */
    private boolean waitForHandOver(String what, boolean receiving) {
        try {
            waitForData(what);
        } catch (Throwable e) {
            if (receiving && handed != null) {
                unread(handed, handedOff, handedLen);
                handed = null;
            }
            throw e;
        } finally {
            if (receiving) {
                offered = null;
                wantNew = 0;
            }
        }
        return receiving && handed != null;
    }

    private void raiseIfFailed() {
        if (exception != null) {
            throw Sneaky.rethrow(exception);
        }
    }

    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        consume(n);
        return out;
    }

    /** Drops the first {@code n} unread bytes; an emptied buffer starts again at 0. */
    private void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /**
     * Up to {@code n} bytes, as soon as at least one is available; an empty array at the end of
     * the stream; {@code n < 0}: everything until the end. May suspend. asyncio: {@code read(n)}
     */
    public byte[] read(int n) throws IOException {
        raiseIfFailed();
        if (n == 0) {
            return new byte[0];
        }
        if (n < 0) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            while (true) {
                byte[] block = read(limit);
                if (block.length == 0) {
                    break;
                }
                all.writeBytes(block);
            }
            return all.toByteArray();
        }
        if (start == end && !eof) {
            boolean receiving = handed == null;
            if (receiving) {
                wantNew = n;
            }
            if (waitForHandOver("read", receiving)) {
                byte[] got = handed;
                handed = null;
                return got;
            }
        }
        byte[] data = take(Math.min(n, end - start));
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads up to {@code len} bytes into {@code dst[off, off + len)}, as soon as at least one is
     * available: the number of bytes read, or -1 at the end of the stream ({@code len == 0}: 0 at
     * once). May suspend. The allocation-free form of {@link #read(int)}: a loop reusing one array
     * copies each byte once, from this reader's (cache-warm) buffer, instead of into a new array
     * per call — for 64 KiB reads that copy into fresh memory is most of the cost.
     * <p>
     * While it waits, {@code dst} is the reader's: a socket transport may receive into it
     * directly (no copy at all). So, as with {@code AsynchronousSocketChannel.read}, do not touch
     * the range or hand the same array to another task's {@code readInto} until this returns.
     * <p>
     * asyncio: none on {@code StreamReader} (the counterpart of {@code io.RawIOBase.readinto} and
     * {@code loop.sock_recv_into}; the end is -1 as in Java's {@code InputStream.read(byte[], int, int)})
     *
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not fit {@code dst}
     */
    public int readInto(byte[] dst, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        raiseIfFailed();
        if (len == 0) {
            return 0;
        }
        if (start == end && !eof) {
            boolean receiving = handed == null;
            if (receiving) {
                offered = dst;
                offeredOff = off;
                offeredLen = len;
            }
            if (waitForHandOver("readInto", receiving)) {
                handed = null;
                return handedLen; // already in dst
            }
        }
        int n = Math.min(len, end - start);
        if (n == 0) {
            return -1;
        }
        System.arraycopy(buf, start, dst, off, n);
        consume(n);
        maybeResumeTransport();
        return n;
    }

    /**
     * Reads up to {@code dst.remaining()} bytes into {@code dst} from its position (which moves
     * past them): as {@link #readInto(byte[], int, int)}. May suspend.
     * asyncio: none (see {@link #readInto(byte[], int, int)})
     */
    public int readInto(ByteBuffer dst) throws IOException {
        if (dst.hasArray()) {
            int n = readInto(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        raiseIfFailed();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (start == end && !eof) {
            waitForData("readInto");
        }
        int n = Math.min(dst.remaining(), end - start);
        if (n == 0) {
            return -1;
        }
        dst.put(buf, start, n);
        consume(n);
        maybeResumeTransport();
        return n;
    }

    /** Everything until the end of the stream. May suspend. asyncio: {@code read()} */
    public byte[] read() throws IOException {
        return read(-1);
    }

    /**
     * Exactly {@code n} bytes. May suspend. asyncio: {@code readexactly(n)}
     *
     * @throws IncompleteReadException if the stream ends first (carrying what was read)
     */
    public byte[] readexactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("StreamReader.readexactly(): the size must be >= 0, got " + n);
        }
        raiseIfFailed();
        if (n == 0) {
            return new byte[0];
        }
        while (end - start < n) {
            if (eof) {
                byte[] partial = take(end - start);
                throw new IncompleteReadException(partial, n);
            }
            waitForData("readexactly");
        }
        byte[] data = take(n);
        maybeResumeTransport();
        return data;
    }

    /**
     * One line, ending with {@code \n}; at the end of the stream, the last partial line, then an
     * empty array. May suspend. asyncio: {@code readline()}
     *
     * @throws LimitOverrunException if the line is longer than the limit (the line is dropped)
     */
    public byte[] readline() throws IOException {
        byte[] sep = {'\n'};
        try {
            return readuntil(sep);
        } catch (LimitOverrunException e) {
            int consumed = e.consumed();
            if (end - start > consumed && buf[start + consumed] == '\n') {
                start += consumed + 1;
            } else {
                start = 0;
                end = 0;
            }
            if (start == end) {
                start = 0;
                end = 0;
            }
            maybeResumeTransport();
            throw e;
        } catch (IncompleteReadException e) {
            return e.partial();
        }
    }

    /**
     * Data up to and including {@code separator}. May suspend. asyncio: {@code readuntil(sep)}
     *
     * @throws IncompleteReadException if the stream ends first (the buffer is emptied into it)
     * @throws LimitOverrunException if no separator within the limit (the data stays buffered)
     */
    public byte[] readuntil(byte[] separator) throws IOException {
        return readuntil(new byte[][] {separator});
    }

    /**
     * Data up to and including the first of {@code separators} to end: the shortest result
     * that ends with any of them. May suspend. asyncio: {@code readuntil((sep1, sep2, ...))}
     */
    public byte[] readuntil(byte[]... separators) throws IOException {
        if (separators.length == 0) {
            throw new IllegalArgumentException("StreamReader.readuntil(): give at least one separator");
        }
        byte[][] seps = separators.clone();
        Arrays.sort(seps, Comparator.comparingInt(s -> s.length));
        int minLen = seps[0].length;
        int maxLen = seps[seps.length - 1].length;
        if (minLen == 0) {
            throw new IllegalArgumentException("StreamReader.readuntil(): a separator must be at least one byte");
        }
        raiseIfFailed();
        int offset = 0;
        int matchStart;
        int matchEnd;
        while (true) {
            int buflen = end - start;
            matchStart = -1;
            matchEnd = -1;
            if (buflen - offset >= minLen) {
                for (byte[] sep : seps) {
                    int i = indexOf(sep, offset);
                    if (i >= 0) {
                        int e = i + sep.length;
                        if (matchEnd < 0 || e < matchEnd) {
                            matchEnd = e;
                            matchStart = i;
                        }
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                offset = Math.max(0, buflen + 1 - maxLen);
                if (offset > limit) {
                    throw new LimitOverrunException("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                byte[] chunk = take(end - start);
                throw new IncompleteReadException(chunk, -1);
            }
            waitForData("readuntil");
        }
        if (matchStart > limit) {
            throw new LimitOverrunException("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    /**
     * Data up to and including the first empty line, whatever ends the lines: an LF followed by
     * LF or by CR LF ({@code \r\n\r\n}, {@code \n\n}, {@code \n\r\n}). What an HTTP/1.x head
     * reader needs (RFC 9112 2.2 lets a bare LF end a line); one pass over the bytes, as
     * {@code readuntil(b"\r\n\r\n")} makes, and nothing allocated but the result. May suspend.
     * asyncio: none ({@code readuntil((b"\r\n\r\n", b"\n\n", b"\n\r\n"))} finds the same end)
     *
     * @throws IncompleteReadException if the stream ends first (the buffer is emptied into it)
     * @throws LimitOverrunException if no empty line within the limit (the data stays buffered)
     */
    public byte[] readuntilEmptyLine() throws IOException {
        raiseIfFailed();
        int offset = 0; // where to go on scanning: no LF before it starts an empty line
        while (true) {
            int n = end - start;
            int i = offset;
            int matchEnd = -1;
            for (; i < n; i++) {
                if (buf[start + i] != '\n') {
                    continue;
                }
                if (i + 1 >= n) {
                    break; // what follows this LF has not come yet
                }
                byte next = buf[start + i + 1];
                if (next == '\n') {
                    matchEnd = i + 2;
                    break;
                }
                if (next == '\r') {
                    if (i + 2 >= n) {
                        break;
                    }
                    if (buf[start + i + 2] == '\n') {
                        matchEnd = i + 3;
                        break;
                    }
                }
            }
            if (matchEnd >= 0) {
                if (i > limit) {
                    throw new LimitOverrunException("Separator is found, but chunk is longer than limit", i);
                }
                byte[] chunk = take(matchEnd);
                maybeResumeTransport();
                return chunk;
            }
            offset = i;
            if (offset > limit) {
                throw new LimitOverrunException("Separator is not found, and chunk exceed the limit", offset);
            }
            if (eof) {
                byte[] chunk = take(end - start);
                throw new IncompleteReadException(chunk, -1);
            }
            waitForData("readuntilEmptyLine");
        }
    }

    /** Index of {@code sep} in the unread bytes at or after {@code from} (relative), or -1. */
    private int indexOf(byte[] sep, int from) {
        int n = end - start;
        byte first = sep[0];
        outer:
        for (int i = from; i <= n - sep.length; i++) {
            if (buf[start + i] != first) {
                continue;
            }
            for (int k = 1; k < sep.length; k++) {
                if (buf[start + i + k] != sep[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The lines of the stream, each read with {@link #readline()} (suspending). asyncio: {@code async for line in reader} */
    @Override
    public Iterator<byte[]> iterator() {
        return new SuspendingIterator<>(this::readline, l -> l.length == 0, "StreamReader: the stream has ended");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<StreamReader");
        if (end > start) {
            sb.append(' ').append(end - start).append(" bytes");
        }
        if (eof) {
            sb.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(" limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            sb.append(" exception=").append(exception);
        }
        if (transport != null) {
            sb.append(" transport=").append(transport);
        }
        if (paused) {
            sb.append(" paused");
        }
        return sb.append('>').toString();
    }
}
