package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.gatherFuture;
import static io.asyncio4j.Asyncio.gatherOutcomes;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.gather: order, first error, cancellation both ways, outcomes (CPython test_tasks GatherTests). */
@ExtendWith(AsyncioExtension.class)
class GatherTest {

    static Task<String> after(double seconds, String value) {
        return createTask(() -> {
            sleep(seconds);
            return value;
        });
    }

    static Task<String> failAfter(double seconds, RuntimeException e) {
        return createTask(() -> {
            sleep(seconds);
            throw e;
        });
    }

    @Test
    void resultsComeInArgumentOrderNotCompletionOrder(EventLoop loop) {
        List<String> r = gather(after(3, "slow"), after(1, "fast"), after(2, "mid"));
        assertEquals(List.of("slow", "fast", "mid"), r);
        assertEquals(3.0, loop.time(), 1e-6);
    }

    @Test
    void coroutinesAreStartedAsTasks() {
        List<String> r = gather(() -> {
            sleep(2);
            return "foo";
        }, () -> {
            sleep(1);
            return "bar";
        });
        assertEquals(List.of("foo", "bar"), r);
    }

    @Test
    void gatherOfNothingIsAnEmptyList() {
        assertEquals(List.of(), gather(List.<Awaitable<String>>of()));
    }

    @Test
    void theSameAwaitableTwiceIsOneChildListedTwice() {
        int[] runs = {0};
        Task<String> d = createTask(() -> {
            runs[0]++;
            sleep(1);
            return "d";
        });
        assertEquals(List.of("d", "d"), gather(d, d));
        assertEquals(1, runs[0]);
    }

    @Test
    void doneFuturesAreGatheredToo(EventLoop loop) {
        Future<String> done = loop.createFuture();
        done.setResult("ready");
        assertEquals(List.of("ready", "later"), gather(done, after(1, "later")));
    }

