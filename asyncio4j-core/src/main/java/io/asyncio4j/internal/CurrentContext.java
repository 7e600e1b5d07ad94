package io.asyncio4j.internal;

import io.asyncio4j.contextvars.Context;

/**
 * Where the calling code's current {@link Context} lives: a task's strand carries it in
 * {@link Strand#context} (each task runs in its own context, as asyncio's do); any other thread
 * (the loop thread between callbacks, a {@code toThread} job, a plain thread) keeps its own in
 * a {@link ThreadLocal}, as each Python thread has its own.
 * <p>
 * Threading: {@link #get()} and {@link #set} act on the calling thread's (or strand's) slot only.
 * {@link #inUse} is written once, by the first {@code ContextVar.set} anywhere, and read on hot
 * paths (callSoon, callback runs) to skip all context work in programs that never set a var.
 */
public final class CurrentContext {
    /**
     * False until a {@code ContextVar} is first set in this JVM. While false every context is
     * empty, so a callback need not capture one: it runs in a fresh empty context, which is what a
     * copy of an empty context is. Volatile so that a set on one thread is seen by captures on
     * the others (a plain load on x86).
     */
    public static volatile boolean inUse;

    /** A non-task thread's context; null means "empty, not created yet" (created on first set). */
    private static final ThreadLocal<Context> THREAD = new ThreadLocal<>();

    private CurrentContext() {
    }

    /** The calling code's current context, or null for a thread whose context is still empty. */
    public static Context get() {
        Strand s = Strand.current();
        return s != null ? s.context : THREAD.get();
    }

    /** Makes {@code ctx} the calling code's current context (null: a fresh empty one). */
    public static void set(Context ctx) {
        Strand s = Strand.current();
        if (s != null) {
            s.context = ctx;
        } else if (ctx == null) {
            THREAD.remove();
        } else {
            THREAD.set(ctx);
        }
    }

    /** Records that a var has been set somewhere; cheap to call on every set. */
    public static void markInUse() {
        if (!inUse) {
            inUse = true;
        }
    }
}
