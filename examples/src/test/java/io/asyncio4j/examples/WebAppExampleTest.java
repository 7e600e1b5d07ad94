package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** examples/WebApp.java: an aiohttp-style application and a client session in one program. */
class WebAppExampleTest {

    @Test
    void theWebAppServesItsRoutesToItsOwnClientAndShutsDown() throws Exception {
        ExampleRun.Result r = ExampleRun.run(ExampleRun.examplesDir().resolve("WebApp.java"), 120);
        assertEquals(0, r.exitCode(), "stderr:\n" + r.stderr());
        assertEquals(List.of(
                "users: [{\"id\": 1, \"name\": \"ada\"}, {\"id\": 2, \"name\": \"grace\"}]",
                "post: 201 created 3",
                "user 3: {\"id\": 3, \"name\": \"barbara\"}",
                "user 9: 404 Not Found",
                "timed by the middleware: true",
                "count (chunked): 1 2 3",
                "served and shut down"), r.stdout());
    }
}
