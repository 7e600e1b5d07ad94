package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code loop.shutdownAsyncgens()} and {@code asyncio.run}'s end do with async generators
 * left open, against CPython 3.13 ({@code PYENV_VERSION=3.13.0 python3}); its output is in the
 * comments.
 */
@ExtendWith(AsyncioExtension.class)
class AsyncGeneratorShutdownTest {

    /** A generator that yields 1 and 2, and whose finally logs, sleeps {@code delay}, logs again. */
    private static AsyncGenerator<Integer> slowToClose(String name, double delay, List<String> out) {
        return generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                out.add(name + " finally start");
                sleep(delay);
                out.add(name + " finally end");
            }
        });
    }

    // a = gen('A', 0.02); b = gen('B', 0.01); both at their first yield;
    // await loop.shutdown_asyncgens() -> A finally start, B finally start, B finally end, A finally end
    @Test
    void shutdownAsyncgensClosesTheGeneratorsConcurrently(EventLoop loop) {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        AsyncGenerator<Integer> a = slowToClose("A", 0.02, out);
        AsyncGenerator<Integer> b = slowToClose("B", 0.01, out);
        a.next();
        b.next();
        double start = loop.time();
        loop.shutdownAsyncgens();
        assertEquals(List.of("A finally start", "B finally start", "B finally end", "A finally end"), out);
        // the virtual clock: the cleanups overlapped (0.02 s, not 0.03)
        assertEquals(0.02, loop.time() - start, 1e-6);
        assertEquals(AsyncGenerator.State.FINISHED, a.state());
        assertEquals(AsyncGenerator.State.FINISHED, b.state());
    }

    // main() leaves A (0.02 s cleanup) and B (0.01 s) at a yield, a worker task holds C (no pause)
    // at a yield while it sleeps, and a task iterates E, which awaits inside the generator:
    // ['main returns', 'worker cancelled', 'E finally (cancelled inside the generator)',
    //  'A finally start', 'C finally start', 'B finally start', 'C finally end', 'B finally end', 'A finally end']
    // (the three starts come in the order of a WeakSet, so any order; the ends by their pauses;
    // the first two after 'main returns' in the order of the set all_tasks())
    @Test
    void asyncioRunCancelsTheTasksLeftThenClosesTheGeneratorsTogether() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<AsyncGenerator<Integer>> keep = new ArrayList<>();
        Thread th = Thread.ofPlatform().start(() -> {
            try (Runner r = RunnerTest.virtualRunner()) {
                r.run(() -> {
                    AsyncGenerator<Integer> a = slowToClose("A", 0.02, out);
                    AsyncGenerator<Integer> b = slowToClose("B", 0.01, out);
                    keep.add(a);
                    keep.add(b);
                    a.next();
                    b.next();
                    createTask(() -> {
                        AsyncGenerator<Integer> c = slowToClose("C", 0, out);
                        keep.add(c);
                        c.next();
                        try {
                            sleep(10);
                        } finally {
                            out.add("worker cancelled");
                        }
                    });
                    createTask(() -> {
                        AsyncGenerator<Integer> e = generator((AsyncGenerator.Yield<Integer> y) -> {
                            try {
                                sleep(10);
                                y.yield(1);
                            } finally {
                                out.add("E finally (cancelled inside the generator)");
                            }
                        });
                        for (int v : e) {
                            // never reached: the generator is cancelled in its sleep
                        }
                    });
                    sleep(0);
                    out.add("main returns");
                    return null;
                });
            }
        });
        th.join();
        assertEquals("main returns", out.get(0));
        // the tasks are cancelled in the order of asyncio.all_tasks(), a set: either order
        List<String> cancelled = new ArrayList<>(out.subList(1, 3));
        Collections.sort(cancelled);
        assertEquals(List.of("E finally (cancelled inside the generator)", "worker cancelled"), cancelled);
        List<String> starts = new ArrayList<>(out.subList(3, 6));
        Collections.sort(starts);
        assertEquals(List.of("A finally start", "B finally start", "C finally start"), starts);
        assertEquals(List.of("C finally end", "B finally end", "A finally end"), out.subList(6, 9));
        for (AsyncGenerator<Integer> g : keep) {
            assertEquals(AsyncGenerator.State.FINISHED, g.state());
        }
    }

    // a generator whose aclose() is cancelled is not reported (CancelledError is a BaseException);
    // one whose cleanup raises is, with asyncio's message
    @Test
    void anErrorWhileClosingGoesToTheExceptionHandlerAndTheOthersStillClose(EventLoop loop) {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
        List<String> out = new ArrayList<>();
        AsyncGenerator<Integer> bad = generator((AsyncGenerator.Yield<Integer> y) -> {
            try {
                y.yield(1);
            } finally {
                throw new IllegalStateException("cleanup failed");
            }
        });
        AsyncGenerator<Integer> good = slowToClose("G", 0.01, out);
        bad.next();
        good.next();
        loop.shutdownAsyncgens();
        assertEquals(List.of("G finally start", "G finally end"), out);
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).message().startsWith("an error occurred during closing of asynchronous generator"));
        assertEquals("cleanup failed", seen.get(0).exception().getMessage());
    }
}
