package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.runCoroutineThreadsafe;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls from other threads: callSoonThreadsafe, runCoroutineThreadsafe, thread checks (CPython test_events, test_tasks). */
@ExtendWith(AsyncioExtension.class)
class ThreadsafeTest {

    @Test
    void callSoonThreadsafeFromAnotherThreadWakesASleepingLoop(EventLoop loop) {
        Future<String> f = loop.createFuture();
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(50); // the loop is asleep in select by now: no timers, nothing ready
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(() -> f.setResult("woken"));
        });
        assertEquals("woken", f.await());
    }

    @Test
    void callSoonThreadsafeOnTheLoopsOwnThreadKeepsCallSoonOrder(EventLoop loop) {
        // CPython: one FIFO for both, so soon1, ts1, soon2, ts2, then the task, then the timer
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> log.add("soon1"));
        loop.callSoonThreadsafe(() -> log.add("ts1"));
        loop.callSoon(() -> log.add("soon2"));
        loop.callLater(0, () -> log.add("later0"));
        loop.callSoonThreadsafe(() -> log.add("ts2"));
        sleep(0);
        log.add("main");
        sleep(0.01);
        assertEquals(List.of("soon1", "ts1", "soon2", "ts2", "main", "later0"), log);
    }

    @Test
    void aCallbackPostedFromAnotherThreadRunsBeforeOneQueuedAfterTheLoopWaitedForIt(EventLoop loop) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        loop.callSoon(() -> {
            CountDownLatch posted = new CountDownLatch(1);
            Thread.ofPlatform().start(() -> {
                loop.callSoonThreadsafe(() -> log.add("from-thread"));
                posted.countDown();
            });
            try {
                posted.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            log.add("busy done");
            loop.callSoon(() -> log.add("soon-after-busy"));
        });
        sleep(0.01);
        assertEquals(List.of("busy done", "from-thread", "soon-after-busy"), log);
    }

    @Test
    void callbacksFromManyThreadsAllRunAndKeepEachThreadsOrder(EventLoop loop) {
        int threads = 8;
        int each = 200;
        List<int[]> seen = new ArrayList<>();
        Future<Void> all = loop.createFuture();
        int[] count = {0};
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    int n = i;
                    loop.callSoonThreadsafe(() -> {
                        seen.add(new int[] {id, n});
                        if (++count[0] == threads * each) {
                            all.setResult(null);
                        }
                    });
                }
            });
        }
        go.countDown();
        all.await();
        int[] last = new int[threads];
        java.util.Arrays.fill(last, -1);
        for (int[] s : seen) {
            assertTrue(s[1] > last[s[0]], "thread " + s[0] + " out of order");
            last[s[0]] = s[1];
        }
        assertEquals(threads * each, seen.size());
    }

    @Test
    void runCoroutineThreadsafeRunsACoroutineOnTheLoopFromAnotherThread(EventLoop loop) {
        Thread[] ranOn = new Thread[1];
        CompletableFuture<String> cf = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                cf.complete(runCoroutineThreadsafe(() -> {
                    sleep(1);
                    ranOn[0] = Thread.currentThread();
                    return "from the loop";
                }, loop).get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                cf.completeExceptionally(e);
            }
        });
        assertEquals("from the loop", Asyncio.await(cf));
        assertTrue(ranOn[0] != null);
    }

    @Test
    void runCoroutineThreadsafePassesTheExceptionOn(EventLoop loop) throws Exception {
        CompletableFuture<String> cf = runCoroutineThreadsafe(() -> {
            throw new IllegalStateException("inside");
        }, loop);
        Throwable e = assertThrows(IllegalStateException.class, () -> Asyncio.await(cf));
        assertEquals("inside", e.getMessage());
        ExecutionException ee = assertThrows(ExecutionException.class, () -> cf.get(1, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, ee.getCause());
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheTask(EventLoop loop) {
        Future<Void> started = loop.createFuture();
        Future<String> cancelled = loop.createFuture();
        CompletableFuture<String> cf = runCoroutineThreadsafe(() -> {
            started.setResult(null);
            try {
                sleep(3600);
                return "slept";
            } catch (CancelledError e) {
                cancelled.setResult("the task saw the cancellation");
                throw e;
            }
        }, loop);
        started.await();
        assertTrue(cf.cancel(true));
        assertEquals("the task saw the cancellation", cancelled.await());
        assertEquals(0.0, loop.time(), 1e-9);
    }

    @Test
    void aCancelledTaskCancelsTheCompletableFuture(EventLoop loop) {
        CompletableFuture<String> cf = runCoroutineThreadsafe(() -> {
            Asyncio.currentTask().cancel();
            sleep(1);
            return "no";
        }, loop);
        assertThrows(CancelledError.class, () -> Asyncio.await(cf));
        assertTrue(cf.isCancelled());
    }

    @Test
    void runCoroutineThreadsafeDrivesALoopRunningInAnotherThread() throws Exception {
        EventLoop other = new EventLoop(new VirtualClock());
        Thread runner = Thread.ofPlatform().start(other::runForever);
        try {
            while (!other.isRunning()) {
                Thread.onSpinWait();
            }
            CompletableFuture<Double> cf = runCoroutineThreadsafe(() -> {
                sleep(60);
                return Asyncio.getRunningLoop().time();
            }, other);
            assertEquals(60.0, toThreadGet(cf), 1e-6);
        } finally {
            other.callSoonThreadsafe(other::stop);
            runner.join();
            other.close();
        }
    }

    private static <T> T toThreadGet(CompletableFuture<T> cf) {
        return Asyncio.toThread(() -> cf.get(10, TimeUnit.SECONDS));
    }

    @Test
    void callSoonFromAnotherThreadIsRefusedWithTheThreadsafeAlternativeNamed(EventLoop loop) throws Exception {
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                loop.callSoon(() -> { });
            } catch (Throwable e) {
                got.set(e);
            }
        });
        th.join();
        assertInstanceOf(IllegalStateException.class, got.get());
        assertTrue(got.get().getMessage().contains("callSoonThreadsafe"), got.get().getMessage());
    }

    @Test
    void stopFromAnotherThreadIsRefusedButWorksThroughCallSoonThreadsafe() throws Exception {
        EventLoop other = new EventLoop();
        Thread runner = Thread.ofPlatform().start(other::runForever);
        try {
            while (!other.isRunning()) {
                Thread.onSpinWait();
            }
            assertThrows(IllegalStateException.class, other::stop);
            other.callSoonThreadsafe(other::stop);
            runner.join(10_000);
            assertFalse(runner.isAlive());
            assertFalse(other.isRunning());
        } finally {
            other.close();
        }
    }

    @Test
    void callSoonThreadsafeOnAClosedLoopIsRefused() {
        EventLoop closed = new EventLoop();
        closed.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.callSoonThreadsafe(() -> { }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void stateQueriesAreSafeFromAnyThread(EventLoop loop) throws Exception {
        Object[] got = new Object[3];
        Thread th = Thread.ofPlatform().start(() -> {
            got[0] = loop.isRunning();
            got[1] = loop.isClosed();
            got[2] = loop.state();
        });
        th.join();
        assertEquals(true, got[0]);
        assertEquals(false, got[1]);
        assertEquals(EventLoop.State.RUNNING, got[2]);
    }

    @Test
    void aVirtualThreadStartedByATaskRunsOnItsOwnWithoutStallingTheTask() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> child = new AtomicReference<>();
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            child.set(Thread.currentThread());
            try {
                done.complete(release.await(10, TimeUnit.SECONDS) ? "released" : "timed out");
            } catch (InterruptedException e) {
                done.complete("interrupted");
            }
        });
        Task<String> other = createTask(() -> "the loop is free");
        assertEquals("the loop is free", other.await());
        assertFalse(done.isDone());
        release.countDown();
        assertEquals("released", Asyncio.await(done));
        t.join();
        assertNotSame(Thread.currentThread(), child.get());
    }

    @Test
    void aVirtualThreadStartedByATaskMayBlockForRealWithoutFreezingTheLoop(EventLoop loop) throws Exception {
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            done.complete("slept");
        });
        int[] ticks = {0};
        Task<Void> ticker = createTask(() -> {
            while (!done.isDone()) {
                ticks[0]++;
                sleep(0);
            }
        });
        assertEquals("slept", Asyncio.await(done));
        ticker.await();
        assertTrue(ticks[0] > 1, "ticks " + ticks[0]);
        assertSame(loop, Asyncio.getRunningLoop());
    }
}
