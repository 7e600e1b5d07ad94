// Write a file of N MiB line by line (64-byte lines) with AsyncTextFile.write, then read it back
// line by line with for-each (readline), from an asyncio4j task. Counterpart of file_lines.py.
// Usage: ./aio run bench/FileLines.java [MiB] [runs]
import io.asyncio4j.files.AsyncTextFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.files.AsyncFiles.open;

static final String PAD = "x".repeat(63 - "line 00000000 ".length()) + "\n";

/** "line 00000042 xxx...x\n", 64 bytes (zero-padded by hand: String.format is slow). */
static String line(int i) {
    String digits = Integer.toString(i);
    return "line " + "00000000".substring(digits.length()) + digits + " " + PAD;
}

double[] once(Path path, int n) throws Exception {
    long t0 = System.nanoTime();
    try (AsyncTextFile f = open(path, "w")) {
        for (int i = 0; i < n; i++) {
            f.write(line(i));
        }
    }
    long t1 = System.nanoTime();
    int count = 0;
    try (AsyncTextFile f = open(path, "r")) {
        for (String s : f) {
            count++;
        }
    }
    long t2 = System.nanoTime();
    if (count != n) {
        throw new AssertionError(count + " lines, expected " + n);
    }
    return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
}

void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int n = mib * 1024 * 1024 / 64;
    Path path = Files.createTempFile("asyncio4j-lines", ".txt");
    try {
        run(() -> {
            once(path, n / 10); // warm-up (JIT)
            double[][] res = new double[runs][];
            for (int i = 0; i < runs; i++) {
                res[i] = once(path, n);
            }
            Arrays.sort(res, (a, b) -> Double.compare(a[0] + a[1], b[0] + b[1]));
            double[] m = res[runs / 2];
            System.out.printf("asyncio4j (%s engine): %d MiB, %d lines: write %.0f ms (%.0f MiB/s), read %.0f ms "
                    + "(%.0f MiB/s), median of %d%n", io.asyncio4j.internal.Engine.get().name(), mib, n, m[0] * 1000,
                    mib / m[0], m[1] * 1000, mib / m[1], runs);
        });
    } finally {
        Files.deleteIfExists(path);
    }
}
