package io.asyncio4j.http.testutils;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TestUtils.unusedPort (aiohttp.test_utils.unused_port). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class UnusedPortTest {

    @Test
    void theUnusedPortCanBeListenedOn() throws Exception {
        int port = TestUtils.unusedPort();
        assertTrue(port > 0 && port <= 65535, "port " + port);
        try (var server = startServer((r, w) -> w.close(), "127.0.0.1", port)) {
            assertTrue(server.addresses().toString().contains(":" + port), server.addresses().toString());
        }
    }
}
