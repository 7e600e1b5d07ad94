package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.allTasks;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.eagerTaskFactory;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.taskGroup;
import static io.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eager tasks: {@code Asyncio.eagerTaskFactory()} and {@code Task.newEagerTask} (asyncio 3.12+
 * {@code eager_task_factory}, {@code Task(..., eager_start=True)}; CPython
 * test_eager_task_factory). Each expected order was checked with CPython 3.13.
 */
@ExtendWith(AsyncioExtension.class)
class EagerTaskTest {

    @Test
    void aCoroutineThatReturnsWithoutSuspendingIsDoneWhenCreateTaskReturns(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        Task<String> t = createTask(() -> "hello");
        assertTrue(t.isDone());
        assertEquals("hello", t.result());
    }

    @Test
    void aCoroutineThatThrowsWithoutSuspendingIsDoneWithItsExceptionAndCreateTaskDoesNotThrow(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        ArithmeticException boom = new ArithmeticException("eager boom");
        Task<Integer> t = createTask(() -> {
            throw boom;
        });
        assertTrue(t.isDone());
        assertSame(boom, t.exception());
    }

    @Test
    void theFirstStepRunsBeforeCreateTaskReturnsAndBeforeWhatIsAlreadyQueued(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("queued before"));
        createTask(() -> out.add("first step"));
        out.add("creator");
        sleep(0);
        assertEquals(List.of("first step", "creator", "queued before"), out);
    }

    @Test
    void afterItsFirstSuspensionTheTaskIsScheduledLikeAnyOther(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("queued before"));
        Task<Void> t = createTask(() -> {
            out.add("step 1");
            sleep(0); // queued at the tail, behind "queued before"
            out.add("step 2");
        });
        assertFalse(t.isDone());
        t.await();
        assertEquals(List.of("step 1", "queued before", "step 2"), out);
    }

    @Test
    void theCreatorContinuesBeforeAnythingTheFirstStepQueued(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Future<String> f = loop.createFuture();
        Task<String> waiter = createTask(() -> "woke with " + f.await(), "waiter");
        Task<Void> t = createTask(() -> {
            loop.callSoon(() -> out.add("callback of the step"));
            f.setResult("x"); // queues the waiter's wake-up
            out.add("step 1");
            loop.createFuture().await(); // suspends for good: cancelled below
        });
        out.add("creator");
        assertFalse(waiter.isDone());
        assertEquals("woke with x", waiter.await());
        assertEquals(List.of("step 1", "creator", "callback of the step"), out);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
    }

    @Test
    void currentTaskIsTheEagerTaskDuringItsFirstStepAndTheCreatorAfterwards(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        Task<?> me = currentTask();
        List<Task<?>> seen = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            seen.add(currentTask());
            sleep(0.1);
            seen.add(currentTask());
        });
        assertSame(t, seen.get(0));
        assertSame(me, currentTask());
        t.await();
        assertSame(t, seen.get(1));
    }

    @Test
    void allTasksListsAnEagerTaskDuringItsFirstStepAndAfterItSuspends(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        Future<Void> go = loop.createFuture();
        List<Set<Task<?>>> during = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            during.add(allTasks());
            go.await();
        });
        assertTrue(during.get(0).contains(t));
        assertTrue(allTasks().contains(t));
        go.setResult(null);
        t.await();
        assertFalse(allTasks().contains(t));
    }

    @Test
    void allTasksDoesNotListATaskThatFinishedEagerly(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<Set<Task<?>>> during = new ArrayList<>();
        Task<Boolean> t = createTask(() -> during.add(allTasks()));
        assertTrue(during.get(0).contains(t));
        assertFalse(allTasks().contains(t));
    }

    @Test
    void aTaskCreatedWhileTheLoopIsNotRunningStartsAsANormalTask() {
        List<String> out = new ArrayList<>();
        EventLoop other = new EventLoop();
        try {
            other.setTaskFactory(eagerTaskFactory());
            Task<String> t = other.createTask(() -> {
                out.add("step");
                return "ran in the loop";
            });
            assertFalse(t.isDone());
            assertEquals(List.of(), out);
            assertEquals("ran in the loop", toThread(() -> other.runUntilComplete(t)));
            assertEquals(List.of("step"), out);
        } finally {
            other.close();
        }
    }

    @Test
    void aTaskCreatedFromAPlainCallbackRunsItsFirstStepInsideTheCallback(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Future<Task<String>> made = loop.createFuture();
        loop.callSoon(() -> {
            loop.callSoon(() -> out.add("queued by the callback"));
            Task<String> t = loop.createTask(() -> {
                out.add("step, current=" + (currentTask() != null));
                return "done";
            });
            out.add("callback: done=" + t.isDone() + " current=" + currentTask());
            made.setResult(t);
        });
        assertEquals("done", made.await().result());
        sleep(0);
        assertEquals(List.of("step, current=true", "callback: done=true current=null", "queued by the callback"),
                out);
    }

    @Test
    void aTaskCreatedFromACallbackThatSuspendsGivesTheCallbackBackBeforeAnythingElse(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Future<Task<Void>> made = loop.createFuture();
        loop.callSoon(() -> {
            loop.callSoon(() -> out.add("queued by the callback"));
            Task<Void> t = loop.createTask(() -> {
                out.add("step 1");
                sleep(0);
                out.add("step 2");
            });
            out.add("callback: done=" + t.isDone());
            made.setResult(t);
        });
        made.await().await();
        assertEquals(List.of("step 1", "callback: done=false", "queued by the callback", "step 2"), out);
    }

    @Test
    void eagerTasksCreatedByEagerTasksNestAndUnwindInCallOrder(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Task<String> t = createTask(nester("a", 2, out));
        out.add("creator: done=" + t.isDone());
        assertEquals("a", t.await());
        assertEquals(List.of("a before child", "a.c before child", "a.c.c before child",
                "a.c child done=false", "a child done=false", "creator: done=false",
                "a.c.c after sleep", "a.c after sleep", "a after sleep"), out);
    }

    @Test
    void eagerTasksNestedUnderACallbackAllRunInsideTheCallback(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Future<Task<String>> made = loop.createFuture();
        loop.callSoon(() -> {
            loop.callSoon(() -> out.add("queued by the callback"));
            made.setResult(loop.createTask(nester("cb", 1, out)));
            out.add("callback continues");
        });
        assertEquals("cb", made.await().await());
        assertEquals(List.of("cb before child", "cb.c before child", "cb child done=false", "callback continues",
                "queued by the callback", "cb.c after sleep", "cb after sleep"), out);
    }

    private static Coroutine<String> nester(String name, int depth, List<String> out) {
        return () -> {
            out.add(name + " before child");
            Task<String> child = null;
            if (depth > 0) {
                child = createTask(nester(name + ".c", depth - 1, out));
                out.add(name + " child done=" + child.isDone());
            }
            sleep(0);
            out.add(name + " after sleep");
            if (child != null) {
                child.await();
            }
            return name;
        };
    }

    @Test
    void doneCallbacksOfAnEagerlyFinishedTaskAreStillScheduledWithCallSoon(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Task<String> t = createTask(() -> "r");
        t.addDoneCallback(x -> out.add("done callback"));
        out.add("after addDoneCallback");
        sleep(0);
        assertEquals(List.of("after addDoneCallback", "done callback"), out);
    }

    @Test
    void anEagerTaskIteratingAGeneratorThatNeverSuspendsFinishesInItsFirstStep(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        Task<Integer> t = createTask(() -> {
            int sum = 0;
            for (int v : generator((AsyncGenerator.Yield<Integer> y) -> {
                y.yield(1);
                y.yield(2);
                y.yield(3);
            })) {
                sum += v;
            }
            return sum;
        });
        assertTrue(t.isDone());
        assertEquals(6, t.result());
    }

    @Test
    void aGeneratorBodyStartsAnEagerTaskAsPartOfItsStep(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Task<?> me = currentTask();
        for (int v : generator((AsyncGenerator.Yield<Integer> y) -> {
            Task<Integer> t = createTask(() -> {
                out.add("child runs, current is child=" + (currentTask() != me));
                return 0;
            });
            out.add("gen: child done=" + t.isDone() + " current is consumer=" + (currentTask() == me));
            y.yield(1);
            y.yield(2);
        })) {
            out.add("got " + v);
        }
        assertEquals(List.of("child runs, current is child=true", "gen: child done=true current is consumer=true",
                "got 1", "got 2"), out);
    }

    @Test
    void anEagerTaskCancellingItsCreatorCancelsItAtItsNextSuspension(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        Task<?> me = currentTask();
        createTask(() -> {
            out.add("child cancels its creator");
            me.cancel();
        });
        out.add("creator continues, cancelling=" + me.cancelling());
        try {
            sleep(0);
            out.add("not cancelled");
        } catch (CancelledError e) {
            out.add("cancelled at next await");
            me.uncancel();
        }
        assertEquals(List.of("child cancels its creator", "creator continues, cancelling=1",
                "cancelled at next await"), out);
    }

    @Test
    void aTaskGroupChildThatFinishesEagerlyIsNeverPendingInTheGroup(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        taskGroup(g -> {
            Task<Integer> t = g.createTask(() -> 1);
            out.add("done=" + t.isDone() + " group=" + g);
        });
        assertEquals(List.of("done=true group=<TaskGroup entered>"), out);
    }

    /** CPython 3.13 logs the same lines for the same program with asyncio.TaskGroup. */
    @Test
    void aTaskGroupChildThatFailsEagerlyAbortsTheGroupAtOnce(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> log = new ArrayList<>();
        Task<?> me = currentTask();
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, () -> taskGroup((TaskGroup g) -> {
            Task<Void> slow = g.createTask(() -> {
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    log.add("slow cancelled");
                    throw e;
                }
            });
            log.add("slow created done=" + slow.isDone());
            Task<Void> boom = g.createTask(() -> {
                throw new ArithmeticException("eager boom");
            });
            log.add("boom done=" + boom.isDone() + " slow cancelling=" + slow.cancelling()
                    + " parent cancelling=" + me.cancelling());
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> g.createTask(() -> 2));
            log.add("create after: " + refused.getMessage().contains("shutting down"));
            log.add("body before await");
            try {
                sleep(0);
                log.add("body not cancelled");
            } catch (CancelledError e) {
                log.add("body cancelled");
                throw e;
            }
        }));
        assertEquals(1, eg.exceptions().size());
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
        log.add("parent cancelling after=" + me.cancelling());
        assertEquals(List.of("slow created done=false", "boom done=true slow cancelling=1 parent cancelling=1",
                "create after: true", "body before await", "slow cancelled", "body cancelled",
                "parent cancelling after=0"), log);
    }

    @Test
    void gatherOfCoroutinesThatAllFinishEagerlyReturnsWithoutSuspending(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("queued before"));
        List<Integer> r = gather(() -> 1, () -> 2);
        out.add("gathered " + r);
        sleep(0);
        assertEquals(List.of("gathered [1, 2]", "queued before"), out);
    }

    @Test
    void cancellingATaskThatFinishedEagerlyDoesNothing(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        Task<String> t = createTask(() -> "finished without blocking");
        assertFalse(t.cancel());
        assertEquals("finished without blocking", t.await());
        assertFalse(t.isCancelled());
    }

    @Test
    void cancellingATaskAfterItsFirstStepSuspendedCancelsIt(EventLoop loop) {
        loop.setTaskFactory(eagerTaskFactory());
        Task<String> t = createTask(() -> {
            sleep(0.1);
            return "finished after blocking";
        });
        assertTrue(t.cancel("cancellation message"));
        assertEquals(1, t.cancelling());
        CancelledError e = assertThrows(CancelledError.class, t::await);
        assertEquals("cancellation message", e.getMessage());
    }

    @Test
    void newEagerTaskStartsEagerlyWithoutAnyFactory(EventLoop loop) {
        assertNull(loop.getTaskFactory());
        List<String> out = new ArrayList<>();
        Task<String> t = Task.newEagerTask(loop, () -> {
            out.add("step");
            return "r";
        }, "direct");
        out.add("creator");
        assertTrue(t.isDone());
        assertEquals("direct", t.getName());
        assertEquals(List.of("step", "creator"), out);
    }

    @Test
    void anEagerTaskHasItsNameDuringItsFirstStep(EventLoop loop) {
        // CPython 3.13 names it only after the factory returns (gh-128308); 3.14 and we pass the name in
        loop.setTaskFactory(eagerTaskFactory());
        List<String> names = new ArrayList<>();
        createTask(() -> names.add(currentTask().getName()), "example name");
        assertEquals(List.of("example name"), names);
    }

    /**
     * One program mixing normal and eager tasks, nested eager starts, callbacks and gathers;
     * the expected lines are CPython 3.13's output for its Python twin, kept here as it printed.
     */
    @Test
    void aProgramMixingEagerAndNormalTasksLogsWhatCPythonLogs(EventLoop loop) {
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("cb1"));
        Task<String> n1 = createTask(normal("n1", out));
        loop.setTaskFactory(eagerTaskFactory());
        out.add("main: factory set");
        Task<String> e1 = createTask(quick("e1", out));
        out.add("main: e1 done=" + e1.isDone() + " result=" + e1.result());
        Future<Integer> fut = loop.createFuture();
        Task<Integer> e2 = createTask(() -> {
            out.add("e2 step1");
            int v = fut.await();
            out.add("e2 got " + v);
            return v;
        });
        out.add("main: e2 done=" + e2.isDone());
        loop.callSoon(() -> out.add("cb2"));
        Task<String> e3 = createTask(nester("e3", 2, out));
        out.add("main: e3 done=" + e3.isDone());
        e1.addDoneCallback(t -> out.add("e1 done-callback"));
        Task<?>[] fromCallback = new Task<?>[1];
        loop.callSoon(() -> {
            out.add("cb: creating");
            fromCallback[0] = loop.createTask(quick("from-cb", out));
            out.add("cb: created done=" + fromCallback[0].isDone());
        });
        fut.setResult(7);
        loop.setTaskFactory(null);
        Task<String> n2 = createTask(normal("n2", out));
        out.add("main: sleeping");
        sleep(0);
        out.add("main: woke 1");
        sleep(0);
        out.add("main: woke 2");
        List<Object> r = gather(n1, e2, e3, n2);
        out.add("main: gathered " + r);
        loop.setTaskFactory(eagerTaskFactory());
        List<String> g = gather(quick("g1", out), normal("g2", out), quick("g3", out));
        out.add("main: gather2 " + g);
        fromCallback[0].await();
        assertEquals(List.of(
                "main: factory set",
                "e1 runs",
                "main: e1 done=true result=e1",
                "e2 step1",
                "main: e2 done=false",
                "e3 before child",
                "e3.c before child",
                "e3.c.c before child",
                "e3.c child done=false",
                "e3 child done=false",
                "main: e3 done=false",
                "main: sleeping",
                "cb1",
                "n1 step1",
                "cb2",
                "e3.c.c after sleep",
                "e3.c after sleep",
                "e3 after sleep",
                "e1 done-callback",
                "cb: creating",
                "cb: created done=false",
                "e2 got 7",
                "n2 step1",
                "main: woke 1",
                "n1 step2",
                "from-cb runs",
                "n2 step2",
                "main: woke 2",
                "main: gathered [n1, 7, e3, n2]",
                "g1 runs",
                "g2 step1",
                "g3 runs",
                "g2 step2",
                "main: gather2 [g1, g2, g3]"), out);
    }

    private static Coroutine<String> normal(String name, List<String> out) {
        return () -> {
            out.add(name + " step1");
            sleep(0);
            out.add(name + " step2");
            return name;
        };
    }

    private static Coroutine<String> quick(String name, List<String> out) {
        return () -> {
            out.add(name + " runs");
            return name;
        };
    }
}
