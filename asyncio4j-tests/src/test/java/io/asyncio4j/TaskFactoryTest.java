package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.eagerTaskFactory;
import static io.asyncio4j.Asyncio.ensureFuture;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.runCoroutineThreadsafe;
import static io.asyncio4j.Asyncio.shield;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.taskGroup;
import static io.asyncio4j.Asyncio.toThread;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code loop.setTaskFactory} / {@code getTaskFactory} and the paths that make tasks through the
 * factory (asyncio's {@code loop.set_task_factory}; which paths call {@code loop.create_task}
 * was checked against CPython 3.13 with a counting factory).
 */
@ExtendWith(AsyncioExtension.class)
class TaskFactoryTest {

    /** Counts and records the tasks it makes, then makes them as the default does. */
    static final class Counting implements TaskFactory {
        final List<String> names = new ArrayList<>();
        final TaskFactory inner;

        Counting(TaskFactory inner) {
            this.inner = inner;
        }

        @Override
        public <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name) {
            names.add(String.valueOf(name));
            return inner == null ? Task.newTask(loop, coro, name) : inner.createTask(loop, coro, name);
        }

        int count() {
            return names.size();
        }
    }

    @Test
    void aLoopStartsWithTheDefaultFactoryReportedAsNull(EventLoop loop) {
        assertNull(loop.getTaskFactory());
    }

    @Test
    void getTaskFactoryReturnsTheFactorySet(EventLoop loop) {
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        assertSame(f, loop.getTaskFactory());
    }

    @Test
    void settingNullRestoresTheDefault(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
        Task<String> t = createTask(() -> "later");
        assertFalse(t.isDone(), "the default factory queues the first step");
        assertEquals("later", t.await());
    }

    @Test
    void aFactoryWrappingTheDefaultMakesEveryTaskOfCreateTask(EventLoop loop) {
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        Task<Integer> a = createTask(() -> 1);
        Task<Integer> b = loop.createTask(() -> 2, "b");
        assertFalse(a.isDone());
        assertEquals(List.of(1, 2), gather(a, b));
        assertEquals(List.of("null", "b"), f.names);
        assertEquals("b", b.getName());
        assertTrue(a.getName().startsWith("Task-"));
    }

    @Test
    void aFactoryWrappingTheEagerFactoryMakesEagerTasks(EventLoop loop) {
        Counting f = new Counting(eagerTaskFactory());
        loop.setTaskFactory(f);
        Task<Integer> t = createTask(() -> 1);
        assertTrue(t.isDone());
        assertEquals(1, f.count());
    }

    @Test
    void gatherOfCoroutinesMakesOneTaskPerCoroutineThroughTheFactory(EventLoop loop) {
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        gather(() -> 1, () -> 2);
        assertEquals(2, f.count());
    }

    @Test
    void taskGroupCreateTaskGoesThroughTheFactory(EventLoop loop) {
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        taskGroup(g -> {
            g.createTask(() -> 1, "child");
        });
        assertEquals(List.of("child"), f.names);
    }

    @Test
    void shieldAndEnsureFutureOfNonFuturesGoThroughTheFactory(EventLoop loop) {
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        Coroutine<Integer> one = () -> 1;
        shield(one);
        Awaitable<Integer> notAFuture = new Awaitable<>() {
            @Override
            public Integer await() {
                return 2;
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
        ensureFuture(notAFuture).await();
        assertEquals(2, f.count());
    }

    @Test
    void waitForMakesATaskOnlyForATimeoutOfZero(EventLoop loop) {
        // asyncio 3.12+: wait_for awaits the coroutine inside a timeout; only timeout <= 0 wraps it
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        Coroutine<Integer> one = () -> 1;
        assertEquals(1, waitFor(one, Duration.ofSeconds(1)));
        assertEquals(0, f.count());
        assertThrows(TimeoutException.class, () -> waitFor(one, Duration.ZERO));
        assertEquals(1, f.count());
    }

    @Test
    void runCoroutineThreadsafeMakesItsTaskThroughTheFactory(EventLoop loop) {
        Counting f = new Counting(eagerTaskFactory());
        loop.setTaskFactory(f);
        CompletableFuture<Integer> cf = toThread(() -> runCoroutineThreadsafe(() -> 5, loop));
        assertEquals(5, Asyncio.await(cf));
        assertEquals(1, f.count());
    }

    @Test
    void newTaskBypassesTheFactory(EventLoop loop) {
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        Task<Integer> t = Task.newTask(loop, () -> 1, null);
        assertEquals(1, t.await());
        assertEquals(0, f.count());
    }

    @Test
    void aFactoryReturningNullIsRefusedNamingTheContract(EventLoop loop) {
        loop.setTaskFactory(new TaskFactory() {
            @Override
            public <T> Task<T> createTask(EventLoop l, Coroutine<T> coro, String name) {
                return null;
            }

            @Override
            public String toString() {
                return "NullFactory";
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> createTask(() -> 1));
        loop.setTaskFactory(null); // Runner.close makes tasks too, through the factory (as asyncio's does)
        assertEquals("EventLoop.createTask(): the task factory NullFactory returned null; a TaskFactory must "
                + "return the task it made (Task.newTask or Task.newEagerTask on the loop it is given), or "
                + "setTaskFactory(null) to restore the default", e.getMessage());
    }

    @Test
    void aFactoryReturningATaskOfAnotherLoopIsRefused(EventLoop loop) {
        EventLoop other = new EventLoop();
        try {
            loop.setTaskFactory(new TaskFactory() {
                @Override
                public <T> Task<T> createTask(EventLoop l, Coroutine<T> coro, String name) {
                    return Task.newTask(other, coro, name);
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> createTask(() -> 1));
            assertTrue(e.getMessage().contains("a task of another loop; a TaskFactory must make the task on the "
                    + "loop it is given"), e.getMessage());
        } finally {
            loop.setTaskFactory(null);
            // the refused task, made on the other loop, never runs: its close reports it as pending
            other.setExceptionHandler((l, c) -> { });
            other.close();
        }
    }

    @Test
    void anExceptionThrownByTheFactoryPropagatesFromCreateTask(EventLoop loop) {
        IllegalArgumentException refused = new IllegalArgumentException("no more tasks");
        loop.setTaskFactory(new TaskFactory() {
            @Override
            public <T> Task<T> createTask(EventLoop l, Coroutine<T> coro, String name) {
                throw refused;
            }
        });
        assertSame(refused, assertThrows(IllegalArgumentException.class, () -> createTask(() -> 1)));
        loop.setTaskFactory(null);
    }

    @Test
    void aNullCoroutineIsRefusedBeforeTheFactorySeesIt(EventLoop loop) {
        Counting f = new Counting(null);
        loop.setTaskFactory(f);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> loop.createTask((Coroutine<Integer>) null));
        assertEquals("createTask(): the coroutine is null", e.getMessage());
        assertEquals(0, f.count());
    }

    @Test
    void newTaskWithoutALoopNamesTheMissingArgument() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Task.newEagerTask(null, () -> 1, null));
        assertTrue(e.getMessage().startsWith("Task.newEagerTask(): the loop is null"), e.getMessage());
    }

    @Test
    void setTaskFactoryFromAnotherThreadIsRefused(EventLoop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> toThread(() -> loop.setTaskFactory(eagerTaskFactory())));
        assertTrue(e.getMessage().startsWith("EventLoop.setTaskFactory(): called from thread"), e.getMessage());
        sleep(0);
        assertNull(loop.getTaskFactory());
    }
}
