package io.asyncio4j;

/**
 * A callback in the ready queue. States: SCHEDULED → RAN | CANCELLED. Loop thread only.
 * asyncio: {@code asyncio.Handle}
 */
final class CallbackHandle implements Handle, Runnable {
    private final EventLoop loop;
    private Runnable callback;
    private boolean cancelled;

    CallbackHandle(EventLoop loop, Runnable callback) {
        this.loop = loop;
        this.callback = callback;
    }

    @Override
    public void run() {
        Runnable cb = callback;
        if (cancelled || cb == null) {
            return;
        }
        try {
            cb.run();
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
        return "<Handle " + (cancelled ? "cancelled" : String.valueOf(callback)) + ">";
    }
}
