package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Async generators and async for (CPython test_asyncgen). */
@ExtendWith(AsyncioExtension.class)
class AsyncGeneratorTest {

    static AsyncGenerator<Integer> counting(int n, double pause) {
        return generator((AsyncGenerator.Yield<Integer> out) -> {
            for (int i = 0; i < n; i++) {
                out.yield(i);
                sleep(pause);
            }
        });
    }

    @Test
    void aForEachLoopGetsTheValuesInOrder(EventLoop loop) {
        List<Integer> got = new ArrayList<>();
        for (int i : counting(3, 1)) {
            got.add(i);
        }
        assertEquals(List.of(0, 1, 2), got);
        assertEquals(3.0, loop.time(), 1e-9);
    }

    @Test
    void theBodyStartsOnlyAtTheFirstRequest() {
        List<String> out = new ArrayList<>();
        AsyncGenerator<String> g = generator((AsyncGenerator.Yield<String> y) -> {
            out.add("started");
            y.yield("v");
        });
        sleep(0);
        assertEquals(List.of(), out);
        assertEquals(AsyncGenerator.State.NEW, g.state());
        assertTrue(g.hasNext());
        assertEquals(List.of("started"), out);
        assertEquals("v", g.next());
        assertFalse(g.hasNext());
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
    }

    @Test
    void hasNextDoesNotAdvanceTwice() {
        AsyncGenerator<Integer> g = counting(2, 0);
        assertTrue(g.hasNext());
        assertTrue(g.hasNext());
        assertEquals(0, g.next());
        assertEquals(1, g.next());
        assertFalse(g.hasNext());
    }

    @Test
    void nextAfterTheEndRaisesNoSuchElement() {
        AsyncGenerator<Integer> g = counting(1, 0);
        g.next();
        assertThrows(NoSuchElementException.class, g::next);
    }

