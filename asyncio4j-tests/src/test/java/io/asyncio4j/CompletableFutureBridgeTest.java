package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.wrapFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bridges between asyncio futures and CompletableFuture / CompletionStage (CPython wrap_future, run_coroutine_threadsafe). */
@ExtendWith(AsyncioExtension.class)
class CompletableFutureBridgeTest {

    @Test
    void toCompletableFutureCompletesWithTheResult(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        assertFalse(cf.isDone());
        f.setResult("r");
        sleep(0);
        assertEquals("r", cf.getNow(null));
    }

    @Test
    void toCompletableFutureOfADoneFutureIsCompletedAtOnce(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("now");
        assertEquals("now", f.toCompletableFuture().getNow(null));
    }

    @Test
    void toCompletableFutureCarriesTheExceptionAndRetrievesIt(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        f.setException(boom);
        sleep(0);
        ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(1, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
        assertTrue(loop.unretrievedExceptions().isEmpty());
    }

    @Test
    void aCancelledFutureCancelsItsCompletableFuture(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        f.cancel();
        sleep(0);
        assertTrue(cf.isCancelled());
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheTask() {
        Task<String> t = createTask(() -> {
            sleep(3600);
            return "slept";
        });
        CompletableFuture<String> cf = t.toCompletableFuture();
        sleep(0);
        cf.cancel(false);
        assertThrows(CancelledError.class, t::await);
        assertTrue(t.isCancelled());
    }

    @Test
    void aTaskResultCanBeWaitedForFromAnotherThread() throws Exception {
        Task<Integer> t = createTask(() -> {
            sleep(1);
            return 21 * 2;
        });
        CompletableFuture<Integer> cf = t.toCompletableFuture();
        int fromThread = Asyncio.toThread(() -> cf.get(10, TimeUnit.SECONDS));
        assertEquals(42, fromThread);
    }

    @Test
    void awaitOfACompletedStageReturnsItsValue() {
        assertEquals("done", Asyncio.await(CompletableFuture.completedFuture("done")));
    }

    @Test
    void awaitSuspendsUntilAnotherThreadCompletesTheStage() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            }
            cf.complete("from a thread");
        });
        assertEquals("from a thread", Asyncio.await(cf));
    }

    @Test
    void awaitRaisesTheStagesExceptionUnwrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<String> failed = CompletableFuture.failedFuture(boom);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Asyncio.await(failed)));
        CompletableFuture<String> wrapped = CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(boom);
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Asyncio.await(wrapped)));
    }

    @Test
    void awaitOfACancelledStageRaisesCancelledError() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        cf.cancel(false);
        assertThrows(CancelledError.class, () -> Asyncio.await(cf));
    }

    @Test
    void awaitWorksForAStageThatIsNotACompletableFuture() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        CompletionStage<String> minimal = cf.minimalCompletionStage();
        cf.complete("minimal");
        assertEquals("minimal", Asyncio.await(minimal));
    }

    @Test
    void cancellingATaskThatAwaitsAStageCancelsTheStage() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Task<String> t = createTask(() -> Asyncio.await(cf));
        sleep(0);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        sleep(0);
        assertTrue(cf.isCancelled());
    }

    @Test
    void wrapFutureGivesAFutureOfTheRunningLoop(EventLoop loop) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Future<Integer> f = wrapFuture(cf);
        assertSame(loop, f.getLoop());
        assertFalse(f.isDone());
        cf.complete(5);
        assertEquals(5, f.await());
    }

    @Test
    void cancellingAWrappedFutureCancelsTheCompletableFuture() {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Future<Integer> f = wrapFuture(cf);
        f.cancel();
        sleep(0);
        assertTrue(cf.isCancelled());
    }

    @Test
    void aWrappedFutureCanBeGatheredWithTasks() {
        CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "pool");
        Task<String> t = createTask(() -> "task");
        assertEquals(java.util.List.of("pool", "task"), Asyncio.gather(wrapFuture(cf), t));
    }

    @Test
    void theExceptionOfACancelledFutureIsACancellationExceptionForOtherThreads(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        f.cancel();
        sleep(0);
        assertInstanceOf(java.util.concurrent.CancellationException.class,
                assertThrows(java.util.concurrent.CancellationException.class, cf::join));
    }
}
