package io.asyncio4j.queues;

/**
 * A {@link Queue} that hands out the most recently put item first (a stack).
 * Everything else (capacity, waiting, taskDone/join, shutdown, threading) is {@link Queue}'s.
 * <p>
 * asyncio: {@code asyncio.LifoQueue}
 *
 * @param <T> the item type
 */
public class LifoQueue<T> extends Queue<T> {

    /** An unbounded stack. asyncio: {@code asyncio.LifoQueue()} */
    public LifoQueue() {
        this(0);
    }

    /** A stack of at most {@code maxsize} items (0: unbounded). asyncio: {@code asyncio.LifoQueue(maxsize)} */
    public LifoQueue(int maxsize) {
        super(maxsize, new ArrayStack<>());
    }
}
