package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static io.asyncio4j.Asyncio.asCompleted;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.as_completed (CPython test_tasks test_as_completed*). */
@ExtendWith(AsyncioExtension.class)
class AsCompletedTest {

    static Task<String> after(double seconds, String value) {
        return createTask(() -> {
            sleep(seconds);
            return value;
        });
    }

    @Test
    void futuresComeOutInCompletionOrder(EventLoop loop) {
        List<String> out = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (Future<String> f : asCompleted(List.of(after(0.3, "c"), after(0.1, "a"), after(0.2, "b")))) {
            out.add(f.result());
            times.add(loop.time());
        }
        assertEquals(List.of("a", "b", "c"), out);
        assertEquals(0.1, times.get(0), 1e-9);
        assertEquals(0.3, times.get(2), 1e-9);
    }

    @Test
    void theOriginalTasksAreHandedOut() {
        Task<String> a = after(0.2, "a");
        Task<String> b = after(0.1, "b");
        List<Future<String>> out = new ArrayList<>();
        for (Future<String> f : asCompleted(List.of(a, b))) {
            out.add(f);
        }
        assertSame(b, out.get(0));
        assertSame(a, out.get(1));
    }

    @Test
    void aFailedFutureIsHandedOutAndRaisesOnResult() {
        Task<String> bad = createTask(() -> {
            sleep(0.1);
            throw new IllegalStateException("bad");
        });
        Task<String> good = after(0.2, "good");
        AsCompleted<String> it = asCompleted(List.of(good, bad));
        Future<String> first = it.next();
        assertSame(bad, first);
        assertThrows(IllegalStateException.class, first::result);
        assertEquals("good", it.next().result());
        assertFalse(it.hasNext());
    }

    @Test
    void aTimeoutRaisesTimeoutExceptionFromNext(EventLoop loop) {
        Task<String> fast = after(0.1, "fast");
        Task<String> slow = after(10, "slow");
        AsCompleted<String> it = asCompleted(List.of(fast, slow), Duration.ofSeconds(1));
        assertEquals("fast", it.next().result());
        assertTrue(it.hasNext());
        assertThrows(TimeoutException.class, it::next);
        assertEquals(1.0, loop.time(), 1e-9);
        assertFalse(slow.isCancelled(), "as_completed cancels nothing");
        slow.cancel();
        assertThrows(CancelledError.class, slow::await);
    }

    @Test
    void anUnusedTimeoutChangesNothing(EventLoop loop) {
        List<String> out = new ArrayList<>();
        for (Future<String> f : asCompleted(List.of(after(0.1, "a"), after(0.2, "b")), 10.0)) {
            out.add(f.result());
        }
        assertEquals(List.of("a", "b"), out);
        sleep(20);
        assertEquals(20.2, loop.time(), 1e-9);
    }

    @Test
    void doneFuturesComeOutFirstInTheOrderGiven(EventLoop loop) {
        Future<String> x = loop.createFuture();
        Future<String> y = loop.createFuture();
        y.setResult("y");
        x.setResult("x");
        List<String> out = new ArrayList<>();
        for (Future<String> f : asCompleted(List.of(x, y))) {
            out.add(f.result());
        }
        assertEquals(List.of("x", "y"), out);
    }

    @Test
    void theSameTaskTwiceComesOutOnce() {
        Task<String> a = after(0.1, "a");
        int n = 0;
        for (Future<String> f : asCompleted(List.of(a, a))) {
            n++;
        }
        assertEquals(1, n);
    }

    @Test
    void nextAfterTheLastRaisesNoSuchElement() {
        AsCompleted<String> it = asCompleted(List.of(after(0, "a")));
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void anEmptyCollectionYieldsNothing() {
        assertFalse(asCompleted(List.<Awaitable<String>>of()).hasNext());
    }

    @Test
    void theIteratorCanBeResumedAfterDoingOtherWork() {
        // CPython test_as_completed_resume_iterator
        Task<String> a = after(0.1, "a");
        Task<String> b = after(0.2, "b");
        AsCompleted<String> it = asCompleted(List.of(a, b));
        assertEquals("a", it.next().result());
        sleep(1);
        assertEquals("b", it.next().result());
    }

    @Test
    void aCancelledConsumerCanBeCancelledWhileWaiting() {
        Task<String> slow = after(10, "slow");
        Task<String> consumer = createTask(() -> asCompleted(List.of(slow)).next().result());
        sleep(1);
        consumer.cancel();
        assertThrows(CancelledError.class, consumer::await);
        assertFalse(slow.isCancelled());
        assertEquals("slow", slow.await());
    }

    @Test
    void theStatesAreWaitingThenExhaustedOrTimedOut() {
        AsCompleted<String> it = asCompleted(List.of(after(0.1, "a")));
        assertEquals(AsCompleted.State.WAITING, it.state());
        assertEquals("<AsCompleted waiting left=1>", it.toString());
        it.next();
        assertEquals(AsCompleted.State.EXHAUSTED, it.state());
        Task<String> slow = after(10, "slow");
        AsCompleted<String> timed = asCompleted(List.of(slow), 1.0);
        sleep(2);
        assertEquals(AsCompleted.State.TIMED_OUT, timed.state());
        assertThrows(TimeoutException.class, timed::next);
        slow.cancel();
        assertThrows(CancelledError.class, slow::await);
    }
}
