package io.asyncio4j.testing;

import io.asyncio4j.LoopClock;

import java.time.Duration;

/**
 * A loop clock that jumps ahead to the next timer whenever the loop has nothing to run, so a
 * test that sleeps an hour finishes in milliseconds with exactly the ordering real time would
 * give (Trio's autojump {@code MockClock} with a threshold of zero).
 * <p>
 * Two rules keep it honest:
 * <ul>
 *   <li>While work submitted to other threads ({@code runInExecutor}, {@code toThread}) is still
 *       running, the clock does not jump; it flows at real speed, so a timeout around such work
 *       behaves as it would in real time.</li>
 *   <li>With no timer at all, the loop really waits (for I/O or another thread): there is
 *       nothing to jump to.</li>
 * </ul>
 * Work on other threads that the loop only hears about through {@code callSoonThreadsafe},
 * {@code wrapFuture} or {@code Asyncio.await(stage)} is not counted: with a timer pending, the
 * clock jumps to it at once, so a timeout around such a wait fires before the thread is done.
 * Run blocking work through {@code runInExecutor} or {@code toThread}, which the clock waits for.
 * Starts at 0 seconds. Threading: read and advanced by the loop thread; {@link #advance} is for
 * the loop thread too (a test running as the main task).
 * <p>
 * asyncio: none (Trio: {@code trio.testing.MockClock(autojump_threshold=0)})
 */
public final class VirtualClock implements LoopClock {
    private long now;
    private boolean flowing;
    private long lastReal;
    private long jumps;

    /** A clock at 0 that jumps whenever the loop is idle. */
    public VirtualClock() {
    }

    @Override
    public long nanoTime() {
        if (flowing) {
            long r = System.nanoTime();
            now += r - lastReal;
            lastReal = r;
        }
        return now;
    }

    @Override
    public long beforeIdle(long timeoutNanos, boolean externalWorkPending) {
        if (externalWorkPending) {
            if (!flowing) {
                flowing = true;
                lastReal = System.nanoTime();
            }
            return timeoutNanos; // wait for the other thread in real time, up to the next timer
        }
        if (flowing) {
            nanoTime();
            flowing = false;
        }
        if (timeoutNanos < 0) {
            return -1; // no timer: only I/O or another thread can wake the loop
        }
        now += timeoutNanos;
        jumps++;
        return 0;
    }

    /** Moves the clock forward by {@code d}; timers now due run in the next iteration. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("VirtualClock.advance(): time only moves forward, got " + d);
        }
        now += d.toNanos();
    }

    /** The current virtual time, in seconds. */
    public double seconds() {
        return nanoTime() / 1e9;
    }

    /** How many times the clock jumped ahead because the loop was idle. */
    public long jumps() {
        return jumps;
    }

    @Override
    public String toString() {
        return "<VirtualClock t=" + seconds() + "s>";
    }
}
