package io.asyncio4j.http.web;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's hooks and the runner's graceful shutdown (aiohttp's on_startup / on_shutdown /
 * on_cleanup and AppRunner.cleanup). On the virtual clock: a handler that sleeps for minutes
 * and a shutdown timeout cost no real time, and the clock tells how long cleanup waited.
 */
@ExtendWith(AsyncioExtension.class)
class ShutdownTest {

    /** A hook that logs {@code name}. */
    private static AppHook logs(List<String> log, String name) {
        return app -> log.add(name);
    }

    /** A handler that says it started, sleeps {@code seconds} and answers "slept". */
    private static Handler sleeper(Event started, double seconds) {
        return r -> {
            started.set();
            sleep(seconds);
            return Response.text("slept");
        };
    }

    @Test
    void hooksRunInOrderStartupAtSetupShutdownThenCleanupAtCleanup() throws Exception {
        List<String> log = new ArrayList<>();
        Application app = new Application().addRoutes(get("/", r -> Response.text("ok")));
        app.onStartup().addAll(List.of(logs(log, "startup 1"), logs(log, "startup 2")));
        app.onShutdown().addAll(List.of(logs(log, "shutdown 1"), logs(log, "shutdown 2")));
        app.onCleanup().addAll(List.of(logs(log, "cleanup 1"), logs(log, "cleanup 2")));
        AppRunner runner = new AppRunner(app);
        assertTrue(log.isEmpty());
        runner.setup();
        assertEquals(List.of("startup 1", "startup 2"), log);
        runner.cleanup();
        assertEquals(List.of("startup 1", "startup 2", "shutdown 1", "shutdown 2", "cleanup 1", "cleanup 2"), log);
    }

    @Test
    void hooksGetTheApplicationAndShareItsState() throws Exception {
        Application app = new Application();
        app.onStartup().add(a -> a.state().put("pool", "open"));
        app.onCleanup().add(a -> a.state().put("pool", "closed"));
        app.addRoutes(get("/", r -> Response.text((String) r.app().state().get("pool"))));
        Served s = Served.start(app);
        assertEquals("open", s.get("/").text());
        s.close();
        assertEquals("closed", app.state().get("pool"));
    }

    @Test
    void aFailingCleanupHookSurfacesFromCleanupAfterTheOtherHooksRan() throws Exception {
        List<String> log = new ArrayList<>();
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        Application app = new Application();
        app.onShutdown().add(a -> {
            throw first;
        });
        app.onShutdown().add(logs(log, "shutdown after the failure"));
        app.onCleanup().add(logs(log, "cleanup 1"));
        app.onCleanup().add(a -> {
            throw second;
        });
        app.onCleanup().add(logs(log, "cleanup 3"));
        AppRunner runner = new AppRunner(app);
        runner.setup();
        IOException e = assertThrows(IOException.class, runner::cleanup);
        assertSame(first, e, "the first failure");
        assertEquals(List.of(second), List.of(e.getSuppressed()), "the later ones ride along");
        assertEquals(List.of("shutdown after the failure", "cleanup 1", "cleanup 3"), log);
        assertEquals(AppRunner.State.CLEANED, runner.state());
        runner.cleanup(); // once cleaned, again is nothing
    }

    @Test
    void aFailingStartupHookFailsSetup() throws Exception {
        Application app = new Application();
        app.onStartup().add(a -> {
            throw new IOException("no database");
        });
        AppRunner runner = new AppRunner(app);
        assertEquals("no database", assertThrows(IOException.class, runner::setup).getMessage());
        runner.cleanup();
    }

