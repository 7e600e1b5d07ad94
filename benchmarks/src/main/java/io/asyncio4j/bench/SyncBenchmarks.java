package io.asyncio4j.bench;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.sync.Event;
import io.asyncio4j.sync.Lock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The synchronization primitives and queues under load, each workload a whole
 * {@code Asyncio.run} (a fresh loop per invocation, as a program would run it):
 * <ul>
 *   <li>{@link #queueProducerConsumer}: one producer and one consumer over a
 *       {@code Queue(maxsize=100)}, 1,000,000 items; reported per item (ops/s = items/s);</li>
 *   <li>{@link #lockHandOff}: two tasks taking turns on one {@link Lock} (acquire, yield, release),
 *       1,000,000 acquisitions in all, each one a hand-off; reported per acquisition;</li>
 *   <li>{@link #eventFanOut}: 10,000 tasks waiting on one {@link Event}, set once; reported as the
 *       time of the whole fan-out (spawn, wait, set, all done).</li>
 * </ul>
 * The same workloads, and CPython asyncio's, run side by side in {@code bench/SyncBench.java},
 * {@code bench/sync_asyncio.py} and {@code bench/sync_side_by_side.sh}.
 * <p>
 * asyncio: none (CPython's counterpart is {@code bench/sync_asyncio.py})
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Djdk.trackAllThreads=false"})
public class SyncBenchmarks {
    /** Items through the queue per invocation. */
    public static final int QUEUE_ITEMS = 1_000_000;
    /** The queue's capacity. */
    public static final int QUEUE_MAXSIZE = 100;
    /** Lock acquisitions per invocation, both tasks together. */
    public static final int LOCK_ACQUISITIONS = 1_000_000;
    /** Tasks waiting on the event. */
    public static final int EVENT_WAITERS = 10_000;

    /** Queue(maxsize=100), 1 producer → 1 consumer, 1M items; ops/s is items/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(QUEUE_ITEMS)
    public int queueProducerConsumer() {
        return Asyncio.run(() -> queueWorkload(QUEUE_ITEMS, QUEUE_MAXSIZE));
    }

    /** Two tasks handing one lock back and forth, 1M acquisitions; ops/s is acquisitions/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(LOCK_ACQUISITIONS)
    public int lockHandOff() {
        return Asyncio.run(() -> lockWorkload(LOCK_ACQUISITIONS));
    }

    /** 10,000 tasks wait on one Event, which is set once; time per whole fan-out. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int eventFanOut() {
        return Asyncio.run(() -> eventWorkload(EVENT_WAITERS));
    }

    /** Producer puts {@code n} items then a marker; the consumer counts until the marker. */
    static int queueWorkload(int n, int maxsize) {
        Queue<Integer> q = new Queue<>(maxsize);
        Integer done = Integer.valueOf(-1);
        Task<Void> producer = Asyncio.createTask(() -> {
            for (int i = 0; i < n; i++) {
                q.put(i);
            }
            q.put(done);
        });
        Task<Integer> consumer = Asyncio.createTask(() -> {
            int count = 0;
            while (q.get() != done) {
                count++;
            }
            return count;
        });
        producer.await();
        int got = consumer.await();
        if (got != n) {
            throw new AssertionError("queue: got " + got + " of " + n + " items");
        }
        return got;
    }

    /** Two tasks, each {@code n / 2} times: acquire, yield (the other queues), release. */
    static int lockWorkload(int n) {
        Lock lock = new Lock();
        int[] acquisitions = {0};
        List<Task<Void>> tasks = new ArrayList<>(2);
        for (int t = 0; t < 2; t++) {
            tasks.add(Asyncio.createTask(() -> {
                for (int i = 0; i < n / 2; i++) {
                    lock.acquire();
                    acquisitions[0]++;
                    Asyncio.sleep(0);
                    lock.release();
                }
            }));
        }
        Asyncio.gather(tasks);
        if (acquisitions[0] != n) {
            throw new AssertionError("lock: " + acquisitions[0] + " acquisitions of " + n);
        }
        return acquisitions[0];
    }

    /** {@code n} tasks wait on one event; once all wait, it is set; returns how many woke. */
    static int eventWorkload(int n) {
        Event event = new Event();
        int[] woken = {0};
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(Asyncio.createTask(() -> {
                event.await();
                woken[0]++;
            }));
        }
        Asyncio.sleep(0); // every waiter starts and waits
        event.set();
        Asyncio.gather(tasks);
        if (woken[0] != n) {
            throw new AssertionError("event: " + woken[0] + " of " + n + " woke");
        }
        return woken[0];
    }
}
