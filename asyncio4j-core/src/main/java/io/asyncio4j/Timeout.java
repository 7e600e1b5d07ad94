package io.asyncio4j;

import io.asyncio4j.internal.Sneaky;

import java.time.Duration;

/**
 * A deadline around a block of code in the current task: when it passes, the task is cancelled
 * at its suspension point, and the {@link CancelledError} leaving the block becomes a
 * {@link TimeoutException}. Timeouts nest: only the one that fired converts.
 * <p>
 * States, as in asyncio's {@code timeouts.py}:
 * <pre>
 *   CREATED ──run──▶ ENTERED ──deadline──▶ EXPIRING ──block ends──▶ EXPIRED
 *                    ENTERED ──block ends──▶ EXITED
 * </pre>
 * Why a block ({@link #run}) and not try-with-resources: {@code close()} cannot see the
 * exception leaving a try block, so it could neither turn the cancellation into a
 * {@code TimeoutException} nor tell its own cancellation from someone else's.
 * <p>
 * Threading: loop thread only; enter it from a task.
 * <p>
 * asyncio: {@code asyncio.Timeout} ({@code asyncio.timeout()}, {@code asyncio.timeout_at()})
 */
public final class Timeout {
    /** Timeout states; see the class comment. asyncio: {@code asyncio.timeouts._State} */
    public enum State {
        /** Not entered yet. asyncio: {@code "created"} */
        CREATED,
        /** The block runs under the deadline. asyncio: {@code "active"} */
        ENTERED,
        /** The deadline passed; the block is being cancelled. asyncio: {@code "expiring"} */
        EXPIRING,
        /** The block ended after the deadline passed; final. asyncio: {@code "expired"} */
        EXPIRED,
        /** The block ended in time; final. asyncio: {@code "finished"} */
        EXITED
    }

    /**
     * A block that can see its timeout, to reschedule it or ask whether it expired.
     * asyncio: the body of async with asyncio.timeout(...) as cm:
     */
    @FunctionalInterface
    public interface Body<T> {
        /** The block; may suspend. */
        T call(Timeout timeout) throws Exception;
    }

    private static final long NEVER = Long.MAX_VALUE;

    private State state = State.CREATED;
    /** Absolute deadline on the loop clock in nanoseconds, or NEVER; or relative, until entered. */
    private long when;
    private final boolean relative;
    private Task<?> task;
    private int cancellingAtEntry;
    private Handle handle;

    private Timeout(long when, boolean relative) {
        this.when = when;
        this.relative = relative;
    }

    /**
     * A timeout {@code delay} from now (from when the block is entered if no loop runs here
     * yet); zero or negative: already due, the block is cancelled at its first suspension;
     * {@code null}: no deadline until {@link #reschedule}d. asyncio: {@code asyncio.timeout(delay)}
     */
    public static Timeout after(Duration delay) {
        if (delay == null) {
            return never();
        }
        return relative(Durations.timeoutNanos(delay, "Timeout.after()"));
    }

    /** {@link #after(Duration)} with the delay in seconds. asyncio: {@code asyncio.timeout(delay)} */
    public static Timeout after(double seconds) {
        return relative(Durations.timeoutNanos(seconds, "Timeout.after()"));
    }

    private static Timeout relative(long nanos) {
        EventLoop loop = EventLoop.runningLoopOrNull();
        if (loop != null) {
            // asyncio computes loop.time() + delay when the timeout is created
            return new Timeout(Durations.deadline(loop.core.nanoTime(), nanos), false);
        }
        return new Timeout(nanos, true);
    }

    /**
     * A timeout at loop time {@code when} (seconds on {@link EventLoop#time()}'s clock; a time in
     * the past is already due; {@code Double.POSITIVE_INFINITY}: no deadline).
     * asyncio: {@code asyncio.timeout_at(when)}
     */
    public static Timeout at(double when) {
        if (when == Double.POSITIVE_INFINITY) {
            return never();
        }
        return new Timeout(Durations.timeoutNanos(when, "Timeout.at()"), false);
    }

    /** A timeout that never fires until rescheduled. asyncio: {@code asyncio.timeout(None)} */
    public static Timeout never() {
        return new Timeout(NEVER, false);
    }

    /** Runs {@code body} under this timeout; see the class comment. May suspend. asyncio: {@code async with cm:} */
    public <T> T run(Coroutine<T> body) {
        return run(t -> body.call());
    }

