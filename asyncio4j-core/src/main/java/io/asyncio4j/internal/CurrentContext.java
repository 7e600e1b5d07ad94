package io.asyncio4j.internal;

import io.asyncio4j.contextvars.Context;

/**
 * Where the calling code's current {@link Context} lives: a task's strand carries it in
 * {@link Strand#context} (each task runs in its own context, as asyncio's do); any other thread
 * (the loop thread, running callbacks; a {@code toThread} job; a plain thread) keeps its own in a
 * {@link Slot}, one per thread, as each Python thread has its own.
 * <p>
 * Threading: {@link #get()} and {@link #set} act on the calling thread's (or strand's) slot only.
 * A loop keeps its thread's slot ({@code LoopCore.contextSlot}) so that running a callback in its
 * context ({@link #runIn}) swaps a field instead of looking the slot up. {@link #inUse} is written
 * once, by the first {@code ContextVar.set} anywhere, and read on hot paths (callSoon, callback
 * runs) to skip all context work in programs that never set a var.
 */
public final class CurrentContext {
    /**
     * False until a {@code ContextVar} is first set in this JVM. While false every context is
     * empty, so a callback need not capture one: it runs in a fresh empty context, which is what a
     * copy of an empty context is. Volatile so that a set on one thread is seen by captures on
     * the others (a plain load on x86).
     */
    public static volatile boolean inUse;

    /** A non-task thread's current context. Only its own thread touches it. */
    public static final class Slot {
        /** Null means "empty, not created yet" (created on the first set). */
        Context context;
    }

    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    /**
     * Enters and leaves contexts for {@link #runIn}: {@code Context} keeps its entered flag to
     * itself and hands this in from its static initialiser (the JDK's shared-secrets pattern), so
     * the flag needs no public method.
     */
    public interface Entering {
        /** Marks {@code context} entered; false if it already is. */
        boolean enter(Context context);

        /** Marks {@code context} left. */
        void exit(Context context);
    }

    private static Entering entering;

    private CurrentContext() {
    }

    /** Called once by {@code Context}'s static initialiser. */
    public static void setEntering(Entering e) {
        entering = e;
    }

    /** The calling code's current context, or null for a thread whose context is still empty. */
    public static Context get() {
        Strand s = Strand.current();
        return s != null ? s.context : SLOT.get().context;
    }

    /** Makes {@code ctx} the calling code's current context (null: a fresh empty one). */
    public static void set(Context ctx) {
        Strand s = Strand.current();
        if (s != null) {
            s.context = ctx;
        } else {
            SLOT.get().context = ctx;
        }
    }

    /** The calling thread's slot (for a loop, its own thread's, kept while it runs). */
    public static Slot slot() {
        return SLOT.get();
    }

    /**
     * Runs {@code body} with {@code context} current on the thread whose slot is {@code slot},
     * as {@code Context.run} does: a callback of the loop. Loop thread only.
     *
     * @throws IllegalStateException if {@code context} is entered already
     */
    public static void runIn(Slot slot, Context context, Runnable body) {
        Context previous = slot.context;
        if (previous == context || !entering.enter(context)) {
            throw new IllegalStateException("cannot enter context: " + context + " is already entered; schedule the "
                    + "callback with a copy() of it");
        }
        slot.context = context;
        try {
            body.run();
        } finally {
            slot.context = previous;
            entering.exit(context);
        }
    }

    /** Records that a var has been set somewhere; cheap to call on every set. */
    public static void markInUse() {
        if (!inUse) {
            inUse = true;
        }
    }
}
