package io.asyncio4j.http.testutils;

import io.asyncio4j.http.web.HttpException;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RawTestServer (aiohttp.test_utils.RawTestServer): one handler for every request, no routing. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RawTestServerTest {

    @Test
    void itServesTheHandlerForEveryMethodAndPath() throws Exception {
        RawTestServer server = new RawTestServer(r -> Response.text(r.method() + " " + r.path() + " " + r.query()));
        try (TestClient client = TestClient.start(server)) {
            assertEquals("POST /any/where {x=[1]}", client.post("/any/where?x=1", "").text());
            assertEquals("GET / {}", client.get("/").text());
        }
    }

    @Test
    void theRequestHasNoMatchInfo() throws Exception {
        try (TestClient client = TestClient.start(new RawTestServer(r -> Response.text(r.matchInfo().toString())))) {
            assertEquals("{}", client.get("/users/7").text());
        }
    }

    @Test
    void anHttpExceptionFromTheHandlerAnswersWithItsStatus() throws Exception {
        try (TestClient client = TestClient.start(new RawTestServer(r -> {
            throw new HttpException(418, "teapot");
        }))) {
            assertEquals(418, client.get("/").status());
        }
    }

    @Test
    void aNullHandlerIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RawTestServer(null));
        assertEquals("RawTestServer(): the handler is null; give the Handler that answers every request", e.getMessage());
    }
}
