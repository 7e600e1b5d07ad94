package io.asyncio4j.queues;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out the smallest item first: by a {@link Comparator}, or by the
 * items' natural ordering ({@link Comparable}). Items that compare equal come out in the order
 * asyncio's heap ({@code heapq}) gives them, which is not insertion order; to keep insertion
 * order among equal priorities, add a sequence number to the comparison.
 * <pre>{@code
 * record Job(int priority, String name) {}
 * var jobs = new PriorityQueue<Job>(Comparator.comparingInt(Job::priority));
 * }</pre>
 * Everything else (capacity, waiting, taskDone/join, shutdown, threading) is {@link Queue}'s.
 * <p>
 * asyncio: {@code asyncio.PriorityQueue}
 *
 * @param <T> the item type
 */
public class PriorityQueue<T> extends Queue<T> {
    private final boolean natural;

    /** An unbounded queue in natural order. asyncio: {@code asyncio.PriorityQueue()} */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * A queue of at most {@code maxsize} items (0: unbounded) in natural order.
     * asyncio: {@code asyncio.PriorityQueue(maxsize)}
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * An unbounded queue ordered by {@code comparator} (null: natural order).
     * asyncio: none (Python orders the items themselves; put {@code (priority, item)} tuples)
     */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * A queue of at most {@code maxsize} items (0: unbounded) ordered by {@code comparator} (null:
     * natural order). asyncio: none (Python orders the items themselves)
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new BinaryHeap<>(comparator));
        this.natural = comparator == null;
    }

    /** Without a comparator, items must be {@link Comparable}: say so before touching the heap. */
    @Override
    void requireItem(T item, String method) {
        super.requireItem(item, method);
        if (natural && !(item instanceof Comparable<?>)) {
            throw new ClassCastException("PriorityQueue." + method + "(): " + item.getClass().getName() + " is not "
                    + "Comparable; pass a Comparator to the PriorityQueue constructor");
        }
    }
}
