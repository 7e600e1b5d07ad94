package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gatherFuture;
import static io.asyncio4j.Asyncio.shield;
import static io.asyncio4j.Asyncio.shieldFuture;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.shield (CPython test_tasks test_shield_*). */
@ExtendWith(AsyncioExtension.class)
class ShieldTest {

    @Test
    void shieldReturnsTheResultOfTheInnerTask() {
        Task<String> inner = createTask(() -> {
            sleep(1);
            return "r";
        });
        assertEquals("r", shield(inner));
    }

    @Test
    void shieldOfADoneFutureIsThatFuture(EventLoop loop) {
        Future<String> done = loop.createFuture();
        done.setResult("x");
        assertSame(done, shieldFuture(done));
    }

    @Test
    void shieldPassesTheInnerExceptionOn() {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<String> inner = createTask(() -> {
            sleep(1);
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> shield(inner)));
    }

    @Test
    void cancellingTheInnerTaskCancelsTheOuterFuture(EventLoop loop) {
        Future<String> inner = loop.createFuture();
        Future<String> outer = shieldFuture(inner);
        sleep(0);
        inner.cancel();
        assertThrows(CancelledError.class, outer::await);
        assertTrue(outer.isCancelled());
    }

    @Test
    void cancellingTheOuterFutureLeavesTheInnerRunning() {
        Task<String> inner = createTask(() -> {
            sleep(1);
            return "inner";
        });
        Future<String> outer = shieldFuture(inner);
        sleep(0);
        outer.cancel();
        assertTrue(outer.isCancelled());
        assertFalse(inner.isCancelled());
        assertEquals("inner", inner.await());
    }

    @Test
    void aCancelledCallerGetsCancelledErrorWhileTheInnerTaskGoesOn(EventLoop loop) {
        Task<String> inner = createTask(() -> {
            sleep(2);
            return "finished";
        });
        Task<String> caller = createTask(() -> shield(inner));
        sleep(1);
        caller.cancel();
        assertThrows(CancelledError.class, caller::await);
        assertEquals(1.0, loop.time(), 1e-9);
        assertFalse(inner.isDone());
        assertEquals("finished", inner.await());
    }

    @Test
    void shieldingACoroutineStartsItAsATaskThatSurvivesTheCaller(EventLoop loop) {
        String[] done = {null};
        Task<String> caller = createTask(() -> shield(() -> {
            sleep(2);
            done[0] = "inner finished";
            return "x";
        }));
        sleep(1);
        caller.cancel();
        assertThrows(CancelledError.class, caller::await);
        sleep(2);
        assertEquals("inner finished", done[0]);
    }

    @Test
    void cancellingAGatherOfShieldsLeavesTheShieldedTasksRunning() {
        Task<String> a = createTask(() -> {
            sleep(1);
            return "a";
        });
        Task<String> b = createTask(() -> {
            sleep(1);
            return "b";
        });
        Future<String> sa = shieldFuture(a);
        Future<String> sb = shieldFuture(b);
        Future<List<String>> g = gatherFuture(List.of(sa, sb));
        sleep(0);
        g.cancel();
        assertThrows(CancelledError.class, g::await);
        assertTrue(sa.isCancelled());
        assertTrue(sb.isCancelled());
        assertEquals("a", a.await());
        assertEquals("b", b.await());
    }

    @Test
    void anInnerExceptionAfterTheOuterWasCancelledIsLeftUnretrievedForItsOwner(EventLoop loop) {
        // as in CPython: cancelling the outer future unhooks it, so the inner task's exception
        // is its owner's to retrieve (else "Task exception was never retrieved")
        Task<String> inner = createTask(() -> {
            sleep(1);
            throw new IllegalStateException("nobody is listening");
        });
        Future<String> outer = shieldFuture(inner);
        sleep(0);
        outer.cancel();
        sleep(2);
        assertTrue(inner.isDone());
        assertEquals(1, loop.unretrievedExceptions().size());
        assertThrows(IllegalStateException.class, inner::result);
        assertTrue(loop.unretrievedExceptions().isEmpty());
    }
}
