package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The keep-alive timeout (aiohttp's {@code keepalive_timeout}, 75 s by default): a kept-alive
 * connection whose next request does not arrive in time is closed. On the virtual clock, which
 * tells when, with an autojump threshold: the keep-alive timer is pending whenever a test waits
 * for the server's bytes, and a clock jumping at once would fire it before they arrive.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(200)
class KeepAliveTimeoutTest {
    private static Served served(Duration keepalive) throws Exception {
        return Served.start(new Application().addRoutes(get("/", r -> Response.text("ok"))),
                AppRunner.DEFAULT_SHUTDOWN_TIMEOUT, keepalive);
    }

    @Test
    void aKeptAliveConnectionWithNoNextRequestIsClosedAtTheTimeout(VirtualClock clock) throws Exception {
        try (Served s = served(Duration.ofSeconds(75)); RawHttp c = s.connect()) {
            assertEquals("ok", c.exchange(RawHttp.get("/")).text());
            double answered = clock.seconds();
            c.assertClosedByServer();
            assertEquals(75, clock.seconds() - answered, 0.01);
        }
    }

    @Test
    void aNextRequestWithinTheTimeoutKeepsTheConnection(VirtualClock clock) throws Exception {
        try (Served s = served(Duration.ofSeconds(75)); RawHttp c = s.connect()) {
            assertEquals("ok", c.exchange(RawHttp.get("/")).text());
            sleep(70);
            assertEquals("ok", c.exchange(RawHttp.get("/")).text());
            sleep(70);
            assertEquals("ok", c.exchange(RawHttp.get("/")).text(), "each response starts the wait over");
        }
    }

    @Test
    void aHeadTricklingInPastTheTimeoutIsCutOff(VirtualClock clock) throws Exception {
        try (Served s = served(Duration.ofSeconds(10)); RawHttp c = s.connect()) {
            assertEquals("ok", c.exchange(RawHttp.get("/")).text());
            c.send("GET / HTTP/1.1\r\n");
            sleep(5);
            c.send("Host: slow\r\n");
            c.assertClosedByServer();
            assertEquals(10, clock.seconds(), 0.01);
        }
    }

    @Test
    void theFirstRequestIsNotTimedAsAiohttpDoesNot(VirtualClock clock) throws Exception {
        try (Served s = served(Duration.ofSeconds(10)); RawHttp c = s.connect()) {
            sleep(60);
            assertEquals("ok", c.exchange(RawHttp.get("/")).text());
        }
    }

    @Test
    void aZeroTimeoutKeepsIdleConnectionsForever(VirtualClock clock) throws Exception {
        try (Served s = served(Duration.ZERO); RawHttp c = s.connect()) {
            assertEquals("ok", c.exchange(RawHttp.get("/")).text());
            sleep(3600);
            assertEquals("ok", c.exchange(RawHttp.get("/")).text());
        }
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AppRunner(new Application(), AppRunner.DEFAULT_SHUTDOWN_TIMEOUT, Duration.ofSeconds(-1)));
        assertEquals("AppRunner(): the keep-alive timeout is negative (PT-1S); give Duration.ZERO (no timeout) or more",
                e.getMessage());
    }
}
