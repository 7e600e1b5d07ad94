package io.asyncio4j.files;

import io.asyncio4j.EventLoop;

import java.io.IOException;

/**
 * A text temporary file kept in memory until it grows past {@link #maxSize()} bytes (encoded),
 * then rolled over to an unnamed temporary file on disk
 * ({@link AsyncFiles#spooledTemporaryTextFile}); as {@link AsyncSpooledBinaryFile}, with the
 * encoding, line ends and error handler of its {@link TextOptions}.
 * <p>
 * States: those of {@link AsyncFile}, and in memory → on disk ({@link #rolled()}; final).
 * Threading: {@link AsyncFile}'s.
 * <p>
 * asyncio: {@code aiofiles.tempfile.SpooledTemporaryFile(max_size, 'w+', encoding=, newline=)};
 * Python's {@code tempfile.SpooledTemporaryFile(..., errors=)}
 */
public final class AsyncSpooledTextFile extends AsyncTextFile {
    private final SpoolChannel spool;
    private final long maxSize;

    AsyncSpooledTextFile(EventLoop loop, FileMode mode, SpoolChannel spool, long maxSize, TextOptions options) {
        super(loop, null, mode, spool, 0, options);
        this.spool = spool;
        this.maxSize = maxSize;
    }

    @Override
    String kind() {
        return "AsyncSpooledTextFile";
    }

    /** The size in bytes past which a write rolls the file over to disk (0: never). asyncio: {@code _max_size} */
    public long maxSize() {
        return maxSize;
    }

    /** True once the bytes are on disk. Does not suspend. asyncio: {@code _rolled} */
    public boolean rolled() {
        return spool.where() == SpoolChannel.Where.ON_DISK;
    }

    /**
     * Moves the bytes to an unnamed temporary file on disk now; the position stays. Does nothing
     * once on disk. May suspend. asyncio: {@code await f.rollover()}
     */
    public void rollover() throws IOException {
        begin("rollover", false, false);
        try {
            Spooling.rollover(this, spool);
        } finally {
            end();
        }
    }

    /** Writes, then rolls over if the position is now past {@link #maxSize()}. May suspend. asyncio: {@code await f.write(text)} */
    @Override
    public int write(String text) throws IOException {
        int n = super.write(text);
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
