package io.asyncio4j.internal;

import io.asyncio4j.contextvars.Context;

/**
 * One thread of control of a task: the task's own virtual thread, or the thread of an async
 * generator running on the task's behalf. An engine decides how a strand's steps are run on
 * the loop thread; everything above the engine sees only this class.
 * <p>
 * States: NEW → SCHEDULED → RUNNING → (SUSPENDED → SCHEDULED → RUNNING)* → DONE. A strand is
 * in the ready queue at most once (SCHEDULED); it runs only on the loop (RUNNING), one strand
 * of a loop at a time. An eager start ({@link #startEager()}) goes from NEW to RUNNING without
 * passing through the ready queue, and its creator is SUSPENDED meanwhile (or, if the creator is
 * a callback, the loop thread runs the step nested inside it).
 * <p>
 * Threading: {@link #suspend()} and {@link #yieldNow()} are called by the strand itself;
 * {@link #start()}, {@link #startEager()}, {@link #wake()} and {@link #wakeNext()} on the loop
 * thread (from a callback or from another strand of the same loop). Fields are guarded by that
 * single-thread discipline.
 */
public abstract class Strand implements Runnable {
    private static final ThreadLocal<Strand> CURRENT = new ThreadLocal<>();

    protected final LoopCore loop;
    /**
     * The task this strand works for (an {@code io.asyncio4j.Task}). Fixed for a task's own
     * strand; an async generator's strand works for whichever task consumes it, and is handed
     * to that task at each resume. Loop-thread only.
     */
    public Object owner;
    protected final Runnable body;
    /**
     * What the strand is suspended on (a future, a sleep timer, a generator hand-off). A
     * completion wakes the strand only if it is still this object, so a late completion of
     * something it stopped waiting for cannot wake it. Loop-thread only.
     */
    public Object waitingOn;
    /**
     * The context the strand's code runs in ({@code contextvars}): its task's context, another
     * one during a {@code Context.run}, or, for an async generator, its consumer's, handed over
     * at each resume. Never null once the strand runs. Touched only by the strand itself, or by
     * the loop thread before the strand's first step and at generator hand-offs.
     */
    public Context context;
    private boolean woken;

    protected Strand(LoopCore loop, Object owner, Runnable body) {
        this.loop = loop;
        this.owner = owner;
        this.body = body;
    }

    /** The strand running on the calling thread, or null on any other thread. */
    public static Strand current() {
        Strand s = LoomThreads.strandOf(Thread.currentThread());
        return s != null ? s : CURRENT.get();
    }

    /** The loop this strand runs on. */
    public final LoopCore loop() {
        return loop;
    }

    /** Runs the body on the strand's own thread; engines call this as the thread's entry point. */
    protected final void runBody() {
        // a loom strand is found from its thread; others are registered in the ThreadLocal
        boolean registered = LoomThreads.strandOf(Thread.currentThread()) != this;
        if (registered) {
            CURRENT.set(this);
        }
        try {
            body.run();
        } finally {
            if (registered) {
                CURRENT.remove();
            }
        }
    }

    /** Schedules the first step at the tail of the ready queue. */
    public abstract void start();

    /**
     * Arms the strand for a wait on {@code target}: from now on a {@link #wakeFrom(Object)}
     * with that target wakes it. Call before registering with the target, then {@link #suspend()}.
     */
    public final void prepareWait(Object target) {
        waitingOn = target;
        woken = false;
    }

    /**
     * Suspends the calling strand until {@link #wake()}. If the wake came already (the strand
     * completed what it waits on itself), it still yields once, as an asyncio task would go
     * through the ready queue.
     */
    public final void suspend() {
        if (woken) {
            yieldNow();
            return;
        }
        // A set interrupt flag (user code restoring it after an InterruptedException) makes every
        // park return at once: the strand would spin and never give the loop back. Interrupts
        // mean nothing to a suspended task; clear the flag while parked and restore it after.
        boolean interrupted = Thread.interrupted();
        try {
            do {
                park();
            } while (!woken);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes the strand if it is still waiting on {@code target}; returns whether it did. */
    public final boolean wakeFrom(Object target) {
        if (waitingOn != target) {
            return false;
        }
        waitingOn = null;
        wake();
        return true;
    }

    /** Schedules the suspended strand at the tail of the ready queue. */
    public final void wake() {
        if (woken) {
            return;
        }
        woken = true;
        if (!isCurrentThread()) {
            unpark();
        }
    }

    /**
     * Arms the strand and schedules it to run right after the current step, before anything
     * else in the ready queue: the hand-off between a generator and its consumer, which in
     * asyncio is a plain call within one step.
     */
    public final void wakeNext() {
        waitingOn = null;
        woken = true;
        loop.armHandoff();
        if (!isStarted()) {
            startThread();
        } else {
            unpark();
        }
    }

    /**
     * Eager start (asyncio's {@code Task(..., eager_start=True)}): runs the strand's first step
     * now, until it first suspends or ends, and returns after it; nothing else of the loop runs
     * in between. Later steps are scheduled as any strand's.
     * <p>
     * Called on the loop while it runs, by a strand of this loop (a task's step) or by the loop
     * thread itself (a callback). A callback runs the step nested, on the loop thread
     * ({@link LoopCore#runNested}). A strand cannot (a virtual thread cannot mount another), so
     * it hands the loop thread two follow-ups, "start this strand" then "resume me", and suspends:
     * the loop thread runs them as soon as the calling strand has parked, before the ready queue
     * ({@link LoopCore#pushFollowUp}). A follow-up makes its strand run next through the hand-off
     * ({@link LoopCore#armHandoff}), which also carries a generator's hand-overs within a step.
     * Nested eager starts stack up the same way and unwind in call order. Both engines take this
     * path; only the engines' own start/park/unpark differ.
     */
    public final void startEager() {
        Strand creator = current();
        if (creator == null) {
            loop.runNested(this::startNext);
            return;
        }
        if (creator.loop != loop) {
            throw new IllegalStateException("eager start: called from a task of another event loop; create the "
                    + "task from its own loop (callSoonThreadsafe or runCoroutineThreadsafe)");
        }
        creator.prepareWait(EAGER_CHILD);
        loop.pushFollowUp(creator::wakeNext); // second: resume the creator
        loop.pushFollowUp(this::startNext);   // first: this strand's first step
        creator.suspend();
    }

    /** What a creator strand waits on during an eager start: only its own follow-up wakes it. */
    private static final Object EAGER_CHILD = new Object() {
        @Override
        public String toString() {
            return "an eager task's first step";
        }
    };

    /** Starts the strand to run right after the current item (the follow-up of {@link #startEager}). */
    private void startNext() {
        loop.armHandoff();
        startThread();
    }

    /** Ends the current step and reschedules the strand at the tail of the ready queue. */
    public abstract void yieldNow();

    /** True once the strand's thread exists and has been started. */
    protected abstract boolean isStarted();

    /** Starts the strand's thread, which submits its first step. */
    protected abstract void startThread();

    /** Suspends the calling strand's thread until {@link #unpark()}; may return spuriously. */
    protected abstract void park();

    /** Schedules a suspended strand (loop thread). */
    protected abstract void unpark();

    /** True when called on this strand's own thread. */
    public abstract boolean isCurrentThread();

    /** The strand's thread, once started. */
    public abstract Thread thread();
}
