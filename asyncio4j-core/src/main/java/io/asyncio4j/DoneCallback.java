package io.asyncio4j;

import java.util.function.Consumer;

/**
 * A future's done-callback in the ready queue: calls {@code fn(future)} once. One object per
 * scheduled callback (the callback, its future and the loop), where a lambda plus a
 * {@link CallbackHandle} would be two. A callback that throws is reported to the loop's
 * exception handler, as {@link CallbackHandle} does. Loop thread only.
 * asyncio: the {@code Handle} that {@code Future.__schedule_callbacks} queues with {@code call_soon}
 *
 * @param <T> the future's result type
 */
final class DoneCallback<T> implements Runnable {
    private final EventLoop loop;
    private final Consumer<? super Future<T>> fn;
    private final Future<T> future;

    DoneCallback(EventLoop loop, Consumer<? super Future<T>> fn, Future<T> future) {
        this.loop = loop;
        this.fn = fn;
        this.future = future;
    }

    @Override
    public void run() {
        try {
            fn.accept(future);
        } catch (Throwable e) {
            loop.callbackFailed(fn, e, this);
        }
    }

    @Override
    public String toString() {
        return "<Handle " + fn + "(" + future + ")>";
    }
}
