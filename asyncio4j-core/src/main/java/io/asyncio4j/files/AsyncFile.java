package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.BlockingIo;
import io.asyncio4j.internal.Sneaky;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An open file used from tasks: reads and writes go through buffers on the loop, and the
 * buffers are filled and emptied by blocking calls on a small platform-thread pool (see
 * {@link AsyncFiles} for why), so the loop never waits for the disk. Subclasses add the
 * reading and writing methods: {@link AsyncBinaryFile} (bytes) and {@link AsyncTextFile} (text).
 * <p>
 * Buffering: reads fetch {@value #CHUNK} bytes at a time, so most {@code readline()} calls
 * return without leaving the loop; writes collect up to {@value #CHUNK} bytes, then go to the
 * disk in the background while the task goes on (a failed background write is raised by the
 * next operation, {@link #flush()} or {@link #close()}). Use try-with-resources so that
 * {@code close()} flushes.
 * <p>
 * States: OPEN → CLOSING ({@link #close()} flushing; new operations are refused) → CLOSED
 * (final). Operations on a closed file raise {@link IllegalStateException}; reading a file
 * opened only for writing (or the reverse) raises {@link UnsupportedOperationException}.
 * <p>
 * Threading: a file belongs to the loop of the task that opened it; use it from that loop's
 * tasks only. Several tasks may use one file: each operation runs to its end before the next
 * starts (a FIFO lock), as with a Python file object shared between threads.
 * <p>
 * asyncio: {@code aiofiles.threadpool} file objects ({@code AsyncBufferedReader},
 * {@code AsyncTextIOWrapper}); Python's {@code io.BufferedRandom} semantics
 */
public abstract sealed class AsyncFile implements AutoCloseable permits AsyncBinaryFile, AsyncTextFile {
    /** The read and write buffer size, in bytes. */
    public static final int CHUNK = 256 * 1024;

    /** See the class comment. */
    public enum State { OPEN, CLOSING, CLOSED }

    /** What a refill read: {@code n} bytes at {@code array[reserve..]}, or {@code n < 0} at the end. */
    private record Chunk(byte[] array, int reserve, int n) {
    }

    final EventLoop loop;
    private final Path path;
    private final FileMode mode;
    private final FileChannel channel;
    private final OpLock lock;
    // ---- loop thread only; guarded by the op lock while an operation runs ----
    private State state = State.OPEN;
    /** The logical position: where the next read or write happens. */
    long position;
    /** Read buffer: rbuf[rstart..rend) are the file's bytes at [position, position + rend - rstart). */
    byte[] rbuf = new byte[0];
    int rstart;
    int rend;
    /**
     * A refill found the end of the file during the current operation. Not sticky: the next
     * operation looks again, so a file that grows can be read further (as in Python).
     */
    boolean eofSeen;
    /**
     * Holds the write buffer ({@code out.buf[0..out.len)} are the file's bytes at
     * {@code [out.end - out.len, out.end)}, and {@code out.end == position} while it holds any)
     * and finishes the file if nobody closes it.
     */
    private final FileFinalizer out;
    /** The background write in flight, or null; at most one at a time, in order. */
    private Future<Void> writing;
    /** Mode 'a'/'a+': the position may not be the end any more (after a seek or a read). */
    private boolean appendPositionStale;

    /** Finishes a file nobody closed once it is garbage (Python's file finalizer): {@link FileFinalizer}. */
    private static final Cleaner CLEANER = io.asyncio4j.internal.Finalizers.CLEANER;

    private final Cleaner.Cleanable cleanable;

    AsyncFile(EventLoop loop, Path path, FileMode mode, FileChannel channel, long initialPosition) {
        this.loop = loop;
        this.path = path;
        this.mode = mode;
        this.channel = channel;
        this.lock = new OpLock(loop);
        this.position = initialPosition;
        // the action holds the channel and the write buffer, never this file: a file dropped
        // unclosed still gets its buffered bytes written, as Python's finalizer writes them
        this.out = new FileFinalizer(channel, describe(path), mode.kind() == 'a' && !mode.plus(),
                mode.kind() == 'a' && mode.plus());
        this.cleanable = CLEANER.register(this, out);
    }

    // ---- public API common to both kinds -------------------------------------------------------

    /**
     * The path the file was opened with, or null for a file without a name
     * ({@link AsyncFiles#temporaryFile}, unlinked as soon as it was made; Python's {@code name}
     * is then the descriptor number, which Java does not expose). asyncio: {@code name}
     */
    public Path path() {
        return path;
    }

    /** The path, or "an unnamed temporary file", for messages. */
    static String describe(Path path) {
        return path != null ? path.toString() : "an unnamed temporary file";
    }

    /** {@link AsyncFiles#namedTemporaryFile} with delete: {@link #close()} deletes {@link #path()}. */
    final void deleteOnClose() {
        out.deleteWhenDone(path);
    }

    /** The mode the file was opened with ({@code "r"}, {@code "wb"}...). asyncio: {@code mode} */
    public String mode() {
        return mode.text();
    }

    /** True once {@link #close()} has begun. asyncio: {@code closed} */
    public boolean isClosed() {
        return state != State.OPEN;
    }

    /** OPEN, CLOSING or CLOSED; see the class comment. */
    public State state() {
        return state;
    }

    /** True if the file was opened for reading. asyncio: {@code readable()} */
    public boolean readable() {
        return mode.readable();
    }

    /** True if the file was opened for writing. asyncio: {@code writable()} */
    public boolean writable() {
        return mode.writable();
    }

    /**
     * The current position in bytes from the start of the file (buffered writes included).
     * Does not suspend. asyncio: {@code tell()}
     */
    public long tell() {
        checkUsable("tell", false, false);
        return position;
    }

    /** {@link #seek(long, int)} from the start of the file. May suspend. asyncio: {@code seek(offset)} */
    public long seek(long offset) throws IOException {
        return seek(offset, 0);
    }

    /**
     * Moves the position: {@code whence} 0 from the start, 1 from the current position, 2 from
     * the end; returns the new position. Pending writes are flushed first. In text mode the
     * position is a byte offset and must fall on a character boundary. May suspend.
     * asyncio: {@code seek(offset, whence)}
     *
     * @throws IllegalArgumentException for another {@code whence} or a negative result
     */
    public long seek(long offset, int whence) throws IOException {
        begin("seek", false, false);
        try {
            flushLocked();
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> position;
                case 2 -> offload(channel::size);
                default -> throw new IllegalArgumentException("seek(): whence must be 0 (start), 1 (current) or 2 "
                        + "(end), got " + whence);
            };
            long target = base + offset;
            if (target < 0) {
                throw new IllegalArgumentException("seek(): negative position " + target + " (offset " + offset
                        + ", whence " + whence + ")");
            }
            dropReadBuffer();
            position = target;
            return position;
        } finally {
            end();
        }
    }

    /**
     * Writes the buffered bytes to the file (to the operating system; not an fsync) and waits
     * for it. May suspend. asyncio: {@code flush()}
     */
    public void flush() throws IOException {
        begin("flush", false, false);
        try {
            flushLocked();
        } finally {
            end();
        }
    }

    /** {@link #truncate(long)} at the current position. May suspend. asyncio: {@code truncate()} */
    public long truncate() throws IOException {
        return truncate(-1);
    }

    /**
     * Cuts (or extends with zeros) the file to {@code size} bytes ({@code -1}: the current
     * position) and returns the new size; the position does not move. May suspend.
     * asyncio: {@code truncate(size)}
     */
    public long truncate(long size) throws IOException {
        begin("truncate", false, true);
        try {
            flushLocked();
            long newSize = size < 0 ? position : size;
            dropReadBuffer();
            offload(() -> {
                long cur = channel.size();
                if (newSize < cur) {
                    channel.truncate(newSize);
                } else if (newSize > cur) {
                    channel.write(ByteBuffer.wrap(new byte[1]), newSize - 1);
                }
                return null;
            });
            return newSize;
        } finally {
            end();
        }
    }

    /**
     * Flushes what is buffered and closes the file; does nothing if it is already closed. If the
     * flush fails the file is closed anyway and the error raised. Waits for operations other
     * tasks have begun. A named temporary file made with {@code delete} is then deleted (off the
     * loop thread, even if the flush failed; a file already gone is fine), as Python's
     * {@code _TemporaryFileCloser.close}. May suspend. asyncio: {@code close()}
     */
    @Override
    public void close() throws IOException {
        checkLoop("close");
        if (state != State.OPEN) {
            return;
        }
        Path doomed = out.takeDeletion();
        if (doomed == null) {
            closeFile();
            return;
        }
        Throwable failed = null;
        try {
            closeFile();
        } catch (Throwable e) {
            failed = e;
            throw e;
        } finally {
            try {
                AsyncFiles.offloadWhole(loop, () -> java.nio.file.Files.deleteIfExists(doomed));
            } catch (Throwable e) {
                if (failed == null) {
                    throw e;
                }
                failed.addSuppressed(e);
            }
        }
    }

    private void closeFile() throws IOException {
        state = State.CLOSING;
        lock.acquire();
        CancelledError cancelled = null;
        try {
            cancelled = flushWhole();
        } finally {
            out.discardBuffer(); // written, or failed and raised: the finalizer must not retry it
            Future<Void> w = writing;
            if (w != null && !w.isDone()) {
                // cancelled while the last write runs: close once it has finished
                w.addDoneCallback(f -> closeChannel());
            } else {
                closeChannel();
            }
            state = State.CLOSED;
            lock.release();
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * Writes out everything buffered and waits for it, even if the task is cancelled meanwhile
     * (the cancellation is returned, to raise once the file is closed): aiofiles' close runs
     * whole in its thread, so a cancelled close still leaves every written byte in the file.
     * Under the lock. May suspend.
     */
    private CancelledError flushWhole() throws IOException {
        CancelledError pending = out.len > 0 ? finishing(this::startWrite, null) : null;
        return finishing(this::awaitWrite, pending);
    }

    /** A step that may suspend, for {@link #finishing}. */
    private interface Step {
        void run() throws IOException;
    }

    /**
     * Runs {@code step} to its end even if the task is cancelled while it waits (a cancellation is
     * delivered once, so waiting again works), and returns the first cancellation seen
     * ({@code pending} if there was one before), for the caller to raise afterwards. May suspend.
     */
    private static CancelledError finishing(Step step, CancelledError pending) throws IOException {
        while (true) {
            try {
                step.run();
                return pending;
            } catch (CancelledError e) {
                if (pending == null) {
                    pending = e;
                }
            }
        }
    }

    private void closeChannel() {
        cleanable.clean(); // closes the channel, once
    }

    // ---- for subclasses: operations under the lock ----------------------------------------------

    /** Checks the caller, the state and the mode, then takes the op lock. May suspend. */
    final void begin(String what, boolean read, boolean write) {
        checkUsable(what, read, write);
        lock.acquire();
        if (state != State.OPEN) {
            lock.release();
            throw closedError(what);
        }
        eofSeen = false;
    }

    /** Releases the op lock. */
    final void end() {
        lock.release();
    }

    /** The checks of {@link #begin} without the lock (for operations that never suspend). */
    final void checkUsable(String what, boolean read, boolean write) {
        checkLoop(what);
        if (state != State.OPEN) {
            throw closedError(what);
        }
        if (read && !mode.readable()) {
            throw new UnsupportedOperationException(kind() + "." + what + "(): not readable: " + describe(path)
                    + " was opened with mode '" + mode + "'; open it with 'r' or a '+' mode to read");
        }
        if (write && !mode.writable()) {
            throw new UnsupportedOperationException(kind() + "." + what + "(): not writable: " + describe(path)
                    + " was opened with mode '" + mode + "'; open it with 'w', 'a', 'x' or a '+' mode to write");
        }
    }

    private void checkLoop(String what) {
        EventLoop running;
        try {
            running = EventLoop.getRunningLoop();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(kind() + "." + what + "(): call it from a task of the loop that opened "
                    + "the file", e);
        }
        if (running != loop) {
            throw new IllegalStateException(kind() + "." + what + "(): the file belongs to another event loop; use "
                    + "it from the loop that opened it");
        }
    }

    private IllegalStateException closedError(String what) {
        return new IllegalStateException(kind() + "." + what + "(): I/O operation on closed file " + describe(path)
                + "; open it again");
    }

    /** "AsyncTextFile" or "AsyncBinaryFile", for messages. */
    abstract String kind();

    /**
     * Reads more of the file into the read buffer (after the bytes already there); returns
     * false at the end of the file. Flushes pending writes first. Under the lock. May suspend.
     */
    final boolean fillMore() throws IOException {
        if (out.len > 0 || writing != null) {
            flushLocked();
        }
        if (eofSeen) {
            return false;
        }
        int leftover = rend - rstart;
        long offset = position + leftover;
        Chunk c = offload(() -> {
            byte[] a = new byte[leftover + CHUNK];
            ByteBuffer bb = ByteBuffer.wrap(a, leftover, CHUNK);
            int n = channel.read(bb, offset);
            return new Chunk(a, leftover, n);
        });
        if (c.n() < 0) {
            eofSeen = true;
            return false;
        }
        // the chunk has room in front for the bytes not read yet: no copy of the new data
        System.arraycopy(rbuf, rstart, c.array(), 0, leftover);
        rbuf = c.array();
        rstart = 0;
        rend = leftover + c.n();
        return true;
    }

    /** Consumes {@code n} buffered bytes. */
    final void consume(int n) {
        appendPositionStale = true;
        rstart += n;
        position += n;
        if (rstart == rend) {
            rstart = 0;
            rend = 0;
        }
    }

    /** Forgets the read-ahead (before a write or a seek); the position stays. */
    final void dropReadBuffer() {
        rstart = 0;
        rend = 0;
        eofSeen = false;
        appendPositionStale = true;
        readAheadDropped();
    }

    /** Called by {@link #dropReadBuffer()}: a subclass forgets what it decoded ahead too. Under the lock. */
    void readAheadDropped() {
    }

    /** Appends to the write buffer; writes it out in the background when full. Under the lock. May suspend. */
    final void writeBytes(byte[] b, int off, int len) throws IOException {
        if (rend > rstart || eofSeen) {
            dropReadBuffer();
        }
        if (mode.kind() == 'a' && appendPositionStale) {
            // appends land at the end: that is where the position goes (as in Python)
            flushLocked();
            position = offload(channel::size);
            appendPositionStale = false;
        }
        CancelledError cancelled = null;
        while (len > 0) {
            if (out.buf == null) {
                out.buf = new byte[CHUNK];
            }
            int n = Math.min(len, CHUNK - out.len);
            System.arraycopy(b, off, out.buf, out.len, n);
            out.len += n;
            position += n;
            out.end = position;
            off += n;
            len -= n;
            if (out.len == CHUNK) {
                // asyncio's file write runs whole in its thread however its awaiter ends: a write
                // that was begun is buffered whole, and a cancellation comes after
                cancelled = finishing(this::startWrite, cancelled);
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /** Hands the write buffer to a background write (after the previous one finished). May suspend. */
    private void startWrite() throws IOException {
        awaitWrite();
        if (out.len == 0) {
            return;
        }
        byte[] data = out.buf;
        int len = out.len;
        long at = out.end - len;
        out.buf = null;
        out.len = 0;
        FileFinalizer fin = out;
        fin.writeStarted();
        writing = loop.runInExecutor(BlockingIo.IO, () -> {
            try {
                fin.write(data, len, at);
            } finally {
                fin.writeEnded();
            }
            return null;
        });
    }

    /** Waits for the background write; raises its error. A cancelled caller leaves it tracked. May suspend. */
    private void awaitWrite() throws IOException {
        Future<Void> w = writing;
        if (w == null) {
            return;
        }
        try {
            Asyncio.shield(w);
        } catch (CancelledError e) {
            throw e; // still in flight: the next operation waits for it
        } catch (Throwable e) {
            writing = null;
            throw Sneaky.rethrow(e);
        }
        writing = null;
    }

    /** Writes out the buffer and waits. Under the lock. May suspend. */
    final void flushLocked() throws IOException {
        if (out.len > 0) {
            startWrite();
        }
        awaitWrite();
    }

    /** Runs a blocking call on the I/O pool and waits for it. May suspend. */
    final <T> T offload(java.util.concurrent.Callable<T> call) throws IOException {
        return loop.runInExecutor(BlockingIo.IO, call).await();
    }

    @Override
    public String toString() {
        return "<" + kind() + " " + describe(path) + " mode='" + mode + "' " + state.name().toLowerCase() + " position=" + position
                + (rend > rstart ? " buffered=" + (rend - rstart) : "") + (out.len > 0 ? " unwritten=" + out.len : "") + ">";
    }
}