    /**
     * Runs {@code body} under this timeout, giving it the timeout. May suspend.
     * asyncio: {@code async with cm as timeout:}
     */
    public <T> T run(Body<T> body) {
        enter();
        T value = null;
        Throwable failure = null;
        try {
            value = body.call(this);
        } catch (Throwable t) {
            failure = t;
        }
        Throwable raised = exit(failure);
        if (raised != null) {
            throw Sneaky.rethrow(raised);
        }
        return value;
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout.run(): this timeout has already been entered (it is "
                    + word(state) + "); create a new one for each block");
        }
        Task<?> t = Task.current();
        if (t == null) {
            throw new IllegalStateException("Timeout.run(): must be used inside a task; run the block from a "
                    + "coroutine (Asyncio.run(...), createTask(...))");
        }
        task = t;
        state = State.ENTERED;
        cancellingAtEntry = t.cancelling();
        long w = when;
        if (relative) {
            w = Durations.deadline(t.loop.core.nanoTime(), when);
        }
        schedule(w);
    }

    private Throwable exit(Throwable failure) {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEntry && failure != null) {
                if (failure instanceof CancelledError) {
                    return new TimeoutException("the timeout expired", failure);
                }
                // another exception was raised while the timeout's cancellation unwound the
                // block: it wins, and records the timeout (asyncio's _insert_timeout_error)
                markTimedOut(failure);
                if (failure instanceof ExceptionGroupException g) {
                    for (Throwable t : g.exceptions()) {
                        markTimedOut(t);
                    }
                }
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return failure;
    }

    private static void markTimedOut(Throwable t) {
        t.addSuppressed(new TimeoutException("the timeout expired; this exception was raised while the block was "
                + "being cancelled"));
    }

    /**
     * Moves the deadline to loop time {@code whenSeconds} ({@code Double.POSITIVE_INFINITY}: never;
     * a time in the past: at the next iteration). asyncio: {@code Timeout.reschedule(when)}
     *
     * @throws IllegalStateException unless the timeout is entered and has not fired
     */
    public void reschedule(double whenSeconds) {
        if (state != State.ENTERED) {
            throw new IllegalStateException(state == State.CREATED
                    ? "Timeout.reschedule(): the timeout has not been entered; call it from inside run()"
                    : "Timeout.reschedule(): cannot change state of " + word(state) + " Timeout; create a new one");
        }
        if (Double.isNaN(whenSeconds)) {
            throw new IllegalArgumentException("Timeout.reschedule(): the time is NaN; pass loop.time() + delay, "
                    + "or Double.POSITIVE_INFINITY for no deadline");
        }
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        schedule(whenSeconds == Double.POSITIVE_INFINITY ? NEVER
                : Durations.timeoutNanos(whenSeconds, "Timeout.reschedule()"));
    }

    /**
     * Moves the deadline to {@code delay} from now ({@code null}: never).
     * asyncio: {@code cm.reschedule(loop.time() + delay)}
     */
    public void reschedule(Duration delay) {
        if (delay == null) {
            reschedule(Double.POSITIVE_INFINITY);
            return;
        }
        long now = task == null ? 0 : task.loop.core.nanoTime();
        reschedule(Durations.deadline(now, Durations.timeoutNanos(delay, "Timeout.reschedule()")) / 1e9);
    }

    private void schedule(long deadline) {
        when = deadline;
        if (deadline == NEVER) {
            return;
        }
        EventLoop loop = task.loop;
        if (deadline <= loop.core.nanoTime()) {
            handle = loop.callSoon(this::onTimeout);
        } else {
            handle = loop.callAtNanos(deadline, this::onTimeout);
        }
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        handle = null;
    }

    /** The deadline in loop seconds, or {@code Double.POSITIVE_INFINITY}. asyncio: {@code when()} */
    public double when() {
        return when == NEVER ? Double.POSITIVE_INFINITY
                : relative && state == State.CREATED ? Double.NaN : Durations.nanosToSeconds(when);
    }

    /** True if the deadline passed while the block ran. asyncio: {@code expired()} */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /** The current state. asyncio: {@code Timeout._state} */
    public State state() {
        return state;
    }

    /** asyncio's word for a state: created, active, expiring, expired, finished. */
    private static String word(State s) {
        switch (s) {
            case ENTERED:
                return "active";
            case EXITED:
                return "finished";
            default:
                return s.name().toLowerCase();
        }
    }

    /**
     * asyncio's repr: {@code <Timeout [active] when=12.5>}, {@code <Timeout [expired]>}...
     * asyncio: {@code repr(cm)}
     */
    @Override
    public String toString() {
        String w = state == State.ENTERED ? " when=" + (when == NEVER ? "None" : String.valueOf(when / 1e9)) : "";
        return "<Timeout [" + word(state) + "]" + w + ">";
    }
}
