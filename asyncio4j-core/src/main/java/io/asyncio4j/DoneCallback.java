package io.asyncio4j;

import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.CurrentContext;

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
    final Consumer<? super Future<T>> fn;
    private final Future<T> future;
    /** The context the callback runs in (see {@link ContextCalls}); null: none captured. */
    private final Context context;

    DoneCallback(EventLoop loop, Consumer<? super Future<T>> fn, Future<T> future, Context context) {
        this.loop = loop;
        this.fn = fn;
        this.future = future;
        this.context = context;
    }

    @Override
    public void run() {
        try {
            if (context == null && !CurrentContext.inUse) {
                fn.accept(future);
            } else {
                ContextCalls.run(loop, context, () -> fn.accept(future));
            }
        } catch (Throwable e) {
            loop.callbackFailed(fn, e, this);
        }
    }

    @Override
    public String toString() {
        // asyncio 3.13: <Handle cb()>, the future shown as the argument in debug mode only
        return "<Handle " + Repr.callbackName(fn) + "(" + (loop.getDebug() ? future : "") + ")>";
    }
}
