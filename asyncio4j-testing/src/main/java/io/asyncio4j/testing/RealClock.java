package io.asyncio4j.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test (or every test of the annotated class) on the system clock instead of
 * the {@link VirtualClock}: for the few tests that check real time or wait on real I/O with
 * deadlines around it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RealClock {
}
