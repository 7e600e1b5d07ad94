package io.asyncio4j.net;

import io.asyncio4j.internal.Engine;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 connections open at once: the server (this JVM, one loop) accepts and serves them all,
 * each with its own task, while a client process ({@link ConnectionHolder}) holds them.
 * <p>
 * Open files: this process needs about 10,000 descriptors, the client as many. The JVM raises its
 * soft limit to the hard limit at start (HotSpot's MaxFDLimit, on by default), and the client
 * inherits it; on this machine the hard limit is 20,000 per process and cannot be raised (no
 * CAP_SYS_RESOURCE), which is why the two ends live in two processes. With a lower limit the test
 * is skipped, saying so.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ManyConnectionsTest {
    private static final int CONNECTIONS = 10_000;

    static long softOpenFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }

    @Test
    @Timeout(120)
    void tenThousandConnectionsAreServedAtOnce() throws Exception {
        long limit = softOpenFilesLimit();
        Assumptions.assumeTrue(limit >= CONNECTIONS + 1000, "skipped: 10,000 connections need an open-files limit "
                + "of at least 11,000 per process, this one has " + limit + " (raise it with ulimit -n)");
        try (TrackedServer server = TrackedServer.start(NetTesting::echo,
                ServerOptions.defaults().withBacklog(4096))) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            if (Engine.get().name().equals("loom")) {
                cmd.add("--add-opens");
                cmd.add("java.base/java.lang=ALL-UNNAMED");
            }
            cmd.addAll(List.of("-Djdk.trackAllThreads=false", "-Xss256k", "-cp", System.getProperty("java.class.path"),
                    ConnectionHolder.class.getName(), "127.0.0.1", String.valueOf(server.port()),
                    String.valueOf(CONNECTIONS)));
            Process client = toThread(() -> new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("held " + CONNECTIONS, toThread(out::readLine));
                assertEquals(CONNECTIONS, server.server.activeConnections(), "every connection is open at once");
                client.getOutputStream().close();
                assertEquals("closed " + CONNECTIONS, toThread(out::readLine));
                int exit = toThread(() -> client.waitFor());
                assertEquals(0, exit);
            } finally {
                client.destroyForcibly();
            }
            while (server.server.activeConnections() > 0) {
                io.asyncio4j.Asyncio.sleep(0.01);
            }
            assertTrue(server.failures.isEmpty(), "handlers failed: " + server.failures);
        }
    }
}
