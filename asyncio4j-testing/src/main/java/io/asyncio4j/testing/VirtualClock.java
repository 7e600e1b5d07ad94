package io.asyncio4j.testing;

import io.asyncio4j.LoopClock;

import java.time.Duration;

/**
 * A loop clock that jumps ahead to the next timer whenever the loop has nothing to run, so a
 * test that sleeps an hour finishes in milliseconds with exactly the ordering real time would
 * give (Trio's autojump {@code MockClock}).
 * <p>
 * Three rules keep it honest:
 * <ul>
 *   <li>While work submitted to other threads ({@code runInExecutor}, {@code toThread}) is still
 *       running, the clock does not jump; it flows at real speed, so a timeout around such work
 *       behaves as it would in real time.</li>
 *   <li>With no timer at all, the loop really waits (for I/O or another thread): there is
 *       nothing to jump to.</li>
 *   <li>With an autojump threshold ({@link #VirtualClock(Duration)}), the loop must have been
 *       idle for that much real time, with nothing arriving, before the clock jumps: bytes from
 *       a socket, a {@code callSoonThreadsafe}, a {@code wrapFuture}'d stage completed by
 *       another thread all get that long to show up. Virtual time stands still meanwhile. The
 *       default threshold is zero: jump at once.</li>
 * </ul>
 * With a zero threshold, work on other threads that the loop only hears about through
 * {@code callSoonThreadsafe}, {@code wrapFuture} or {@code Asyncio.await(stage)} is not waited
 * for: with a timer pending, the clock jumps to it at once, so a timeout around such a wait fires
 * before the thread is done. Give such tests a threshold ({@link AutojumpThreshold}), or run the
 * blocking work through {@code runInExecutor} or {@code toThread}, which the clock waits for.
 * Starts at 0 seconds. Threading: read and advanced by the loop thread; {@link #advance} is for
 * the loop thread too (a test running as the main task).
 * <p>
 * asyncio: none (Trio: {@code trio.testing.MockClock(autojump_threshold=...)})
 */
public final class VirtualClock implements LoopClock {
    private final long thresholdNanos;
    private long now;
    private boolean flowing;
    private long lastReal;
    private long jumps;
    private long idleSinceReal = -1; // real time the current idle period began; -1: not idle

    /** A clock at 0 that jumps whenever the loop is idle. */
    public VirtualClock() {
        this(Duration.ZERO);
    }

    /**
     * A clock at 0 that jumps once the loop has been idle for {@code autojumpThreshold} of real
     * time with nothing arriving. asyncio: none (Trio: {@code MockClock(autojump_threshold=...)})
     */
    public VirtualClock(Duration autojumpThreshold) {
        if (autojumpThreshold == null || autojumpThreshold.isNegative()) {
            throw new IllegalArgumentException("VirtualClock: the autojump threshold must be zero or more; got "
                    + autojumpThreshold);
        }
        this.thresholdNanos = autojumpThreshold.toNanos();
    }

    /** The real time the loop must be idle before the clock jumps (zero: at once). */
    public Duration autojumpThreshold() {
        return Duration.ofNanos(thresholdNanos);
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
            idleSinceReal = -1;
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
            idleSinceReal = -1;
            return -1; // no timer: only I/O or another thread can wake the loop
        }
        if (thresholdNanos > 0) {
            long real = System.nanoTime();
            if (idleSinceReal < 0) {
                idleSinceReal = real;
            }
            long waited = real - idleSinceReal;
            if (waited < thresholdNanos) {
                return thresholdNanos - waited; // give I/O and other threads the rest of the threshold
            }
            idleSinceReal = -1;
        }
        now += timeoutNanos;
        jumps++;
        return 0;
    }

    @Override
    public void afterIdle(boolean woken) {
        if (woken) {
            idleSinceReal = -1; // something arrived: the next idle period starts from scratch
        }
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
        return "<VirtualClock t=" + seconds() + "s" + (thresholdNanos > 0 ? " autojump after "
                + autojumpThreshold().toMillis() + " ms" : "") + ">";
    }
}
