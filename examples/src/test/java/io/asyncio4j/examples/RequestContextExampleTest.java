package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * examples/RequestContext.java against its asyncio original, examples/reference/request_context.py,
 * whose output (CPython 3.13) is kept beside it: the same lines, in the same order.
 */
class RequestContextExampleTest {

    @Test
    void theContextVarsExamplePrintsWhatItsAsyncioOriginalPrints() throws Exception {
        ExampleRun.Result r = ExampleRun.run(ExampleRun.examplesDir().resolve("RequestContext.java"), 120);
        assertEquals(0, r.exitCode(), "stderr:\n" + r.stderr());
        List<String> expected = Files.readAllLines(
                ExampleRun.examplesDir().resolve("reference/request_context.out"), StandardCharsets.UTF_8);
        assertEquals(expected, r.stdout());
    }
}
