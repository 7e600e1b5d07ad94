package io.asyncio4j.queues;

import java.util.AbstractQueue;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A binary min-heap that moves its items exactly as Python's {@code heapq} does
 * ({@code heappush}: append and sift towards the root; {@code heappop}: the last item replaces
 * the root, climbs down along the smaller children to a leaf, then sifts back up), so that items
 * comparing equal come out in the order CPython's {@code PriorityQueue} gives them, and the
 * array, listed by {@link #iterator()}, reads as its {@code _queue}. {@code java.util.PriorityQueue}
 * is a valid heap too, but settles ties differently, and a ported program would print its jobs
 * in another order.
 * <p>
 * Only "less than" is asked, as {@code heapq} uses only {@code <}: {@code compare(a, b) < 0}.
 * Not thread-safe: its {@link Queue} guards it.
 * <p>
 * asyncio: {@code heapq}, as {@code asyncio.PriorityQueue} uses it
 *
 * @param <T> the item type
 */
final class BinaryHeap<T> extends AbstractQueue<T> {
    private final Comparator<? super T> order; // null: natural ordering
    private Object[] heap = new Object[16];
    private int size;

    BinaryHeap(Comparator<? super T> order) {
        this.order = order;
    }

    @Override
    public boolean offer(T item) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = item;
        siftTowardsRoot(0, size++);
        return true;
    }

    @Override
    public T poll() {
        if (size == 0) {
            return null;
        }
        T last = at(--size);
        heap[size] = null;
        if (size == 0) {
            return last;
        }
        T first = at(0);
        heap[0] = last;
        siftToLeafAndBack(0);
        return first;
    }

    @Override
    public T peek() {
        return size == 0 ? null : at(0);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    /** The items in heap-array order, as CPython lists {@code _queue}; read-only. */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public T next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return at(next++);
            }
        };
    }

    /** heapq's {@code _siftdown(heap, startpos, pos)}: the item at {@code pos} moves up past larger parents. */
    private void siftTowardsRoot(int start, int pos) {
        T item = at(pos);
        while (pos > start) {
            int parent = (pos - 1) >>> 1;
            T p = at(parent);
            if (!less(item, p)) {
                break;
            }
            heap[pos] = p;
            pos = parent;
        }
        heap[pos] = item;
    }

    /** heapq's {@code _siftup(heap, pos)}: down to a leaf along the smaller child, then back up. */
    private void siftToLeafAndBack(int pos) {
        int start = pos;
        T item = at(pos);
        int child = 2 * pos + 1;
        while (child < size) {
            int right = child + 1;
            if (right < size && !less(at(child), at(right))) {
                child = right;
            }
            heap[pos] = heap[child];
            pos = child;
            child = 2 * pos + 1;
        }
        heap[pos] = item;
        siftTowardsRoot(start, pos);
    }

    @SuppressWarnings("unchecked")
    private boolean less(T a, T b) {
        return order != null ? order.compare(a, b) < 0 : ((Comparable<? super T>) a).compareTo(b) < 0;
    }

    @SuppressWarnings("unchecked")
    private T at(int i) {
        return (T) heap[i];
    }
}
