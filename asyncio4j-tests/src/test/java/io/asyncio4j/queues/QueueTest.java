package io.asyncio4j.queues;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.taskGroup;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.Queue semantics, after CPython's test_queues. */
@ExtendWith(AsyncioExtension.class)
class QueueTest {

    @Test
    void itemsComeOutInTheOrderTheyWentIn() {
        Queue<Integer> q = new Queue<>();
        for (int i : List.of(1, 3, 2)) {
            q.put(i);
        }
        assertEquals(List.of(1, 3, 2), List.of(q.get(), q.get(), q.get()));
    }

    @Test
    void sizeEmptyAndFullFollowTheContents() {
        Queue<Integer> q = new Queue<>(2);
        assertTrue(q.isEmpty());
        assertEquals(0, q.qsize());
        assertEquals(2, q.maxsize());
        q.putNowait(1);
        assertFalse(q.isEmpty());
        assertFalse(q.isFull());
        q.putNowait(2);
        assertTrue(q.isFull());
        assertEquals(2, q.qsize());
    }

    @Test
    void anUnboundedQueueIsNeverFull() {
        Queue<Integer> q = new Queue<>();
        for (int i = 0; i < 1000; i++) {
            q.putNowait(i);
        }
        assertFalse(q.isFull());
        assertEquals(0, q.maxsize());
    }

    @Test
    void getNowaitOnAnEmptyQueueRaisesQueueEmpty() {
        Queue<Integer> q = new Queue<>();
        QueueEmptyException e = assertThrows(QueueEmptyException.class, q::getNowait);
        assertTrue(e.getMessage().startsWith("Queue.getNowait(): the queue is empty"), e.getMessage());
    }

