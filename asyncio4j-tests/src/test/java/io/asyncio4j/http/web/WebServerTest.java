package io.asyncio4j.http.web;

import io.asyncio4j.Task;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as a whole: runner and site life cycles, concurrent connections, descriptors. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class WebServerTest {

    private static Application hello() {
        return new Application().addRoutes(get("/", r -> Response.text("Hello, async world")));
    }

    @Test
    void aSiteOnPort0ListensOnThePortThePortMethodNames() throws Exception {
        try (Served s = Served.start(hello())) {
            assertTrue(s.port() > 0);
            assertEquals("http://127.0.0.1:" + s.port(), s.site.name());
            assertEquals(TcpSite.State.SERVING, s.site.state());
            assertEquals(List.of(s.site), s.runner.sites());
            assertEquals("Hello, async world", s.get("/").text());
        }
    }

    @Test
    void aSiteNotYetStartedNamesThePortItWasGivenAndHasNoPortYet() throws Exception {
        try (AppRunner runner = new AppRunner(hello())) {
            runner.setup();
            TcpSite site = new TcpSite(runner, "::1", 0);
            assertEquals("http://[::1]:0", site.name());
            assertEquals(TcpSite.State.NEW, site.state());
            assertThrows(IllegalStateException.class, site::port);
            assertEquals("http://0.0.0.0:8080", new TcpSite(runner, null, 8080).name());
        }
    }

    @Test
    void aStoppedSiteNoLongerAccepts() throws Exception {
        try (Served s = Served.start(hello())) {
            int port = s.port();
            s.site.stop();
            assertEquals(TcpSite.State.STOPPED, s.site.state());
            assertThrows(java.net.ConnectException.class, () -> RawHttp.connect(port));
            s.site.stop(); // again: nothing
        }
    }

    @Test
    void aSiteStartedBeforeSetupIsRefused() {
        AppRunner runner = new AppRunner(hello());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TcpSite(runner, "127.0.0.1", 0).start());
        assertTrue(e.getMessage().contains("call AppRunner.setup() first"), e.getMessage());
    }

    @Test
    void aSiteStartedAfterCleanupIsRefused() throws Exception {
        AppRunner runner = new AppRunner(hello());
        runner.setup();
        runner.cleanup();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TcpSite(runner, "127.0.0.1", 0).start());
        assertTrue(e.getMessage().contains("on a new runner"), e.getMessage());
    }

    @Test
    void aSiteStartsOnce() throws Exception {
        try (Served s = Served.start(hello())) {
            assertThrows(IllegalStateException.class, s.site::start);
        }
    }

    @Test
    void aRunnerIsSetUpOnce() throws Exception {
        try (AppRunner runner = new AppRunner(hello())) {
            runner.setup();
            IllegalStateException e = assertThrows(IllegalStateException.class, runner::setup);
            assertTrue(e.getMessage().contains("a runner is set up once"), e.getMessage());
        }
    }

    @Test
    void aRunnerAndASiteRefuseBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new AppRunner(null));
        assertThrows(IllegalArgumentException.class, () -> new AppRunner(hello(), Duration.ofSeconds(-1)));
        AppRunner runner = new AppRunner(hello());
        assertThrows(IllegalArgumentException.class, () -> new TcpSite(null, "127.0.0.1", 0));
        assertThrows(IllegalArgumentException.class, () -> new TcpSite(runner, "127.0.0.1", 65536));
        assertThrows(IllegalArgumentException.class, () -> new Application().clientMaxSize(-1));
    }

    @Test
    void oneApplicationServesOnTwoSites() throws Exception {
        try (Served s = Served.start(hello())) {
            TcpSite second = new TcpSite(s.runner, "127.0.0.1", 0);
            second.start();
            assertEquals(2, s.runner.sites().size());
            try (RawHttp c = RawHttp.connect(second.port())) {
                assertEquals("Hello, async world", c.exchange(RawHttp.get("/")).text());
            }
        }
    }

    @Test
    void handlersOnDifferentConnectionsRunConcurrently() throws Exception {
        Event firstArrived = new Event();
        Event secondArrived = new Event();
        Application app = new Application().addRoutes(get("/first", r -> {
            firstArrived.set();
            secondArrived.await(); // suspends only this connection's task
            return Response.text("first");
        }), get("/second", r -> {
            secondArrived.set();
            firstArrived.await();
            return Response.text("second");
        }));
        try (Served s = Served.start(app)) {
            Task<Reply> first = createTask(() -> s.get("/first"));
            Task<Reply> second = createTask(() -> s.get("/second"));
            assertEquals("first", first.await().text());
            assertEquals("second", second.await().text());
        }
    }

    @Test
    void fiveHundredRequestsOnFreshConnectionsLeaveNoDescriptorBehind() throws Exception {
        try (Served s = Served.start(hello())) {
            requests(s, 20); // warm-up: lazily opened JDK descriptors are counted before
            sleep(0.05);
            long before = Served.openFds();
            requests(s, 500);
            sleep(0.05); // the selector's next passes release the descriptors of closed channels
            long after = Served.openFds();
            assertTrue(after <= before, "descriptors before " + before + ", after " + after);
            assertEquals(0, s.runner.connectionCount());
        }
    }

    /**
     * {@code count} requests, 50 at a time, each on its own connection, ended in turn by the
     * server (Connection: close), by the client after the response, and by the client abruptly.
     */
    private static void requests(Served s, int count) throws Exception {
        for (int i = 0; i < count; i += 50) {
            List<Task<Void>> batch = new ArrayList<>();
            for (int k = i; k < Math.min(count, i + 50); k++) {
                int n = k;
                batch.add(createTask(() -> {
                    RawHttp c = s.connect();
                    switch (n % 3) {
                        case 0 -> {
                            c.exchange("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
                            c.assertClosedByServer();
                            c.close();
                        }
                        case 1 -> {
                            c.exchange(RawHttp.get("/"));
                            c.close();
                        }
                        default -> {
                            c.exchange(RawHttp.get("/"));
                            c.abort();
                        }
                    }
                    return null;
                }));
            }
            for (Task<Void> t : batch) {
                t.await();
            }
        }
        s.awaitNoConnections(); // the server notices the last closes in its own time
    }
}
