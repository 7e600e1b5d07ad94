package io.asyncio4j.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * The channel of a spooled temporary file: the bytes live in memory until {@link #rollover()}
 * copies them into a new unnamed temporary file on disk, which serves every call from then on.
 * An {@link AsyncFile} reads and writes it as any channel, so the spooled file is an ordinary
 * {@link AsyncBinaryFile} or {@link AsyncTextFile} whose bytes happen to be in memory.
 * <p>
 * States: MEMORY → ON_DISK ({@link #rollover()}; final). Closing drops the memory or closes
 * the disk file (unlinked already: nothing is left).
 * <p>
 * Threading: called on the I/O pool (a file's background write and its next operation may
 * overlap) and by the finalizer: every method is synchronized. Blocking only once on disk.
 * <p>
 * asyncio: the {@code io.BytesIO} inside {@code tempfile.SpooledTemporaryFile}, and its
 * {@code rollover()}
 */
final class SpoolChannel extends FileChannel {
    /** See the class comment. */
    enum Where { MEMORY, ON_DISK }

    /** The largest array the JVM reliably allocates; beyond it the bytes roll over to disk. */
    private static final int MAX_MEMORY = Integer.MAX_VALUE - 16;

    /** Makes the disk file at rollover: an open, empty, unlinked temporary file. Blocking. */
    interface DiskMaker {
        FileChannel make() throws IOException;
    }

    private final DiskMaker maker;
    // ---- guarded by this ----
    private byte[] mem = new byte[0];
    private int size;
    private long position;
    private FileChannel disk;

    SpoolChannel(DiskMaker maker) {
        this.maker = maker;
    }

    /** Where the bytes are now. */
    synchronized Where where() {
        return disk == null ? Where.MEMORY : Where.ON_DISK;
    }

    /**
     * Moves the bytes to a new temporary file on disk; does nothing once there. Blocking.
     * asyncio: {@code SpooledTemporaryFile.rollover()}
     */
    synchronized void rollover() throws IOException {
        ensureOpen();
        if (disk != null) {
            return;
        }
        FileChannel d = maker.make();
        try {
            ByteBuffer all = ByteBuffer.wrap(mem, 0, size);
            long at = 0;
            while (all.hasRemaining()) {
                at += d.write(all, at);
            }
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        disk = d;
        mem = null;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public synchronized int read(ByteBuffer dst, long pos) throws IOException {
        ensureOpen();
        if (disk != null) {
            return disk.read(dst, pos);
        }
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - pos);
        dst.put(mem, (int) pos, n);
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src, long pos) throws IOException {
        ensureOpen();
        if (disk == null && pos + src.remaining() > MAX_MEMORY) {
            rollover(); // more than an array holds
        }
        if (disk != null) {
            return disk.write(src, pos);
        }
        int n = src.remaining();
        int end = (int) pos + n;
        if (end > mem.length) {
            mem = Arrays.copyOf(mem, (int) Math.min(MAX_MEMORY, Math.max(end, (long) mem.length * 2)));
        }
        src.get(mem, (int) pos, n);
        size = Math.max(size, end); // a gap after the old end stays zero: see truncate
        return n;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        int n = write(src, position);
        position += n;
        return n;
    }

    @Override
    public synchronized long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public synchronized long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("SpoolChannel.position(): negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public synchronized long size() throws IOException {
        ensureOpen();
        return disk != null ? disk.size() : size;
    }

    @Override
    public synchronized FileChannel truncate(long newSize) throws IOException {
        ensureOpen();
        if (newSize < 0) {
            throw new IllegalArgumentException("SpoolChannel.truncate(): negative size " + newSize);
        }
        if (disk != null) {
            disk.truncate(newSize);
        } else if (newSize < size) {
            Arrays.fill(mem, (int) newSize, size, (byte) 0); // so that a later write past the end finds zeros
            size = (int) newSize;
        }
        position = Math.min(position, newSize);
        return this;
    }

    @Override
    public synchronized void force(boolean metaData) throws IOException {
        ensureOpen();
        if (disk != null) {
            disk.force(metaData);
        }
    }

    @Override
    public synchronized long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        ensureOpen();
        if (disk != null) {
            return disk.transferTo(pos, count, target);
        }
        if (pos >= size) {
            return 0;
        }
        return target.write(ByteBuffer.wrap(mem, (int) pos, (int) Math.min(count, size - pos)));
    }

    @Override
    public synchronized long transferFrom(ReadableByteChannel src, long pos, long count) throws IOException {
        ensureOpen();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        long total = 0;
        while (total < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - total));
            int n = src.read(buf);
            if (n <= 0) {
                break;
            }
            buf.flip();
            total += write(buf, pos + total);
        }
        return total;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) {
        throw new UnsupportedOperationException("SpoolChannel.map(): a spooled temporary file cannot be mapped");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("SpoolChannel.lock(): a spooled temporary file cannot be locked");
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("SpoolChannel.tryLock(): a spooled temporary file cannot be locked");
    }

    @Override
    protected synchronized void implCloseChannel() throws IOException {
        mem = null;
        if (disk != null) {
            disk.close();
        }
    }
}
