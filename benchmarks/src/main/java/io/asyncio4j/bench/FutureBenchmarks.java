package io.asyncio4j.bench;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Future completion + await. One operation = one future created, completed and awaited.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Djdk.trackAllThreads=false"})
public class FutureBenchmarks {
    static final int FUTURES = 100_000;

    /**
     * The task awaits a pending future that a {@code callSoon} callback completes: the task
     * parks, the callback sets the result, which wakes the task through the ready queue.
     */
    @Benchmark
    @OperationsPerInvocation(FUTURES)
    public long awaitPending(LoopState s) {
        EventLoop loop = s.loop;
        return loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < FUTURES; i++) {
                Future<Integer> f = loop.createFuture();
                Integer v = i;
                loop.callSoon(() -> f.setResult(v));
                sum += f.await();
            }
            return sum;
        });
    }

    /** The task completes the future itself, then awaits it: no suspension (asyncio's fast path). */
    @Benchmark
    @OperationsPerInvocation(FUTURES)
    public long awaitDone(LoopState s) {
        EventLoop loop = s.loop;
        return loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < FUTURES; i++) {
                Future<Integer> f = loop.createFuture();
                f.setResult(i);
                sum += f.await();
            }
            return sum;
        });
    }
}
