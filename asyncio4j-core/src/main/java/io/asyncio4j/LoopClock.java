package io.asyncio4j;

/**
 * The time source of an {@link EventLoop}, and what the loop does when it has nothing to run.
 * <p>
 * The default is the system's monotonic clock ({@link #system()}). The testing kit supplies a
 * virtual clock that jumps ahead to the next timer whenever every task is waiting, so a test
 * that sleeps an hour finishes in milliseconds with the same ordering (Trio's autojump
 * {@code MockClock}).
 * <p>
 * Threading: both methods are called on the loop thread only.
 * <p>
 * asyncio: {@code loop.time()} and the selector timeout in {@code BaseEventLoop._run_once}.
 */
public interface LoopClock {

    /** Now, in nanoseconds, on this clock's own scale (only differences matter). */
    long nanoTime();

    /**
     * The loop has nothing ready and would wait up to {@code timeoutNanos} on this clock
     * ({@code -1}: no timer is scheduled) for I/O or for work from other threads.
     *
     * @param timeoutNanos the time until the next timer on this clock, or -1 for none
     * @param externalWorkPending true while work submitted to other threads (run_in_executor,
     *     toThread) is still running: a virtual clock must not jump then, or a timeout would
     *     fire before a thread that really takes time could finish
     * @return how long to really block, in nanoseconds: {@code 0} to only poll, {@code -1} to
     *     block until woken
     */
    long beforeIdle(long timeoutNanos, boolean externalWorkPending);

    /**
     * The real wait that {@link #beforeIdle} asked for has ended.
     *
     * @param woken true if something arrived during it (I/O, a thread's result, a signal), false
     *     if the wait simply ran out
     */
    default void afterIdle(boolean woken) {
    }

    /** The system's monotonic clock ({@link System#nanoTime()}); the loop really sleeps. */
    static LoopClock system() {
        return SystemClock.INSTANCE;
    }

    /** The default clock: real time, real waiting. */
    enum SystemClock implements LoopClock {
        /** The one system clock. */
        INSTANCE;

        /** System.nanoTime(). asyncio: {@code time.monotonic()} */
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        /** Waits as long as asked: real time. asyncio: the selector timeout of _run_once */
        @Override
        public long beforeIdle(long timeoutNanos, boolean externalWorkPending) {
            return timeoutNanos;
        }
    }
}
