package io.asyncio4j;

/**
 * A callback scheduled with {@link EventLoop#callSoon}; cancel it to keep it from running.
 * <p>
 * asyncio: {@code asyncio.Handle}
 */
public interface Handle {

    /** Keeps the callback from running, if it has not run yet. Loop thread only. */
    void cancel();

    /** True after {@link #cancel()}. asyncio: {@code Handle.cancelled()} */
    boolean isCancelled();
}
