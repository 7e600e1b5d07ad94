package io.asyncio4j.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The lines of a reader with a suspending {@code readline()}, for a for-each loop: each
 * {@code hasNext()} reads the next line (and may suspend), and the first empty line — what
 * asyncio's {@code readline()} returns at the end — ends the iteration. An I/O error arrives
 * unchanged, undeclared (an {@link Iterator} cannot declare it).
 * <p>
 * Threading: the task that reads the source; one iterator per loop.
 * <p>
 * asyncio: {@code async for line in reader}
 */
public final class LineIterator<T> implements Iterator<T> {
    /** Where the lines come from. */
    @FunctionalInterface
    public interface Source<T> {
        /** The next line, or an empty one at the end. May suspend. */
        T readline() throws IOException;
    }

    private final Source<T> source;
    private final Predicate<T> isEnd;
    private final String endMessage;
    private T next;

    /**
     * @param isEnd      true for the empty line that marks the end
     * @param endMessage the {@link NoSuchElementException}'s message for a {@code next()} past the end
     */
    public LineIterator(Source<T> source, Predicate<T> isEnd, String endMessage) {
        this.source = source;
        this.isEnd = isEnd;
        this.endMessage = endMessage;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = source.readline();
            } catch (IOException e) {
                throw Sneaky.rethrow(e);
            }
        }
        return !isEnd.test(next);
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException(endMessage);
        }
        T line = next;
        next = null;
        return line;
    }
}
