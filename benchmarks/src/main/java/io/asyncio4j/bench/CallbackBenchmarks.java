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

import static io.asyncio4j.Asyncio.sleep;

/**
 * Plain callbacks: {@code callSoon} throughput and {@value #TIMERS} timers. One operation = one
 * callback scheduled and run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Djdk.trackAllThreads=false"})
public class CallbackBenchmarks {
    static final int CALLBACKS = 100_000;
    static final int TIMERS = 100_000;
    /** Timer deadlines are spread over this window, inserted in a scrambled order. */
    static final long SPREAD_NANOS = 100_000;

    /** A counter the callbacks bump (one per invocation, loop thread only). */
    static final class Counter implements Runnable {
        long n;

        @Override
        public void run() {
            n++;
        }
    }

    /**
     * {@value #CALLBACKS} {@code callSoon}s from a task, which then yields once: the loop runs
     * them all in its next iteration, in order, and the task resumes.
     */
    @Benchmark
    @OperationsPerInvocation(CALLBACKS)
    public long callSoon(LoopState s) {
        EventLoop loop = s.loop;
        return loop.runUntilComplete(() -> {
            Counter c = new Counter();
            for (int i = 0; i < CALLBACKS; i++) {
                loop.callSoon(c);
            }
            sleep(0);
            return c.n;
        });
    }

    /**
     * {@value #TIMERS} {@code callLater}s with deadlines spread over 0.1 ms in a scrambled order
     * (heap insertion at every depth), then waits until the last has fired. By the time they
     * are all scheduled they are all due, so the figure is heap work plus running them, not
     * waiting.
     */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public long timers(LoopState s) {
        EventLoop loop = s.loop;
        return loop.runUntilComplete(() -> {
            Future<Long> allFired = loop.createFuture();
            long[] fired = {0};
            Runnable cb = () -> {
                if (++fired[0] == TIMERS) {
                    allFired.setResult(fired[0]);
                }
            };
            for (int i = 0; i < TIMERS; i++) {
                long delay = (i * 7919L) % SPREAD_NANOS; // a permutation of the window's slots
                loop.callLater(delay / 1e9, cb);
            }
            return allFired.await();
        });
    }
}
