package io.asyncio4j;

import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.CurrentContext;

/**
 * How callbacks get their {@code contextvars} context: captured when they are scheduled
 * ({@link #capture()}), entered when they run ({@link #run}), as asyncio's {@code Handle} does
 * with {@code copy_context()} and {@code Context.run}. Running swaps the loop thread's slot
 * ({@code LoopCore.contextSlot}): no thread-local lookup per callback.
 * <p>
 * Until a var is first set anywhere, every context is empty: nothing is captured (null), and a
 * callback runs as a plain call, so programs that never use context vars pay one volatile read
 * per callback. Threading: {@link #capture()} on the scheduling thread, {@link #run} on the loop
 * thread.
 */
final class ContextCalls {
    private ContextCalls() {
    }

    /** A copy of the calling code's context for a callback scheduled now; null while no var is in use. */
    static Context capture() {
        return CurrentContext.inUse ? Context.copyContext() : null;
    }

    /** {@code context} if given, else {@link #capture()}. */
    static Context captureUnless(Context context) {
        return context != null ? context : capture();
    }

    /**
     * Runs {@code body} in {@code context}. A null context was captured while every context was
     * empty: the body then runs in a fresh empty one (if vars are in use by now) or as it is.
     */
    static void run(EventLoop loop, Context context, Runnable body) {
        if (context == null) {
            if (!CurrentContext.inUse) {
                body.run();
                return;
            }
            context = new Context();
        }
        CurrentContext.runIn(loop.core.contextSlot, context, body);
    }
}
