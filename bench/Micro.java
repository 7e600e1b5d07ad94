// The asyncio4j driver of /work/shared/bench/run_micro.py: the micro cases of micro_asyncio.py
// (switch, spawn, sleepers, queue, baseline) with the same CLI, printing one JSON line.
//
//   ./aio run bench/Micro.java switch -n 1000000 [--tasks 100] --loop asyncio4j
//   bench/micro-driver spawn -n 100000 --loop asyncio4j-warm     (precompiled, what run_micro.py calls)
//
// --loop asyncio4j        cold: the timed run is the first thing the JVM does (JIT warm-up included),
//                         the way a fresh CPython process is measured.
// --loop asyncio4j-warm   warm: the same case runs first on fresh loops, at least --warmup-rounds (5)
//                         times and --warmup-seconds (5) s, then a full GC (System.gc(): the timed
//                         run starts with an empty young generation, as a cold run does), then
//                         once timed; the JSON says "warmup": true, the rounds and seconds.
// Extra modes (not in run_micro.py; bench/micro_extra.py is their CPython side): callsoon (-n
// callSoon callbacks from a task, then sleep(0) runs them all), timers (-n callLater with deadlines
// spread over 0.1 ms in a scrambled order, until all fired), future (-n times: a pending future, a
// callSoon that completes it, await), eager (-n tasks that return at once, made under the eager
// task factory, then gathered) -> "ns_per_op".
// --contextvar            the main task sets a contextvars.ContextVar first: every callback then
//                         captures a copy of its scheduler's context and runs inside it (the cost a
//                         program using context vars pays; without one, a volatile read).
// --heap                  (sleepers) once every task sleeps: full GC, heap used minus the heap used
//                         before the tasks existed, divided by -n -> "heap_bytes_per_task".
//                         Adds a GC pause to "seconds": measure time without it.
// The metric keys are run_micro.py's: ns_per_switch (switch), seconds (spawn, sleepers),
// items_per_s (queue).
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.run;
import static io.asyncio4j.Asyncio.sleep;

