package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task cancellation: delivery at suspension points, messages, cancelling/uncancel (CPython test_tasks). */
@ExtendWith(AsyncioExtension.class)
class CancellationTest {

    @Test
    void aTaskCancelledBeforeItStartsNeverRunsItsBody() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            out.add("ran");
        });
        assertTrue(t.cancel());
        assertThrows(CancelledError.class, t::await);
        assertTrue(t.isCancelled());
        assertEquals(List.of(), out);
    }

    @Test
    void theCancelMessageGivenBeforeTheStartReachesTheAwaiter() {
        Task<Void> t = createTask(() -> { });
        t.cancel("early");
        assertEquals("early", assertThrows(CancelledError.class, t::await).getMessage());
    }

    @Test
    void cancellationIsDeliveredAtTheSuspensionPoint() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            out.add("before");
            try {
                sleep(10);
                out.add("not reached");
            } catch (CancelledError e) {
                out.add("cancelled in sleep");
                throw e;
            }
        });
        sleep(0);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertEquals(List.of("before", "cancelled in sleep"), out);
    }

    @Test
    void cancellingASleepingTaskWakesItAtOnce(EventLoop loop) {
        Task<Void> t = createTask(() -> sleep(3600));
        sleep(1);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertEquals(1.0, loop.time(), 1e-6);
    }

    @Test
    void theCancelMessageReachesTheSuspendedCoroutine() {
        String[] seen = new String[1];
        Task<Void> t = createTask(() -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                seen[0] = e.getMessage();
                throw e;
            }
        });
        sleep(0);
        t.cancel("stop now");
        assertEquals("stop now", assertThrows(CancelledError.class, t::await).getMessage());
        assertEquals("stop now", seen[0]);
    }

    @Test
    void aSecondResultCallOnACancelledTaskRaisesWithoutTheMessage() {
        Task<Void> t = createTask(() -> sleep(10));
        sleep(0);
        t.cancel("m");
        assertEquals("m", assertThrows(CancelledError.class, t::await).getMessage());
        assertNull(assertThrows(CancelledError.class, t::result).getMessage());
    }

    @Test
    void cancellingATaskCancelsTheFutureItAwaits(EventLoop loop) {
        Future<String> f = loop.createFuture();
        Task<String> t = createTask(f::await);
        sleep(0);
        t.cancel("via task");
        assertThrows(CancelledError.class, t::await);
        assertTrue(f.isCancelled());
        assertEquals("via task", assertThrows(CancelledError.class, f::result).getMessage());
    }

    @Test
    void cancellingAnAwaitingTaskCancelsTheTaskItAwaits() {
        Task<Void> inner = createTask(() -> sleep(10));
        Task<Void> outer = createTask(() -> inner.await());
        sleep(0);
        outer.cancel("chain");
        assertEquals("chain", assertThrows(CancelledError.class, outer::await).getMessage());
        assertTrue(inner.isCancelled());
    }

    @Test
    void cancellingTheAwaitedFutureCancelsTheAwaitingTask(EventLoop loop) {
        Future<String> f = loop.createFuture();
        Task<String> t = createTask(f::await);
        sleep(0);
        f.cancel();
        assertThrows(CancelledError.class, t::await);
        assertTrue(t.isCancelled());
    }

    @Test
    void aTaskThatCatchesTheCancellationCanReturnAResult() {
        Task<Integer> t = createTask(() -> {
            try {
                sleep(10);
                return 0;
            } catch (CancelledError e) {
                return 42;
            }
        });
        sleep(0);
        assertTrue(t.cancel());
        assertEquals(42, t.await());
        assertFalse(t.isCancelled());
        assertEquals(1, t.cancelling());
    }

    @Test
    void aTaskThatIgnoresTheCancellationGoesOnWaiting(EventLoop loop) {
        Future<String> second = loop.createFuture();
        Task<String> t = createTask(() -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                // ignored
            }
            return second.await();
        });
        sleep(0);
        t.cancel();
        sleep(1);
        assertFalse(t.isDone());
        second.setResult("after");
        assertEquals("after", t.await());
    }

    @Test
    void aTaskCancelledAfterItsWaiterCompletedGetsCancelledErrorInsteadOfTheResult(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            try {
                out.add("got " + f.await());
            } catch (CancelledError e) {
                out.add("cancelled instead");
                throw e;
            }
        });
        sleep(0);
        f.setResult(1);
        t.cancel(); // the wake-up is queued: the cancellation wins
        assertThrows(CancelledError.class, t::await);
        assertEquals(List.of("cancelled instead"), out);
    }

    @Test
    void anExceptionOfAWaiterCancelledAfterItFailedCountsAsRetrieved(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        Task<Integer> t = createTask(f::await);
        sleep(0);
        f.setException(new IllegalStateException("lost"));
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        // the extension fails the test if f's exception is left unretrieved, as asyncio's
        // __wakeup retrieves it before raising the cancellation
        assertTrue(loop.unretrievedExceptions().isEmpty(), loop.unretrievedExceptions().toString());
    }

    @Test
    void aCoroutineThatReturnsWhileACancelIsPendingStillEndsCancelled() {
        Task<Integer> t = createTask(() -> {
            currentTask().cancel();
            return 5;
        });
        assertThrows(CancelledError.class, t::await);
        assertTrue(t.isCancelled());
    }

    @Test
    void aCoroutineThatThrowsWhileACancelIsPendingEndsWithItsException() {
        Task<Integer> t = createTask(() -> {
            currentTask().cancel();
            throw new IllegalArgumentException("v");
        });
        assertThrows(IllegalArgumentException.class, t::await);
        assertFalse(t.isCancelled());
    }

    @Test
    void aTaskThatCancelsItselfIsCancelledAtItsNextSuspension() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            currentTask().cancel();
            out.add("still running");
            try {
                sleep(1);
            } finally {
                out.add("finally");
            }
            out.add("not reached");
        });
        assertThrows(CancelledError.class, t::await);
        assertEquals(List.of("still running", "finally"), out);
    }

    @Test
    void aPendingCancelIsDeliveredAtSleepZero() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            currentTask().cancel();
            try {
                sleep(0);
            } catch (CancelledError e) {
                out.add("at sleep(0)");
                throw e;
            }
        });
        assertThrows(CancelledError.class, t::await);
        assertEquals(List.of("at sleep(0)"), out);
    }

    @Test
    void aTaskCancelledWhileQueuedToResumeFromSleepZeroIsCancelled() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            out.add("step 1");
            sleep(0);
            out.add("not reached");
        });
        sleep(0); // t ran step 1 and is queued again
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertEquals(List.of("step 1"), out);
    }

    @Test
    void cancelReturnsFalseForADoneTask() {
        Task<String> t = createTask(() -> "done");
        t.await();
        assertFalse(t.cancel());
        assertFalse(t.isCancelled());
        assertEquals(0, t.cancelling());
    }

    @Test
    void cancellingCountsTheRequests() {
        Task<Void> t = createTask(() -> sleep(10));
        sleep(0);
        assertEquals(0, t.cancelling());
        t.cancel();
        assertEquals(1, t.cancelling());
        t.cancel();
        assertEquals(2, t.cancelling());
        assertThrows(CancelledError.class, t::await);
        assertEquals(2, t.cancelling());
    }

    @Test
    void uncancelTakesBackOneRequestAndTheTaskGoesOn() {
        // CPython: cancelling 2, uncancel -> 1, result 'survived'
        int[] seen = new int[2];
        Task<String> t = createTask(() -> {
            try {
                sleep(10);
                return "slept";
            } catch (CancelledError e) {
                seen[0] = currentTask().cancelling();
                seen[1] = currentTask().uncancel();
                sleep(1);
                return "survived";
            }
        });
        sleep(0);
        t.cancel();
        t.cancel();
        assertEquals("survived", t.await());
        assertEquals(2, seen[0]);
        assertEquals(1, seen[1]);
        assertEquals(1, t.cancelling());
    }

    @Test
    void uncancelOnATaskNeverCancelledStaysAtZero() {
        assertEquals(0, currentTask().uncancel());
        assertEquals(0, currentTask().cancelling());
    }

    @Test
    void uncancelBeforeTheStartLetsTheBodyRun() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            out.add("ran");
        });
        t.cancel();
        assertEquals(0, t.uncancel());
        t.await();
        assertFalse(t.isCancelled());
        assertEquals(List.of("ran"), out);
    }

    @Test
    void uncancelToZeroDropsACancellationNotYetDelivered() {
        List<String> out = new ArrayList<>();
        Task<String> t = createTask(() -> {
            currentTask().cancel();
            currentTask().uncancel();
            sleep(1);
            out.add("slept undisturbed");
            return "ok";
        });
        assertEquals("ok", t.await());
        assertEquals(List.of("slept undisturbed"), out);
    }

    @Test
    void aCancelledErrorIsAnErrorSoCatchingExceptionDoesNotSwallowIt() {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            try {
                sleep(10);
            } catch (Exception e) {
                out.add("swallowed by catch (Exception)");
            }
        });
        sleep(0);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertEquals(List.of(), out);
        assertTrue(Error.class.isAssignableFrom(CancelledError.class));
    }

    @Test
    void finallyBlocksRunOnCancellationAndMaySuspend(EventLoop loop) {
        List<String> out = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            try {
                sleep(10);
            } finally {
                sleep(2); // cleanup that itself awaits
                out.add("cleaned up at " + loop.time());
            }
        });
        sleep(1);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertEquals(List.of("cleaned up at 3.0"), out);
    }

    @Test
    void theAwaiterOfACancelledTaskGetsTheSameCancelledErrorTheTaskRaised() {
        CancelledError[] raised = new CancelledError[1];
        Task<Void> t = createTask(() -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                raised[0] = e;
                throw e;
            }
        });
        sleep(0);
        t.cancel();
        CancelledError thrown = assertThrows(CancelledError.class, t::await);
        assertSame(raised[0], thrown);
    }

    @Test
    void cancellingBothTheTaskAndTheFutureItAwaitsEndsBothCancelled(EventLoop loop) {
        // CPython test_cancel_both_task_and_inner_future
        Future<Integer> f = loop.createFuture();
        Task<Integer> t = createTask(() -> {
            f.await();
            return 12;
        });
        sleep(0);
        f.cancel();
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertTrue(f.isCancelled());
        assertTrue(t.isCancelled());
    }

    @Test
    void aTaskCatchingTheCancellationOfItsSecondAwaitReturnsItsValue(EventLoop loop) {
        // CPython test_cancel_task_catching
        Future<Integer> fut1 = loop.createFuture();
        Future<Integer> fut2 = loop.createFuture();
        Task<Integer> t = createTask(() -> {
            fut1.await();
            try {
                return fut2.await();
            } catch (CancelledError e) {
                return 42;
            }
        });
        sleep(0);
        assertTrue(t.getStack().size() > 0);
        fut1.setResult(null);
        sleep(0);
        t.cancel();
        assertTrue(fut2.isCancelled());
        assertEquals(42, t.await());
        assertFalse(t.isCancelled());
    }
}
