package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * examples/WebSocketEcho.java against its aiohttp original, examples/reference/websocket_echo.py,
 * whose output (aiohttp 3.8.4) is kept beside it: the same lines, in the same order.
 */
class WebSocketEchoExampleTest {

    @Test
    void theWebSocketExamplePrintsWhatItsAiohttpOriginalPrints() throws Exception {
        ExampleRun.Result r = ExampleRun.run(ExampleRun.examplesDir().resolve("WebSocketEcho.java"), 120);
        assertEquals(0, r.exitCode(), "stderr:\n" + r.stderr());
        List<String> expected = Files.readAllLines(
                ExampleRun.examplesDir().resolve("reference/websocket_echo.out"), StandardCharsets.UTF_8);
        assertEquals(expected, r.stdout());
    }
}
