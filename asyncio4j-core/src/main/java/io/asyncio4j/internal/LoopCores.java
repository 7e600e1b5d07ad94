package io.asyncio4j.internal;

import io.asyncio4j.EventLoop;

import java.util.function.Function;

/**
 * How library code outside {@code io.asyncio4j} reaches an {@link EventLoop}'s {@link LoopCore}
 * without a public method on {@code EventLoop} (the JDK's "shared secrets" pattern):
 * {@code EventLoop}'s static initialiser registers the accessor. For the subprocess transport,
 * which counts a running child as work in progress for the loop clock.
 * <p>
 * Threading: the accessor is set once, before any {@code EventLoop} exists (class
 * initialisation orders it before every use); reading a loop's core is safe on any thread.
 */
public final class LoopCores {
    private static volatile Function<EventLoop, LoopCore> accessor;

    private LoopCores() {
    }

    /** Called once by {@code EventLoop}'s static initialiser. */
    public static void setAccessor(Function<EventLoop, LoopCore> a) {
        if (accessor != null) {
            throw new IllegalStateException("LoopCores.setAccessor(): already set");
        }
        accessor = a;
    }

    /** The core of {@code loop}. */
    public static LoopCore of(EventLoop loop) {
        return accessor.apply(loop);
    }
}
