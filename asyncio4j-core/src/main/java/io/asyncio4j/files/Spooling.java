package io.asyncio4j.files;

import java.io.IOException;

/**
 * The rollover rule both spooled files share. Stateless; loop thread.
 * <p>
 * asyncio: {@code SpooledTemporaryFile._check} and {@code rollover}
 */
final class Spooling {
    private Spooling() {
    }

    /**
     * Whether a write has taken {@code f} (on {@code spool}) past {@code maxSize}:
     * {@code not _rolled and max_size and tell() > max_size}.
     */
    static boolean due(AsyncFile f, SpoolChannel spool, long maxSize) {
        return maxSize != 0 && !f.isClosed() && f.tell() > maxSize && spool.where() == SpoolChannel.Where.MEMORY;
    }

    /** Hands the buffered bytes to the spool, then moves it to disk on the I/O pool. Under the op lock. May suspend. */
    static void rollover(AsyncFile f, SpoolChannel spool) throws IOException {
        if (spool.where() == SpoolChannel.Where.ON_DISK) {
            return;
        }
        f.flushLocked();
        f.offload(() -> {
            spool.rollover();
            return null;
        });
    }
}
