package io.asyncio4j.http.web;

import io.asyncio4j.Future;
import io.asyncio4j.Signal;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.toThread;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * web.run_app's handle_signals: with it (the default) SIGINT and SIGTERM shut the application down
 * gracefully and serveApp / runApp return; without it no handler is installed. SIGINT and SIGTERM
 * first get a safety handler of the test's own (as in SignalTest), so that a signal nobody else
 * takes is counted instead of ending the test JVM. Real clock: signals arrive from the JVM's
 * signal thread.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RunAppSignalsTest {
    private static final Signal[] SHUTDOWN = {Signal.SIGINT, Signal.SIGTERM};
    private final Map<Signal, sun.misc.SignalHandler> original = new EnumMap<>(Signal.class);
    private final Map<Signal, AtomicInteger> safetyHits = new EnumMap<>(Signal.class);

    @BeforeEach
    void installSafetyHandlers() {
        for (Signal s : SHUTDOWN) {
            AtomicInteger hits = new AtomicInteger();
            safetyHits.put(s, hits);
            original.put(s, sun.misc.Signal.handle(new sun.misc.Signal(s.name().substring(3)), x -> hits.incrementAndGet()));
        }
    }

    @AfterEach
    void restoreOriginalHandlers() {
        original.forEach((s, h) -> sun.misc.Signal.handle(new sun.misc.Signal(s.name().substring(3)), h));
    }

    private static Application logged(List<String> log) {
        Application app = new Application().addRoutes(get("/", r -> Response.text("hello")));
        app.onCleanup().add(a -> log.add("cleanup"));
        return app;
    }

    private static RunAppOptions local() {
        return RunAppOptions.defaults().withHost("127.0.0.1").withPort(0).withAccessLog(null);
    }

    /** Waits (10 s at most: a guard against hanging, not a speed check) until {@code hits} counts one. */
    private static void awaitHit(AtomicInteger hits) {
        for (int i = 0; i < 10_000 && hits.get() == 0; i++) {
            sleep(0.001);
        }
    }

    @Test
    void sigtermShutsTheApplicationDownAndServeAppReturns() throws Exception {
        List<String> log = new ArrayList<>();
        Future<String> printed = getRunningLoop().createFuture();
        Task<Void> task = createTask(() -> {
            Web.serveApp(logged(log), local().withPrint(printed::setResult));
            return null;
        });
        printed.await();
        Signal.SIGTERM.raise();
        task.await(); // returns normally: no exception
        assertEquals(List.of("cleanup"), log);
        assertEquals(0, safetyHits.get(Signal.SIGTERM).get(), "the application's handler took it");
    }

    @Test
    void sigintShutsTheApplicationDownToo() throws Exception {
        List<String> log = new ArrayList<>();
        Future<String> printed = getRunningLoop().createFuture();
        Task<Void> task = createTask(() -> {
            Web.serveApp(logged(log), local().withPrint(printed::setResult));
            return null;
        });
        printed.await();
        Signal.SIGINT.raise();
        task.await();
        assertEquals(List.of("cleanup"), log);
        assertEquals(0, safetyHits.get(Signal.SIGINT).get());
    }

    @Test
    void afterTheShutdownTheSignalHandlersBeforeAreBack() throws Exception {
        RunningApp run = RunningApp.start(new Application(), local());
        run.stop();
        Signal.SIGTERM.raise();
        awaitHit(safetyHits.get(Signal.SIGTERM));
        assertEquals(1, safetyHits.get(Signal.SIGTERM).get());
    }

    @Test
    void withoutHandleSignalsNoHandlerIsInstalledAndTheApplicationKeepsServing() throws Exception {
        List<String> log = new ArrayList<>();
        RunningApp run = RunningApp.start(logged(log), local().withHandleSignals(false));
        Signal.SIGTERM.raise();
        awaitHit(safetyHits.get(Signal.SIGTERM));
        assertEquals(1, safetyHits.get(Signal.SIGTERM).get(), "SIGTERM went to the handler that was there");
        try (RawHttp c = RawHttp.connect(run.port())) {
            assertEquals("hello", c.exchange(RawHttp.get("/")).text(), "still serving");
        }
        assertFalse(run.task.isDone());
        assertEquals(List.of(), log);
        run.stop();
        assertEquals(List.of("cleanup"), log);
    }

    @Test
    void runAppBlocksItsThreadUntilSigtermThenReturnsAfterTheShutdown() throws Exception {
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> printed = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().name("runApp caller").start(
                () -> Web.runApp(logged(log), local().withPrint(printed::complete)));
        String banner = toThread(() -> printed.get(10, TimeUnit.SECONDS));
        assertTrue(banner.startsWith("======== Running on http://127.0.0.1:"), banner);
        assertTrue(caller.isAlive(), "runApp blocks while serving");
        Signal.SIGTERM.raise();
        assertTrue(toThread(() -> caller.join(java.time.Duration.ofSeconds(10))), "runApp returned");
        assertEquals(List.of("cleanup"), log);
        assertEquals(0, safetyHits.get(Signal.SIGTERM).get());
    }

}
