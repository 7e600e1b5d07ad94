package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.Future: states, results, exceptions, callbacks (CPython test_futures). */
@ExtendWith(AsyncioExtension.class)
class FutureTest {

    @Test
    void aNewFutureIsPending(EventLoop loop) {
        Future<String> f = loop.createFuture();
        assertFalse(f.isDone());
        assertFalse(f.isCancelled());
        assertEquals(Future.State.PENDING, f.state());
        assertSame(loop, f.getLoop());
    }

    @Test
    void theNoArgumentConstructorUsesTheRunningLoop(EventLoop loop) {
        assertSame(loop, new Future<String>().getLoop());
    }

    @Test
    void setResultMakesTheFutureDoneWithThatResult(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(42);
        assertTrue(f.isDone());
        assertFalse(f.isCancelled());
        assertEquals(Future.State.FINISHED, f.state());
        assertEquals(42, f.result());
        assertNull(f.exception());
    }

    @Test
    void aNullResultIsAResult(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult(null);
        assertTrue(f.isDone());
        assertNull(f.result());
    }

    @Test
    void setExceptionMakesResultThrowThatVeryException(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        RuntimeException e = new RuntimeException("bad");
        f.setException(e);
        assertTrue(f.isDone());
        assertSame(e, assertThrows(RuntimeException.class, f::result));
        assertSame(e, f.exception());
    }

    @Test
    void aCheckedExceptionIsRethrownAsItIsNotWrapped(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        IOException e = new IOException("disk");
        f.setException(e);
        Throwable thrown = assertThrows(IOException.class, f::await);
        assertSame(e, thrown);
    }

    @Test
    void cancelMakesTheFutureCancelledAndDone(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        assertTrue(f.cancel());
        assertTrue(f.isCancelled());
        assertTrue(f.isDone());
        assertEquals(Future.State.CANCELLED, f.state());
        assertThrows(CancelledError.class, f::result);
        assertThrows(CancelledError.class, f::exception);
    }

    @Test
    void cancellingTwiceReturnsFalseTheSecondTime(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        assertTrue(f.cancel());
        assertFalse(f.cancel());
    }

    @Test
    void cancellingADoneFutureReturnsFalseAndKeepsTheResult(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        assertFalse(f.cancel());
        assertFalse(f.isCancelled());
        assertEquals(1, f.result());
    }

    @Test
    void theCancelMessageReachesEveryResultCall(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.cancel("why");
        assertEquals("why", assertThrows(CancelledError.class, f::result).getMessage());
        assertEquals("why", assertThrows(CancelledError.class, f::result).getMessage());
    }

    @Test
    void resultOfAPendingFutureRaisesInvalidState(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        InvalidStateException e = assertThrows(InvalidStateException.class, f::result);
        assertTrue(e.getMessage().contains("not set yet"), e.getMessage());
        assertThrows(InvalidStateException.class, f::exception);
    }

