package io.asyncio4j.queues;

import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.PriorityQueue semantics. */
@ExtendWith(AsyncioExtension.class)
class PriorityQueueTest {

    record Job(int priority, String name) {
    }

    @Test
    void itemsComeOutSmallestFirstInNaturalOrder() {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        for (int i : List.of(1, 3, 2)) {
            q.put(i);
        }
        assertEquals(List.of(1, 2, 3), List.of(q.get(), q.get(), q.get()));
    }

    @Test
    void aComparatorDecidesTheOrder() {
        PriorityQueue<Job> q = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
        q.putNowait(new Job(5, "low"));
        q.putNowait(new Job(1, "urgent"));
        q.putNowait(new Job(3, "normal"));
        assertEquals("urgent", q.getNowait().name());
        assertEquals("normal", q.getNowait().name());
        assertEquals("low", q.getNowait().name());
    }

    @Test
    void aReversedComparatorGivesTheLargestFirst() {
        PriorityQueue<Integer> q = new PriorityQueue<>(0, Comparator.reverseOrder());
        for (int i : List.of(2, 9, 4)) {
            q.putNowait(i);
        }
        assertEquals(List.of(9, 4, 2), List.of(q.getNowait(), q.getNowait(), q.getNowait()));
    }

    @Test
    void itemsThatAreNotComparableAreRejectedWithoutAComparator() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        ClassCastException e = assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
        assertTrue(e.getMessage().contains("is not Comparable; pass a Comparator"), e.getMessage());
        assertTrue(q.isEmpty());
    }

    @Test
    void aWaitingGetterReceivesTheHighestPriorityItemOfThoseQueued() {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        Task<Integer> getter = createTask(q::get);
        sleep(0);
        q.putNowait(7);
        q.putNowait(3); // queued before the getter runs: it gets the smallest
        assertEquals(3, getter.await());
        assertEquals(7, q.getNowait());
    }

    @Test
    void maxsizeBoundsAPriorityQueueToo() {
        PriorityQueue<Integer> q = new PriorityQueue<>(2);
        q.putNowait(2);
        q.putNowait(1);
        assertTrue(q.isFull());
        assertThrows(QueueFullException.class, () -> q.putNowait(0));
        Task<Void> putter = createTask(() -> q.put(0));
        sleep(0);
        assertEquals(1, q.getNowait());
        putter.await();
        List<Integer> rest = new ArrayList<>(List.of(q.getNowait(), q.getNowait()));
        assertEquals(List.of(0, 2), rest);
    }

    @Test
    void joinAndTaskDoneWorkAsInAFifoQueue() {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        q.putNowait(2);
        q.putNowait(1);
        Task<Void> joiner = createTask(q::join);
        q.getNowait();
        q.taskDone();
        sleep(0);
        assertTrue(!joiner.isDone());
        q.getNowait();
        q.taskDone();
        joiner.await();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void toStringNamesThePriorityQueue() {
        PriorityQueue<Integer> q = new PriorityQueue<>(3);
        q.putNowait(1);
        assertEquals("<PriorityQueue maxsize=3 _queue=[1] tasks=1>", q.toString());
    }
    record Ranked(int priority, String name) {
        @Override
        public String toString() {
            return priority + name;
        }
    }

    @Test
    void equalPrioritiesComeOutInTheOrderOfCPythonsHeapAndToStringListsItsArray() {
        // CPython 3.13, Job.__lt__ comparing priorities only, the same puts and gets:
        //   <PriorityQueue maxsize=0 _queue=[1h, 1k, 2i, 2f, 2l, 2c, 3a, 3j, 3e] tasks=12>
        //   1b 1d 1g 1h 1k 2i 2c 2l 2f 3j 3a 3e
        PriorityQueue<Ranked> q = new PriorityQueue<>(Comparator.comparingInt(Ranked::priority));
        int[] priorities = {3, 1, 2, 1, 3, 2, 1, 1, 2, 3, 1, 2};
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            q.putNowait(new Ranked(priorities[i], String.valueOf((char) ('a' + i))));
            if (i % 4 == 3) {
                out.add(q.getNowait());
            }
        }
        assertEquals("<PriorityQueue maxsize=0 _queue=[1h, 1k, 2i, 2f, 2l, 2c, 3a, 3j, 3e] tasks=12>", q.toString());
        while (!q.isEmpty()) {
            out.add(q.getNowait());
        }
        assertEquals("[1b, 1d, 1g, 1h, 1k, 2i, 2c, 2l, 2f, 3j, 3a, 3e]", out.toString());
    }
}

