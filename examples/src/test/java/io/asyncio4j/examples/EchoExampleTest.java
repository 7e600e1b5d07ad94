package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code examples/EchoServer.java} (on a free port), then {@code examples/EchoClient.java}
 * against it, compares the client's output line by line and checks what the server printed, then
 * stops the server.
 */
class EchoExampleTest {
    private static final Pattern SERVING = Pattern.compile("^Serving on 127\\.0\\.0\\.1:(\\d+)$");

    @Test
    void theEchoClientGetsBackWhatItSentToTheEchoServer() throws Exception {
        Path dir = ExampleRun.examplesDir();
        Process server = ExampleRun.start(dir.resolve("EchoServer.java"), "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher m = SERVING.matcher(String.valueOf(first));
            assertTrue(m.matches(), "the server's first line: " + first + "; stderr: "
                    + (server.isAlive() ? "" : new String(server.getErrorStream().readAllBytes())));
            String port = m.group(1);

            ExampleRun.Result client = ExampleRun.run(dir.resolve("EchoClient.java"), 60, port, "Hello World!",
                    "asyncio4j");
            assertEquals(0, client.exitCode(), "client stderr:\n" + client.stderr());
            assertEquals(List.of(
                    "Send: 'Hello World!'",
                    "Received: 'Hello World!'",
                    "Send: 'asyncio4j'",
                    "Received: 'asyncio4j'",
                    "Close the connection"), client.stdout());

            List<String> served = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                served.add(out.readLine());
            }
            assertTrue(served.get(0).matches("Received 'Hello World!' from /127\\.0\\.0\\.1:\\d+"), served.get(0));
            assertTrue(served.get(1).matches("Received 'asyncio4j' from /127\\.0\\.0\\.1:\\d+"), served.get(1));
            assertTrue(served.get(2).matches("Close the connection from /127\\.0\\.0\\.1:\\d+"), served.get(2));
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
