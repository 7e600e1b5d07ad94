package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.shield;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.wait_for (CPython test_waitfor). */
@ExtendWith(AsyncioExtension.class)
class WaitForTest {

    @Test
    void returnsTheResultWhenItComesInTime(EventLoop loop) {
        Task<String> t = createTask(() -> {
            sleep(1);
            return "ok";
        });
        assertEquals("ok", waitFor(t, Duration.ofSeconds(2)));
        assertEquals(1.0, loop.time(), 1e-6);
    }

    @Test
    void raisesTimeoutExceptionAndCancelsTheTaskWhenTooSlow(EventLoop loop) {
        Task<String> t = createTask(() -> {
            sleep(5);
            return "late";
        });
        TimeoutException e = assertThrows(TimeoutException.class, () -> waitFor(t, 3.0));
        assertTrue(t.isCancelled());
        assertEquals(3.0, loop.time(), 1e-6);
        assertInstanceOf(CancelledError.class, e.getCause());
    }

    @Test
    void waitsForTheCancelledTaskToFinishItsCleanupBeforeRaising(EventLoop loop) {
        List<String> out = new ArrayList<>();
        Task<Void> inner = createTask(() -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                sleep(2); // slow cleanup
                out.add("cleanup done at " + loop.time());
                throw e;
            }
        });
        assertThrows(TimeoutException.class, () -> waitFor(inner, 1.0));
        assertEquals(List.of("cleanup done at 3.0"), out);
        assertEquals(3.0, loop.time(), 1e-6);
        assertTrue(inner.isDone());
    }

    @Test
    void anExceptionRaisedDuringTheCancellationIsRaisedInsteadOfTheTimeout() {
        Task<Void> inner = createTask(() -> {
            try {
                sleep(0.2);
            } finally {
                throw new IllegalStateException("from cleanup");
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> waitFor(inner, 0.01));
        assertEquals("from cleanup", e.getMessage());
    }

    @Test
    void aTaskThatSwallowsTheCancellationAndReturnsGivesItsValue() {
        Task<Integer> t = createTask(() -> {
            try {
                sleep(10);
                return 0;
            } catch (CancelledError e) {
                return 42;
            }
        });
        assertEquals(42, waitFor(t, 0.1));
    }

    @Test
    void aCoroutineRunsInTheCallingTask() {
        Task<?> me = currentTask();
        Task<?> seen = waitFor(() -> {
            sleep(0.5);
            return currentTask();
        }, Duration.ofSeconds(1));
        assertSame(me, seen);
    }

    @Test
    void aSlowCoroutineIsCancelledAtItsSuspensionPoint(EventLoop loop) {
        List<String> out = new ArrayList<>();
        assertThrows(TimeoutException.class, () -> waitFor(() -> {
            try {
                sleep(5);
                return "late";
            } finally {
                out.add("finally at " + loop.time());
            }
        }, 3.0));
        assertEquals(List.of("finally at 3.0"), out);
        assertEquals(0, currentTask().cancelling(), "the timeout took its cancellation back");
    }

    @Test
    void aCoroutineThatSwallowsTheCancellationGivesItsValue() {
        // CPython test_wait_for_cancellation_race_condition / test_wait_for_cancel_suppressed
        int r = waitFor(() -> {
            try {
                sleep(1);
                return 0;
            } catch (CancelledError e) {
                return 1;
            }
        }, 0.01);
        assertEquals(1, r);
    }

    @Test
    void aZeroTimeoutOnADoneFutureReturnsItsResult(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("done");
        assertEquals("done", waitFor(f, 0));
        assertEquals("done", waitFor(f, -1));
    }

    @Test
    void aZeroTimeoutCancelsAPendingTaskAndRaises() {
        Task<String> t = createTask(() -> {
            sleep(1);
            return "x";
        });
        assertThrows(TimeoutException.class, () -> waitFor(t, Duration.ZERO));
        assertTrue(t.isCancelled());
    }

    @Test
    void aZeroTimeoutWaitsForTheCancelledTasksCleanupToo(EventLoop loop) {
        boolean[] done = {false};
        Task<Void> inner = createTask(() -> {
            try {
                sleep(10);
            } finally {
                sleep(1);
                done[0] = true;
            }
        });
        sleep(0);
        assertThrows(TimeoutException.class, () -> waitFor(inner, 0));
        assertTrue(done[0]);
        assertEquals(1.0, loop.time(), 1e-6);
    }

    @Test
    void aZeroTimeoutNeverStartsACoroutine() {
        List<String> out = new ArrayList<>();
        assertThrows(TimeoutException.class, () -> waitFor(() -> {
            out.add("started");
            sleep(1);
            return "x";
        }, 0));
        assertEquals(List.of(), out);
    }

    @Test
    void aNegativeTimeoutActsLikeZero() {
        Task<String> t = createTask(() -> {
            sleep(1);
            return "x";
        });
        assertThrows(TimeoutException.class, () -> waitFor(t, Duration.ofSeconds(-5)));
        assertTrue(t.isCancelled());
    }

    @Test
    void aNullTimeoutWaitsForever(EventLoop loop) {
        Task<String> t = createTask(() -> {
            sleep(10_000);
            return "eventually";
        });
        assertEquals("eventually", waitFor(t, (Duration) null));
        assertEquals(10_000.0, loop.time(), 1e-6);
    }

    @Test
    void aResultArrivingJustBeforeTheTimeoutWins(EventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callSoon(() -> f.setResult("ok"));
        assertEquals("ok", waitFor(f, 0.2));
    }

    @Test
    void cancellingTheCallerCancelsTheInnerTaskAndRaisesCancelledError() {
        Task<Void> inner = createTask(() -> sleep(100));
        Task<Void> caller = createTask(() -> waitFor(inner, 60.0));
        sleep(1);
        caller.cancel();
        assertThrows(CancelledError.class, caller::await);
        assertTrue(inner.isCancelled());
        assertTrue(caller.isCancelled());
    }

    @Test
    void cancellingTheCallerRightAfterTheInnerTaskFinishedStillCancelsTheCaller() {
        // CPython test_wait_for_issue86296
        Task<String> inner = createTask(() -> "done");
        boolean[] reachedEnd = {false};
        Task<Void> caller = createTask(() -> {
            waitFor(inner, 100.0);
            sleep(1);
            reachedEnd[0] = true;
        });
        sleep(0);
        caller.cancel();
        assertThrows(CancelledError.class, caller::await);
        assertEquals("done", inner.await());
        assertFalse(reachedEnd[0]);
    }

    @Test
    void aShieldedTaskTimesOutButKeepsRunning() {
        Task<String> t = createTask(() -> {
            sleep(2);
            return "finished anyway";
        });
        assertThrows(TimeoutException.class, () -> waitFor(Asyncio.shieldFuture(t), 1.0));
        assertFalse(t.isCancelled());
        assertEquals("finished anyway", t.await());
    }

    @Test
    void theTimeoutIsFinalEvenIfTheTaskWouldFinishDuringCleanup(EventLoop loop) {
        Task<String> t = createTask(() -> {
            sleep(5);
            return "x";
        });
        assertThrows(TimeoutException.class, () -> waitFor(t, 1.0));
        assertEquals(1.0, loop.time(), 1e-6);
        assertThrows(CancelledError.class, t::result);
    }

    @Test
    void theExceptionOfTheAwaitableIsRaisedUnchanged() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Task<String> t = createTask(() -> {
            sleep(0.5);
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> waitFor(t, 5.0)));
    }

    @Test
    void aNaNTimeoutIsRefused() {
        Task<String> t = createTask(() -> "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> waitFor(t, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        t.await();
    }

    @Test
    void shieldKeepsWorkingAcrossATimeout() {
        // the shield's inner task survives; the caller gets the timeout
        Task<String> inner = createTask(() -> {
            sleep(3);
            return "inner";
        });
        assertThrows(TimeoutException.class, () -> waitFor(() -> shield(inner), 1.0));
        assertEquals("inner", inner.await());
    }
}
