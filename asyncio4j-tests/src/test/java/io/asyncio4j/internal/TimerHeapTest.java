package io.asyncio4j.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The timer heap pops in (deadline, insertion) order whatever the mix of adds, pops and cancels. */
class TimerHeapTest {

    static final class T extends TimerHeap.Timer {
        final int id;

        T(long deadline, int id) {
            super(deadline);
            this.id = id;
        }

        @Override
        public void run() {
        }
    }

    @Test
    void equalDeadlinesPopInInsertionOrder() {
        TimerHeap h = new TimerHeap();
        List<T> added = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            T t = new T(i % 3, i);
            added.add(t);
            h.add(t);
        }
        added.sort(Comparator.comparingLong((T t) -> t.deadlineNanos()).thenComparingInt(t -> t.id));
        for (T t : added) {
            assertSame(t, h.pollDue(Long.MAX_VALUE));
        }
        assertNull(h.pollDue(Long.MAX_VALUE));
    }

    @Test
    void randomAddsPopsAndCancelsMatchASortedList() {
        Random rnd = new Random(42);
        TimerHeap h = new TimerHeap();
        List<T> live = new ArrayList<>(); // in insertion order
        int id = 0;
        for (int step = 0; step < 30_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                T t = new T(rnd.nextInt(500), id++);
                h.add(t);
                live.add(t);
            } else if (op < 7 && !live.isEmpty()) {
                T t = live.remove(rnd.nextInt(live.size()));
                h.cancel(t);
                h.cancel(t); // twice is harmless
            } else {
                long now = rnd.nextInt(500);
                T expected = null;
                for (T t : live) {
                    if (t.deadlineNanos() <= now && (expected == null || t.deadlineNanos() < expected.deadlineNanos())) {
                        expected = t; // the first inserted among the earliest: live is in insertion order
                    }
                }
                TimerHeap.Timer got = h.pollDue(now);
                assertSame(expected, got, "step " + step);
                if (expected != null) {
                    live.remove(expected);
                    h.cancel(expected); // cancelling a popped timer does nothing
                }
            }
            assertEquals(live.size(), h.size() - h.cancelledCount(), "step " + step);
        }
    }
}
