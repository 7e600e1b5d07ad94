package io.asyncio4j;

import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asyncio.run and asyncio.Runner (CPython test_runners). These tests start loops themselves, so
 * they run on the test thread rather than as tasks of the testing kit's loop.
 */
class RunnerTest {

    static Runner virtualRunner() {
        return new Runner(null, () -> new EventLoop(new VirtualClock()));
    }

    @Test
    void runReturnsWhatTheMainCoroutineReturns() {
        assertEquals(42, Asyncio.run(() -> {
            sleep(0.01);
            return 42;
        }));
    }

    @Test
    void runRaisesTheExceptionOfTheMainCoroutineUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> {
            sleep(0.01);
            throw boom;
        }));
        assertSame(boom, e);
    }

    @Test
    void runOfAVoidCoroutineRunsIt() {
        List<String> out = new ArrayList<>();
        Asyncio.run(() -> {
            out.add("ran");
        });
        assertEquals(List.of("ran"), out);
    }

    @Test
    void aKeyboardInterruptRaisedInATaskLeavesTheLoopAndTheOtherTasksAreCancelled() {
        // CPython: KeyboardInterrupt (or SystemExit) raised in a task escapes run_until_complete;
        // asyncio.run then cancels the main task, which sees CancelledError, and raises it on
        List<String> out = new ArrayList<>();
        assertThrows(KeyboardInterruptException.class, () -> Asyncio.run(() -> {
            createTask(() -> {
                sleep(0.01);
                throw new KeyboardInterruptException();
            });
            try {
                sleep(10);
                out.add("main finished normally");
            } catch (CancelledError e) {
                out.add("main cancelled");
                throw e;
            }
        }));
        assertEquals(List.of("main cancelled"), out);
    }

    @Test
    void aKeyboardInterruptRaisedInACallbackLeavesTheLoopToo() {
        List<String> out = new ArrayList<>();
        assertThrows(KeyboardInterruptException.class, () -> Asyncio.run(() -> {
            getRunningLoop().callLater(0.01, () -> {
                throw new KeyboardInterruptException();
            });
            try {
                sleep(10);
            } finally {
                out.add("main ended");
            }
        }));
        assertEquals(List.of("main ended"), out);
    }

    @Test
    void theMainTaskIsNamedLikeAnyOtherTaskAndTheFirstTaskItCreatesComesNext() {
        // CPython: asyncio.run's main task is "Task-1" in a fresh process, its first child "Task-2"
        List<String> names = Asyncio.run(() -> List.of(currentTask().getName(), createTask(() -> { }).getName()));
        assertTrue(names.get(0).matches("Task-\\d+"), names.toString());
        int main = Integer.parseInt(names.get(0).substring("Task-".length()));
        assertEquals("Task-" + (main + 1), names.get(1));
    }

    @Test
    void runInsideARunningLoopIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Asyncio.run(() -> Asyncio.run(() -> 1)));
        assertTrue(e.getMessage().contains("cannot be called from a running event loop"), e.getMessage());
    }

    @Test
    void runWorksOnAnotherThreadStartedFromATask() {
        int r = Asyncio.run(() -> Asyncio.toThread(() -> Asyncio.run(() -> 7)));
        assertEquals(7, r);
    }

    @Test
    void leftoverTasksAreCancelledAndAwaitedWhenMainReturns() {
        List<String> out = new ArrayList<>();
        Asyncio.run(() -> {
            createTask(() -> {
                try {
                    sleep(3600);
                } finally {
                    sleep(0.01); // cleanup that suspends still completes
                    out.add("leftover cleaned up");
                }
            });
            sleep(0);
        });
        assertEquals(List.of("leftover cleaned up"), out);
    }

    @Test
    void aLeftoverTaskFailingDuringShutdownIsReportedToTheExceptionHandler() {
        List<ExceptionContext> seen = new ArrayList<>();
        Asyncio.run(() -> {
            getRunningLoop().setExceptionHandler((loop, ctx) -> seen.add(ctx));
            createTask(() -> {
                try {
                    sleep(3600);
                } finally {
                    throw new IllegalStateException("failed while cancelled");
                }
            });
            sleep(0);
        });
        assertEquals(1, seen.size());
        assertEquals("unhandled exception during asyncio.run() shutdown", seen.get(0).message());
        assertEquals("failed while cancelled", seen.get(0).exception().getMessage());
        assertInstanceOf(Task.class, seen.get(0).get("task"));
    }

    @Test
    void theDebugFlagTurnsOnDebugMode() {
        assertTrue(Asyncio.run(() -> getRunningLoop().getDebug(), true));
        assertFalse(Asyncio.run(() -> getRunningLoop().getDebug(), false));
    }

    @Test
    void aRunnerRunsSeveralCoroutinesOnTheSameLoop() {
        try (Runner r = virtualRunner()) {
            EventLoop first = r.run(() -> getRunningLoop());
            EventLoop second = r.run(() -> getRunningLoop());
            assertSame(first, second);
            assertSame(r.getLoop(), first);
        }
    }

    @Test
    void aTaskStartedInOneRunKeepsRunningInTheNext() {
        try (Runner r = virtualRunner()) {
            Task<?>[] bg = new Task<?>[1];
            r.run(() -> {
                bg[0] = createTask(() -> sleep(1));
            });
            assertFalse(bg[0].isDone());
            r.run(() -> bg[0].await());
            assertTrue(bg[0].isDone());
        }
    }

    @Test
    void theLoopFactoryMakesTheLoop() {
        AtomicInteger made = new AtomicInteger();
        EventLoop[] loop = new EventLoop[1];
        try (Runner r = new Runner(null, () -> {
            made.incrementAndGet();
            loop[0] = new EventLoop(new VirtualClock());
            return loop[0];
        })) {
            EventLoop inRun = r.run(() -> getRunningLoop());
            assertSame(loop[0], inRun);
        }
        assertEquals(1, made.get());
        assertTrue(loop[0].isClosed());
    }

    @Test
    void theRunnerStatesFollowAsyncio() {
        Runner r = virtualRunner();
        assertEquals(Runner.State.CREATED, r.state());
        r.getLoop();
        assertEquals(Runner.State.INITIALIZED, r.state());
        r.close();
        assertEquals(Runner.State.CLOSED, r.state());
    }

    @Test
    void closeIsIdempotentAndClosesTheLoop() {
        Runner r = virtualRunner();
        EventLoop loop = r.getLoop();
        r.close();
        r.close();
        assertTrue(loop.isClosed());
    }

    @Test
    void runAfterCloseIsRefused() {
        Runner r = virtualRunner();
        r.run(() -> 1);
        r.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.run(() -> 2));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void closeCancelsWhatIsLeftAndShutsTheDefaultExecutorDown() {
        Runner r = virtualRunner();
        Task<?>[] bg = new Task<?>[1];
        r.run(() -> {
            bg[0] = createTask(() -> sleep(100));
            Asyncio.toThread(() -> "warm up the default executor");
        });
        EventLoop loop = r.getLoop();
        r.close();
        assertTrue(bg[0].isCancelled());
        assertTrue(loop.isClosed());
    }

    @Test
    void aVirtualClockRunnerSleepsAnHourInstantly() {
        long t0 = System.nanoTime();
        try (Runner r = virtualRunner()) {
            double t = r.run(() -> {
                sleep(3600);
                return getRunningLoop().time();
            });
            assertEquals(3600.0, t, 1e-6);
        }
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
    }

    @Test
    void ctrlCCancelsTheMainTaskAndRaisesKeyboardInterrupt() {
        // a safety handler: if the runner did not take SIGINT, the signal lands here instead of
        // ending the test JVM
        boolean[] safetyHit = {false};
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> safetyHit[0] = true);
        try {
            List<String> out = new ArrayList<>();
            assertThrows(KeyboardInterruptException.class, () -> Asyncio.run(() -> {
                try {
                    Signal.SIGINT.raise();
                    sleep(5); // real clock: the signal arrives long before
                    out.add("not interrupted");
                } catch (CancelledError e) {
                    out.add("main task cancelled");
                    throw e;
                }
            }));
            assertEquals(List.of("main task cancelled"), out);
            assertFalse(safetyHit[0]);
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }

    @Test
    void aMainTaskThatSwallowsCtrlCEndsNormally() {
        boolean[] safetyHit = {false};
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> safetyHit[0] = true);
        try {
            String r = Asyncio.run(() -> {
                try {
                    Signal.SIGINT.raise();
                    sleep(5);
                    return "not interrupted";
                } catch (CancelledError e) {
                    currentTask().uncancel();
                    return "handled Ctrl-C";
                }
            });
            assertEquals("handled Ctrl-C", r);
            assertFalse(safetyHit[0]);
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }

    @Test
    void eachRunGetsANewLoop() {
        EventLoop a = Asyncio.run(() -> getRunningLoop());
        EventLoop b = Asyncio.run(() -> getRunningLoop());
        assertNotSame(a, b);
        assertTrue(a.isClosed());
    }

    @Test
    void aSecondCtrlCRaisesKeyboardInterruptAndTheTasksLeftAreStillCleanedUp() {
        // CPython 3.13, Ctrl-C twice while the main task waits (the second after it caught the
        // first): "first ctrl-c: main task cancelled", then KeyboardInterrupt out of asyncio.run,
        // whose close() cancels the tasks left, so their finally blocks run
        boolean[] safetyHit = {false};
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> safetyHit[0] = true);
        try {
            List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
            assertThrows(KeyboardInterruptException.class, () -> Asyncio.run(() -> {
                createTask(() -> {
                    try {
                        sleep(100);
                    } finally {
                        out.add("bg cleaned up");
                    }
                });
                sleep(0);
                Signal.SIGINT.raise();
                try {
                    sleep(5); // real clock: the signal arrives long before
                } catch (CancelledError e) {
                    out.add("first ctrl-c: main task cancelled");
                    currentTask().uncancel();
                }
                Signal.SIGINT.raise();
                try {
                    sleep(5);
                } finally {
                    out.add("main finally");
                }
                out.add("not reached");
            }));
            assertEquals("first ctrl-c: main task cancelled", out.get(0), out.toString());
            // the tasks left are cancelled together, in no promised order (asyncio's all_tasks is a set)
            assertEquals(java.util.Set.of("bg cleaned up", "main finally"), java.util.Set.copyOf(out.subList(1, out.size())));
            assertEquals(3, out.size(), out.toString());
            assertFalse(safetyHit[0]);
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }

    @Test
    void runTakesALoopFactoryAsAsyncio312Does() {
        EventLoop[] made = new EventLoop[1];
        double t = Asyncio.run(() -> {
            sleep(3600); // the factory's virtual clock: no real hour passes
            return getRunningLoop().time();
        }, () -> made[0] = new EventLoop(new VirtualClock()));
        assertEquals(3600.0, t, 1e-6);
        assertTrue(made[0].isClosed(), "run closes the loop it was given");
    }
}
