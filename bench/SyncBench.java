// Side-by-side driver for the synchronization primitives and queues (CPython: bench/sync_asyncio.py).
//   ./aio run bench/SyncBench.java [queue|lock|event|all] [--runs N] [--warmup N]
// Prints one JSON line per case: {"case": ..., "items_per_s": ...} or {"case": ..., "seconds": ...},
// the median of the measured runs (min and max alongside), after warm-up runs for the JIT.
// Each run is a whole Asyncio.run; the clock runs inside the coroutine, as in the Python driver.
// The JMH version of the same workloads: benchmarks/src/main/java/io/asyncio4j/bench/SyncBenchmarks.java.
import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.sync.Event;
import io.asyncio4j.sync.Lock;

import java.util.function.DoubleSupplier;

static final int QUEUE_ITEMS = 1_000_000;
static final int QUEUE_MAXSIZE = 100;
static final int LOCK_ACQUISITIONS = 1_000_000;
static final int EVENT_WAITERS = 10_000;

/** Queue(maxsize=100), 1 producer -> 1 consumer, n items; returns seconds. */
double queueRun(int n, int maxsize) {
    return Asyncio.run(() -> {
        Queue<Integer> q = new Queue<>(maxsize);
        Integer done = Integer.valueOf(-1);
        long t0 = System.nanoTime();
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
        double dt = (System.nanoTime() - t0) / 1e9;
        if (got != n) {
            throw new AssertionError("queue: got " + got + " of " + n);
        }
        return dt;
    });
}

/** Two tasks, n/2 times each: acquire, sleep(0) (the other queues), release; returns seconds. */
double lockRun(int n) {
    return Asyncio.run(() -> {
        Lock lock = new Lock();
        int[] acquisitions = {0};
        long t0 = System.nanoTime();
        Asyncio.gather(() -> lockWorker(lock, n / 2, acquisitions), () -> lockWorker(lock, n / 2, acquisitions));
        double dt = (System.nanoTime() - t0) / 1e9;
        if (acquisitions[0] != n) {
            throw new AssertionError("lock: " + acquisitions[0] + " of " + n);
        }
        return dt;
    });
}

void lockWorker(Lock lock, int times, int[] acquisitions) {
    for (int i = 0; i < times; i++) {
        lock.acquire();
        acquisitions[0]++;
        Asyncio.sleep(0);
        lock.release();
    }
}

/** n tasks wait on one Event; set once all wait; returns seconds for spawn + wait + set + all done. */
double eventRun(int n) {
    return Asyncio.run(() -> {
        Event event = new Event();
        int[] woken = {0};
        long t0 = System.nanoTime();
        java.util.List<Task<Void>> tasks = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(Asyncio.createTask(() -> {
                event.await();
                woken[0]++;
            }));
        }
        Asyncio.sleep(0);
        event.set();
        Asyncio.gather(tasks);
        double dt = (System.nanoTime() - t0) / 1e9;
        if (woken[0] != n) {
            throw new AssertionError("event: " + woken[0] + " of " + n);
        }
        return dt;
    });
}

/** Runs warm-ups, then measured runs; returns the sorted measured seconds. */
double[] measure(DoubleSupplier run, int warmup, int runs) {
    for (int i = 0; i < warmup; i++) {
        run.getAsDouble();
    }
    double[] s = new double[runs];
    for (int i = 0; i < runs; i++) {
        s[i] = run.getAsDouble();
    }
    java.util.Arrays.sort(s);
    return s;
}

void report(String name, double[] seconds, long items) {
    double median = seconds[seconds.length / 2];
    String engine = io.asyncio4j.internal.Engine.get().name();
    if (items > 0) {
        System.out.printf(java.util.Locale.ROOT,
                "{\"case\": \"%s\", \"items_per_s\": %.0f, \"min\": %.0f, \"max\": %.0f, \"runs\": %d, "
                        + "\"impl\": \"asyncio4j-%s\"}%n",
                name, items / median, items / seconds[seconds.length - 1], items / seconds[0], seconds.length, engine);
    } else {
        System.out.printf(java.util.Locale.ROOT,
                "{\"case\": \"%s\", \"seconds\": %.6f, \"min\": %.6f, \"max\": %.6f, \"runs\": %d, "
                        + "\"impl\": \"asyncio4j-%s\"}%n",
                name, median, seconds[0], seconds[seconds.length - 1], seconds.length, engine);
    }
}

void main(String[] args) {
    String which = "all";
    int runs = 5;
    int warmup = 3;
    for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
            case "--runs" -> runs = Integer.parseInt(args[++i]);
            case "--warmup" -> warmup = Integer.parseInt(args[++i]);
            case "queue", "lock", "event", "all" -> which = args[i];
            default -> {
                System.err.println("usage: SyncBench.java [queue|lock|event|all] [--runs N] [--warmup N]");
                System.exit(2);
            }
        }
    }
    if (which.equals("all") || which.equals("queue")) {
        report("queue_maxsize100_1M", measure(() -> queueRun(QUEUE_ITEMS, QUEUE_MAXSIZE), warmup, runs), QUEUE_ITEMS);
    }
    if (which.equals("all") || which.equals("lock")) {
        report("lock_handoff_1M", measure(() -> lockRun(LOCK_ACQUISITIONS), warmup, runs), LOCK_ACQUISITIONS);
    }
    if (which.equals("all") || which.equals("event")) {
        report("event_fanout_10k", measure(() -> eventRun(EVENT_WAITERS), warmup, runs), 0);
    }
}
