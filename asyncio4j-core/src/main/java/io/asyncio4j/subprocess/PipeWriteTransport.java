package io.asyncio4j.subprocess;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.Transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The write end of a child's stdin pipe as a write transport.
 * <p>
 * The JDK's pipe is a blocking {@link OutputStream}, so {@link #write} only queues a copy of
 * the bytes and a writer thread (see {@link PipeThreads}) writes them to the pipe, blocking
 * while the child does not read. The write buffer size counts the bytes queued and not yet in
 * the pipe; above the high-water mark the protocol's {@code pauseWriting()} is called, at the
 * low-water mark {@code resumeWriting()}, so {@code StreamWriter.drain()} keeps memory bounded
 * exactly as over a socket.
 * <p>
 * It implements {@link Transport} because {@code StreamWriter} takes one; the read side does
 * nothing ({@link #isReading()} is false, pausing or resuming it is unsupported).
 * <p>
 * States: OPEN → CLOSING ({@link #close()}/{@link #writeEof()}: the queue is still written, then
 * the pipe closed; or {@link #abort()}, a write error, or the child's exit: the queue is
 * dropped) → CLOSED ({@code connectionLost} called; final). Writes after OPEN are dropped (a
 * warning is logged after the fifth), as in asyncio; {@code drain()} then raises
 * {@code ConnectionResetException}.
 * <p>
 * Threading: every method runs on the loop thread. The writer thread takes chunks from a
 * concurrent queue, reads the volatile {@code eofRequested}/{@code abortRequested} flags
 * (written by the loop, which unparks it after each change), owns the stream (it alone writes
 * and closes it), and reports progress only through {@code callSoonThreadsafe}.
 * <p>
 * asyncio: {@code unix_events._UnixWritePipeTransport}
 */
final class PipeWriteTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("asyncio");
    private static final int DEFAULT_HIGH = 64 * 1024;
    /** The writer reports progress at least this often while a long queue drains. */
    private static final int REPORT_EVERY = 64 * 1024;
    /** asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    /** See the class comment. */
    enum State { OPEN, CLOSING, CLOSED }

    private final EventLoop loop;
    private final OutputStream out;
    private final String name;
    private BaseProtocol protocol;
    // ---- loop thread only ----
    private State state = State.OPEN;
    private boolean started;
    private boolean dropped;
    private boolean lostScheduled;
    private long bufferSize;
    private int high = DEFAULT_HIGH;
    private int low = DEFAULT_HIGH / 4;
    private boolean protocolPaused;
    private int connLost;
    // ---- shared with the writer thread ----
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean eofRequested;
    private volatile boolean abortRequested;
    /** The writer, set on the loop before it starts; unparked after every change. */
    private volatile Thread writer;

    PipeWriteTransport(EventLoop loop, OutputStream out, BaseProtocol protocol, String name) {
        this.loop = loop;
        this.out = out;
        this.protocol = protocol;
        this.name = name;
    }

    /** Starts the writer thread. Loop thread; once. */
    void start() {
        if (started || state == State.CLOSED) {
            return;
        }
        started = true;
        loop.runInExecutor(PipeThreads.pump("asyncio4j-pipe-" + name, t -> writer = t), () -> {
            writeLoop();
            return null;
        });
    }

    // ---- the writer thread ----

    private void writeLoop() {
        long written = 0;
        try {
            while (true) {
                byte[] chunk = queue.poll();
                if (chunk == null) {
                    if (written > 0) {
                        out.flush();
                        report(written);
                        written = 0;
                        continue; // look at the queue again before sleeping
                    }
                    if (abortRequested || (eofRequested && queue.isEmpty())) {
                        return; // finally closes the pipe: the child reads EOF
                    }
                    if (!eofRequested) {
                        // wakes on write, close or abort; the timeout notices a loop that was
                        // closed with this pipe still open (the child then reads EOF)
                        LockSupport.parkNanos(this, 1_000_000_000L);
                        if (loop.isClosed() && queue.isEmpty()) {
                            return;
                        }
                    }
                    continue;
                }
                if (abortRequested) {
                    return;
                }
                out.write(chunk);
                written += chunk.length;
                if (written >= REPORT_EVERY) {
                    out.flush();
                    report(written);
                    written = 0;
                }
            }
        } catch (IOException e) {
            if (!abortRequested) {
                PipeThreads.postQuietly(loop, () -> onWriteError(e));
            }
        } catch (IllegalStateException loopClosed) {
            // callSoonThreadsafe on a closed loop: nobody is left to tell
        } catch (Throwable e) {
            PipeThreads.postQuietly(loop, () -> onWriteError(e));
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                // the child is gone or closed its end: nothing left to flush to
            }
        }
    }

    private void report(long n) {
        loop.callSoonThreadsafe(() -> onWritten(n));
    }

    private void wakeWriter() {
        LockSupport.unpark(writer); // no-op while the thread is not there yet
    }

    // ---- loop side: what the writer reports ----

    private void onWritten(long n) {
        if (dropped) {
            return;
        }
        bufferSize -= n;
        maybeResumeProtocol();
        if (state == State.CLOSING && bufferSize == 0) {
            scheduleConnectionLost(null);
        }
    }

    private void onWriteError(Throwable e) {
        if (state == State.CLOSED || dropped) {
            return;
        }
        if (!(e instanceof IOException)) {
            loop.callExceptionHandler(ExceptionContext.of("Fatal write error on pipe transport", e)
                    .with("transport", this).with("protocol", protocol));
        }
        if (e instanceof IOException && !(e instanceof BrokenPipeException)) {
            // EPIPE is worded as 3.13's os.write raises it, as the loop's own pipe does; "Stream
            // closed" (the JDK closed the pipe of an exited child) says what was left instead:
            // either way the child no longer reads its stdin
            e = new BrokenPipeException("Broken pipe".equals(e.getMessage()) ? "[Errno 32] Broken pipe"
                    : "Broken pipe: the child process closed its stdin with " + bufferSize + " bytes unwritten ("
                    + e.getMessage() + ")", e);
        }
        closeWith(e);
    }

    /**
     * The child exited, so nobody reads the pipe any more (the JDK closes its end too): close
     * as asyncio does when it sees the read end closed, with a broken pipe if bytes were left.
     */
    void peerClosed() {
        if (state == State.CLOSED || dropped) {
            return;
        }
        if (bufferSize > 0) {
            closeWith(new BrokenPipeException("Broken pipe: the child process exited with " + bufferSize
                    + " bytes of its stdin unwritten"));
        } else {
            closeWith(null);
        }
    }

    /** Drops the queue and closes with {@code exc} (asyncio's {@code _close}). */
    private void closeWith(Throwable exc) {
        state = State.CLOSING;
        dropped = true;
        bufferSize = 0;
        queue.clear();
        abortRequested = true;
        wakeWriter();
        scheduleConnectionLost(exc);
    }

    private void scheduleConnectionLost(Throwable exc) {
        if (lostScheduled) {
            return;
        }
        lostScheduled = true;
        loop.callSoon(() -> callConnectionLost(exc));
    }

    private void callConnectionLost(Throwable exc) {
        state = State.CLOSED;
        abortRequested = abortRequested || !eofRequested;
        eofRequested = true;
        wakeWriter();
        if (!started) {
            try {
                out.close();
            } catch (IOException e) {
                // nothing was written; the child is gone or closed its end
            }
        }
        protocol.connectionLost(exc);
    }

    // ---- flow control ----

    private void maybePauseProtocol() {
        if (bufferSize <= high || protocolPaused) {
            return;
        }
        protocolPaused = true;
        try {
            protocol.pauseWriting();
        } catch (RuntimeException e) {
            loop.callExceptionHandler(ExceptionContext.of("protocol.pauseWriting() failed", e)
                    .with("transport", this).with("protocol", protocol));
        }
    }

    private void maybeResumeProtocol() {
        if (!protocolPaused || bufferSize > low) {
            return;
        }
        protocolPaused = false;
        try {
            protocol.resumeWriting();
        } catch (RuntimeException e) {
            loop.callExceptionHandler(ExceptionContext.of("protocol.resumeWriting() failed", e)
                    .with("transport", this).with("protocol", protocol));
        }
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (high < 0 && high != -1 || low < 0 && low != -1) {
            throw new IllegalArgumentException("setWriteBufferLimits(): the marks must be >= 0 (or -1 for the "
                    + "default), got high=" + high + " low=" + low);
        }
        int h = high == -1 ? (low == -1 ? DEFAULT_HIGH : 4 * low) : high;
        int l = low == -1 ? h / 4 : low;
        if (l > h) {
            throw new IllegalArgumentException("setWriteBufferLimits(): high (" + h + ") must be >= low (" + l + ")");
        }
        this.high = h;
        this.low = l;
        maybePauseProtocol();
    }

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, bufferSize);
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(low, high);
    }

    // ---- writing ----

    @Override
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    @Override
    public void write(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (state != State.OPEN) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(System.Logger.Level.WARNING, "pipe closed by peer or os.write(pipe, data) raised exception.");
            }
            connLost++;
            return;
        }
        byte[] copy = new byte[n];
        data.get(copy);
        queue.add(copy);
        bufferSize += n;
        wakeWriter();
        maybePauseProtocol();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    /** Closes the pipe once the queue is written: the child reads EOF. asyncio: {@code write_eof()} */
    @Override
    public void writeEof() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        eofRequested = true;
        wakeWriter();
        if (bufferSize == 0) {
            scheduleConnectionLost(null);
        }
    }

    /** Same as {@link #writeEof()}. asyncio: {@code close()} */
    @Override
    public void close() {
        writeEof();
    }

    /** Drops the queue and closes now. asyncio: {@code abort()} */
    @Override
    public void abort() {
        if (state == State.CLOSED) {
            return;
        }
        closeWith(null);
    }

    @Override
    public boolean isClosing() {
        return state != State.OPEN;
    }

    // ---- the read side of Transport: a write pipe has none ----

    /** Always false: a write pipe does not read. */
    @Override
    public boolean isReading() {
        return false;
    }

    /** Unsupported: a write pipe does not read. */
    @Override
    public void pauseReading() {
        throw new UnsupportedOperationException("PipeWriteTransport.pauseReading(): a write pipe does not read");
    }

    /** Unsupported: a write pipe does not read. */
    @Override
    public void resumeReading() {
        throw new UnsupportedOperationException("PipeWriteTransport.resumeReading(): a write pipe does not read");
    }

    @Override
    public Object getExtraInfo(String key) {
        return "pipe".equals(key) ? out : null;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    /** The state; see the class comment. */
    State state() {
        return state;
    }

    @Override
    public String toString() {
        return "<PipeWriteTransport " + name + " " + state.name().toLowerCase() + " bufsize=" + bufferSize + ">";
    }
}
