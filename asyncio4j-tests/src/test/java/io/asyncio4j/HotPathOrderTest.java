package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ordering and identity guarantees the optimised hot paths must keep (future callbacks,
 * wake-ups, task names, the current task, timers), checked against what asyncio does.
 */
@ExtendWith(AsyncioExtension.class)
class HotPathOrderTest {

    @Test
    void callbacksAndAwaitingTasksRunInTheOrderTheyWereRegistered(EventLoop loop) {
        List<String> order = new ArrayList<>();
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(x -> order.add("cb1"));
        Task<Void> waiter = createTask(() -> {
            f.await();
            order.add("task");
        });
        sleep(0); // the task starts and registers its wake-up after cb1
        f.addDoneCallback(x -> order.add("cb2"));
        f.addDoneCallback(x -> order.add("cb3"));
        f.setResult(1);
        assertEquals(List.of(), order, "callbacks never run inline");
        waiter.await();
        assertEquals(List.of("cb1", "task", "cb2", "cb3"), order);
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistrationAndKeepsTheOthersInOrder(EventLoop loop) {
        List<String> order = new ArrayList<>();
        Future<Integer> f = loop.createFuture();
        Consumer<Future<Integer>> a = x -> order.add("a");
        Consumer<Future<Integer>> b = x -> order.add("b");
        Consumer<Future<Integer>> c = x -> order.add("c");
        f.addDoneCallback(a);
        f.addDoneCallback(b);
        f.addDoneCallback(a);
        f.addDoneCallback(c);
        f.addDoneCallback(a);
        assertEquals(3, f.removeDoneCallback(a));
        assertEquals(0, f.removeDoneCallback(a));
        f.addDoneCallback(a);
        f.setResult(1);
        sleep(0);
        assertEquals(List.of("b", "c", "a"), order);
    }

    @Test
    void removingTheOnlyCallbackLeavesNoneToRun(EventLoop loop) {
        List<String> order = new ArrayList<>();
        Future<Integer> f = loop.createFuture();
        Consumer<Future<Integer>> a = x -> order.add("a");
        f.addDoneCallback(a);
        assertEquals(1, f.removeDoneCallback(a));
        f.setResult(1);
        sleep(0);
        assertEquals(List.of(), order);
    }

    @Test
    void aThrowingCallbackIsReportedAndTheNextOneStillRuns(EventLoop loop) {
        List<Object> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx.exception()));
        Future<Integer> f = loop.createFuture();
        RuntimeException boom = new RuntimeException("boom");
        f.addDoneCallback(x -> {
            throw boom;
        });
        f.addDoneCallback(x -> seen.add("second"));
        f.setResult(1);
        sleep(0);
        assertEquals(List.of(boom, "second"), seen);
    }

    @Test
    void aCallbackAddedToADoneFutureRunsThroughTheReadyQueue(EventLoop loop) {
        List<String> order = new ArrayList<>();
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        loop.callSoon(() -> order.add("earlier"));
        f.addDoneCallback(x -> order.add("callback"));
        order.add("inline");
        sleep(0);
        assertEquals(List.of("inline", "earlier", "callback"), order);
    }

    @Test
    void unnamedTasksAreNumberedInCreationOrder() {
        Task<Void> first = createTask(() -> { });
        Task<Void> second = createTask(() -> { });
        Task<Void> named = createTask(Coroutine.of(() -> { }), "worker");
        Task<Void> third = createTask(() -> { });
        assertTrue(first.getName().startsWith("Task-"));
        long n1 = Long.parseLong(first.getName().substring(5));
        assertEquals("Task-" + (n1 + 1), second.getName());
        assertEquals("worker", named.getName());
        assertEquals("Task-" + (n1 + 2), third.getName(), "a named task takes no number");
        assertSame(first.getName(), first.getName());
        first.setName("renamed");
        assertEquals("renamed", first.getName());
        assertTrue(second.toString().contains("name='Task-" + (n1 + 1) + "'"), second.toString());
        gather(first, second, named, third);
    }

    @Test
    void currentTaskIsTheTaskRunningTheCodeAndNullInCallbacks(EventLoop loop) {
        Task<?> main = Task.current();
        Task<?>[] inner = new Task<?>[1];
        Task<?>[] inCallback = {main};
        Task<Void> t = createTask(() -> {
            inner[0] = Task.current();
            sleep(0);
            assertSame(inner[0], Task.current(), "still the same task after a switch");
        });
        loop.callSoon(() -> inCallback[0] = Task.current());
        t.await();
        assertSame(t, inner[0]);
        assertNotEquals(main, t);
        assertNull(inCallback[0]);
        assertSame(main, Task.current());
    }

    @Test
    void sleepZeroLetsEveryReadyTaskRunOnceInFifoOrder() {
        List<String> order = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            tasks.add(createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    order.add(name + i);
                    sleep(0);
                }
            }));
        }
        gather(tasks);
        assertEquals(List.of("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"), order);
    }

    @Test
    void timersWithEqualDeadlinesFireInTheOrderTheyWereScheduled(EventLoop loop) {
        List<Integer> order = new ArrayList<>();
        double when = loop.time() + 1;
        for (int i = 0; i < 300; i++) {
            int k = i;
            // interleave two deadlines so the heap has to order equal keys among others
            loop.callAt(i % 2 == 0 ? when : when - 0.5, () -> order.add(k));
        }
        sleep(2);
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i < 300; i += 2) {
            expected.add(i);
        }
        for (int i = 0; i < 300; i += 2) {
            expected.add(i);
        }
        assertEquals(expected, order);
    }

    @Test
    void manySleepersStartedTogetherAllFinishInDeadlineOrder() {
        int n = 2000;
        List<Integer> order = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            tasks.add(createTask(() -> {
                sleep(1 + (n - k) * 0.001);
                order.add(k);
            }));
        }
        gather(tasks);
        for (int i = 0; i < n; i++) {
            assertEquals(n - 1 - i, order.get(i));
        }
    }

    @Test
    void gatherListsARepeatedChildEachTimeButWaitsForItOnce(EventLoop loop) {
        Future<String> pending = loop.createFuture();
        Future<String> done = loop.createFuture();
        done.setResult("d");
        Task<String> t = createTask(() -> "t");
        loop.callLater(1, () -> pending.setResult("p"));
        List<String> got = gather(pending, done, t, pending, done, t, pending);
        assertEquals(List.of("p", "d", "t", "p", "d", "t", "p"), got);
    }

    @Test
    void gatherOfOnlyRepeatedDoneFuturesCompletes(EventLoop loop) {
        Future<Integer> done = loop.createFuture();
        done.setResult(7);
        assertEquals(List.of(7, 7, 7), gather(done, done, done));
    }
}
