package io.asyncio4j;

import java.time.Duration;

/** Seconds-as-double and {@link Duration} to loop nanoseconds, with the checks every API shares. */
final class Durations {
    private Durations() {
    }

    /**
     * A delay ({@code sleep}, {@code callLater}): not NaN. A negative delay is a deadline already
     * past, as in asyncio: {@code sleep(-1)} yields once like {@code sleep(0)}, and
     * {@code callLater(-1, cb)} runs {@code cb} at the next iteration, before timers due later.
     * Code that sleeps until {@code deadline - loop.time()} must not fail when it runs late.
     */
    static long delayNanos(double seconds, String what) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException(what + ": the delay is NaN (not a number); pass a number of seconds");
        }
        return secondsToNanosSaturated(seconds);
    }

    /** A delay as a {@link Duration}: not null; negative as in {@link #delayNanos(double, String)}. */
    static long delayNanos(Duration d, String what) {
        if (d == null) {
            throw new NullPointerException(what + ": the delay is null");
        }
        return toNanosSaturated(d);
    }

    /** A length of time that cannot be negative (a setting, not a deadline): finite or infinite, >= 0. */
    static long nonNegativeNanos(double seconds, String what) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException(what + ": the duration must be a number of seconds >= 0, got " + seconds);
        }
        return secondsToNanosSaturated(seconds);
    }

    /** {@link #nonNegativeNanos(double, String)} for a {@link Duration}. */
    static long nonNegativeNanos(Duration d, String what) {
        if (d == null) {
            throw new NullPointerException(what + ": the duration is null");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + ": the duration must not be negative, got " + d);
        }
        return toNanosSaturated(d);
    }

    /** A timeout: may be zero or negative (already expired, as in asyncio), not NaN. */
    static long timeoutNanos(double seconds, String what) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException(what + ": the timeout is NaN; pass a number of seconds");
        }
        return secondsToNanosSaturated(seconds);
    }

    /** A timeout: may be zero or negative (already expired), not null. */
    static long timeoutNanos(Duration d, String what) {
        if (d == null) {
            throw new NullPointerException(what + ": the timeout is null; use the overload without a timeout");
        }
        return toNanosSaturated(d);
    }

    /**
     * Loop nanoseconds back to seconds; a saturated deadline (a delay of infinity, or one too
     * large for a long) reads as {@code Double.POSITIVE_INFINITY}, as asyncio's {@code when()}.
     */
    static double nanosToSeconds(long nanos) {
        return nanos >= Long.MAX_VALUE / 2 ? Double.POSITIVE_INFINITY : nanos / 1e9;
    }

    static long secondsToNanosSaturated(double seconds) {
        double n = seconds * 1e9;
        if (n >= Long.MAX_VALUE / 2.0) {
            return Long.MAX_VALUE / 2;
        }
        if (n <= Long.MIN_VALUE / 2.0) {
            return Long.MIN_VALUE / 2;
        }
        long whole = (long) n;
        // A positive delay under a nanosecond is still a delay: asyncio keeps sleep(1e-10) a
        // timer (callbacks queued after it run first) and wait_for(coro, 1e-10) starts the
        // coroutine; truncated to 0 it would yield like sleep(0) or time out before starting.
        return whole == 0 && n > 0 ? 1 : whole;
    }

    static long toNanosSaturated(Duration d) {
        try {
            return Math.min(d.toNanos(), Long.MAX_VALUE / 2);
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    /** loop-now + relative, saturating (never overflows). */
    static long deadline(long now, long relative) {
        long d = now + relative;
        if (relative > 0 && d < now) {
            return Long.MAX_VALUE / 2;
        }
        return Math.min(d, Long.MAX_VALUE / 2);
    }
}
