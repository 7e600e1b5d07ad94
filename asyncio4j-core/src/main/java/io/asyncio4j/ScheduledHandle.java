package io.asyncio4j;

import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.TimerHeap;

/**
 * A callback in the timer heap. States: SCHEDULED → RAN | CANCELLED. Cancelling removes it
 * from the heap lazily (see {@link TimerHeap}). Loop thread only.
 * asyncio: {@code asyncio.TimerHandle}
 */
final class ScheduledHandle extends TimerHeap.Timer implements TimerHandle {
    private final EventLoop loop;
    private Runnable callback;
    /** The context the callback runs in (see {@link ContextCalls}); null: none captured. */
    private final Context context;
    private boolean cancelled;

    ScheduledHandle(EventLoop loop, long deadline, Runnable callback, Context context) {
        super(deadline);
        this.loop = loop;
        this.callback = callback;
        this.context = context;
    }

    @Override
    public void run() {
        Runnable cb = callback;
        if (cancelled || cb == null) {
            return;
        }
        try {
            ContextCalls.run(loop, context, cb);
        } catch (Throwable e) {
            loop.callbackFailed(cb, e, this);
        }
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            callback = null;
            loop.core.cancelTimer(this);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public double when() {
        return Durations.nanosToSeconds(deadlineNanos());
    }

    @Override
    public String toString() {
        // asyncio: <TimerHandle when=5.0 cb()>, <TimerHandle cancelled when=5.0>
        return cancelled ? "<TimerHandle cancelled when=" + when() + ">"
                : "<TimerHandle when=" + when() + " " + Repr.callback(callback) + ">";
    }
}
