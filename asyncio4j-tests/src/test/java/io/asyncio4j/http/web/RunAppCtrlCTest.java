package io.asyncio4j.http.web;

import io.asyncio4j.Signal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * runApp with handle_signals off and Ctrl-C: Asyncio.run's own SIGINT handling cancels the main
 * task, serveApp shuts down on the way out, and runApp ends quietly, as aiohttp's run_app does on
 * KeyboardInterrupt. Plain JUnit, no test loop: the testing kit's own runner would take SIGINT.
 * SIGINT first gets a safety handler, so that if nobody took it the test fails instead of the JVM.
 */
class RunAppCtrlCTest {

    @Test
    void withoutHandleSignalsCtrlCStillEndsRunAppQuietlyAfterTheShutdown() throws Exception {
        AtomicInteger safetyHits = new AtomicInteger();
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"),
                s -> safetyHits.incrementAndGet());
        try {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            Application app = new Application().addRoutes(get("/", r -> Response.text("hello")));
            app.onCleanup().add(a -> log.add("cleanup"));
            CompletableFuture<String> printed = new CompletableFuture<>();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().name("runApp caller").start(() -> {
                try {
                    Web.runApp(app, RunAppOptions.defaults().withHost("127.0.0.1").withPort(0).withAccessLog(null)
                            .withHandleSignals(false).withPrint(printed::complete));
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            printed.get(10, TimeUnit.SECONDS); // bounds guard against hanging, not speed checks
            Signal.SIGINT.raise();
            assertNull(ended.get(10, TimeUnit.SECONDS), "runApp returned normally");
            caller.join();
            assertEquals(List.of("cleanup"), log);
            assertEquals(0, safetyHits.get(), "Asyncio.run's handler took SIGINT");
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }
}
