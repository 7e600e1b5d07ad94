package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.wait: the three return conditions, timeouts, what it never does (CPython test_tasks). */
@ExtendWith(AsyncioExtension.class)
class WaitTest {

    static Task<String> after(double seconds, String value) {
        return createTask(() -> {
            sleep(seconds);
            return value;
        });
    }

    static Task<String> failAfter(double seconds) {
        return createTask(() -> {
            sleep(seconds);
            throw new IllegalStateException("failed after " + seconds);
        });
    }

    @Test
    void allCompletedWaitsForEveryFuture(EventLoop loop) {
        Task<String> a = after(1, "a");
        Task<String> b = after(3, "b");
        WaitResult<String> r = Asyncio.wait(List.of(a, b));
        assertEquals(Set.of(a, b), r.done());
        assertEquals(Set.of(), r.pending());
        assertEquals(3.0, loop.time(), 1e-6);
    }

    @Test
    void firstCompletedReturnsWhenOneIsDone(EventLoop loop) {
        Task<String> a = after(1, "a");
        Task<String> b = after(3, "b");
        WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED);
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.pending());
        assertEquals(1.0, loop.time(), 1e-6);
        b.await();
    }

    @Test
    void firstCompletedCountsACancellation(EventLoop loop) {
        Task<String> a = after(5, "a");
        Task<String> b = after(3, "b");
        loop.callLater(1, a::cancel);
        WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED);
        assertEquals(Set.of(a), r.done());
        assertTrue(a.isCancelled());
        b.await();
    }

    @Test
    void firstExceptionReturnsAtTheFirstFailure(EventLoop loop) {
        Task<String> a = after(1, "a");
        Task<String> bad = failAfter(2);
        Task<String> c = after(5, "c");
        WaitResult<String> r = Asyncio.wait(List.of(a, bad, c), ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(a, bad), r.done());
        assertEquals(Set.of(c), r.pending());
        assertEquals(2.0, loop.time(), 1e-6);
        assertThrows(IllegalStateException.class, bad::result);
        c.await();
    }

    @Test
    void firstExceptionWithoutFailuresWaitsForAll(EventLoop loop) {
        Task<String> a = after(1, "a");
        Task<String> b = after(2, "b");
        WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(a, b), r.done());
        assertEquals(2.0, loop.time(), 1e-6);
    }

    @Test
    void firstExceptionDoesNotCountACancellationAsAnException(EventLoop loop) {
        Task<String> a = after(5, "a");
        Task<String> b = after(3, "b");
        loop.callLater(1, a::cancel);
        WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(a, b), r.done());
        assertEquals(3.0, loop.time(), 1e-6);
    }

    @Test
    void firstExceptionReturnsAtOnceIfOneHasAlreadyFailed(EventLoop loop) {
        Task<String> bad = failAfter(0);
        sleep(0.5);
        Task<String> slow = after(10, "slow");
        WaitResult<String> r = Asyncio.wait(List.of(bad, slow), ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(bad), r.done());
        assertEquals(0.5, loop.time(), 1e-6);
        assertThrows(IllegalStateException.class, bad::result);
        slow.cancel();
        assertThrows(CancelledError.class, slow::await);
    }

    @Test
    void aTimeoutReturnsWhatIsDoneAndPendingWithoutRaising(EventLoop loop) {
        Task<String> a = after(1, "a");
        Task<String> b = after(10, "b");
        WaitResult<String> r = Asyncio.wait(List.of(a, b), Duration.ofSeconds(2), ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.pending());
        assertEquals(2.0, loop.time(), 1e-6);
        assertFalse(b.isCancelled(), "wait never cancels");
        assertEquals("b", b.await());
    }

    @Test
    void aTimeoutInSecondsWorksTheSame(EventLoop loop) {
        Task<String> b = after(10, "b");
        WaitResult<String> r = Asyncio.wait(List.of(b), 0.5, ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(b), r.pending());
        assertEquals(0.5, loop.time(), 1e-6);
        b.cancel();
        assertThrows(CancelledError.class, b::await);
    }

    @Test
    void anUnusedTimeoutLeavesNoTimerBehind(EventLoop loop) {
        Task<String> a = after(1, "a");
        Asyncio.wait(List.of(a), Duration.ofSeconds(100), ReturnWhen.ALL_COMPLETED);
        sleep(0);
        assertEquals(1.0, loop.time(), 1e-6);
        assertEquals(0, loop.core.timerCount() - loop.core.cancelledTimerCount());
    }

    @Test
    void waitDoesNotRaiseTheExceptionsOfTheFutures() {
        Task<String> bad = failAfter(1);
        WaitResult<String> r = Asyncio.wait(List.of(bad));
        assertEquals(Set.of(bad), r.done());
        assertThrows(IllegalStateException.class, bad::result);
    }

    @Test
    void alreadyDoneFuturesAreReportedDone(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("x");
        WaitResult<String> r = Asyncio.wait(List.of(f));
        assertEquals(Set.of(f), r.done());
    }

    @Test
    void cancellingTheWaiterDoesNotCancelTheFutures() {
        Task<String> a = after(5, "a");
        Task<WaitResult<String>> waiter = createTask(() -> Asyncio.wait(List.of(a)));
        sleep(1);
        waiter.cancel();
        assertThrows(CancelledError.class, waiter::await);
        assertFalse(a.isCancelled());
        assertEquals("a", a.await());
    }

    @Test
    void theDoneAndPendingSetsKeepTheOrderTheFuturesWerePassedIn() {
        Task<String> a = after(3, "a");
        Task<String> b = after(1, "b");
        Task<String> c = after(2, "c");
        WaitResult<String> r = Asyncio.wait(List.of(a, b, c));
        assertEquals(List.of(a, b, c), List.copyOf(r.done()));
    }

    @Test
    void anEmptySetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<String>>of()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void aNullReturnWhenIsRefused() {
        Task<String> a = after(0, "a");
        assertThrows(NullPointerException.class, () -> Asyncio.wait(List.of(a), (ReturnWhen) null));
        a.await();
    }
}
