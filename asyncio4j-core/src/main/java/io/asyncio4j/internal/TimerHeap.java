package io.asyncio4j.internal;

import java.util.Arrays;

/**
 * The loop's scheduled callbacks, ordered by deadline and, for equal deadlines, by insertion
 * (asyncio leaves ties unordered; a sequence number makes them deterministic here).
 * <p>
 * A binary min-heap in an array. Cancelled entries stay in the heap and are dropped lazily when
 * they reach the top; when more than {@value #MIN_CANCELLED} are cancelled and they are over half
 * of the heap, the heap is rebuilt without them, as asyncio's {@code _run_once} does.
 * Loop-thread only.
 */
public final class TimerHeap {
    static final int MIN_CANCELLED = 100;

    private Timer[] heap = new Timer[256];
    private int size;
    private int cancelled;
    private long nextSeq;

    /** An entry of the heap; the loop's timer handles extend it. */
    public abstract static class Timer implements Runnable {
        /** Deadline on the loop clock, in nanoseconds. */
        protected long deadline;
        long seq;
        /** -1 when not in a heap. */
        int index = -1;
        boolean cancelledInHeap;

        protected Timer(long deadline) {
            this.deadline = deadline;
        }

        /** The deadline on the loop clock, in nanoseconds. */
        public final long deadlineNanos() {
            return deadline;
        }

        final boolean before(Timer o) {
            return deadline < o.deadline || (deadline == o.deadline && seq < o.seq);
        }
    }

    public void add(Timer t) {
        t.seq = nextSeq++;
        t.cancelledInHeap = false;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = t;
        t.index = size;
        siftUp(size++);
    }

    /** Marks an entry dead; it is removed lazily or at the next compaction. */
    public void cancel(Timer t) {
        if (t.index < 0 || t.cancelledInHeap) {
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
        if (top == null || top.deadline > now) {
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
            heap[i].index = -1;
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
                t.index = -1;
            } else {
                heap[live] = t;
                t.index = live++;
            }
        }
        Arrays.fill(heap, live, size, null);
        size = live;
        cancelled = 0;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void removeTop() {
        Timer top = heap[0];
        top.index = -1;
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            heap[0].index = 0;
            heap[size] = null;
            siftDown(0);
        } else {
            heap[0] = null;
        }
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!t.before(p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(t)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }
}