    @Test
    void settingTheResultOfADoneFutureRaisesInvalidState(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));
        assertTrue(e.getMessage().contains("already done"), e.getMessage());
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertEquals(1, f.result());
    }

    @Test
    void settingTheResultOfACancelledFutureRaisesInvalidState(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.cancel();
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }

    @Test
    void setExceptionRefusesNull(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        assertThrows(NullPointerException.class, () -> f.setException(null));
        assertFalse(f.isDone());
    }

    @Test
    void awaitingADoneFutureReturnsWithoutSuspending(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(7);
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("callback"));
        assertEquals(7, f.await());
        assertEquals(List.of(), out); // no yield happened
        sleep(0);
        assertEquals(List.of("callback"), out);
    }

    @Test
    void awaitingAPendingFutureSuspendsUntilItIsSet(EventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callLater(1, () -> f.setResult("late"));
        assertEquals("late", f.await());
        assertEquals(1.0, loop.time(), 1e-6);
    }

    @Test
    void aFutureCanBeAwaitedManyTimes(EventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callSoon(() -> f.setResult("x"));
        assertEquals("x", f.await());
        assertEquals("x", f.await());
    }

    @Test
    void doneCallbacksRunViaTheLoopNotInline(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        List<Object> out = new ArrayList<>();
        f.addDoneCallback(x -> out.add(x));
        f.setResult(1);
        assertEquals(List.of(), out);
        sleep(0);
        assertEquals(List.of(f), out);
    }

    @Test
    void doneCallbacksRunInTheOrderTheyWereAdded(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(x -> out.add(n));
        }
        f.setException(new RuntimeException("x"));
        f.exception();
        sleep(0);
        assertEquals(List.of(0, 1, 2, 3, 4), out);
    }

    @Test
    void doneCallbacksRunOnCancellationToo(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        List<Boolean> out = new ArrayList<>();
        f.addDoneCallback(x -> out.add(x.isCancelled()));
        f.cancel();
        sleep(0);
        assertEquals(List.of(true), out);
    }

    @Test
    void aCallbackAddedToADoneFutureIsScheduledAtOnce(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(3);
        List<String> out = new ArrayList<>();
        f.addDoneCallback(x -> out.add("late " + x.result()));
        out.add("before");
        sleep(0);
        assertEquals(List.of("before", "late 3"), out);
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistrationAndCountsThem(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        List<String> out = new ArrayList<>();
        Consumer<Future<Integer>> cb = x -> out.add("cb");
        f.addDoneCallback(cb);
        f.addDoneCallback(x -> out.add("other"));
        f.addDoneCallback(cb);
        assertEquals(2, f.removeDoneCallback(cb));
        assertEquals(0, f.removeDoneCallback(cb));
        f.setResult(1);
        sleep(0);
        assertEquals(List.of("other"), out);
    }

    @Test
    void removingAfterCompletionDoesNotStopAlreadyScheduledCallbacks(EventLoop loop) {
        // asyncio: once scheduled, a callback is a handle in the ready queue
        Future<Integer> f = loop.createFuture();
        List<String> out = new ArrayList<>();
        Consumer<Future<Integer>> cb = x -> out.add("cb");
        f.addDoneCallback(cb);
        f.setResult(1);
        assertEquals(0, f.removeDoneCallback(cb));
        sleep(0);
        assertEquals(List.of("cb"), out);
    }

    @Test
    void addDoneCallbackRefusesNull(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        assertThrows(NullPointerException.class, () -> f.addDoneCallback(null));
    }

    @Test
    void toStringShowsTheStateAsAsyncioReprDoes(EventLoop loop) {
        Future<Object> f = loop.createFuture();
        assertEquals("<Future pending>", f.toString());
        f.setResult(List.of(1, "a"));
        assertEquals("<Future finished result=[1, 'a']>", f.toString());
        Future<Object> c = loop.createFuture();
        c.cancel();
        assertEquals("<Future cancelled>", c.toString());
        Future<Object> e = loop.createFuture();
        e.setException(new IllegalArgumentException("x"));
        assertEquals("<Future finished exception=java.lang.IllegalArgumentException: x>", e.toString());
        e.exception();
    }

    @Test
    void aTaskWaitingOnAFutureIsWokenByItsResult(EventLoop loop) {
        Future<String> f = loop.createFuture();
        Task<String> t = createTask(() -> f.await() + "!");
        sleep(0);
        assertFalse(t.isDone());
        f.setResult("hi");
        assertEquals("hi!", t.await());
    }

    @Test
    void aTaskWaitingOnAFutureGetsItsException(EventLoop loop) {
        Future<String> f = loop.createFuture();
        Task<String> t = createTask(() -> {
            try {
                return f.await();
            } catch (IllegalStateException e) {
                return "caught " + e.getMessage();
            }
        });
        sleep(0);
        f.setException(new IllegalStateException("nope"));
        assertEquals("caught nope", t.await());
    }

    @Test
    void futureMethodsRefuseOtherThreadsWhileTheLoopRuns(EventLoop loop) throws Exception {
        Future<String> f = loop.createFuture();
        Throwable[] got = new Throwable[1];
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                f.setResult("from elsewhere");
            } catch (Throwable e) {
                got[0] = e;
            }
        });
        th.join();
        assertTrue(got[0] instanceof IllegalStateException, String.valueOf(got[0]));
        assertTrue(got[0].getMessage().contains("callSoonThreadsafe"), got[0].getMessage());
        assertFalse(f.isDone());
    }
}
