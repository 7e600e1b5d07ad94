package io.asyncio4j;

import java.time.Duration;

/** Seconds-as-double and {@link Duration} to loop nanoseconds, with the checks every API shares. */
final class Durations {
    private Durations() {
    }

    /** A delay: finite, not negative. */
    static long delayNanos(double seconds, String what) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException(what + ": the delay must be a number of seconds >= 0, got " + seconds
                    + "; use 0 to run at the next iteration");
        }
        return secondsToNanosSaturated(seconds);
    }

    /** A delay: not null, not negative. */
    static long delayNanos(Duration d, String what) {
        if (d == null) {
            throw new NullPointerException(what + ": the delay is null");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + ": the delay must not be negative, got " + d
                    + "; use Duration.ZERO to run at the next iteration");
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
        return (long) n;
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