record Args(String mode, String loop, Integer n, int tasks, double sleep, int maxsize, boolean heap, boolean contextVar,
            int warmupRounds, double warmupSeconds) {

    static Args parse(String[] a) {
        String mode = null;
        String loop = "asyncio4j";
        Integer n = null;
        int tasks = 1;
        double sleep = 1.0;
        int maxsize = 100;
        boolean heap = false;
        boolean contextVar = false;
        int warmupRounds = 5;
        double warmupSeconds = 5;
        for (int i = 0; i < a.length; i++) {
            switch (a[i]) {
                case "-n" -> n = Integer.parseInt(a[++i]);
                case "--tasks" -> tasks = Integer.parseInt(a[++i]);
                case "--sleep" -> sleep = Double.parseDouble(a[++i]);
                case "--maxsize" -> maxsize = Integer.parseInt(a[++i]);
                case "--loop" -> loop = a[++i];
                case "--gc-off" -> { } // CPython's cyclic-GC switch: nothing to switch off here
                case "--heap" -> heap = true;
                case "--contextvar" -> contextVar = true;
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(a[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(a[++i]);
                default -> {
                    if (a[i].startsWith("-") || mode != null) {
                        throw new IllegalArgumentException("Micro: unknown argument '" + a[i]
                                + "'; usage: Micro switch|spawn|sleepers|queue|baseline [-n N] [--tasks K] "
                                + "[--sleep S] [--maxsize M] [--heap] [--contextvar] [--warmup-rounds R] [--warmup-seconds S] "
                                + "[--loop asyncio4j|asyncio4j-warm]");
                    }
                    mode = a[i];
                }
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("Micro: no mode; use switch, spawn, sleepers, queue or baseline");
        }
        if (!loop.startsWith("asyncio4j")) {
            throw new IllegalArgumentException("Micro: --loop " + loop + " is not an asyncio4j loop; "
                    + "bench/micro-driver sends asyncio/uvloop to micro_asyncio.py");
        }
        return new Args(mode, loop, n, tasks, sleep, maxsize, heap, contextVar, warmupRounds, warmupSeconds);
    }

    boolean warm() {
        return loop.endsWith("-warm");
    }

    int count() {
        if (n != null) {
            return n;
        }
        return switch (mode) {
            case "switch", "queue" -> 1_000_000;
            case "spawn", "sleepers", "callsoon", "timers", "future", "eager" -> 100_000;
            default -> 0;
        };
    }
}

/** One case: runs inside the main task and returns its JSON fields. */
interface Case {
    Map<String, Object> call() throws Throwable;
}

Case caseFor(Args a, int n, double sleepSecs, boolean heap) {
    return switch (a.mode()) {
        case "switch" -> () -> switchCase(n, a.tasks());
        case "spawn" -> () -> spawnCase(n);
        case "sleepers" -> () -> sleepersCase(n, sleepSecs, heap);
        case "queue" -> () -> queueCase(n, a.maxsize());
        case "baseline" -> () -> new LinkedHashMap<>(Map.of("seconds", 0.0));
        case "callsoon" -> () -> callSoonCase(n);
        case "timers" -> () -> timersCase(n);
        case "future" -> () -> futureCase(n);
        case "eager" -> () -> eagerCase(n);
        default -> throw new IllegalArgumentException("Micro: unknown mode '" + a.mode()
                + "'; use switch, spawn, sleepers, queue or baseline");
    };
}

static void spin(int times) {
    for (int i = 0; i < times; i++) {
        sleep(0);
    }
}

Map<String, Object> switchCase(int n, int tasks) {
    int perTask = n / tasks;
    long t0 = System.nanoTime();
    if (tasks == 1) {
        spin(perTask);
    } else {
        EventLoop loop = getRunningLoop();
        List<Task<Void>> ts = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            ts.add(loop.createTask(() -> {
                spin(perTask);
                return null;
            }));
        }
        gather(ts);
    }
    long dt = System.nanoTime() - t0;
    long total = (long) perTask * tasks;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("switches", total);
    out.put("seconds", dt / 1e9);
    out.put("ns_per_switch", (double) dt / total);
    return out;
}

Map<String, Object> spawnCase(int n) {
    EventLoop loop = getRunningLoop();
    long t0 = System.nanoTime();
    List<Task<Integer>> ts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
        ts.add(loop.createTask(() -> 1));
    }
    long t1 = System.nanoTime();
    List<Integer> res = gather(ts);
    long t2 = System.nanoTime();
    long sum = 0;
    for (int r : res) {
        sum += r;
    }
    if (sum != n) {
        throw new AssertionError("spawn: sum " + sum + " != " + n);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tasks", n);
    out.put("seconds", (t2 - t0) / 1e9);
    out.put("create_s", (t1 - t0) / 1e9);
    out.put("gather_s", (t2 - t1) / 1e9);
    out.put("us_per_task", (t2 - t0) / 1e3 / n);
    return out;
}

static long heapUsedAfterGc() {
    var mem = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) { // a few rounds: what a full GC leaves, not what it is about to free
        System.gc();
        best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
    }
    return best;
}

Map<String, Object> sleepersCase(int n, double secs, boolean heap) {
    EventLoop loop = getRunningLoop();
    long before = heap ? heapUsedAfterGc() : 0;
    long t0 = System.nanoTime();
    List<Task<Void>> ts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
        ts.add(loop.createTask(() -> {
            sleep(secs);
            return null;
        }));
    }
    long t1 = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    if (heap) {
        sleep(0); // every task takes its first step and parks in sleep()
        sleep(0);
        long during = heapUsedAfterGc();
        long tAfterGc = System.nanoTime();
        out.put("heap_before_bytes", before);
        out.put("heap_sleeping_bytes", during);
        out.put("heap_bytes_per_task", (double) (during - before) / n);
        out.put("probe_done_after_s", (tAfterGc - t0) / 1e9);
    }
    gather(ts);
    long t2 = System.nanoTime();
    out.put("tasks", n);
    out.put("sleep_s", secs);
    out.put("seconds", (t2 - t0) / 1e9);
    out.put("create_s", (t1 - t0) / 1e9);
    out.put("overshoot_s", (t2 - t0) / 1e9 - secs);
    return out;
}

static final class Counter implements Runnable {
    long n;

    @Override
    public void run() {
        n++;
    }
}

Map<String, Object> callSoonCase(int n) {
    EventLoop loop = getRunningLoop();
    Counter c = new Counter();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
        loop.callSoon(c);
    }
    sleep(0);
    long dt = System.nanoTime() - t0;
    if (c.n != n) {
        throw new AssertionError("callsoon: ran " + c.n + " != " + n);
    }
    return opsResult(n, dt);
}

Map<String, Object> timersCase(int n) {
    EventLoop loop = getRunningLoop();
    io.asyncio4j.Future<Long> all = loop.createFuture();
    long[] fired = {0};
    Runnable cb = () -> {
        if (++fired[0] == n) {
            all.setResult(fired[0]);
        }
    };
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
        loop.callLater(((i * 7919L) % 100_000) / 1e9, cb); // a permutation of 0..0.1 ms
    }
    all.await();
    return opsResult(n, System.nanoTime() - t0);
}

Map<String, Object> futureCase(int n) {
    EventLoop loop = getRunningLoop();
    long sum = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
        io.asyncio4j.Future<Integer> f = loop.createFuture();
        Integer v = i;
        loop.callSoon(() -> f.setResult(v));
        sum += f.await();
    }
    long dt = System.nanoTime() - t0;
    if (sum != (long) n * (n - 1) / 2) {
        throw new AssertionError("future: sum " + sum);
    }
    return opsResult(n, dt);
}

/** Eager tasks: each finishes inside createTask (asyncio's eager_task_factory), then one gather. */
Map<String, Object> eagerCase(int n) {
    EventLoop loop = getRunningLoop();
    loop.setTaskFactory(io.asyncio4j.Asyncio.eagerTaskFactory());
    long t0 = System.nanoTime();
    List<Task<Integer>> ts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
        ts.add(loop.createTask(() -> 1));
    }
    List<Integer> res = gather(ts);
    long dt = System.nanoTime() - t0;
    loop.setTaskFactory(null);
    if (res.size() != n || !ts.get(n - 1).isDone()) {
        throw new AssertionError("eager: " + res.size() + " results");
    }
    return opsResult(n, dt);
}

