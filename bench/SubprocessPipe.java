// Pipe N MiB through `cat` with asyncio4j's createSubprocessExec: one task writes 64 KiB chunks
// to stdin (with drain), the main task reads stdout until EOF. Counterpart of subprocess_pipe.py.
// Usage: ./aio run bench/SubprocessPipe.java [MiB] [runs]
import io.asyncio4j.Task;
import io.asyncio4j.subprocess.Process;
import io.asyncio4j.subprocess.SubprocessOptions;

import java.util.Arrays;

import static io.asyncio4j.Asyncio.*;

static final int CHUNK = 64 * 1024;

double once(long total) throws Exception {
    Process p = createSubprocessExec(SubprocessOptions.pipes(), "cat");
    byte[] block = new byte[CHUNK];
    Arrays.fill(block, (byte) 'x');
    long t0 = System.nanoTime();
    Task<Void> writer = createTask(() -> {
        long left = total;
        while (left > 0) {
            p.stdin().write(left >= CHUNK ? block : Arrays.copyOf(block, (int) left));
            left -= CHUNK;
            p.stdin().drain();
        }
        p.stdin().close();
    });
    long got = 0;
    while (true) {
        byte[] data = p.stdout().read(256 * 1024);
        if (data.length == 0) {
            break;
        }
        got += data.length;
    }
    writer.await();
    int rc = p.await();
    double dt = (System.nanoTime() - t0) / 1e9;
    if (got != total || rc != 0) {
        throw new AssertionError(got + " " + rc);
    }
    return dt;
}

void main(String[] args) {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long total = mib * 1024L * 1024L;
    run(() -> {
        for (int i = 0; i < 3; i++) {
            once(total / 10); // warm-up (JIT)
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            t[i] = once(total);
        }
        Arrays.sort(t);
        double med = t[runs / 2];
        System.out.printf("asyncio4j (%s engine): %d MiB through cat: median %.0f ms (%.0f MiB/s), min %.0f ms, "
                + "max %.0f ms, runs %d%n", io.asyncio4j.internal.Engine.get().name(), mib, med * 1000, mib / med,
                t[0] * 1000, t[runs - 1] * 1000, runs);
    });
}