    @Test
    void hooksCannotChangeOnceTheApplicationServes() throws Exception {
        Application app = new Application();
        app.onCleanup().add(a -> { });
        AppRunner runner = new AppRunner(app);
        runner.setup();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> app.onCleanup().add(a -> { }));
        assertEquals("Application.onCleanup().add(): the application is already serving; configure it before "
                + "AppRunner.setup() / runApp()", e.getMessage());
        assertThrows(IllegalStateException.class, () -> app.onCleanup().clear());
        assertEquals(1, app.onCleanup().size());
        runner.cleanup();
    }

    @Test
    void shutdownHooksRunWhileConnectionsAreStillOpen() throws Exception {
        List<Integer> seen = new ArrayList<>();
        List<AppRunner> runner = new ArrayList<>();
        Application app = new Application().addRoutes(get("/", r -> Response.text("ok")));
        app.onShutdown().add(a -> seen.add(runner.get(0).connectionCount()));
        Served s = Served.start(app);
        runner.add(s.runner);
        RawHttp c = s.connect();
        assertEquals("ok", c.exchange(RawHttp.get("/")).text());
        s.close();
        assertEquals(List.of(1), seen, "on_shutdown is where long-lived connections are told to end");
        c.assertClosedByServer();
        c.close();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtCleanupWithoutWaiting(VirtualClock clock) throws Exception {
        Served s = Served.routes(get("/", r -> Response.text("ok")));
        RawHttp idle = s.connect();
        assertEquals("ok", idle.exchange(RawHttp.get("/")).text());
        RawHttp silent = s.connect(); // connected, never sent a byte
        while (s.runner.connectionCount() < 2) {
            sleep(0);
        }
        double begun = clock.seconds();
        s.close();
        assertEquals(0, clock.seconds() - begun, 1, "closed at once, not at the shutdown timeout");
        idle.assertClosedByServer();
        silent.assertClosedByServer();
        assertEquals(0, s.runner.connectionCount());
        idle.close();
        silent.close();
    }

    @Test
    void aRequestInFlightAtCleanupFinishesAndItsResponseSaysConnectionClose(VirtualClock clock) throws Exception {
        Event started = new Event();
        Served s = Served.routes(get("/slow", sleeper(started, 30)));
        RawHttp c = s.connect();
        c.send(RawHttp.get("/slow"));
        started.await();
        double begun = clock.seconds();
        s.close();
        assertEquals(30, clock.seconds() - begun, 1, "cleanup waited for the handler, not for the 60 s timeout");
        Reply r = c.read();
        assertEquals("slept", r.text());
        assertEquals("close", r.header("Connection"));
        c.assertClosedByServer();
        c.close();
    }

    @Test
    void aPipelinedRequestBehindOneInFlightAtCleanupIsNotServed() throws Exception {
        Event started = new Event();
        Served s = Served.routes(get("/slow", sleeper(started, 1)), get("/", r -> Response.text("ok")));
        RawHttp c = s.connect();
        c.send(RawHttp.get("/slow") + RawHttp.get("/"));
        started.await();
        s.close();
        Reply r = c.read();
        assertEquals("slept", r.text());
        assertEquals("close", r.header("Connection"));
        c.assertClosedByServer();
        c.close();
    }

    @Test
    void aHandlerSlowerThanTheShutdownTimeoutIsCancelled(VirtualClock clock) throws Exception {
        Event started = new Event();
        List<String> log = new ArrayList<>();
        Application app = new Application().addRoutes(get("/forever", r -> {
            started.set();
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("cancelled");
                throw e;
            }
            return Response.text("too late");
        }));
        app.onCleanup().add(logs(log, "cleanup"));
        Served s = Served.start(app, Duration.ofSeconds(5));
        RawHttp c = s.connect();
        c.send(RawHttp.get("/forever"));
        started.await();
        double begun = clock.seconds();
        s.close();
        assertEquals(5, clock.seconds() - begun, 1, "cleanup gave up after the shutdown timeout");
        assertEquals(List.of("cancelled", "cleanup"), log, "cancelled, then the cleanup hooks");
        c.assertClosedByServer();
        assertEquals(0, s.runner.connectionCount());
        c.close();
    }

    @Test
    @RealClock // a refused connect is I/O: on the virtual clock the 60 s shutdown timeout could fire first
    void theSiteStopsAcceptingWhenCleanupBegins() throws Exception {
        Event started = new Event();
        Event release = new Event();
        Served s = Served.routes(get("/wait", r -> {
            started.set();
            release.await();
            return Response.text("released");
        }));
        int port = s.port();
        RawHttp c = s.connect();
        c.send(RawHttp.get("/wait"));
        started.await();
        Task<Void> cleanup = createTask(s::close);
        sleep(0);
        assertFalse(cleanup.isDone(), "cleanup waits for the request in flight");
        assertEquals(TcpSite.State.STOPPED, s.site.state());
        assertThrows(ConnectException.class, () -> openConnection("127.0.0.1", port));
        release.set();
        cleanup.await();
        assertEquals("released", c.read().text());
        assertEquals(AppRunner.State.CLEANED, s.runner.state());
        c.close();
    }

    @Test
    void cleanupIsIdempotentAndCloseIsCleanup() throws Exception {
        List<String> log = new ArrayList<>();
        Application app = new Application();
        app.onCleanup().add(logs(log, "cleanup"));
        try (AppRunner runner = new AppRunner(app)) {
            runner.setup();
            runner.cleanup();
            runner.cleanup();
        }
        assertEquals(List.of("cleanup"), log);
    }

    @Test
    void cleanupOfARunnerNeverSetUpRunsNoHooks() throws Exception {
        List<String> log = new ArrayList<>();
        Application app = new Application();
        app.onShutdown().add(logs(log, "shutdown"));
        app.onCleanup().add(logs(log, "cleanup"));
        AppRunner runner = new AppRunner(app);
        runner.cleanup();
        assertTrue(log.isEmpty());
        assertEquals(AppRunner.State.CLEANED, runner.state());
    }
}
