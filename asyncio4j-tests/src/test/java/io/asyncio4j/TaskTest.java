package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.allTasks;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.Task: running, results, names, current task, stacks (CPython test_tasks). */
@ExtendWith(AsyncioExtension.class)
class TaskTest {

    @Test
    void aTaskDoesNotStartUntilItsCreatorSuspends() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            out.add("task");
        });
        out.add("creator");
        assertFalse(t.isDone());
        t.await();
        assertEquals(List.of("creator", "task"), out);
    }

    @Test
    void aTaskEndsWithWhatItsCoroutineReturns() {
        Task<String> t = createTask(() -> "foo");
        assertEquals("foo", t.await());
        assertTrue(t.isDone());
        assertFalse(t.isCancelled());
        assertEquals("foo", t.result());
        assertNull(t.exception());
    }

    @Test
    void aTaskEndsWithTheExceptionItsCoroutineThrows() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Task<String> t = createTask(() -> {
            sleep(1);
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalArgumentException.class, t::await));
        assertSame(boom, t.exception());
    }

    @Test
    void aCheckedExceptionFromATaskReachesTheAwaiterUnwrapped() {
        Task<String> t = createTask(() -> {
            throw new IOException("io");
        });
        assertEquals("io", assertThrows(IOException.class, t::await).getMessage());
    }

    @Test
    void theResultOfARunningTaskIsNotSetYet() {
        Task<String> t = createTask(() -> {
            sleep(1);
            return "x";
        });
        assertThrows(InvalidStateException.class, t::result);
        assertEquals("x", t.await());
    }

    @Test
    void aTaskCannotBeCompletedFromOutside() {
        Task<String> t = createTask(() -> "x");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> t.setResult("y"));
        assertTrue(e.getMessage().contains("complete a Future instead"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new RuntimeException()));
        assertEquals("x", t.await());
    }

    @Test
    void tasksAreNamedTaskNByDefault() {
        Task<Void> t = createTask(() -> { });
        assertTrue(t.getName().matches("Task-\\d+"), t.getName());
        Task<Void> u = createTask(() -> { });
        assertNotEquals(t.getName(), u.getName());
        t.await();
        u.await();
    }

    @Test
    void aTaskCanBeNamedAndRenamed() {
        Task<Void> t = createTask(() -> { }, "worker");
        assertEquals("worker", t.getName());
        t.setName("renamed");
        assertEquals("renamed", t.getName());
        t.await();
    }

    @Test
    void theMainTaskOfATestIsCurrentAndNamedAsAnyTask() {
        assertNotNullTask(currentTask());
        assertTrue(currentTask().getName().matches("Task-\\d+"), currentTask().getName());
    }

    @Test
    void currentTaskInsideATaskIsThatTask() {
        Task<?>[] seen = new Task<?>[1];
        Task<Void> t = createTask(() -> {
            sleep(0);
            seen[0] = currentTask();
        });
        t.await();
        assertSame(t, seen[0]);
        assertNotSame(t, currentTask());
    }

    @Test
    void currentTaskInACallbackIsNull(EventLoop loop) {
        Object[] seen = {"unset"};
        loop.callSoon(() -> seen[0] = currentTask());
        sleep(0);
        assertNull(seen[0]);
    }

    @Test
    void currentTaskOutsideAnyLoopIsNull() throws Exception {
        Object[] seen = {"unset"};
        Thread th = Thread.ofPlatform().start(() -> seen[0] = Task.current());
        th.join();
        assertNull(seen[0]);
    }

    @Test
    void getCoroReturnsTheCoroutine() {
        Coroutine<String> c = () -> "c";
        Task<String> t = createTask(c);
        assertSame(c, t.getCoro());
        t.await();
    }

    @Test
    void allTasksListsThePendingTasksOfTheLoop() {
        Task<Void> a = createTask(() -> sleep(1));
        Task<Void> b = createTask(() -> sleep(2));
        Set<Task<?>> all = allTasks();
        assertTrue(all.contains(a));
        assertTrue(all.contains(b));
        assertTrue(all.contains(currentTask()));
        a.await();
        assertFalse(allTasks().contains(a));
        assertTrue(allTasks().contains(b));
        b.await();
        assertEquals(Set.of(currentTask()), allTasks());
    }

    @Test
    void toStringShowsStateNameAndResult() {
        Task<String> t = createTask(() -> "r", "named");
        assertTrue(t.toString().startsWith("<Task pending name='named' coro=<"), t.toString());
        t.await();
        assertTrue(t.toString().startsWith("<Task finished name='named' coro=<"), t.toString());
        assertTrue(t.toString().endsWith(" result='r'>"), t.toString());
        Task<String> c = createTask(() -> "x", "c");
        c.cancel();
        assertThrows(CancelledError.class, c::await);
        assertTrue(c.toString().startsWith("<Task cancelled name='c'"), c.toString());
    }

    @Test
    void aTaskCanAwaitAnotherTask() {
        Task<Integer> inner = createTask(() -> {
            sleep(1);
            return 20;
        });
        Task<Integer> outer = createTask(() -> inner.await() + 1);
        assertEquals(21, outer.await());
    }

    @Test
    void manyTasksCanAwaitTheSameTask(EventLoop loop) {
        Future<String> gate = loop.createFuture();
        Task<String> shared = createTask(gate::await);
        List<Task<String>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            waiters.add(createTask(() -> shared.await() + n));
        }
        sleep(0);
        gate.setResult("v");
        for (int i = 0; i < 5; i++) {
            assertEquals("v" + i, waiters.get(i).await());
        }
    }

    @Test
    void aTaskStartedInAnotherTaskOutlivesIt() {
        Task<?>[] child = new Task<?>[1];
        Task<Void> parent = createTask(() -> {
            child[0] = createTask(() -> sleep(5));
        });
        parent.await();
        assertFalse(child[0].isDone());
        child[0].await();
        assertTrue(child[0].isDone());
    }

    @Test
    void aThousandTasksRunConcurrentlyOnTheVirtualClock(EventLoop loop) {
        List<Task<Integer>> ts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            ts.add(createTask(() -> {
                sleep(1);
                return n;
            }));
        }
        long sum = 0;
        for (Task<Integer> t : ts) {
            sum += t.await();
        }
        assertEquals(499500, sum);
        assertEquals(1.0, loop.time(), 1e-6);
    }

    @Test
    void getStackShowsWhereASuspendedTaskWaits() {
        Task<Void> t = createTask(TaskTest::parkedInAMethodNamedForTheTest);
        sleep(0);
        List<StackTraceElement> stack = t.getStack();
        assertTrue(stack.stream().anyMatch(f -> f.getMethodName().equals("parkedInAMethodNamedForTheTest")),
                String.valueOf(stack));
        t.cancel();
        assertThrows(CancelledError.class, t::await);
    }

    @Test
    void getStackOfADoneTaskIsEmpty() {
        Task<Void> t = createTask(() -> { });
        t.await();
        assertEquals(List.of(), t.getStack());
    }

    @Test
    void printStackWritesTheTaskAndItsFrames() {
        Task<Void> t = createTask(TaskTest::parkedInAMethodNamedForTheTest, "printed");
        sleep(0);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        t.printStack(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Stack for <Task pending name='printed'"), text);
        assertTrue(text.contains("parkedInAMethodNamedForTheTest"), text);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
    }

    @Test
    void aTaskWhoseInterruptFlagIsSetStillSuspendsAndKeepsTheFlag(EventLoop loop) {
        // the "restore the interrupt status" idiom must not make every later await spin
        Task<Boolean> t = createTask(() -> {
            Thread.currentThread().interrupt();
            sleep(1);
            Future<String> f = loop.createFuture();
            loop.callLater(1, () -> f.setResult("x"));
            f.await();
            sleep(0);
            return Thread.interrupted();
        });
        assertTrue(t.await());
        assertEquals(2.0, loop.time(), 1e-9);
    }

    private static void parkedInAMethodNamedForTheTest() {
        sleep(100);
    }

    private static void assertNotNullTask(Task<?> t) {
        assertTrue(t != null, "expected a current task");
    }
}
