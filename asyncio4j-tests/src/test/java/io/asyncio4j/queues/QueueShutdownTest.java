package io.asyncio4j.queues;

import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.function.IntFunction;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queue.shutdown(immediate) semantics (Python 3.13), for all three queue kinds, after CPython's
 * test_queues._QueueShutdownTestMixin.
 */
@ExtendWith(AsyncioExtension.class)
class QueueShutdownTest {
    private static final List<IntFunction<Queue<String>>> KINDS = List.of(Queue::new, PriorityQueue::new,
            LifoQueue::new);

    private static void assertPutsAndGetsRaise(Queue<String> q) {
        assertThrows(QueueShutDownException.class, () -> q.put("data"));
        assertThrows(QueueShutDownException.class, () -> q.putNowait("data"));
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, q::getNowait);
    }

    @Test
    void shuttingDownAnEmptyQueueWakesGettersWithQueueShutDown() {
        for (IntFunction<Queue<String>> kind : KINDS) {
            Queue<String> q = kind.apply(0);
            Task<String> getter = createTask(q::get);
            sleep(0);
            q.shutdown(false);
            assertEquals(0, q.qsize());
            q.join();
            sleep(0);
            assertTrue(getter.isDone());
            QueueShutDownException e = assertThrows(QueueShutDownException.class, getter::await);
            assertTrue(e.getMessage().endsWith(".get(): the queue is shut down and empty"), e.getMessage());
            assertPutsAndGetsRaise(q);
        }
    }

    @Test
    void afterAShutdownTheRemainingItemsCanStillBeGot() {
        for (IntFunction<Queue<String>> kind : KINDS) {
            Queue<String> q = kind.apply(1);
            q.putNowait("data");
            Task<Void> joiner = createTask(q::join);
            Task<Void> putter = createTask(() -> q.put("data2"));
            sleep(0);
            assertFalse(putter.isDone());

            q.shutdown(false);
            assertEquals(1, q.qsize());
            sleep(0);
            assertTrue(putter.isDone());
            QueueShutDownException e = assertThrows(QueueShutDownException.class, putter::await);
            assertTrue(e.getMessage().endsWith(".put(): the queue is shut down"), e.getMessage());

            assertEquals("data", q.get());
            sleep(0);
            assertFalse(joiner.isDone()); // the item is got but not marked done
            assertPutsAndGetsRaise(q);

            q.taskDone();
            sleep(0);
            assertTrue(joiner.isDone());
            joiner.await();
            assertThrows(IllegalStateException.class, q::taskDone);
        }
    }

    @Test
    void anImmediateShutdownDropsTheItemsAndReleasesJoin() {
        for (IntFunction<Queue<String>> kind : KINDS) {
            Queue<String> q = kind.apply(0);
            q.putNowait("data");
            Task<Void> joiner = createTask(q::join);
            q.shutdown(true);
            assertEquals(0, q.qsize());
            sleep(0);
            assertTrue(joiner.isDone());
            joiner.await();
            assertPutsAndGetsRaise(q);
            assertThrows(IllegalStateException.class, q::taskDone);
        }
    }

    @Test
    void anImmediateShutdownWakesTasksAlreadyWaitingInJoin() {
        for (IntFunction<Queue<String>> kind : KINDS) {
            Queue<String> q = kind.apply(0);
            q.putNowait("a");
            q.putNowait("b");
            Task<Void> joiner = createTask(q::join);
            sleep(0);
            assertFalse(joiner.isDone()); // waiting for two taskDone() calls
            q.shutdown(true);
            sleep(0);
            assertTrue(joiner.isDone());
            joiner.await();
        }
    }

    @Test
    void anImmediateShutdownKeepsCountingItemsAlreadyGot() {
        for (IntFunction<Queue<String>> kind : KINDS) {
            Queue<String> q = kind.apply(0);
            q.putNowait("data");
            q.putNowait("data");
            Task<Void> joiner = createTask(q::join);
            assertEquals("data", q.get());
            q.shutdown(true); // unfinished: 2 -> 1 (the item got still needs its taskDone)
            assertEquals(0, q.qsize());
            sleep(0);
            assertFalse(joiner.isDone());
            assertPutsAndGetsRaise(q);
            q.taskDone();
            assertThrows(IllegalStateException.class, q::taskDone);
            sleep(0);
            assertTrue(joiner.isDone());
            joiner.await();
        }
    }

    @Test
    void anImmediateShutdownWakesBlockedPuttersAndGetters() {
        Queue<String> full = new Queue<>(1);
        full.putNowait("x");
        Task<Void> putter = createTask(() -> full.put("y"));
        Queue<String> empty = new Queue<>();
        Task<String> getter = createTask(empty::get);
        sleep(0);
        full.shutdown(true);
        empty.shutdown(true);
        assertThrows(QueueShutDownException.class, putter::await);
        assertThrows(QueueShutDownException.class, getter::await);
        assertTrue(full.isEmpty());
    }

    @Test
    void aForEachLoopOverAQueueShutDownImmediatelyStopsAtOnce() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        q.putNowait(2);
        q.shutdown(true);
        int count = 0;
        for (int ignored : q) {
            count++;
        }
        assertEquals(0, count);
    }

    @Test
    void aForEachLoopOverAQueueShutDownNormallyDrainsItFirst() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        q.putNowait(2);
        q.shutdown();
        int sum = 0;
        for (int item : q) {
            sum += item;
        }
        assertEquals(3, sum);
    }

    @Test
    void shutdownShowsInState() {
        Queue<String> q = new Queue<>();
        assertEquals(Queue.State.OPEN, q.state());
        q.shutdown();
        assertEquals(Queue.State.SHUT_DOWN, q.state());
        assertEquals("<Queue maxsize=0 shutdown>", q.toString());
    }
}
