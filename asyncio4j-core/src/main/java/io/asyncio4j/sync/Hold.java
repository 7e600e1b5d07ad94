package io.asyncio4j.sync;

/**
 * A lock or a semaphore permit held by the current task, released by {@link #close()}: the
 * Java form of {@code async with lock:}.
 * <pre>{@code
 * try (var _ = lock.hold()) {      // acquires (may suspend)
 *     ...                          // an exception or a cancellation here still releases
 * }
 * }</pre>
 * Returned by {@link Lock#hold()}, {@link Condition#hold()} and {@link Semaphore#hold()}.
 * <p>
 * States: HELD ──close──▶ RELEASED. {@link #close()} releases exactly once; closing again does
 * nothing, so a hold can never release someone else's acquisition.
 * <p>
 * Threading: the task that got it (loop thread), like the primitive itself.
 * <p>
 * asyncio: the {@code async with} protocol of {@code locks._ContextManagerMixin}
 */
public final class Hold implements AutoCloseable {
    /** The release to run; null once released. */
    private Runnable release;

    Hold(Runnable release) {
        this.release = release;
    }

    /** True until {@link #close()} released it. asyncio: none (the {@code async with} block's extent) */
    public boolean isHeld() {
        return release != null;
    }

    /**
     * Releases what {@code hold()} acquired; does nothing the second time.
     * asyncio: {@code __aexit__}
     */
    @Override
    public void close() {
        Runnable r = release;
        if (r != null) {
            release = null;
            r.run();
        }
    }

    /** {@code <Hold held>} or {@code <Hold released>}. asyncio: none */
    @Override
    public String toString() {
        return release != null ? "<Hold held>" : "<Hold released>";
    }
}
