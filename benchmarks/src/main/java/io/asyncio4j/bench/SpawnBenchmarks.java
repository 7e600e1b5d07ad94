package io.asyncio4j.bench;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.asyncio4j.Asyncio.gather;

/**
 * Spawn + gather of {@value #TASKS} trivial tasks (anchor 2: {@code gather(*[create_task(f())
 * for _ in range(100_000)])}). One operation = the whole batch, so the figure includes the GC
 * work that 100,000 live tasks cause; divide by {@value #TASKS} for the cost per task.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Djdk.trackAllThreads=false"})
public class SpawnBenchmarks {
    static final int TASKS = 100_000;

    /** Creates {@value #TASKS} tasks returning 1 and gathers them; returns the sum. */
    @Benchmark
    public long spawnGather100k(LoopState s) {
        EventLoop loop = s.loop;
        return loop.runUntilComplete(() -> {
            List<Task<Integer>> ts = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                ts.add(loop.createTask(() -> 1));
            }
            long sum = 0;
            for (int r : gather(ts)) {
                sum += r;
            }
            return sum;
        });
    }
}
