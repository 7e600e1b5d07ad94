package io.asyncio4j.internal;

import java.util.Arrays;

/**
 * The loop's FIFO of runnable work: callback handles, task continuations, I/O handlers.
 * <p>
 * A growable ring buffer of {@link Runnable}s. Owned by the loop thread: only the loop thread
 * (or a task strand running on it) adds and removes, so there is no synchronisation. Foreign
 * threads go through {@link LoopCore}'s inbox instead.
 */
public final class ReadyQueue {
    private Runnable[] items = new Runnable[1024];
    private int head; // index of the oldest item
    private int size;

    /** Appends at the tail. */
    public void add(Runnable r) {
        if (size == items.length) {
            grow();
        }
        items[(head + size) & (items.length - 1)] = r;
        size++;
    }

    /** Removes and returns the head, or null when empty. */
    public Runnable poll() {
        if (size == 0) {
            return null;
        }
        Runnable r = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return r;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Drops every item (used when a closed loop releases its work). */
    public void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
    }

    private void grow() {
        Runnable[] bigger = new Runnable[items.length * 2];
        int firstPart = items.length - head;
        System.arraycopy(items, head, bigger, 0, firstPart);
        System.arraycopy(items, 0, bigger, firstPart, head);
        items = bigger;
        head = 0;
    }
}
