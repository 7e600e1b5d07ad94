package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run_in_executor, to_thread, the default executor (CPython test_base_events, test_threads). */
@ExtendWith(AsyncioExtension.class)
class ExecutorTest {

    @Test
    void runInExecutorRunsTheFunctionOnAnotherThread(EventLoop loop) {
        Thread me = Thread.currentThread();
        Thread ran = loop.runInExecutor(null, Thread::currentThread).await();
        assertNotSame(me, ran);
    }

    @Test
    void runInExecutorReturnsTheFunctionsResult(EventLoop loop) {
        assertEquals("Slept for 0 seconds", loop.runInExecutor(null, () -> {
            Thread.sleep(10); // a real blocking call, off the loop
            return "Slept for 0 seconds";
        }).await());
    }

    @Test
    void runInExecutorPassesTheFunctionsExceptionOn(EventLoop loop) {
        IllegalStateException boom = new IllegalStateException("boom");
        Future<String> f = loop.runInExecutor(null, () -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, f::await));
    }

    @Test
    void theLoopKeepsRunningTasksWhileABlockingCallRuns(EventLoop loop) {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocking = loop.runInExecutor(null, () -> {
            release.await(10, TimeUnit.SECONDS);
            return "released";
        });
        Task<String> other = createTask(() -> "other task ran");
        assertEquals("other task ran", other.await());
        assertFalse(blocking.isDone());
        release.countDown();
        assertEquals("released", blocking.await());
    }

    @Test
    void aGivenExecutorIsUsed(EventLoop loop) {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-pool-thread"));
        try {
            assertEquals("my-pool-thread", loop.runInExecutor(pool, () -> Thread.currentThread().getName()).await());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void setDefaultExecutorReplacesTheDefault(EventLoop loop) {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "replacement"));
        try {
            loop.setDefaultExecutor(pool);
            assertEquals("replacement", toThread(() -> Thread.currentThread().getName()));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void toThreadReturnsTheResult() {
        assertEquals(6, toThread(() -> 2 * 3));
    }

    @Test
    void toThreadOfARunnableRunsIt() {
        AtomicBoolean ran = new AtomicBoolean();
        toThread(() -> ran.set(true));
        assertTrue(ran.get());
    }

    @Test
    void manyBlockingCallsRunInParallel() {
        // ten calls that each wait for all ten: only possible if they run at the same time
        CountDownLatch all = new CountDownLatch(10);
        List<Coroutine<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> toThread(() -> {
                all.countDown();
                return all.await(10, TimeUnit.SECONDS);
            }));
        }
        List<Boolean> r = gather(calls.stream().map(c -> createTask(c)).toList());
        assertEquals(List.of(true, true, true, true, true, true, true, true, true, true), r);
    }

    @Test
    void cancellingTheFutureLetsARunningCallFinishUninterrupted(EventLoop loop) throws Exception {
        // CPython: cancelling run_in_executor's future cannot stop a call that runs; it finishes
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.CompletableFuture<String> finished = new java.util.concurrent.CompletableFuture<>();
        Future<String> f = loop.runInExecutor(null, () -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
                finished.complete("finished");
            } catch (InterruptedException e) {
                finished.complete("interrupted");
            }
            return "result";
        });
        toThread(() -> started.await(10, TimeUnit.SECONDS));
        f.cancel();
        assertTrue(f.isCancelled());
        release.countDown();
        assertEquals("finished", toThread(() -> finished.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void aCallCancelledBeforeItStartedNeverRunsAndTheVirtualClockStillJumps(EventLoop loop, VirtualClock clock)
            throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch release = new CountDownLatch(1);
            Future<Boolean> first = loop.runInExecutor(single, () -> release.await(10, TimeUnit.SECONDS));
            AtomicBoolean secondRan = new AtomicBoolean();
            Future<String> second = loop.runInExecutor(single, () -> {
                secondRan.set(true);
                return "ran";
            });
            second.cancel(); // still queued behind the first
            sleep(0); // the cancellation reaches the executor through a done-callback
            release.countDown();
            assertTrue(first.await());
            long jumps = clock.jumps();
            long real = System.nanoTime();
            sleep(3600);
            assertTrue(clock.jumps() > jumps, "the virtual clock must jump again once no call is running");
            assertTrue(System.nanoTime() - real < 20_000_000_000L);
            assertFalse(secondRan.get());
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void theVirtualClockFlowsInRealTimeWhileACallRuns(EventLoop loop) {
        // a timeout around a thread that really takes 50 ms must not fire at virtual speed
        String r = Asyncio.waitFor(loop.runInExecutor(null, () -> {
            Thread.sleep(50);
            return "done";
        }), 30.0);
        assertEquals("done", r);
        assertTrue(loop.time() >= 0.04, "loop time " + loop.time());
    }

    @Test
    void shutdownDefaultExecutorWaitsForRunningCalls(EventLoop loop) {
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Future<Void> f = loop.runInExecutor(null, () -> {
            started.countDown();
            Thread.sleep(100);
            finished.set(true);
            return null;
        });
        toThread(() -> started.await(10, TimeUnit.SECONDS));
        loop.shutdownDefaultExecutor();
        assertTrue(finished.get());
        f.await();
    }

    @Test
    void theDefaultExecutorIsRefusedAfterShutdown(EventLoop loop) {
        loop.shutdownDefaultExecutor();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> toThread(() -> 1));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
    }

    @Test
    void aShutDownExecutorIsReportedClearly(EventLoop loop) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(pool, () -> 1));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void aNullFunctionIsRefused(EventLoop loop) {
        assertThrows(NullPointerException.class, () -> loop.runInExecutor(null, null));
    }

    @Test
    void shutdownDefaultExecutorGivesUpAfterItsTimeoutAndWarns(EventLoop loop) {
        java.util.List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger asyncio = java.util.logging.Logger.getLogger("asyncio");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        asyncio.addHandler(capture);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<Void> f = loop.runInExecutor(null, () -> {
                started.countDown();
                release.await(30, TimeUnit.SECONDS);
                return null;
            });
            toThread(() -> started.await(10, TimeUnit.SECONDS));
            loop.shutdownDefaultExecutor(java.time.Duration.ofMillis(50));
            assertFalse(f.isDone(), "the job is left running, as asyncio leaves its threads");
            assertTrue(records.stream().anyMatch(r -> r.getMessage().contains("did not finish joining its threads "
                    + "within 0.05 seconds")), records.toString());
            release.countDown();
            f.await();
        } finally {
            release.countDown();
            asyncio.removeHandler(capture);
        }
    }

    @Test
    void aNegativeShutdownTimeoutIsRefused(EventLoop loop) {
        assertThrows(IllegalArgumentException.class,
                () -> loop.shutdownDefaultExecutor(java.time.Duration.ofSeconds(-1)));
    }
}