    @Test
    void putNowaitOnAFullQueueRaisesQueueFull() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        QueueFullException e = assertThrows(QueueFullException.class, () -> q.putNowait(2));
        assertTrue(e.getMessage().startsWith("Queue.putNowait(): the queue is full (maxsize=1)"), e.getMessage());
        assertEquals(1, q.qsize());
    }

    @Test
    void nullItemsAreRejected() {
        Queue<Integer> q = new Queue<>();
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertTrue(q.isEmpty());
    }

    @Test
    void getWaitsForAnItem(EventLoop loop, VirtualClock clock) {
        Queue<Integer> q = new Queue<>();
        loop.callLater(0.01, () -> q.putNowait(1));
        assertEquals(1, q.get());
        assertEquals(0.01, clock.seconds(), 1e-9);
    }

    @Test
    void putWaitsWhileTheQueueIsFull(EventLoop loop, VirtualClock clock) {
        Queue<Integer> q = new Queue<>(1);
        q.put(1);
        loop.callLater(0.01, q::getNowait);
        q.put(2);
        assertEquals(0.01, clock.seconds(), 1e-9);
        assertEquals(2, q.getNowait());
    }

    @Test
    void aProducerAndAConsumerAlternateThroughAQueueOfOne() {
        Queue<Integer> q = new Queue<>(1);
        List<String> log = new ArrayList<>();
        Task<Void> producer = createTask(() -> {
            for (int i = 0; i < 3; i++) {
                q.put(i);
                log.add("put " + i);
            }
        });
        Task<Void> consumer = createTask(() -> {
            for (int i = 0; i < 3; i++) {
                log.add("got " + q.get());
            }
        });
        gather(producer, consumer);
        assertEquals(List.of("put 0", "got 0", "put 1", "got 1", "put 2", "got 2"), log);
    }

    @Test
    void blockedPuttersAreServedInFifoOrder() {
        Queue<String> q = new Queue<>(1);
        Task<Void> a = createTask(() -> q.put("a"));
        Task<Void> b = createTask(() -> q.put("b"));
        Task<Void> c = createTask(() -> q.put("c"));
        assertEquals("a", q.get());
        assertEquals("b", q.get());
        assertEquals("c", q.get());
        gather(a, b, c);
    }

    @Test
    void blockedGettersAreServedInFifoOrder() {
        Queue<String> q = new Queue<>();
        Task<String> g1 = createTask(q::get);
        Task<String> g2 = createTask(q::get);
        sleep(0);
        q.putNowait("x");
        q.putNowait("y");
        assertEquals(List.of("x", "y"), gather(g1, g2));
    }

    @Test
    void aCancelledGetterLeavesTheItemForTheNextGetter() {
        Queue<String> q = new Queue<>();
        Task<String> t1 = createTask(q::get);
        Task<String> t2 = createTask(q::get);
        sleep(0);
        t1.cancel();
        sleep(0);
        assertTrue(t1.isDone());
        q.put("a");
        sleep(0);
        assertEquals("a", t2.await());
        assertThrows(CancelledError.class, t1::await);
    }

    @Test
    void aGetterCancelledAfterBeingWokenDropsNoItem() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> reader = createTask(q::get);
        sleep(0);
        q.putNowait(1); // wakes reader
        q.putNowait(2);
        reader.cancel(); // before it runs: it must not take 1
        assertThrows(CancelledError.class, reader::await);
        assertEquals(1, q.get());
        assertEquals(2, q.get());
    }

    @Test
    void aGetterCancelledAfterBeingWokenPassesTheItemToAnotherGetter() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> r1 = createTask(q::get);
        Task<Integer> r2 = createTask(q::get);
        Task<Integer> r3 = createTask(q::get);
        sleep(0);
        q.putNowait(1);
        q.putNowait(2);
        r1.cancel();
        assertThrows(CancelledError.class, r1::await);
        assertEquals(Set.of(1, 2), Set.of(r2.await(), r3.await()));
        assertTrue(q.isEmpty());
    }

    @Test
    void aPutterCancelledAfterBeingWokenPutsNothing() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        Task<Void> writer = createTask(() -> q.put(2));
        sleep(0);
        assertEquals(1, q.getNowait()); // wakes the writer
        writer.cancel();                // before it runs
        assertThrows(CancelledError.class, writer::await);
        assertTrue(q.isEmpty());
        assertEquals("<Queue maxsize=1 tasks=1>", q.toString()); // item 1 got, not yet done; no item 2
    }

    @Test
    void aPutterCancelledAfterBeingWokenPassesTheFreeSlotToTheNextPutter() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("a");
        Task<Void> p1 = createTask(() -> q.put("b"));
        Task<Void> p2 = createTask(() -> q.put("c"));
        sleep(0);
        assertEquals("a", q.getNowait()); // wakes p1 only
        p1.cancel();                      // p1 must hand the slot to p2
        assertThrows(CancelledError.class, p1::await);
        p2.await();
        assertEquals("c", q.getNowait());
    }

    @Test
    void aCancelledPutterWhileTheQueueIsFullLeavesNoPutterBehind() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        Task<Void> put = createTask(() -> q.put(2));
        sleep(0);
        assertEquals("<Queue maxsize=1 _queue=[1] _putters[1] tasks=1>", q.toString());
        put.cancel();
        assertThrows(CancelledError.class, put::await);
        assertEquals("<Queue maxsize=1 _queue=[1] tasks=1>", q.toString());
    }

    @Test
    void aTimedOutGetLeavesNoGetterBehind() {
        Queue<Integer> q = new Queue<>(5);
        assertThrows(TimeoutException.class, () -> waitFor(q::get, 0.1));
        assertEquals("<Queue maxsize=5>", q.toString());
    }

    @Test
    void aCancelledPutterDoesNotBlockTheOthers() {
        Queue<String> q = new Queue<>(1);
        Task<Void> putA = createTask(() -> q.put("a"));
        Task<Void> putB = createTask(() -> q.put("b"));
        Task<Void> putX = createTask(() -> q.put("X"));
        sleep(0);
        assertTrue(putA.isDone());
        assertFalse(putB.isDone());
        putX.cancel();
        sleep(0);
        assertTrue(putX.isDone());
        assertEquals("a", q.getNowait());
        sleep(0);
        assertEquals("b", q.getNowait());
        putB.await();
        assertTrue(q.isEmpty());
        assertThrows(CancelledError.class, putX::await);
    }

    @Test
    void joinWaitsUntilEveryItemIsMarkedDone() {
        Queue<Integer> q = new Queue<>();
        for (int i = 0; i < 100; i++) {
            q.putNowait(i);
        }
        int[] sum = {0};
        List<Task<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(createTask(() -> {
                while (true) {
                    int item = q.get();
                    sum[0] += item;
                    q.taskDone();
                }
            }));
        }
        q.join();
        assertEquals(4950, sum[0]);
        for (Task<Void> w : workers) {
            w.cancel();
        }
        for (Task<Void> w : workers) {
            assertThrows(CancelledError.class, w::await);
        }
    }

    @Test
    void joinReturnsAtOnceWhenNothingIsUnfinished(EventLoop loop) {
        Queue<Integer> q = new Queue<>();
        boolean[] ranMeanwhile = {false};
        loop.callSoon(() -> ranMeanwhile[0] = true);
        q.join();
        q.join();
        assertFalse(ranMeanwhile[0]);
    }

    @Test
    void joinWaitsForTaskDoneNotJustForGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        Task<Void> joiner = createTask(q::join);
        assertEquals(1, q.get());
        sleep(0);
        assertFalse(joiner.isDone());
        assertEquals("<Queue maxsize=0 tasks=1>", q.toString());
        q.taskDone();
        joiner.await();
    }

    @Test
    void taskDoneCalledTooOftenRaisesAClearError() {
        Queue<Integer> q = new Queue<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(e.getMessage().startsWith("Queue.taskDone(): called more times than there were items put"),
                e.getMessage());
        q.putNowait(1);
        q.getNowait();
        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void aForEachLoopDrainsTheQueueAndEndsWhenItIsShutDown() {
        Queue<Integer> q = new Queue<>(1);
        List<Integer> seen = new ArrayList<>();
        Task<Void> consumer = createTask(() -> {
            for (int item : q) {
                seen.add(item);
                q.taskDone();
            }
        });
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        q.join();
        q.shutdown();
        consumer.await();
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }

    @Test
    void theIteratorsHasNextIsIdempotentAndNextWithoutItemsRaises() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        q.shutdown();
        var it = q.iterator();
        assertTrue(it.hasNext());
        assertTrue(it.hasNext());
        assertEquals("a", it.next());
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void producersAndConsumersUnderBackPressureExchangeEveryItem() {
        Queue<Integer> q = new Queue<>(1);
        taskGroup(tg -> {
            tg.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    q.put(i);
                }
            });
            tg.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    assertEquals(i, q.get());
                }
            });
        });
        assertTrue(q.isEmpty());
    }

    @Test
    void toStringShowsItemsWaitersUnfinishedTasksAndShutdown() {
        Queue<Integer> q = new Queue<>();
        assertEquals("<Queue maxsize=0>", q.toString());
        Task<Integer> getter = createTask(q::get);
        sleep(0);
        assertEquals("<Queue maxsize=0 _getters[1]>", q.toString());
        q.putNowait(0);
        assertEquals(0, getter.await());
        q.putNowait(1);
        assertEquals("<Queue maxsize=0 _queue=[1] tasks=2>", q.toString());
        q.shutdown();
        assertEquals("<Queue maxsize=0 _queue=[1] tasks=2 shutdown>", q.toString());
    }
}
