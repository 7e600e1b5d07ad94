package io.asyncio4j.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/**
 * A connected NIO socket's bytes, or a NIO pipe end's, moved by {@link NativeSocketIo} instead of NIO: what a
 * {@link StreamTransport} reads from and writes to when the native path is available. Behaves as
 * the channel's own non-blocking {@code read}/{@code write} (0 when nothing can move, -1 at the end
 * of the stream, the same exceptions), and also takes heap arrays without a copy
 * ({@link #read(byte[], int, int)}, and heap buffers in {@link #write}).
 * <p>
 * The channel itself is still what the selector, {@code close}, {@code shutdownOutput}
 * and {@code sendfile} use. A pipe end writes with {@code write(2)} ({@code send(2)} takes sockets
 * only): a subprocess's stdin, written from a heap array, then skips NIO's copy into a temporary
 * direct buffer.
 * <p>
 * Threading: the owning transport's loop thread only.
 */
final class NativeSocketChannel implements ByteChannel {
    private final SelectableChannel socket; // the socket, or the pipe end
    private final int fd;
    private final NativeSocketIo io;
    private final boolean pipe;

    private NativeSocketChannel(SelectableChannel socket, int fd, NativeSocketIo io, boolean pipe) {
        this.socket = socket;
        this.fd = fd;
        this.io = io;
        this.pipe = pipe;
    }

    /** The native view of {@code socket}, or null when there is none (no native access, no descriptor). */
    static NativeSocketChannel of(SocketChannel socket, NativeSocketIo io) {
        if (io == null) {
            return null;
        }
        int fd = NativeSocketIo.fdOf(socket);
        return fd < 0 ? null : new NativeSocketChannel(socket, fd, io, false);
    }

    /** The native view of a NIO pipe end ({@code Pipe.SourceChannel} or {@code SinkChannel}), or null. */
    static NativeSocketChannel ofPipe(SelectableChannel pipeEnd, NativeSocketIo io) {
        if (io == null) {
            return null;
        }
        int fd = NativeSocketIo.fdOf(pipeEnd);
        return fd < 0 ? null : new NativeSocketChannel(pipeEnd, fd, io, true);
    }

    // a closed channel's descriptor may already belong to another file: never touch it then
    private void ensureOpen() throws ClosedChannelException {
        if (!socket.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        int n = io.read(fd, dst);
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    /** Reads into {@code a[off, off + len)}: bytes read, 0 if none are waiting, -1 at the end of the stream. */
    int read(byte[] a, int off, int len) throws IOException {
        ensureOpen();
        return io.read(fd, a, off, len);
    }

    /** Bytes waiting to be read (0 if none, or if that cannot be told). */
    int available() throws IOException {
        ensureOpen();
        return io.available(fd);
    }

    /** Sends {@code a[off, off + len)}: the bytes the kernel took (0 if its buffer is full). */
    int write(byte[] a, int off, int len) throws IOException {
        ensureOpen();
        return io.write(fd, a, off, len, pipe);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int n = pipe ? io.writePipe(fd, src) : io.write(fd, src);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
