package io.asyncio4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single-file example program in a fresh JVM, exactly as {@code ./aio run FILE.java}
 * does: the JDK running the tests, the engine's flags, the library on the classpath.
 */
final class ExampleRun {
    /** What a run printed and how it ended. */
    record Result(int exitCode, List<String> stdout, String stderr) {
    }

    private ExampleRun() {
    }

    static Path examplesDir() {
        return Path.of(System.getProperty("examples.dir", ".")).toAbsolutePath().normalize();
    }

    static Path sharedDir() {
        return Path.of(System.getProperty("shared.dir", "../../shared")).toAbsolutePath().normalize();
    }

    static Process start(Path program, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String engineFlags = System.getProperty("engine.flags");
        if (engineFlags == null || engineFlags.isBlank()) {
            throw new IllegalStateException("ExampleRun: no engine.flags system property; run the examples' tests "
                    + "through Maven (examples/pom.xml passes the parent POM's engine.flags)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(Arrays.asList(engineFlags.trim().split("\\s+")));
        cmd.addAll(List.of("-Djdk.trackAllThreads=false", "-cp", System.getProperty("java.class.path"),
                program.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(program.getParent().toFile());
        return pb.start();
    }

    static Result run(Path program, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Process p = start(program, args);
        p.getOutputStream().close();
        byte[][] out = new byte[2][];
        Thread errReader = Thread.ofVirtual().start(() -> {
            try {
                out[1] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                out[1] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        out[0] = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(program.getFileName() + " did not finish within " + timeoutSeconds + " s");
        }
        errReader.join();
        String stdout = new String(out[0], StandardCharsets.UTF_8);
        List<String> lines = stdout.isEmpty() ? List.of() : List.of(stdout.split("\r?\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return new Result(p.exitValue(), lines, new String(out[1], StandardCharsets.UTF_8));
    }
}
