package io.asyncio4j.internal.util;

import io.asyncio4j.internal.Sneaky;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The items of a reader whose read may suspend, for a for-each loop in a task: each
 * {@code hasNext()} reads the next item (and may suspend), and the first item that marks the end
 * — the empty line asyncio's {@code readline()} returns at the end, an empty chunk, a null part —
 * ends the iteration; the source is not read again after it. An I/O error arrives unchanged,
 * undeclared (an {@link Iterator} cannot declare it).
 * <p>
 * Used by the core's streams and files and by the HTTP module's body and multipart readers
 * (exported to it alone).
 * <p>
 * Threading: the task that reads the source; one iterator per loop.
 * <p>
 * asyncio: {@code async for line in reader} (aiohttp's {@code AsyncStreamIterator})
 */
public final class SuspendingIterator<T> implements Iterator<T> {
    /** Where the items come from. */
    @FunctionalInterface
    public interface Source<T> {
        /** The next item, or the end marker. May suspend. */
        T read() throws IOException;
    }

    private final Source<T> source;
    private final Predicate<T> isEnd;
    private final String endMessage;
    private T next;
    private boolean ended;

    /**
     * @param isEnd      true for the item that marks the end (it is not handed out)
     * @param endMessage the {@link NoSuchElementException}'s message for a {@code next()} past the end
     */
    public SuspendingIterator(Source<T> source, Predicate<T> isEnd, String endMessage) {
        this.source = source;
        this.isEnd = isEnd;
        this.endMessage = endMessage;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            T item;
            try {
                item = source.read();
            } catch (IOException e) {
                throw Sneaky.rethrow(e);
            }
            if (isEnd.test(item)) {
                ended = true;
            } else {
                next = item;
            }
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException(endMessage);
        }
        T item = next;
        next = null;
        return item;
    }
}
