package io.asyncio4j.internal;

import java.util.Arrays;

/**
 * The loop's scheduled callbacks, ordered by deadline and, for equal deadlines, by insertion
 * (asyncio leaves ties unordered; a sequence number makes them deterministic here).
 * <p>
 * A 4-ary min-heap in two parallel arrays: the timers, and their deadlines as plain longs. A
 * sift compares deadlines in the {@code long[]} (a node's four children share a cache line or
 * two) and only reads a timer object to break a tie, so sifting through 100,000 timers does not
 * chase 17 object references per operation as a binary heap of objects would; four children
 * per node also halve the depth. Cancelled entries stay in the heap and are dropped lazily when
 * they reach the top; when more than {@value #MIN_CANCELLED} are cancelled and they are over
 * half of the heap, the heap is rebuilt without them, as asyncio's {@code _run_once} does.
 * Loop-thread only.
 */
public final class TimerHeap {
    static final int MIN_CANCELLED = 100;

    private Timer[] heap = new Timer[256];
    /** {@code deadlines[i] == heap[i].deadline} for every live slot. */
    private long[] deadlines = new long[256];
    private int size;
    private int cancelled;
    private long nextSeq;

    /** An entry of the heap; the loop's timer handles extend it. */
    public abstract static class Timer implements Runnable {
        /** Deadline on the loop clock, in nanoseconds. */
        protected long deadline;
        long seq;
        boolean inHeap;
        boolean cancelledInHeap;

        protected Timer(long deadline) {
            this.deadline = deadline;
        }

        /** The deadline on the loop clock, in nanoseconds. */
        public final long deadlineNanos() {
            return deadline;
        }
    }

    public void add(Timer t) {
        t.seq = nextSeq++;
        t.cancelledInHeap = false;
        t.inHeap = true;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            deadlines = Arrays.copyOf(deadlines, size * 2);
        }
        siftUp(size++, t);
    }

    /** Marks an entry dead; it is removed lazily or at the next compaction. */
    public void cancel(Timer t) {
        if (!t.inHeap || t.cancelledInHeap) {
            return;
        }
        t.cancelledInHeap = true;
        cancelled++;
        if (cancelled > MIN_CANCELLED && cancelled * 2 > size) {
            compact();
        }
    }

    /** The earliest live entry, dropping dead ones from the top; null when none. */
    public Timer peek() {
        while (size > 0 && heap[0].cancelledInHeap) {
            removeTop();
            cancelled--;
        }
        return size == 0 ? null : heap[0];
    }

    /** Removes and returns the earliest live entry if its deadline is at or before {@code now}. */
    public Timer pollDue(long now) {
        Timer top = peek();
        if (top == null || deadlines[0] > now) {
            return null;
        }
        removeTop();
        return top;
    }

    /** Entries in the heap, dead ones included. */
    public int size() {
        return size;
    }

    /** Dead entries still in the heap. */
    public int cancelledCount() {
        return cancelled;
    }

    public boolean isEmpty() {
        return peek() == null;
    }

    /** Removes every entry. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].inHeap = false;
            heap[i] = null;
        }
        size = 0;
        cancelled = 0;
    }

    private void compact() {
        int live = 0;
        for (int i = 0; i < size; i++) {
            Timer t = heap[i];
            if (t.cancelledInHeap) {
                t.inHeap = false;
            } else {
                heap[live] = t;
                deadlines[live++] = t.deadline;
            }
        }
        Arrays.fill(heap, live, size, null);
        size = live;
        cancelled = 0;
        for (int i = (size - 2) >> 2; i >= 0; i--) {
            siftDown(i, heap[i], deadlines[i]);
        }
    }

    private void removeTop() {
        Timer top = heap[0];
        top.inHeap = false;
        int last = --size;
        Timer moved = heap[last];
        heap[last] = null;
        if (last > 0) {
            siftDown(0, moved, deadlines[last]);
        } else {
            heap[0] = null;
        }
    }

    /** True if the entry (deadline {@code d}, timer {@code a}) goes before the one in slot {@code j}. */
    private boolean before(long d, Timer a, int j) {
        long dj = deadlines[j];
        return d < dj || (d == dj && a.seq < heap[j].seq);
    }

    /** Puts {@code t} at slot {@code i} or above. */
    private void siftUp(int i, Timer t) {
        long d = t.deadline;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(d, t, parent)) {
                break;
            }
            heap[i] = heap[parent];
            deadlines[i] = deadlines[parent];
            i = parent;
        }
        heap[i] = t;
        deadlines[i] = d;
    }

    /** Puts {@code t}, whose deadline is {@code d} (read from the array, not the object), at slot {@code i} or below. */
    private void siftDown(int i, Timer t, long d) {
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            // the earliest of up to four children
            int best = first;
            long bd = deadlines[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long cd = deadlines[c];
                if (cd < bd || (cd == bd && heap[c].seq < heap[best].seq)) {
                    best = c;
                    bd = cd;
                }
            }
            if (!(bd < d || (bd == d && heap[best].seq < t.seq))) {
                break;
            }
            heap[i] = heap[best];
            deadlines[i] = bd;
            i = best;
        }
        heap[i] = t;
        deadlines[i] = d;
    }
}