    @Test
    void anExceptionOfTheProducerReachesTheConsumer() {
        List<Integer> got = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            y.yield(1);
            sleep(1);
            throw new IllegalStateException("producer failed");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int i : g) {
                got.add(i);
            }
        });
        assertEquals("producer failed", e.getMessage());
        assertEquals(List.of(1), got);
        assertFalse(g.hasNext());
    }

    @Test
    void closeRaisesGeneratorExitAtTheYieldAndRunsFinallyBlocks() {
        List<String> out = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } catch (AsyncGenerator.GeneratorExit e) {
                out.add("GeneratorExit");
                throw e;
            } finally {
                sleep(1); // cleanup may suspend
                out.add("finally");
            }
        });
        for (int i : g) {
            if (i == 2) {
                break;
            }
        }
        assertEquals(List.of(), out);
        g.close();
        assertEquals(List.of("GeneratorExit", "finally"), out);
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
        assertFalse(g.hasNext());
    }

    @Test
    void tryWithResourcesClosesTheGenerator() {
        List<String> out = new ArrayList<>();
        try (AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                out.add("cleaned up");
            }
        })) {
            assertEquals(1, g.next());
        }
        assertEquals(List.of("cleaned up"), out);
    }

    @Test
    void closingAnUnstartedGeneratorNeverRunsItsBody() {
        List<String> out = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            out.add("ran");
            y.yield(1);
        });
        g.close();
        assertFalse(g.hasNext());
        assertEquals(List.of(), out);
    }

    @Test
    void closingAFinishedGeneratorDoesNothing() {
        AsyncGenerator<Integer> g = counting(1, 0);
        for (int ignored : g) {
            // drain
        }
        g.close();
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
    }

    @Test
    void aGeneratorThatYieldsAfterGeneratorExitFailsClose() {
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
            } catch (AsyncGenerator.GeneratorExit e) {
                y.yield(2); // ignoring the close
            }
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertTrue(e.getMessage().contains("ignored GeneratorExit"), e.getMessage());
    }

    @Test
    void anExceptionFromTheCleanupIsRaisedByClose() {
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
            } finally {
                throw new IllegalArgumentException("cleanup failed");
            }
        });
        g.next();
        assertEquals("cleanup failed", assertThrows(IllegalArgumentException.class, g::close).getMessage());
    }

    @Test
    void currentTaskInsideTheGeneratorIsTheConsumer() {
        List<Task<?>> seen = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            seen.add(currentTask());
            sleep(1);
            seen.add(currentTask());
            y.yield(1);
        });
        Task<Integer> consumer = createTask(() -> {
            int sum = 0;
            for (int v : g) {
                sum += v;
            }
            return sum;
        });
        assertEquals(1, consumer.await());
        assertEquals(List.of(consumer, consumer), seen);
    }

    @Test
    void cancellingTheConsumerWhileTheProducerSleepsCancelsTheProducerThere() {
        List<String> out = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
                sleep(3600);
                y.yield(2);
            } catch (CancelledError e) {
                out.add("producer cancelled in sleep");
                throw e;
            } finally {
                out.add("producer finally");
            }
        });
        Task<List<Integer>> consumer = createTask(() -> {
            List<Integer> got = new ArrayList<>();
            for (int v : g) {
                got.add(v);
            }
            return got;
        });
        sleep(1);
        consumer.cancel();
        assertThrows(CancelledError.class, consumer::await);
        assertTrue(consumer.isCancelled());
        assertEquals(List.of("producer cancelled in sleep", "producer finally"), out);
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
    }

    @Test
    void aTimeoutAroundTheLoopInterruptsTheProducer(EventLoop loop) {
        List<Integer> got = new ArrayList<>();
        assertThrows(TimeoutException.class, () -> Asyncio.timeout(2.5, () -> {
            for (int v : counting(100, 1)) {
                got.add(v);
            }
            return null;
        }));
        assertEquals(List.of(0, 1, 2), got);
        assertEquals(2.5, loop.time(), 1e-9);
    }

    @Test
    void theProducerCanAwaitFuturesAndTasks(EventLoop loop) {
        AsyncGenerator<String> g = generator((AsyncGenerator.Yield<String> y) -> {
            Future<String> f = loop.createFuture();
            loop.callLater(1, () -> f.setResult("from a future"));
            y.yield(f.await());
            y.yield(createTask(() -> "from a task").await());
        });
        List<String> got = new ArrayList<>();
        for (String s : g) {
            got.add(s);
        }
        assertEquals(List.of("from a future", "from a task"), got);
    }

    @Test
    void noOtherCallbackRunsBetweenTheRequestAndTheValue(EventLoop loop) {
        List<String> out = new ArrayList<>();
        AsyncGenerator<String> g = generator((AsyncGenerator.Yield<String> y) -> {
            out.add("producer");
            y.yield("v");
        });
        loop.callSoon(() -> out.add("callback"));
        assertEquals("v", g.next());
        out.add("consumer");
        sleep(0);
        assertEquals(List.of("producer", "consumer", "callback"), out);
    }

    @Test
    void aSecondConsumerWhileTheFirstWaitsIsRefused() {
        AsyncGenerator<Integer> g = counting(3, 10);
        g.next(); // the producer now sleeps 10 s before its next value
        Task<Boolean> first = createTask(g::hasNext);
        sleep(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, g::hasNext);
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
        assertTrue(first.await());
        g.close();
    }

    @Test
    void yieldOutsideTheBodyIsRefused() {
        List<AsyncGenerator.Yield<Integer>> leaked = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            leaked.add(y);
            y.yield(1);
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> leaked.get(0).yield(2));
        assertTrue(e.getMessage().contains("outside the generator's body"), e.getMessage());
        g.close();
    }

    @Test
    void iteratingOutsideATaskIsRefused() throws Exception {
        AsyncGenerator<Integer> g = counting(1, 0);
        Throwable[] got = new Throwable[1];
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                g.hasNext();
            } catch (Throwable e) {
                got[0] = e;
            }
        });
        th.join();
        assertInstanceOf(IllegalStateException.class, got[0]);
        assertTrue(got[0].getMessage().contains("inside a task"), got[0].getMessage());
    }

    @Test
    void generatorExitIsAnErrorSoCatchExceptionDoesNotSwallowIt() {
        assertTrue(Error.class.isAssignableFrom(AsyncGenerator.GeneratorExit.class));
    }

    @Test
    void twoGeneratorsCanBeConsumedSideBySide() {
        AsyncGenerator<Integer> a = counting(3, 1);
        AsyncGenerator<Integer> b = counting(3, 2);
        List<String> out = new ArrayList<>();
        while (a.hasNext() | b.hasNext()) {
            if (a.hasNext()) {
                out.add("a" + a.next());
            }
            if (b.hasNext()) {
                out.add("b" + b.next());
            }
        }
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), out);
    }

    @Test
    void aGeneratorCanConsumeAnotherGenerator() {
        AsyncGenerator<Integer> inner = counting(3, 1);
        AsyncGenerator<Integer> doubled = generator((AsyncGenerator.Yield<Integer> y) -> {
            for (int v : inner) {
                y.yield(v * 2);
            }
        });
        List<Integer> got = new ArrayList<>();
        for (int v : doubled) {
            got.add(v);
        }
        assertEquals(List.of(0, 2, 4), got);
    }

    @Test
    void toStringShowsTheState() {
        AsyncGenerator<Integer> g = counting(1, 0);
        assertEquals("<AsyncGenerator new>", g.toString());
        g.next();
        assertEquals("<AsyncGenerator suspended>", g.toString());
        assertSame(g, g.iterator());
        g.close();
        assertEquals("<AsyncGenerator finished>", g.toString());
    }

    @Test
    void aGeneratorContinuedByAnotherTaskRunsAsPartOfThatTask() {
        List<Task<?>> seen = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            seen.add(currentTask());
            y.yield(1);
            seen.add(currentTask());
            sleep(3600);
            y.yield(2);
        });
        Task<Integer> first = createTask(g::next);
        assertEquals(1, first.await());
        Task<Integer> second = createTask(g::next);
        sleep(1);
        second.cancel(); // must reach the producer, which now works for the second task
        assertThrows(CancelledError.class, second::await);
        assertEquals(List.of(first, second), seen);
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
    }

    @Test
    void shutdownAsyncgensClosesGeneratorsLeftOpen(EventLoop loop) {
        List<String> out = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                out.add("closed by shutdown, in " + currentTask().getName());
            }
        });
        createTask(() -> g.next(), "consumer").await();
        loop.shutdownAsyncgens();
        // CPython 3.13: loop.shutdown_asyncgens() gathers the aclose() calls, each in a task of
        // its own: "finally in Task-2 main is Task-1" (this test said the caller's task before)
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("closed by shutdown, in Task-"), out.get(0));
        assertFalse(out.get(0).equals("closed by shutdown, in " + currentTask().getName()), out.get(0));
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
    }

    @Test
    void shutdownAsyncgensReportsAGeneratorThatFailsToClose(EventLoop loop) {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
            } finally {
                throw new IllegalStateException("cleanup failed");
            }
        });
        g.next();
        loop.shutdownAsyncgens();
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).message().startsWith("an error occurred during closing of asynchronous generator"));
        assertEquals("cleanup failed", seen.get(0).exception().getMessage());
    }

    @Test
    void asyncioRunClosesGeneratorsLeftOpenByTheMainTask() throws Exception {
        List<String> out = new ArrayList<>();
        Thread th = Thread.ofPlatform().start(() -> Asyncio.run(() -> {
            AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
                try {
                    y.yield(1);
                    y.yield(2);
                } finally {
                    out.add("finally ran");
                }
            });
            for (int v : g) {
                break;
            }
        }));
        th.join();
        assertEquals(List.of("finally ran"), out);
    }
    /** Starts a generator that logs its cleanup, takes one value, and drops it. */
    private static void startAndDrop(List<String> log) {
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                log.add("finally ran in " + currentTask().getName());
            }
        });
        assertEquals(1, g.next());
    }

    @Test
    void aGeneratorDroppedAtAYieldIsClosedInANewTaskOnceCollected(EventLoop loop) {
        // CPython: the finalizer hook schedules aclose() when an open async generator is collected
        List<String> log = new ArrayList<>();
        startAndDrop(log);
        for (int i = 0; i < 100 && log.isEmpty(); i++) {
            System.gc();
            Asyncio.toThread(() -> {
                Thread.sleep(10); // let the cleaner thread run and its callback reach the loop
                return null;
            });
            sleep(0);
        }
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).matches("finally ran in Task-\\d+"), log.get(0));
        assertFalse(log.get(0).endsWith(currentTask().getName()), "closed by a task of its own");
        assertTrue(loop.asyncgens.isEmpty(), loop.asyncgens.toString());
    }

    @Test
    void theLoopForgetsAGeneratorOnceItFinishes(EventLoop loop) {
        List<Integer> got = new ArrayList<>();
        for (int v : counting(2, 0)) {
            got.add(v);
            assertEquals(1, loop.asyncgens.size());
        }
        assertEquals(List.of(0, 1), got);
        assertTrue(loop.asyncgens.isEmpty(), loop.asyncgens.toString());
    }
}

