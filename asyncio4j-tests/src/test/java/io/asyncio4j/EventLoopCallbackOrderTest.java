package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order in which the loop runs callbacks, timers and task steps (CPython test_events, test_base_events). */
@ExtendWith(AsyncioExtension.class)
class EventLoopCallbackOrderTest {

    @Test
    void callSoonCallbacksRunInTheOrderTheyWereScheduled(EventLoop loop) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            loop.callSoon(() -> out.add(n));
        }
        sleep(0);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), out);
    }

    @Test
    void aCallbackScheduledByACallbackRunsAfterEverythingAlreadyQueued(EventLoop loop) {
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> {
            out.add("a");
            loop.callSoon(() -> out.add("a2"));
        });
        loop.callSoon(() -> out.add("b"));
        sleep(0);
        sleep(0);
        assertEquals(List.of("a", "b", "a2"), out);
    }

    @Test
    void oneIterationRunsOnlyTheCallbacksQueuedWhenItStarted(EventLoop loop) {
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> {
            out.add("first");
            loop.callSoon(() -> out.add("next iteration"));
        });
        sleep(0); // one iteration: "first" ran, its child is queued behind this task
        assertEquals(List.of("first"), out);
        sleep(0);
        assertEquals(List.of("first", "next iteration"), out);
    }

    @Test
    void sleepZeroLetsEveryReadyCallbackRunOnce(EventLoop loop) {
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("x"));
        sleep(0);
        out.add("after sleep(0)");
        assertEquals(List.of("x", "after sleep(0)"), out);
    }

    @Test
    void aCancelledHandleDoesNotRun(EventLoop loop) {
        List<String> out = new ArrayList<>();
        Handle h = loop.callSoon(() -> out.add("cancelled"));
        loop.callSoon(() -> out.add("kept"));
        h.cancel();
        assertTrue(h.isCancelled());
        sleep(0);
        assertEquals(List.of("kept"), out);
    }

    @Test
    void callLaterZeroRunsAfterCallbacksAlreadyReady(EventLoop loop) {
        List<String> out = new ArrayList<>();
        loop.callLater(0, () -> out.add("later0"));
        loop.callSoon(() -> out.add("soon"));
        sleep(0.01);
        assertEquals(List.of("soon", "later0"), out);
    }

    @Test
    void timersRunInDeadlineOrder(EventLoop loop) {
        List<Integer> out = new ArrayList<>();
        loop.callLater(0.3, () -> out.add(3));
        loop.callLater(0.1, () -> out.add(1));
        loop.callLater(0.2, () -> out.add(2));
        sleep(1);
        assertEquals(List.of(1, 2, 3), out);
    }

    @Test
    void timersWithEqualDeadlinesRunInInsertionOrder(EventLoop loop) {
        List<Integer> out = new ArrayList<>();
        double when = loop.time() + 1;
        for (int i = 0; i < 50; i++) {
            int n = i;
            loop.callAt(when, () -> out.add(n));
        }
        sleep(2);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        assertEquals(expected, out);
    }

    @Test
    void aCancelledTimerDoesNotRun(EventLoop loop) {
        List<String> out = new ArrayList<>();
        TimerHandle h = loop.callLater(1, () -> out.add("cancelled"));
        loop.callLater(1, () -> out.add("kept"));
        h.cancel();
        sleep(2);
        assertEquals(List.of("kept"), out);
        assertTrue(h.isCancelled());
    }

    @Test
    void callAtInThePastRunsAtTheNextIteration(EventLoop loop) {
        List<String> out = new ArrayList<>();
        sleep(5);
        loop.callAt(loop.time() - 3, () -> out.add("past"));
        sleep(0);
        sleep(0);
        assertEquals(List.of("past"), out);
    }

    @Test
    void timerHandleWhenIsItsDeadlineOnTheLoopClock(EventLoop loop) {
        double now = loop.time();
        TimerHandle h = loop.callLater(2.5, () -> { });
        assertEquals(now + 2.5, h.when(), 1e-9);
        h.cancel();
    }

    @Test
    void doneCallbacksAndAnAwaitingTaskWakeInRegistrationOrder(EventLoop loop) {
        // CPython: ['soon-before', 'cb1', 'task', 'cb2', 'soon-after']
        List<String> out = new ArrayList<>();
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(x -> out.add("cb1"));
        Task<Void> t = createTask(() -> {
            f.await();
            out.add("task");
        });
        sleep(0);
        f.addDoneCallback(x -> out.add("cb2"));
        loop.callSoon(() -> out.add("soon-before"));
        f.setResult(1);
        loop.callSoon(() -> out.add("soon-after"));
        t.await();
        assertEquals(List.of("soon-before", "cb1", "task", "cb2", "soon-after"), out);
    }

    @Test
    void tasksStartInCreationOrderAfterTheCreatorSuspends() {
        List<String> out = new ArrayList<>();
        List<Task<Void>> ts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String n = "t" + i;
            ts.add(createTask(() -> {
                out.add(n);
            }));
        }
        out.add("created");
        gather(ts);
        assertEquals(List.of("created", "t0", "t1", "t2"), out);
    }

    @Test
    void tasksTakeTurnsAtEachSleepZero() {
        List<String> out = new ArrayList<>();
        Task<Void> a = createTask(() -> {
            for (int i = 0; i < 3; i++) {
                out.add("a" + i);
                sleep(0);
            }
        });
        Task<Void> b = createTask(() -> {
            for (int i = 0; i < 3; i++) {
                out.add("b" + i);
                sleep(0);
            }
        });
        gather(a, b);
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), out);
    }

    @Test
    void aCallbackThatThrowsIsReportedAndTheLoopGoesOn(EventLoop loop) {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
        List<String> out = new ArrayList<>();
        RuntimeException boom = new RuntimeException("boom");
        loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(() -> out.add("next"));
        sleep(0);
        assertEquals(List.of("next"), out);
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).message().startsWith("Exception in callback"), seen.get(0).message());
        assertEquals(boom, seen.get(0).exception());
        assertTrue(seen.get(0).get("handle") instanceof Handle);
    }

    @Test
    void stopFromACallbackLetsTheCurrentIterationFinish() {
        EventLoop loop = new EventLoop(new VirtualClock());
        try {
            List<String> out = new ArrayList<>();
            loop.callSoon(() -> {
                out.add("a");
                loop.stop();
            });
            loop.callSoon(() -> out.add("b"));
            loop.callSoon(() -> loop.callSoon(() -> out.add("c")));
            Thread t = Thread.ofPlatform().start(loop::runForever);
            join(t);
            assertEquals(List.of("a", "b"), out);
            assertFalse(loop.isRunning());
            // run again: the callback queued in the last iteration is still there
            loop.callSoon(loop::stop);
            Thread t2 = Thread.ofPlatform().start(loop::runForever);
            join(t2);
            assertEquals(List.of("a", "b", "c"), out);
        } finally {
            loop.close();
        }
    }

    @Test
    void loopTimeIsMonotonicAndAdvancesWithSleep(EventLoop loop) {
        double t0 = loop.time();
        sleep(1.5);
        double t1 = loop.time();
        assertEquals(1.5, t1 - t0, 1e-6);
    }

    @Test
    void stopBeforeRunForeverRunsOneIterationThenStops() {
        // asyncio: stop() on a loop that is not running makes the next run_forever run one iteration
        EventLoop loop = new EventLoop(new VirtualClock());
        try {
            List<String> out = new ArrayList<>();
            loop.callSoon(() -> {
                out.add("first");
                loop.callSoon(() -> out.add("second"));
            });
            loop.stop();
            Thread t = Thread.ofPlatform().start(loop::runForever);
            join(t);
            assertEquals(List.of("first"), out);
        } finally {
            loop.close();
        }
    }

    @Test
    void runUntilCompleteStopsInTheIterationWhereTheDoneCallbackRuns() {
        // CPython: done ['queued after completion']; the stop is itself a done-callback
        EventLoop loop = new EventLoop(new VirtualClock());
        try {
            List<String> out = new ArrayList<>();
            Future<String> f = loop.createFuture();
            loop.callSoon(() -> {
                f.setResult("done");
                loop.callSoon(() -> out.add("queued after completion"));
                loop.callSoon(() -> loop.callSoon(() -> out.add("two iterations later")));
            });
            String[] r = new String[1];
            Thread t = Thread.ofPlatform().start(() -> r[0] = loop.runUntilComplete(f));
            join(t);
            assertEquals("done", r[0]);
            assertEquals(List.of("queued after completion"), out);
        } finally {
            loop.close();
        }
    }

    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNegativeDelayIsADeadlineAlreadyPastAsInAsyncio(EventLoop loop) {
        // CPython 3.13: call_later(0, 'zero'); call_later(-1, 'minus1'); call_soon('soon');
        // await sleep(-1) -> ['soon', 'slept', 'minus1', 'zero']
        List<String> out = new ArrayList<>();
        loop.callLater(0, () -> out.add("zero"));
        loop.callLater(-1, () -> out.add("minus1"));
        loop.callSoon(() -> out.add("soon"));
        double t0 = loop.time();
        sleep(-1);
        out.add("slept");
        sleep(0.01);
        assertEquals(List.of("soon", "slept", "minus1", "zero"), out);
        assertEquals(0.01, loop.time() - t0, 1e-6);
    }

    @Test
    void aNegativeDurationSleepYieldsOnceLikeSleepZero(EventLoop loop) {
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("callback"));
        sleep(java.time.Duration.ofSeconds(-5));
        out.add("after sleep");
        assertEquals(List.of("callback", "after sleep"), out);
    }

    @Test
    void aNegativeCallLaterIsDueInThePast(EventLoop loop) {
        TimerHandle h = loop.callLater(-2, () -> { });
        assertTrue(h.when() < loop.time());
        h.cancel();
    }
}
