package io.asyncio4j.http.web;

import io.asyncio4j.CancelledError;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * web.run_app's graceful shutdown (Web.serveApp stopped by cancelling its task, as aiohttp's
 * run_app cancels its main task after GracefulExit): the hooks, and the shutdown timeout given in
 * the options — requests in flight may finish within it and are cancelled after it. On the virtual
 * clock, so that the clock tells how long the shutdown waited.
 */
@ExtendWith(AsyncioExtension.class)
class RunAppShutdownTest {

    /**
     * Options for a test: 127.0.0.1 on a port the system picks, no signal handlers, no access log,
     * no keep-alive timeout (its timer would be the virtual clock's next jump while a test waits on
     * a socket).
     */
    private static RunAppOptions local(Duration shutdownTimeout) {
        return RunAppOptions.defaults().withHost("127.0.0.1").withPort(0).withHandleSignals(false).withAccessLog(null)
                .withKeepaliveTimeout(Duration.ZERO).withShutdownTimeout(shutdownTimeout);
    }

    @Test
    void cancellingTheServingTaskRunsTheShutdownAndCleanupHooksThenEndsItCancelled() throws Exception {
        List<String> log = new ArrayList<>();
        Application app = new Application();
        app.onStartup().add(a -> log.add("startup"));
        app.onShutdown().add(a -> log.add("shutdown"));
        app.onCleanup().add(a -> log.add("cleanup"));
        RunningApp run = RunningApp.start(app, local(Duration.ofSeconds(60)));
        assertEquals(List.of("startup"), log);
        run.stop(); // asserts the task ends cancelled
        assertEquals(List.of("startup", "shutdown", "cleanup"), log);
    }

    @Test
    void aRequestInFlightFinishesWithinTheShutdownTimeout(VirtualClock clock) throws Exception {
        Event started = new Event();
        Application app = new Application().addRoutes(get("/slow", r -> {
            started.set();
            sleep(30);
            return Response.text("slept");
        }));
        RunningApp run = RunningApp.start(app, local(Duration.ofSeconds(40)));
        RawHttp c = RawHttp.connect(run.port());
        c.send(RawHttp.get("/slow"));
        started.await();
        double begun = clock.seconds();
        run.stop();
        assertEquals(30, clock.seconds() - begun, 1, "the shutdown waited for the handler, not for the timeout");
        Reply r = c.read();
        assertEquals("slept", r.text());
        assertEquals("close", r.header("Connection"));
        c.close();
    }

    @Test
    void aRequestStillInFlightAtTheShutdownTimeoutIsCancelled(VirtualClock clock) throws Exception {
        Event started = new Event();
        List<String> log = new ArrayList<>();
        Application app = new Application().addRoutes(get("/forever", r -> {
            started.set();
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("handler cancelled");
                throw e;
            }
            return Response.text("too late");
        }));
        app.onCleanup().add(a -> log.add("cleanup"));
        RunningApp run = RunningApp.start(app, local(Duration.ofSeconds(5)));
        RawHttp c = RawHttp.connect(run.port());
        c.send(RawHttp.get("/forever"));
        started.await();
        double begun = clock.seconds();
        run.stop();
        assertEquals(5, clock.seconds() - begun, 1, "the shutdown gave up after the 5 s given");
        assertEquals(List.of("handler cancelled", "cleanup"), log);
        c.assertClosedByServer();
        c.close();
    }
}
