// Start N short children one after the other (`cat` with all three pipes, communicate("x")),
// and N at once with gather. Counterpart of subprocess_spawn.py.
// Usage: ./aio run bench/SubprocessSpawn.java [N]
import io.asyncio4j.Coroutine;
import io.asyncio4j.subprocess.Process;
import io.asyncio4j.subprocess.ProcessOutput;
import io.asyncio4j.subprocess.SubprocessOptions;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;

Void one() throws Exception {
    Process p = createSubprocessExec(SubprocessOptions.pipes(), "cat");
    ProcessOutput out = p.communicate(new byte[] {'x'});
    if (out.stdout().length != 1 || p.returncode() != 0) {
        throw new AssertionError(out + " " + p);
    }
    return null;
}

/** The JDK alone, blocking, on this thread: the floor under any event loop's figure. */
double jdkFloor(int n) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
        java.lang.Process p = new ProcessBuilder("cat").start();
        p.getOutputStream().write('x');
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        p.waitFor();
    }
    return (System.nanoTime() - t0) / 1e6 / n;
}

void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    jdkFloor(50);
    System.out.printf("JDK alone (ProcessBuilder.start, blocking reads, waitFor): %.2f ms each%n", jdkFloor(n));
    run(() -> {
        for (int i = 0; i < 50; i++) {
            one(); // warm-up (JIT)
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            one();
        }
        long t1 = System.nanoTime();
        List<Coroutine<Void>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(this::one);
        }
        @SuppressWarnings("unchecked")
        Coroutine<Void>[] jobs = all.toArray(Coroutine[]::new);
        gather(jobs);
        long t2 = System.nanoTime();
        // steady state: after 2,000 more children the JIT has finished with this path (with 50,
        // its compiler threads still take a third of the 2 CPUs: perf, stop 15)
        for (int i = 0; i < 2000; i++) {
            one();
        }
        long t3 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            one();
        }
        long t4 = System.nanoTime();
        gather(jobs);
        long t5 = System.nanoTime();
        System.out.printf("asyncio4j (%s engine): %d children (3 pipes, communicate): one by one %.2f ms each, "
                + "all at once %.0f ms total; after 2,000 more: one by one %.2f ms each, all at once %.0f ms%n",
                io.asyncio4j.internal.Engine.get().name(), n, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6,
                (t4 - t3) / 1e6 / n, (t5 - t4) / 1e6);
    });
}
