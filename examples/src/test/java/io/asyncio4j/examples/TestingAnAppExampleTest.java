package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** examples/TestingAnApp.java: an application tested with TestClient and makeMockedRequest. */
class TestingAnAppExampleTest {

    @Test
    void theApplicationIsTestedOverASocketAndWithAMockedRequest() throws Exception {
        ExampleRun.Result r = ExampleRun.run(ExampleRun.examplesDir().resolve("TestingAnApp.java"), 120);
        assertEquals(0, r.exitCode(), "stderr:\n" + r.stderr());
        assertEquals(List.of(
                "GET /hello/ada: hello ada",
                "GET /nowhere: 404",
                "ws: QUIET",
                "mocked: bonjour ada",
                "mocked blank name: 400"), r.stdout());
    }
}
