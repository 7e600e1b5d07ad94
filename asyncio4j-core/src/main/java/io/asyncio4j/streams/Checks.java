package io.asyncio4j.streams;

import java.time.Duration;

/** Argument checks shared by the option records. */
final class Checks {
    private Checks() {
    }

    static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
    }
}
