package io.asyncio4j.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test (or every test of the annotated class) on a {@link VirtualClock} that
 * jumps only after the loop has been idle for {@link #value()} milliseconds of real time with
 * nothing arriving: for tests whose tasks wait on sockets or on other threads (a
 * {@code wrapFuture}'d stage) with timeouts around them, which a clock jumping at once would fire.
 * Each jump then costs that much real time, so keep it small (tens of milliseconds).
 * <p>
 * asyncio: none (Trio: {@code MockClock(autojump_threshold=...)})
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AutojumpThreshold {
    /** The real idle time before a jump, in milliseconds (more than 0). */
    long value();
}
