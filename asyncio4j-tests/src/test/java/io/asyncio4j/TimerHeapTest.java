package io.asyncio4j;

import io.asyncio4j.internal.TimerHeap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop's timer heap: deadline order, ties in insertion order, lazy cancellation, compaction. */
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

    static List<Integer> drain(TimerHeap h, long now) {
        List<Integer> out = new ArrayList<>();
        TimerHeap.Timer t;
        while ((t = h.pollDue(now)) != null) {
            out.add(((T) t).id);
        }
        return out;
    }

    @Test
    void timersComeOutInDeadlineOrder() {
        TimerHeap h = new TimerHeap();
        h.add(new T(30, 3));
        h.add(new T(10, 1));
        h.add(new T(20, 2));
        assertEquals(List.of(1, 2, 3), drain(h, 100));
    }

    @Test
    void equalDeadlinesComeOutInInsertionOrder() {
        TimerHeap h = new TimerHeap();
        for (int i = 0; i < 1000; i++) {
            h.add(new T(5, i));
        }
        List<Integer> got = drain(h, 5);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void onlyDueTimersArePolled() {
        TimerHeap h = new TimerHeap();
        h.add(new T(10, 1));
        h.add(new T(20, 2));
        assertEquals(List.of(1), drain(h, 15));
        assertEquals(1, h.size());
        assertEquals(List.of(2), drain(h, 20));
        assertTrue(h.isEmpty());
    }

    @Test
    void aCancelledTimerNeverComesOut() {
        TimerHeap h = new TimerHeap();
        T a = new T(10, 1);
        T b = new T(10, 2);
        h.add(a);
        h.add(b);
        h.cancel(a);
        assertEquals(1, h.cancelledCount());
        assertSame(b, h.peek());
        assertEquals(0, h.cancelledCount());
        assertEquals(List.of(2), drain(h, 10));
    }

    @Test
    void cancellingTwiceOrAfterItFiredChangesNothing() {
        TimerHeap h = new TimerHeap();
        T a = new T(10, 1);
        h.add(a);
        assertEquals(List.of(1), drain(h, 10));
        h.cancel(a);
        assertEquals(0, h.cancelledCount());
        T b = new T(10, 2);
        h.add(b);
        h.cancel(b);
        h.cancel(b);
        assertEquals(1, h.cancelledCount());
        assertNull(h.peek());
    }

    @Test
    void manyCancelledTimersAreCompactedAway() {
        TimerHeap h = new TimerHeap();
        List<T> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            T t = new T(1000 + i, i);
            all.add(t);
            h.add(t);
        }
        for (int i = 0; i < 250; i++) {
            h.cancel(all.get(i));
        }
        assertTrue(h.size() < 300, "the heap should have been rebuilt, size " + h.size());
        assertTrue(h.cancelledCount() <= 101, "cancelled left: " + h.cancelledCount());
        List<Integer> got = drain(h, Long.MAX_VALUE);
        List<Integer> expected = new ArrayList<>();
        for (int i = 250; i < 300; i++) {
            expected.add(i);
        }
        assertEquals(expected, got);
    }

    @Test
    void aFewCancelledTimersStayUntilTheyReachTheTop() {
        TimerHeap h = new TimerHeap();
        List<T> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            T t = new T(i, i);
            all.add(t);
            h.add(t);
        }
        for (int i = 0; i < 5; i++) {
            h.cancel(all.get(i));
        }
        assertEquals(10, h.size());
        assertEquals(5, h.cancelledCount());
        assertEquals(List.of(5, 6, 7, 8, 9), drain(h, 100));
    }

    @Test
    void aTimerCanBeAddedAgainAfterItFired() {
        TimerHeap h = new TimerHeap();
        T a = new T(10, 1);
        h.add(a);
        drain(h, 10);
        h.add(a);
        assertEquals(List.of(1), drain(h, 10));
    }

    @Test
    void clearEmptiesTheHeap() {
        TimerHeap h = new TimerHeap();
        h.add(new T(1, 1));
        h.add(new T(2, 2));
        h.clear();
        assertEquals(0, h.size());
        assertNull(h.peek());
    }

    @Test
    void randomAddsAndCancelsMatchASortedReference() {
        Random rnd = new Random(42);
        TimerHeap h = new TimerHeap();
        List<T> live = new ArrayList<>();
        List<T> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            T t = new T(rnd.nextInt(200), i);
            h.add(t);
            all.add(t);
            live.add(t);
            if (rnd.nextInt(3) == 0) {
                T victim = all.get(rnd.nextInt(all.size()));
                if (live.remove(victim)) {
                    h.cancel(victim);
                }
            }
        }
        live.sort(Comparator.<T>comparingLong(TimerHeap.Timer::deadlineNanos).thenComparingInt(t -> t.id));
        List<Integer> expected = new ArrayList<>();
        for (T t : live) {
            expected.add(t.id);
        }
        assertEquals(expected, drain(h, Long.MAX_VALUE));
    }
}
