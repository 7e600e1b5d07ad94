package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./aio run FILE.java}, the README's way to run a program, through the script itself: it
 * finds the JDK, passes the engine's flags, and makes and then uses its start-up cache (JDK 25
 * AOT cache) without a warning. The other example tests start java directly ({@link ExampleRun}).
 */
class AioLauncherTest {
    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run aio(Path root, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("aio").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        Path err = Files.createTempFile("aio-stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "./aio " + String.join(" ", args) + " did not finish");
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Run(p.exitValue(), out, stderr);
    }

    @Test
    @Timeout(300)
    void aioRunRunsASeedProgramAndItsStartUpCacheIsMadeOnceAndUsedQuietly() throws Exception {
        Path root = ExampleRun.examplesDir().getParent();
        Path cache = root.resolve("asyncio4j-core/target/aio-run.aot");
        Files.deleteIfExists(cache);
        String expected = Files.readString(ExampleRun.sharedDir().resolve("seed-examples/01_hello_world.out"));

        Run first = aio(root, "run", "examples/seeds/Seed01HelloWorld.java");
        assertEquals(0, first.exit(), "stderr:\n" + first.stderr());
        assertEquals(expected, first.stdout());
        assertTrue(first.stderr().contains("preparing the start-up cache"), "stderr:\n" + first.stderr());
        assertTrue(Files.size(cache) > 0, "the cache was made");

        Run second = aio(root, "run", "examples/seeds/Seed01HelloWorld.java");
        assertEquals(0, second.exit(), "stderr:\n" + second.stderr());
        assertEquals(expected, second.stdout());
        assertEquals("", second.stderr(), "a run with the cache in place says nothing on stderr");
        assertTrue(aio(root, "flags").stdout().contains("--add-opens java.base/java.lang=ALL-UNNAMED"));
    }

    @Test
    @Timeout(300)
    void aioRunWithoutTheCacheGivesTheSameOutput() throws Exception {
        Path root = ExampleRun.examplesDir().getParent();
        String expected = Files.readString(ExampleRun.sharedDir().resolve("seed-examples/01_hello_world.out"));
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("aio").toString(), "run",
                "examples/seeds/Seed01HelloWorld.java").directory(root.toFile());
        pb.environment().put("AIO_AOT", "0");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(150, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(expected, out);
        assertFalse(out.contains("start-up cache"));
    }
}
