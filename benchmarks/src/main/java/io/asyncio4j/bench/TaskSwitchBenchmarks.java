package io.asyncio4j.bench;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

/**
 * Task switch: {@code sleep(0)} in a loop, the asyncio4j version of anchor 1 / 1b
 * ({@code await asyncio.sleep(0)}). One operation = one {@code sleep(0)}: the task parks, the
 * loop runs the rest of the ready queue, the task resumes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Djdk.trackAllThreads=false"})
public class TaskSwitchBenchmarks {
    static final int SWITCHES = 100_000;
    static final int TASKS = 100;

    static void spin(int times) {
        for (int i = 0; i < times; i++) {
            sleep(0);
        }
    }

    /** One task yielding {@value #SWITCHES} times (anchor 1). */
    @Benchmark
    @OperationsPerInvocation(SWITCHES)
    public void sleep0OneTask(LoopState s) {
        s.loop.runUntilComplete(() -> {
            spin(SWITCHES);
            return null;
        });
    }

    /** {@value #TASKS} tasks sharing {@value #SWITCHES} yields (anchor 1b). */
    @Benchmark
    @OperationsPerInvocation(SWITCHES)
    public void sleep0HundredTasks(LoopState s) {
        EventLoop loop = s.loop;
        loop.runUntilComplete(() -> {
            List<Task<Void>> ts = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                ts.add(loop.createTask(() -> {
                    spin(SWITCHES / TASKS);
                    return null;
                }));
            }
            return gather(ts);
        });
    }
}
