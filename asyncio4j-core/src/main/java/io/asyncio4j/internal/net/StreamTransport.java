package io.asyncio4j.internal.net;

import io.asyncio4j.CancelledError;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.BufferedProtocol;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.Transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A byte-stream transport driven by the loop's selector: the common part of the TCP, Unix-domain
 * and pipe transports. Everything runs on the loop thread; no other thread touches the channel.
 * <p>
 * States and their transitions: {@link SelectorTransport}. Entering CLOSED schedules
 * {@code protocol.connectionLost(exc)} once, after which the channel is closed and
 * the transport leaves its server. Independent of the state: reading may be paused
 * ({@link #pauseReading()}), the write side may be shut ({@link #writeEof()}), and the protocol
 * may be paused for writing (over the high-water mark).
 * <p>
 * Reading: one read per readiness event into the loop's shared direct buffer ({@code Protocol},
 * handed over as a {@link ByteBuffer} valid only during {@code dataReceived}) or straight into
 * the protocol's own buffer ({@code BufferedProtocol}, no copy).
 * <p>
 * Writing: {@code write} tries the channel at once when nothing is buffered (as asyncio does);
 * what the kernel does not take is copied into the {@link WriteBuffer}, sent on write readiness,
 * gathered into one system call. Writes after {@code close()}, {@code abort()} or a lost
 * connection are dropped; from the fifth on, each logs a warning (asyncio's
 * {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}). A writer using streams learns it from
 * {@code drain()}, which raises {@link ConnectionResetException}.
 * <p>
 * Threading: loop thread only (checked on write and close). Fields are guarded by that.
 * <p>
 * asyncio: {@code selector_events._SelectorTransport} / {@code _SelectorSocketTransport}
 */
public abstract class StreamTransport extends SelectorTransport implements Transport, NetChannelOwner {
    private final ReadableByteChannel in;   // null: write-only (write end of a pipe)
    private final WritableByteChannel out;  // null: read-only (read end of a pipe)
    private final NativeSocketChannel nativeIn; // in, when it takes heap arrays (see NativeSocketIo)
    private final NativeSocketChannel nativeOut; // out, likewise
    private final WritableByteChannel transferOut; // out as NIO knows it: FileChannel.transferTo's zero-copy target

    private BaseProtocol protocol;
    private Protocol streamProtocol;         // set when the protocol is a Protocol...
    private BufferedProtocol bufferedProtocol; // ...or a BufferedProtocol (which wins, as in asyncio)
    private ArrayReceiver arrayReceiver;       // the Protocol, when it receives into its own array

    // bytes of room asked of an ArrayReceiver: doubles (up to READ_BUFFER_SIZE) each time a read
    // fills it, so a connection that gets large bursts reads them in few calls, an idle one keeps
    // a small buffer
    private int receiveRoom = MIN_RECEIVE_ROOM;
    private static final int MIN_RECEIVE_ROOM = 2048;

    // bytes the last receive for a waiting read(n) delivered: from RIGHT_SIZED_MIN on, the next one
    // asks the kernel how many bytes it holds (one ioctl) and receives into an array of exactly
    // that size; below, the loop's scratch array and one copy are cheaper than the ioctl
    private int lastExactReceive;
    private static final int RIGHT_SIZED_MIN = 4096;
    private long rightSizedReceives; // receives that delivered bytes the right-sized way (for tests)
    // skips the ioctl while the sizes repeat (one size, or two in turn): see ReceiveSizeGuess
    private final ReceiveSizeGuess sizeGuess = new ReceiveSizeGuess();

    private boolean started;        // connectionMade ran; reading may begin
    private boolean readingPaused;  // pauseReading()
    private boolean readEof;        // EOF seen and the protocol kept the connection open
    private boolean eofRequested;   // writeEof()

    private final WriteBuffer buffer = new WriteBuffer();

    // sendfile: while emptyWaiter is set, write() refuses (asyncio's _empty_waiter)
    private Future<Void> emptyWaiter;
    private Future<Void> writableWaiter;

    // membership in the server that accepted the connection (intrusive list, see SocketServer)
    SocketServer server;
    StreamTransport serverPrev;
    StreamTransport serverNext;

    /**
     * Wraps a connected, non-blocking channel. {@code key} is the channel's registration if it has
     * one already (from connecting), else the channel is registered here. Schedules
     * {@code connectionMade}, then reading, then {@code waiter}'s result, in one callback.
     */
    StreamTransport(NetLoop net, SelectableChannel channel, ReadableByteChannel in, WritableByteChannel out,
                    SelectionKey key, BaseProtocol protocol, SocketServer server, Future<Void> waiter) {
        super(net, channel, key);
        this.in = in;
        this.out = out;
        this.nativeIn = in instanceof NativeSocketChannel n ? n : null;
        this.nativeOut = out instanceof NativeSocketChannel n ? n : null;
        this.transferOut = out instanceof NativeSocketChannel ? (WritableByteChannel) channel : out;
        setProtocol(protocol);
        if (server != null) {
            server.attach(this);
        }
        loop.callSoon(() -> start(waiter));
    }

    private void start(Future<Void> waiter) {
        try {
            if (bufferedProtocol != null) {
                bufferedProtocol.connectionMade(this);
            } else {
                streamProtocol.connectionMade(this);
            }
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("Exception in protocol.connection_made()", e)
                    .with("transport", this).with("protocol", protocol));
        }
        started = true;
        if (isReading() && in != null && !readEof) {
            addInterest(SelectionKey.OP_READ);
        }
        if (waiter != null && !waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    // ---- selector events -----------------------------------------------------------------------

    /**
     * The first task this read wakes (in practice the reader waiting for these bytes) runs right
     * after this callback, not at the tail of the ready queue: it finds the bytes, and usually
     * writes them on, while they are in the CPU's cache — with 100 connections ready in one poll,
     * queueing every reader behind every read evicts them first. asyncio would run that task in
     * the next iteration; the order is the one asyncio gives when the bytes arrive one poll
     * earlier, so no program can tell (docs/ENGINEERING.md, "I/O hand-off").
     */
    @Override
    void readReady() {
        if (connLost > 0) {
            return;
        }
        net.core.armHandoff();
        try {
            receive();
        } finally {
            net.core.disarmHandoff();
        }
    }

    private void receive() {
        if (bufferedProtocol != null) {
            readIntoProtocolBuffer(bufferedProtocol);
            return;
        }
        ArrayReceiver ar = arrayReceiver;
        if (ar != null && ar.canReceive()) {
            readIntoArray(ar);
            return;
        }
        ByteBuffer buf = net.readScratch();
        buf.clear();
        int n;
        try {
            n = in.read(buf);
        } catch (IOException e) {
            fatalError(translateError(e), "Fatal read error on socket transport");
            return;
        }
        if (n > 0) {
            buf.flip();
            try {
                streamProtocol.dataReceived(buf);
            } catch (Throwable e) {
                fatalError(e, "Fatal error: protocol.data_received() call failed.");
            }
        } else if (n < 0) {
            onEof();
        }
    }

    /**
     * The kernel writes straight into the protocol's array (native path only): no copy on the way.
     * Except for a read waiting for a new array of at most {@code exactWanted()} bytes: it gets
     * exactly what the kernel has, up to that, and no byte goes through the reader's own buffer.
     * Two ways, by the size of the last such receive on this connection:
     * <ul>
     *   <li>small: received into the loop's scratch array (one per loop, so in cache) and copied
     *       once into the result;
     *   <li>{@link #RIGHT_SIZED_MIN} bytes or more, when the JVM allows {@link UninitializedArrays}:
     *       "right-sized", received straight into a new unzeroed array of exactly the size the
     *       kernel holds (FIONREAD). A fresh array is not in cache, and filling it costs less
     *       in the kernel's copy than in the JIT's copy from the scratch array (echo A/B: +13-19 %
     *       at 100 KiB, even at 10 KiB; docs/ENGINEERING.md). A receive that fills the array
     *       only in part (the kernel held less than it said) hands out a copy of the filled
     *       prefix, never the array with its unwritten tail.
     * </ul>
     */
    private void readIntoArray(ArrayReceiver ar) {
        int want = ar.exactWanted();
        byte[] a;
        int n;
        int room;
        boolean rightSized = false;
        boolean guessed = false;
        try {
            if (want > 0) {
                int size = receivesRightSized() ? sizeGuess.guess(want, RIGHT_SIZED_MIN) : 0;
                if (size > 0) {
                    guessed = true;
                } else {
                    size = rightSizedLength(want);
                }
                if (size > 0) {
                    a = UninitializedArrays.allocate(size);
                    rightSized = true;
                } else {
                    a = net.heapScratch();
                }
                room = Math.min(want, a.length);
                n = nativeIn.read(a, 0, room);
            } else {
                a = ar.receiveArray(receiveRoom);
                int off = ar.receiveOffset();
                room = Math.min(ar.receiveLimit() - off, NetLoop.READ_BUFFER_SIZE);
                n = nativeIn.read(a, off, room);
            }
        } catch (IOException e) {
            fatalError(translateError(e), "Fatal read error on socket transport");
            return;
        }
        if (n > 0) {
            try {
                if (want > 0) {
                    if (rightSized) {
                        rightSizedReceives++;
                        sizeGuess.received(n, a.length, guessed);
                    } else {
                        sizeGuess.forget();
                    }
                    lastExactReceive = n;
                    ar.receivedExact(rightSized && n == a.length ? a : Arrays.copyOf(a, n));
                } else {
                    if (n == room && room < NetLoop.READ_BUFFER_SIZE) {
                        receiveRoom = Math.min(NetLoop.READ_BUFFER_SIZE, room * 2);
                    }
                    ar.received(n);
                }
            } catch (Throwable e) {
                fatalError(e, "Fatal error: protocol.data_received() call failed.");
            }
        } else if (n < 0) {
            onEof();
        }
    }

    /** Receives so far made on a guess, without asking the kernel how many bytes it held (for tests). */
    long guessedReceives() {
        return sizeGuess.taken();
    }

    /** Receives so far that delivered bytes the right-sized way (for tests). */
    long rightSizedReceives() {
        return rightSizedReceives;
    }

    /** Whether the next receive for a waiting {@code read(n)} may be right-sized. */
    boolean receivesRightSized() {
        return nativeIn != null && UninitializedArrays.AVAILABLE && lastExactReceive >= RIGHT_SIZED_MIN;
    }

    /**
     * The size of a right-sized receive for a read of at most {@code want} bytes, or 0 to use the
     * scratch array: after a small receive, without {@link UninitializedArrays}, or when the kernel
     * reports nothing queued (an EOF or an error, which the scratch read then reports).
     */
    private int rightSizedLength(int want) throws IOException {
        if (!receivesRightSized()) {
            return 0;
        }
        int queued = nativeIn.available();
        return queued <= 0 ? 0 : Math.min(Math.min(want, queued), NetLoop.READ_BUFFER_SIZE);
    }

    private void readIntoProtocolBuffer(BufferedProtocol p) {
        ByteBuffer buf;
        try {
            buf = p.getBuffer(-1);
            if (buf == null || !buf.hasRemaining()) {
                throw new IllegalStateException("BufferedProtocol.getBuffer() returned an empty buffer; return one "
                        + "with room between its position and limit");
            }
        } catch (Throwable e) {
            fatalError(e, "Fatal error: protocol.get_buffer() call failed.");
            return;
        }
        int pos = buf.position();
        int n;
        try {
            n = in.read(buf);
        } catch (IOException e) {
            fatalError(translateError(e), "Fatal read error on socket transport");
            return;
        } finally {
            buf.position(pos);
        }
        if (n > 0) {
            try {
                p.bufferUpdated(n);
            } catch (Throwable e) {
                fatalError(e, "Fatal error: protocol.buffer_updated() call failed.");
            }
        } else if (n < 0) {
            onEof();
        }
    }

    /** The peer closed its write side. asyncio: {@code _read_ready__on_eof} */
    void onEof() {
        if (loop.getDebug()) {
            LOG.log(Level.DEBUG, this + " received EOF");
        }
        boolean keepOpen;
        try {
            keepOpen = bufferedProtocol != null ? bufferedProtocol.eofReceived() : streamProtocol.eofReceived();
        } catch (Throwable e) {
            fatalError(e, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (keepOpen) {
            // the protocol may still write, but nothing more can be read
            readEof = true;
            removeInterest(SelectionKey.OP_READ);
        } else {
            close();
        }
    }

    @Override
    void writeReady() {
        Future<Void> w = writableWaiter;
        if (w != null) {
            writableWaiter = null;
            removeInterest(SelectionKey.OP_WRITE);
            if (!w.isDone()) {
                w.setResult(null);
            }
            return;
        }
        if (connLost > 0) {
            return;
        }
        try {
            buffer.writeTo(out, net.writeScratch());
        } catch (IOException e) {
            removeInterest(SelectionKey.OP_WRITE);
            buffer.clear();
            fatalError(translateError(e), "Fatal write error on socket transport");
            return;
        }
        maybeResumeProtocol(); // may append to the buffer
        if (buffer.isEmpty()) {
            removeInterest(SelectionKey.OP_WRITE);
            Future<Void> ew = emptyWaiter;
            if (ew != null && !ew.isDone()) {
                ew.setResult(null);
            }
            if (state == State.CLOSING) {
                state = State.CLOSED;
                connLost++;
                callConnectionLost(null);
            } else if (eofRequested) {
                shutdownOutputQuietly();
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    /**
     * As {@link #write(ByteBuffer)}. The common case, an open connection with nothing queued on the
     * native path, sends the array as it is; a {@code ByteBuffer} is made only for what the kernel
     * did not take. (A stream's every {@code write(byte[])} comes here: the wrapper's
     * bookkeeping was 1 % of a 10 KiB echo server's CPU, {@code perf}, stop 15.)
     */
    @Override
    public void write(byte[] data) {
        checkLoop("Transport.write()");
        if (nativeOut == null || state != State.OPEN || !buffer.isEmpty() || eofRequested || emptyWaiter != null
                || data.length == 0) {
            write(ByteBuffer.wrap(data)); // the general path, with its checks and their messages
            return;
        }
        int n;
        try {
            n = nativeOut.write(data, 0, data.length);
        } catch (IOException e) {
            fatalError(translateError(e), "Fatal write error on socket transport");
            return;
        }
        if (n < data.length) {
            queueUnsent(ByteBuffer.wrap(data, n, data.length - n));
        }
    }

    @Override
    public void write(ByteBuffer data) {
        checkLoop("Transport.write()");
        if (out == null) {
            throw new UnsupportedOperationException("Transport.write(): " + this + " is the read end of a pipe");
        }
        if (eofRequested) {
            throw new IllegalStateException("Transport.write(): called after writeEof(); the write side is shut");
        }
        if (emptyWaiter != null) {
            throw new IllegalStateException("Transport.write(): unable to write; sendfile is in progress");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (state != State.OPEN) {
            droppedWrite(data);
            return;
        }
        if (buffer.isEmpty()) {
            try {
                writeNow(data);
            } catch (IOException e) {
                fatalError(translateError(e), "Fatal write error on socket transport");
                return;
            }
            if (data.hasRemaining()) {
                queueUnsent(data);
            }
            return;
        }
        buffer.append(data);
        maybePauseProtocol();
    }

    /** A write to an empty buffer went out in part: the rest waits for the socket to be writable. */
    private void queueUnsent(ByteBuffer rest) {
        addInterest(SelectionKey.OP_WRITE);
        buffer.append(rest);
        maybePauseProtocol();
    }

    /**
     * Writes what the channel takes now; direct buffers go as they are, and so do heap bytes on
     * the native path; on NIO heap bytes go through the scratch buffer.
     */
    private void writeNow(ByteBuffer data) throws IOException {
        if (data.isDirect() || out instanceof NativeSocketChannel) {
            out.write(data);
            return;
        }
        ByteBuffer s = net.writeScratch();
        while (data.hasRemaining()) {
            int k = Math.min(s.capacity(), data.remaining());
            s.clear();
            s.put(0, data, data.position(), k);
            s.limit(k);
            int w = out.write(s);
            data.position(data.position() + w);
            if (w < k) {
                return;
            }
        }
    }

    private void droppedWrite(ByteBuffer data) {
        data.position(data.limit());
        if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
            LOG.log(Level.WARNING, "Transport.write(): " + this + " is closed; the data was dropped (write "
                    + connLost + " after close). Stop writing once connectionLost() was called or close() returned");
        }
        connLost++;
    }

    @Override
    public void writeEof() {
        checkLoop("Transport.writeEof()");
        if (out == null) {
            throw new UnsupportedOperationException("Transport.writeEof(): " + this + " is the read end of a pipe");
        }
        if (state != State.OPEN || eofRequested) {
            return;
        }
        eofRequested = true;
        if (buffer.isEmpty()) {
            shutdownOutputQuietly();
        }
    }

    private void shutdownOutputQuietly() {
        try {
            shutdownOutput();
        } catch (IOException e) {
            fatalError(translateError(e), "Fatal error on shutting down the write side");
        }
    }

    /** Shuts the write side once the buffer is sent (sockets: shutdown(SHUT_WR); pipes: close). */
    abstract void shutdownOutput() throws IOException;

    @Override
    public boolean canWriteEof() {
        return out != null;
    }

    // ---- flow control ---------------------------------------------------------------------------

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, buffer.size());
    }

    @Override
    public boolean isReading() {
        return !readingPaused && state == State.OPEN && in != null;
    }

    @Override
    public void pauseReading() {
        checkLoop("Transport.pauseReading()");
        if (!isReading()) {
            return;
        }
        readingPaused = true;
        removeInterest(SelectionKey.OP_READ);
    }

    @Override
    public void resumeReading() {
        checkLoop("Transport.resumeReading()");
        if (state != State.OPEN || !readingPaused) {
            return;
        }
        readingPaused = false;
        if (started && !readEof && in != null) {
            addInterest(SelectionKey.OP_READ);
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    @Override
    public void close() {
        checkLoop("Transport.close()");
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        removeInterest(SelectionKey.OP_READ);
        if (buffer.isEmpty()) {
            state = State.CLOSED;
            connLost++;
            removeInterest(SelectionKey.OP_WRITE);
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        checkLoop("Transport.abort()");
        forceClose(null);
    }

    @Override
    long bufferedBytes() {
        return buffer.size();
    }

    @Override
    void dropBuffer() {
        if (!buffer.isEmpty()) {
            buffer.clear();
        }
    }

    /**
     * A socket closed with bytes still unread in the kernel must reset the connection, as the
     * kernel does on a real {@code close()}: the peer then hears ECONNRESET, not an orderly end
     * (asyncio's close and abort are a plain {@code sock.close()}). The JDK, though, defers the
     * close of a channel still registered with a selector and shuts its output down meanwhile,
     * which the peer reads as EOF; so when bytes are waiting, the selector drops the channel
     * first (one non-blocking select) and the close is real. Only the native path can ask the
     * kernel (FIONREAD); the portable one always closes the JDK's way.
     */
    @Override
    void releaseChannel() {
        if (nativeIn != null && unreadInKernel()) {
            net.core.deregisterNow(key);
        }
        super.releaseChannel();
    }

    private boolean unreadInKernel() {
        try {
            return nativeIn.available() > 0;
        } catch (IOException e) {
            return false; // closed or failed already: nothing to reset
        }
    }

    @Override
    void afterConnectionLost() {
        failSendfileWaiters();
        SocketServer s = server;
        if (s != null) {
            s.detach(this);
        }
    }

    /** What a read or write error becomes for the protocol: see {@link #translate}. */
    IOException translateError(IOException e) {
        return translate(e);
    }

    /**
     * Reset by peer becomes {@link ConnectionResetException} (asyncio's ConnectionResetError); a
     * broken pipe, which NIO reports as a plain {@code IOException}, a {@link SocketException}
     * (asyncio's BrokenPipeError is a ConnectionError, as ConnectionResetError is).
     */
    static IOException translate(IOException e) {
        if (!(e instanceof SocketException) && "Broken pipe".equals(e.getMessage())) {
            SocketException b = new SocketException("Broken pipe");
            b.initCause(e);
            return b;
        }
        if (e instanceof SocketException && !(e instanceof ConnectionResetException)) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith("Connection reset")) {
                ConnectionResetException r = new ConnectionResetException("Connection reset by peer");
                r.initCause(e);
                return r;
            }
        }
        return e;
    }

    // ---- protocol --------------------------------------------------------------------------------

    @Override
    public void setProtocol(BaseProtocol p) {
        if (p instanceof BufferedProtocol bp) {
            bufferedProtocol = bp;
            streamProtocol = null;
            arrayReceiver = null;
        } else if (p instanceof Protocol sp) {
            streamProtocol = sp;
            bufferedProtocol = null;
            arrayReceiver = nativeIn != null && sp instanceof ArrayReceiver ar ? ar : null;
        } else {
            throw new IllegalArgumentException("Transport.setProtocol(): a stream transport needs a Protocol or a "
                    + "BufferedProtocol, got " + p);
        }
        protocol = p;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    // ---- sendfile --------------------------------------------------------------------------------

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count <= 0}: to the
     * end), zero-copy with {@link FileChannel#transferTo}, after the write buffer has drained;
     * writes are refused meanwhile. Returns the bytes sent. May suspend.
     */
    long sendfile(FileChannel file, long offset, long count) throws IOException {
        checkLoop("EventLoop.sendfile()");
        if (out == null) {
            throw new UnsupportedOperationException("sendfile(): " + this + " is the read end of a pipe");
        }
        if (state != State.OPEN) {
            throw new IllegalStateException("sendfile(): the transport is closing: " + this);
        }
        if (emptyWaiter != null) {
            throw new IllegalStateException("sendfile(): another sendfile is in progress on " + this);
        }
        Future<Void> ew = loop.createFuture();
        emptyWaiter = ew;
        if (buffer.isEmpty()) {
            ew.setResult(null);
        }
        long pos = offset;
        try {
            ew.await();
            long end = count > 0 ? offset + count : Long.MAX_VALUE;
            while (pos < end) {
                if (state != State.OPEN) {
                    throw new ConnectionResetException("sendfile(): the connection was closed after " + (pos - offset)
                            + " bytes");
                }
                long n;
                try {
                    n = file.transferTo(pos, end - pos, transferOut);
                } catch (IOException e) {
                    IOException t = translate(e);
                    fatalError(t, "Fatal write error on socket transport");
                    throw t;
                }
                if (n > 0) {
                    pos += n;
                    continue;
                }
                if (pos >= file.size()) {
                    break; // end of file
                }
                Future<Void> w = loop.createFuture();
                writableWaiter = w;
                addInterest(SelectionKey.OP_WRITE);
                try {
                    w.await();
                } finally {
                    if (writableWaiter == w) {
                        writableWaiter = null;
                        removeInterest(SelectionKey.OP_WRITE);
                    }
                }
            }
            return pos - offset;
        } catch (CancelledError e) {
            throw e;
        } finally {
            emptyWaiter = null;
            file.position(pos);
        }
    }

    private void failSendfileWaiters() {
        Future<Void> w = writableWaiter;
        writableWaiter = null;
        if (w != null && !w.isDone()) {
            w.setException(new ConnectionResetException("Connection is closed by peer"));
        }
        Future<Void> ew = emptyWaiter;
        if (ew != null && !ew.isDone()) {
            ew.setException(new ConnectionResetException("Connection is closed by peer"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(' ').append(state);
        describe(sb);
        if (nativeIn != null) {
            sb.append(" io=native");
        }
        if (state != State.CLOSED) {
            if (in != null) {
                sb.append(" read=").append(readEof ? "eof" : (interest & SelectionKey.OP_READ) != 0 ? "polling" : "idle");
            }
            if (out != null) {
                sb.append(" write=<").append((interest & SelectionKey.OP_WRITE) != 0 ? "polling" : "idle")
                        .append(", bufsize=").append(buffer.size()).append('>');
                if (eofRequested) {
                    sb.append(" eof-sent");
                }
            }
        }
        return sb.append('>').toString();
    }

    /** Appends the channel's identity (addresses, pipe) to {@link #toString()}. */
    abstract void describe(StringBuilder sb);
}
