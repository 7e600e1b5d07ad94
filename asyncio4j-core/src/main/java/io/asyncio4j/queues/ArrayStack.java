package io.asyncio4j.queues;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Last in, first out, listed bottom first ({@link #iterator()}), as asyncio's
 * {@code LifoQueue} keeps a Python list ({@code append}/{@code pop}) and shows its
 * {@code _queue}. Not thread-safe: its {@link Queue} guards it.
 * <p>
 * asyncio: the {@code list} behind {@code asyncio.LifoQueue}
 *
 * @param <T> the item type
 */
final class ArrayStack<T> extends AbstractQueue<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();

    @Override
    public boolean offer(T item) {
        items.addLast(item);
        return true;
    }

    @Override
    public T poll() {
        return items.pollLast();
    }

    @Override
    public T peek() {
        return items.peekLast();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public void clear() {
        items.clear();
    }

    /** Bottom (oldest) first; read-only. */
    @Override
    public Iterator<T> iterator() {
        Iterator<T> it = items.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }
        };
    }
}
