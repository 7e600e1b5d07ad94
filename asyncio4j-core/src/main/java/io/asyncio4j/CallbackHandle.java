package io.asyncio4j;

import io.asyncio4j.contextvars.Context;

/**
 * A callback in the ready queue. States: SCHEDULED → RAN | CANCELLED. Loop thread only.
 * asyncio: {@code asyncio.Handle}
 */
final class CallbackHandle implements Handle, Runnable {
    private final EventLoop loop;
    private Runnable callback;
    /** The context the callback runs in (see {@link ContextCalls}); null: none captured. */
    private final Context context;
    private boolean cancelled;

    CallbackHandle(EventLoop loop, Runnable callback, Context context) {
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
        cancelled = true;
        callback = null; // drop references early, as asyncio does
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        // asyncio: <Handle cb()>, <Handle cancelled> (the callback is dropped on cancel)
        return "<Handle " + (cancelled ? "cancelled" : Repr.callback(callback)) + ">";
    }
}
