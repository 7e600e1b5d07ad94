package io.asyncio4j.files;

import io.asyncio4j.EventLoop;

import java.io.IOException;

/**
 * A binary temporary file kept in memory until it grows past {@link #maxSize()} bytes, then
 * rolled over to an unnamed temporary file on disk ({@link AsyncFiles#spooledTemporaryFile});
 * reads, writes and seeks work the same before and after. As Python's, the size is checked after
 * each write, against the position ({@code tell() > max_size}); {@code maxSize} 0 never rolls
 * over by itself; {@link #truncate(long)} to more than {@code maxSize} rolls over first;
 * {@link #rollover()} does it at any time. {@link #path()} is null.
 * <p>
 * States: those of {@link AsyncFile}, and in memory → on disk ({@link #rolled()}; final).
 * Threading: {@link AsyncFile}'s.
 * <p>
 * asyncio: {@code aiofiles.tempfile.SpooledTemporaryFile(max_size, 'w+b')}
 * ({@code AsyncSpooledTemporaryFile}); Python's {@code tempfile.SpooledTemporaryFile}
 */
public final class AsyncSpooledBinaryFile extends AsyncBinaryFile {
    private final SpoolChannel spool;
    private final long maxSize;

    AsyncSpooledBinaryFile(EventLoop loop, FileMode mode, SpoolChannel spool, long maxSize) {
        super(loop, null, mode, spool, 0);
        this.spool = spool;
        this.maxSize = maxSize;
    }

    @Override
    String kind() {
        return "AsyncSpooledBinaryFile";
    }

    /** The size past which a write rolls the file over to disk (0: never). asyncio: {@code _max_size} */
    public long maxSize() {
        return maxSize;
    }

    /** True once the bytes are on disk. Does not suspend. asyncio: {@code _rolled} */
    public boolean rolled() {
        return spool.where() == SpoolChannel.Where.ON_DISK;
    }

    /**
     * Moves the bytes to an unnamed temporary file on disk (in the directory given at creation)
     * now; the position stays. Does nothing once on disk. May suspend.
     * asyncio: {@code await f.rollover()}
     */
    public void rollover() throws IOException {
        begin("rollover", false, false);
        try {
            Spooling.rollover(this, spool);
        } finally {
            end();
        }
    }

    /** Writes, then rolls over if the position is now past {@link #maxSize()}. May suspend. asyncio: {@code await f.write(data)} */
    @Override
    public int write(byte[] data, int off, int len) throws IOException {
        int n = super.write(data, off, len);
        if (Spooling.due(this, spool, maxSize)) {
            rollover();
        }
        return n;
    }

    /** Rolls over first if {@code size > maxSize()}, as Python does, then truncates. May suspend. asyncio: {@code await f.truncate(size)} */
    @Override
    public long truncate(long size) throws IOException {
        if (size >= 0 && size > maxSize && !rolled()) {
            rollover();
        }
        return super.truncate(size);
    }
}
