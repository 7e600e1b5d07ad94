package io.asyncio4j;

/**
 * A callback scheduled for a time with {@link EventLoop#callLater} or {@link EventLoop#callAt}.
 * <p>
 * asyncio: {@code asyncio.TimerHandle}
 */
public interface TimerHandle extends Handle {

    /** The time it is scheduled for, in seconds on the loop's clock ({@link EventLoop#time()}). */
    double when();
}
