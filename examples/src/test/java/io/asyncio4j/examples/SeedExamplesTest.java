package io.asyncio4j.examples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every port under {@code examples/seeds/} starts with {@code // seed: NN_name.py}; it is run and
 * its output compared line by line with CPython's output in {@code shared/seed-examples/NN_name.out}.
 * Where a seed's output cannot be literal (timings in log lines), a file
 * {@code examples/seeds/NN_name.expected} holds one regular expression per output line instead.
 * The programs run a few at a time (several sleep for seconds of real time), but never more than
 * there are CPUs: a seed's output may hang on sub-millisecond timing exactly as CPython's does (in
 * seed 09, two workers' one-second sleeps must end in the same loop iteration, before the third
 * worker gets the semaphore), and seventeen JVMs starting at once on two CPUs stretched that gap
 * to milliseconds (seen once in CI). CPython starved of CPU the same way prints the same variant.
 */
class SeedExamplesTest {
    private static final Pattern HEADER = Pattern.compile("^// seed: (\\d\\d_[a-z0-9_]+)\\.py\\s*$");

    @TestFactory
    Stream<DynamicTest> everySeedPortPrintsWhatCPythonPrinted() throws Exception {
        Path seedsDir = ExampleRun.examplesDir().resolve("seeds");
        Map<String, Path> ports = new TreeMap<>();
        try (Stream<Path> files = Files.list(seedsDir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String first = Files.readAllLines(p, StandardCharsets.UTF_8).get(0);
                Matcher m = HEADER.matcher(first);
                assertTrue(m.matches(), p.getFileName() + ": first line must be '// seed: NN_name.py', is: " + first);
                ports.put(m.group(1), p);
            }
        }
        assertTrue(!ports.isEmpty(), "no seed ports found under " + seedsDir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        Map<String, Future<ExampleRun.Result>> runs = new TreeMap<>();
        for (Map.Entry<String, Path> e : ports.entrySet()) {
            runs.put(e.getKey(), pool.submit(() -> ExampleRun.run(e.getValue(), 120)));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Future<ExampleRun.Result>> e : runs.entrySet()) {
            String seed = e.getKey();
            tests.add(DynamicTest.dynamicTest(seed, () -> check(seed, ports.get(seed), e.getValue().get())));
        }
        pool.shutdown();
        return tests.stream();
    }

    private static void check(String seed, Path port, ExampleRun.Result r) throws IOException {
        assertEquals(0, r.exitCode(), seed + " exited with " + r.exitCode() + "; stderr:\n" + r.stderr());
        Path patterns = port.resolveSibling(seed + ".expected");
        if (Files.exists(patterns)) {
            List<String> regexes = Files.readAllLines(patterns, StandardCharsets.UTF_8);
            assertEquals(regexes.size(), r.stdout().size(), seed + ": line count; output was:\n" + String.join("\n", r.stdout()));
            for (int i = 0; i < regexes.size(); i++) {
                assertTrue(r.stdout().get(i).matches(regexes.get(i)), seed + " line " + (i + 1) + ": '"
                        + r.stdout().get(i) + "' does not match /" + regexes.get(i) + "/");
            }
            return;
        }
        Path expected = ExampleRun.sharedDir().resolve("seed-examples").resolve(seed + ".out");
        List<String> want = Files.readAllLines(expected, StandardCharsets.UTF_8);
        assertEquals(String.join("\n", want), String.join("\n", r.stdout()), seed + ": output differs from CPython's; "
                + "stderr:\n" + r.stderr());
    }
}