    @Test
    void theFirstExceptionIsRaisedAtOnce(EventLoop loop) {
        IllegalStateException bad = new IllegalStateException("bad");
        Task<String> slow = after(5, "slow");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gather(slow, failAfter(1, bad)));
        assertSame(bad, e);
        assertEquals(1.0, loop.time(), 1e-6);
        slow.cancel();
        assertThrows(CancelledError.class, slow::await);
    }

    @Test
    void aFailingChildDoesNotCancelItsSiblings(EventLoop loop) {
        Task<String> sibling = after(2, "sibling");
        assertThrows(IllegalStateException.class, () -> gather(sibling, failAfter(1, new IllegalStateException())));
        assertFalse(sibling.isDone());
        assertEquals("sibling", sibling.await());
        assertEquals(2.0, loop.time(), 1e-6);
    }

    @Test
    void exceptionsOfLaterFailingChildrenCountAsRetrieved(EventLoop loop) {
        Task<String> first = failAfter(1, new IllegalStateException("first"));
        Task<String> second = failAfter(2, new IllegalArgumentException("second"));
        assertThrows(IllegalStateException.class, () -> gather(first, second));
        sleep(3);
        sleep(0);
        // gather's callback looked at the second exception: nothing is left unretrieved
        assertTrue(loop.unretrievedExceptions().isEmpty(), loop.unretrievedExceptions().toString());
    }

    @Test
    void aCancelledChildMakesGatherRaiseCancelledErrorWithoutCancellingTheGather() {
        Task<String> c1 = after(5, "1");
        Task<String> c2 = after(1, "2");
        Future<List<String>> g = gatherFuture(List.of(c1, c2));
        sleep(0);
        c1.cancel("child");
        CancelledError e = assertThrows(CancelledError.class, g::await);
        assertEquals("child", e.getMessage());
        assertFalse(g.isCancelled());
        assertFalse(c2.isDone());
        assertEquals("2", c2.await());
    }

    @Test
    void cancellingTheGatherCancelsEveryChild() {
        Task<String> c1 = after(5, "1");
        Task<String> c2 = after(5, "2");
        Future<List<String>> g = gatherFuture(List.of(c1, c2));
        sleep(0);
        assertTrue(g.cancel("gm"));
        CancelledError e = assertThrows(CancelledError.class, g::await);
        assertEquals("gm", e.getMessage());
        assertTrue(c1.isCancelled());
        assertTrue(c2.isCancelled());
    }

    @Test
    void cancellingAGatherWhoseChildrenAreDoneReturnsFalse() {
        Task<String> x = after(0, "x");
        x.await();
        Future<List<String>> g = gatherFuture(List.of(x));
        assertFalse(g.cancel());
        assertEquals(List.of("x"), g.await());
    }

    @Test
    void cancellingTheCallerCancelsTheChildren() {
        Task<String> c1 = after(5, "1");
        Task<String> c2 = after(5, "2");
        Task<List<String>> caller = createTask(() -> gather(c1, c2));
        sleep(0);
        caller.cancel();
        assertThrows(CancelledError.class, caller::await);
        assertTrue(caller.isCancelled());
        assertTrue(c1.isCancelled());
        assertTrue(c2.isCancelled());
    }

    @Test
    void aChildThatSwallowsTheGatherCancellationStillEndsTheGatherCancelled() {
        Task<String> stubborn = createTask(() -> {
            try {
                sleep(5);
                return "slept";
            } catch (CancelledError e) {
                return "swallowed";
            }
        });
        Future<List<String>> g = gatherFuture(List.of(stubborn));
        sleep(0);
        assertTrue(g.cancel());
        assertThrows(CancelledError.class, g::await);
        assertEquals("swallowed", stubborn.result());
    }

    @Test
    void gatherOutcomesCollectsValuesExceptionsAndCancellationsInOrder() {
        IllegalStateException bad = new IllegalStateException("bad");
        Task<String> c1 = after(3, "1");
        Task<String> c2 = failAfter(1, bad);
        Task<String> c3 = after(5, "3");
        sleep(0);
        c3.cancel("m3");
        List<Outcome<String>> r = gatherOutcomes(c1, c2, c3);
        assertEquals(3, r.size());
        assertTrue(r.get(0).isSuccess());
        assertEquals("1", r.get(0).value());
        assertFalse(r.get(1).isSuccess());
        assertSame(bad, r.get(1).exception());
        assertInstanceOf(CancelledError.class, r.get(2).exception());
        assertThrows(IllegalStateException.class, () -> r.get(1).value());
    }

    @Test
    void gatherOutcomesWaitsForEveryChildEvenAfterAFailure(EventLoop loop) {
        List<Outcome<String>> r = gatherOutcomes(failAfter(1, new IllegalStateException()), after(4, "late"));
        assertEquals(4.0, loop.time(), 1e-6);
        assertEquals("late", r.get(1).value());
    }

    @Test
    void gatherOutcomesOverCoroutinesStartsThem() {
        List<Outcome<Integer>> r = gatherOutcomes(() -> 1, () -> {
            throw new IllegalArgumentException("x");
        });
        assertEquals(1, r.get(0).value());
        assertInstanceOf(IllegalArgumentException.class, r.get(1).exception());
    }

    @Test
    void cancellingTheCallerOfGatherOutcomesCancelsTheChildren() {
        Task<String> c1 = after(5, "1");
        Task<List<Outcome<String>>> caller = createTask(() -> gatherOutcomes(c1));
        sleep(0);
        caller.cancel();
        assertThrows(CancelledError.class, caller::await);
        assertTrue(c1.isCancelled());
    }

    @Test
    void gatherOfVoidCoroutinesReturnsNulls() {
        List<String> out = new ArrayList<>();
        List<Void> r = gather(() -> {
            out.add("a");
        }, () -> {
            out.add("b");
        });
        assertEquals(2, r.size());
        assertEquals(List.of("a", "b"), out);
    }

    @Test
    void aNullAwaitableIsRefusedWithAClearMessage() {
        List<Awaitable<String>> withNull = new ArrayList<>();
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> gather(withNull));
        assertTrue(e.getMessage().contains("gather()"), e.getMessage());
    }

    @Test
    void cancellingTheCallerOfGatherOutcomesRaisesCancelledErrorWithTheMessage() {
        // CPython test_cancel_gather_2: return_exceptions does not swallow the caller's cancellation
        Task<Void> qwe = createTask(() -> {
            for (double time = 0; time <= 1; time += 0.05) {
                gatherOutcomes(createTask(() -> sleep(0.05)));
            }
        });
        sleep(0.2);
        qwe.cancel("my message");
        CancelledError e = assertThrows(CancelledError.class, qwe::await);
        assertEquals("my message", e.getMessage());
        assertTrue(qwe.isCancelled());
    }
}
