package io.asyncio4j.queues;

import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.LifoQueue semantics. */
@ExtendWith(AsyncioExtension.class)
class LifoQueueTest {

    @Test
    void theMostRecentlyPutItemComesOutFirst() {
        LifoQueue<Integer> q = new LifoQueue<>();
        for (int i : List.of(1, 3, 2)) {
            q.put(i);
        }
        assertEquals(List.of(2, 3, 1), List.of(q.get(), q.get(), q.get()));
    }

    @Test
    void maxsizeAppliesWithBackPressure() {
        LifoQueue<Integer> q = new LifoQueue<>(1);
        q.putNowait(1);
        assertThrows(QueueFullException.class, () -> q.putNowait(2));
        Task<Void> putter = createTask(() -> q.put(2));
        sleep(0);
        assertFalse(putter.isDone());
        assertEquals(1, q.getNowait());
        putter.await();
        assertEquals(2, q.getNowait());
    }

    @Test
    void aWaitingGetterReceivesTheLastItemPutBeforeItRuns() {
        LifoQueue<String> q = new LifoQueue<>();
        Task<String> getter = createTask(q::get);
        sleep(0);
        q.putNowait("first");
        q.putNowait("second");
        assertEquals("second", getter.await());
    }

    @Test
    void joinWaitsForEveryTaskDone() {
        LifoQueue<Integer> q = new LifoQueue<>();
        q.putNowait(1);
        q.putNowait(2);
        Task<Void> joiner = createTask(q::join);
        q.getNowait();
        q.taskDone();
        sleep(0);
        assertFalse(joiner.isDone());
        q.getNowait();
        q.taskDone();
        joiner.await();
        assertTrue(q.isEmpty());
    }

    @Test
    void toStringNamesTheLifoQueue() {
        LifoQueue<Integer> q = new LifoQueue<>();
        assertEquals("<LifoQueue maxsize=0>", q.toString());
    }
    @Test
    void toStringListsTheItemsBottomFirstAsCPythonsList() {
        LifoQueue<Integer> q = new LifoQueue<>();
        for (int i = 0; i < 3; i++) {
            q.putNowait(i);
        }
        assertEquals("<LifoQueue maxsize=0 _queue=[0, 1, 2] tasks=3>", q.toString());
        assertEquals(2, q.getNowait());
    }
}