static Map<String, Object> opsResult(int n, long nanos) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ops", n);
    out.put("seconds", nanos / 1e9);
    out.put("ns_per_op", (double) nanos / n);
    return out;
}

/**
 * The queue case needs io.asyncio4j.queues.Queue (written on another branch). Reached through
 * method handles so that this file compiles without it; fails with a clear message when absent.
 */
Map<String, Object> queueCase(int n, int maxsize) throws Throwable {
    Class<?> qc;
    try {
        qc = Class.forName("io.asyncio4j.queues.Queue");
    } catch (ClassNotFoundException e) {
        throw new UnsupportedOperationException("Micro queue: io.asyncio4j.queues.Queue is not in this build "
                + "(it comes with the queues package); run the other cases, or build a checkout that has it");
    }
    MethodHandles.Lookup lk = MethodHandles.publicLookup();
    MethodHandle ctor = lk.findConstructor(qc, MethodType.methodType(void.class, int.class));
    MethodHandle put = lk.findVirtual(qc, "put", MethodType.methodType(void.class, Object.class));
    MethodHandle get = lk.findVirtual(qc, "get", MethodType.methodType(Object.class));
    Object q = ctor.invoke(maxsize);
    Object done = new Object();
    EventLoop loop = getRunningLoop();
    long t0 = System.nanoTime();
    Task<Void> producer = loop.createTask(() -> {
        try {
            for (int i = 0; i < n; i++) {
                put.invoke(q, (Object) Integer.valueOf(i));
            }
            put.invoke(q, done);
        } catch (Throwable e) {
            throw new RuntimeException(e);
        }
        return null;
    });
    Task<Integer> consumer = loop.createTask(() -> {
        int count = 0;
        try {
            while (get.invoke(q) != done) {
                count++;
            }
        } catch (Throwable e) {
            throw new RuntimeException(e);
        }
        return count;
    });
    gather(producer, consumer);
    long dt = System.nanoTime() - t0;
    if (consumer.result() != n) {
        throw new AssertionError("queue: got " + consumer.result() + " != " + n);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", n);
    out.put("maxsize", maxsize);
    out.put("seconds", dt / 1e9);
    out.put("items_per_s", n / (dt / 1e9));
    return out;
}

static String json(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder("{");
    for (var e : m.entrySet()) {
        if (sb.length() > 1) {
            sb.append(", ");
        }
        sb.append('"').append(e.getKey()).append("\": ");
        Object v = e.getValue();
        if (v instanceof String s) {
            sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v instanceof Double d) {
            sb.append(String.format(Locale.ROOT, "%.6g", d));
        } else {
            sb.append(v);
        }
    }
    return sb.append('}').toString();
}

static final io.asyncio4j.contextvars.ContextVar<String> REQUEST_ID =
        new io.asyncio4j.contextvars.ContextVar<>("request_id");

static Map<String, Object> runCase(Case c, boolean contextVar) {
    List<Map<String, Object>> out = new ArrayList<>(1);
    run(() -> {
        try {
            if (contextVar) {
                REQUEST_ID.set("r-1"); // every callback from here on captures and enters a context
            }
            out.add(c.call());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new RuntimeException(e);
        }
    });
    return out.get(0);
}

void main(String[] argv) {
    Args a = Args.parse(argv);
    int n = a.count();
    int rounds = 0;
    long warmNanos = 0;
    if (a.warm()) {
        // Warm-up rounds on fresh loops: same case, same size (sleepers: short sleeps, no probe),
        // at least --warmup-rounds rounds and --warmup-seconds seconds (at most 200 rounds), so
        // that the JIT has compiled the hot paths with C2 (JMH warms up 5-10 s too).
        long w0 = System.nanoTime();
        double warmSleep = Math.min(a.sleep(), 0.05);
        while (rounds < 200 && (rounds < a.warmupRounds()
                || System.nanoTime() - w0 < (long) (a.warmupSeconds() * 1e9))) {
            runCase(caseFor(a, n, warmSleep, false), a.contextVar());
            rounds++;
        }
        warmNanos = System.nanoTime() - w0;
        System.gc();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", a.mode());
    out.put("loop", a.loop());
    out.putAll(runCase(caseFor(a, n, a.sleep(), a.heap()), a.contextVar()));
    out.put("contextvar", a.contextVar());
    out.put("warmup", a.warm());
    out.put("warmup_rounds", rounds);
    out.put("warmup_s", warmNanos / 1e9);
    out.put("gc_before_timing", a.warm());
    out.put("engine", io.asyncio4j.internal.Engine.get().name());
    out.put("java", Runtime.version().toString());
    out.put("gc", gcNames());
    out.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    out.put("cpus", Runtime.getRuntime().availableProcessors());
    System.out.println(json(out));
}

static String gcNames() {
    StringBuilder sb = new StringBuilder();
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (sb.length() > 0) {
            sb.append('+');
        }
        sb.append(gc.getName());
    }
    return sb.toString();
}
