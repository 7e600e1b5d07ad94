package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cleanup contexts (aiohttp's app.cleanup_ctx). The orders and failures asserted here are what
 * aiohttp 3.8.4 does with async-generator contexts, hooks and a sub-application (checked with it),
 * except where a test says otherwise.
 */
@ExtendWith(AsyncioExtension.class)
class CleanupCtxTest {

    /** A context that logs its setup and teardown. */
    private static CleanupContext logs(List<String> log, String name) {
        return app -> {
            log.add(name + " setup");
            return () -> log.add(name + " teardown");
        };
    }

    /** A context whose setup fails. */
    private static CleanupContext failsSetup(List<String> log, String name, Exception failure) {
        return app -> {
            log.add(name + " setup");
            throw failure;
        };
    }

    /** A context whose teardown fails with {@code failure}. */
    private static CleanupContext failsTeardown(List<String> log, String name, Exception failure) {
        return app -> {
            log.add(name + " setup");
            return () -> {
                log.add(name + " teardown");
                throw failure;
            };
        };
    }

    private static AppHook hook(List<String> log, String name) {
        return app -> log.add(name);
    }

    @Test
    void setupsRunInOrderBeforeTheStartupHooksAndTeardownsInReverseBeforeTheCleanupHooks() throws Exception {
        List<String> log = new ArrayList<>();
        Application app = new Application();
        app.onStartup().add(hook(log, "startup"));
        app.cleanupCtx().add(logs(log, "A"));
        app.cleanupCtx().add(logs(log, "B"));
        app.onShutdown().add(hook(log, "shutdown"));
        app.onCleanup().add(hook(log, "cleanup"));
        AppRunner runner = new AppRunner(app);
        runner.setup();
        assertEquals(List.of("A setup", "B setup", "startup"), log);
        runner.cleanup();
        assertEquals(List.of("A setup", "B setup", "startup", "shutdown", "B teardown", "A teardown", "cleanup"), log);
    }

    @Test
    void whatASetupPutsInTheStateIsThereForHandlersAndGoneAfterTheTeardown() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> Response.text((String) r.app().state().get("db"))));
        app.cleanupCtx().add(a -> {
            a.state().put("db", "connected");
            return () -> a.state().remove("db");
        });
        try (Served s = Served.start(app)) {
            assertEquals("connected", s.get("/").text());
        }
        assertTrue(app.state().isEmpty());
    }

    @Test
    void setupsAndTeardownsMaySuspend(VirtualClock clock) throws Exception {
        Application app = new Application();
        app.cleanupCtx().add(a -> {
            sleep(3);
            return () -> sleep(5);
        });
        AppRunner runner = new AppRunner(app);
        double begun = clock.seconds();
        runner.setup();
        assertEquals(3, clock.seconds() - begun, 0.5);
        runner.cleanup();
        assertEquals(8, clock.seconds() - begun, 0.5);
    }

    @Test
    void aFailingSetupStopsTheStartupAndCleanupTearsDownOnlyTheContextsSetUpBeforeIt() throws Exception {
        List<String> log = new ArrayList<>();
        IOException noDatabase = new IOException("no database");
        Application app = new Application();
        app.cleanupCtx().add(logs(log, "A"));
        app.cleanupCtx().add(failsSetup(log, "B", noDatabase));
        app.cleanupCtx().add(logs(log, "C"));
        app.onStartup().add(hook(log, "startup"));
        AppRunner runner = new AppRunner(app);
        assertSame(noDatabase, assertThrows(IOException.class, runner::setup));
        assertEquals(List.of("A setup", "B setup"), log, "neither C nor the startup hooks ran");
        runner.cleanup();
        assertEquals(List.of("A setup", "B setup", "A teardown"), log);
    }

    @Test
    void everyTeardownRunsWhenOneFailsAndASingleFailureIsThrownAsItIs() throws Exception {
        List<String> log = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("A would not close");
        Application app = new Application();
        app.cleanupCtx().add(failsTeardown(log, "A", failure));
        app.cleanupCtx().add(logs(log, "B"));
        AppRunner runner = new AppRunner(app);
        runner.setup();
        assertSame(failure, assertThrows(IllegalStateException.class, runner::cleanup));
        assertEquals(List.of("A setup", "B setup", "B teardown", "A teardown"), log);
    }

    @Test
    void severalFailingTeardownsAreThrownTogetherAsACleanupExceptionInTheOrderTheyRan() throws Exception {
        List<String> log = new ArrayList<>();
        IOException a = new IOException("A failed");
        IllegalStateException c = new IllegalStateException("C failed");
        Application app = new Application();
        app.cleanupCtx().add(failsTeardown(log, "A", a));
        app.cleanupCtx().add(logs(log, "B"));
        app.cleanupCtx().add(failsTeardown(log, "C", c));
        AppRunner runner = new AppRunner(app);
        runner.setup();
        CleanupException e = assertThrows(CleanupException.class, runner::cleanup);
        assertEquals(List.of(c, a), e.exceptions(), "C was torn down first");
        assertEquals(List.of(c, a), List.of(e.getSuppressed()), "a stack trace shows them all");
        assertEquals("Multiple errors on cleanup stage (2 teardowns failed)", e.getMessage());
        assertEquals(List.of("A setup", "B setup", "C setup", "C teardown", "B teardown", "A teardown"), log);
    }

    @Test
    void theCleanupHooksStillRunAfterAFailedTeardownAndTheirFailuresRideAlong() throws Exception {
        // aiohttp stops at the first failing on_cleanup handler; ours runs every cleanup hook (ENGINEERING.md)
        List<String> log = new ArrayList<>();
        IOException teardown = new IOException("teardown");
        IOException hook = new IOException("hook");
        Application app = new Application();
        app.cleanupCtx().add(failsTeardown(log, "A", teardown));
        app.onCleanup().add(a -> {
            throw hook;
        });
        app.onCleanup().add(hook(log, "cleanup 2"));
        AppRunner runner = new AppRunner(app);
        runner.setup();
        IOException e = assertThrows(IOException.class, runner::cleanup);
        assertSame(teardown, e, "the teardown failed first");
        assertEquals(List.of(hook), List.of(e.getSuppressed()));
        assertEquals(List.of("A setup", "A teardown", "cleanup 2"), log);
    }

    @Test
    void aSetupReturningNoTeardownFailsTheStartupWithAMessageSayingWhatToReturn() throws Exception {
        Application app = new Application();
        app.cleanupCtx().add(a -> null);
        AppRunner runner = new AppRunner(app);
        IllegalStateException e = assertThrows(IllegalStateException.class, runner::setup);
        assertTrue(e.getMessage().startsWith("CleanupContext.setup(): context 0 of <Application"), e.getMessage());
        assertTrue(e.getMessage().endsWith("returned null; return its teardown (() -> { } when there is nothing "
                + "to undo)"), e.getMessage());
        runner.cleanup();
    }

    @Test
    void contextsCannotChangeOnceTheApplicationServesNorBeNull() throws Exception {
        Application app = new Application();
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> app.cleanupCtx().add(null));
        assertEquals("Application.cleanupCtx().add(): the hook is null; give the CleanupContext to run",
                nul.getMessage());
        app.cleanupCtx().add(a -> () -> { });
        try (AppRunner runner = new AppRunner(app)) {
            runner.setup();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> app.cleanupCtx().add(a -> () -> { }));
            assertEquals("Application.cleanupCtx().add(): the application is already serving; configure it before "
                    + "AppRunner.setup() / runApp()", e.getMessage());
            assertThrows(IllegalStateException.class, () -> app.cleanupCtx().clear());
            assertEquals(1, app.cleanupCtx().size());
        }
    }

    @Test
    void aSubappsContextsRunWithItsHooksWhereItWasAddedAmongTheParents() throws Exception {
        List<String> log = new ArrayList<>();
        Application root = new Application();
        root.onStartup().add(hook(log, "start 1"));
        root.cleanupCtx().add(logs(log, "A"));
        root.cleanupCtx().add(logs(log, "B"));
        root.onCleanup().add(hook(log, "cleanup 1"));
        Application sub = new Application();
        sub.onStartup().add(hook(log, "sub start"));
        sub.cleanupCtx().add(a -> {
            log.add("S setup " + (a == sub));
            return () -> log.add("S teardown");
        });
        sub.onCleanup().add(hook(log, "sub cleanup"));
        root.addSubapp("/sub", sub);
        root.onStartup().add(hook(log, "start 2"));
        AppRunner runner = new AppRunner(root);
        runner.setup();
        runner.cleanup();
        // aiohttp 3.8.4's order for this same application, printed by it
        assertEquals(List.of("A setup", "B setup", "start 1", "S setup true", "sub start", "start 2",
                "B teardown", "A teardown", "cleanup 1", "S teardown", "sub cleanup"), log);
    }

    @Test
    void aSubappsFailingTeardownsDoNotStopTheParentsCleanupHooks() throws Exception {
        List<String> log = new ArrayList<>();
        IOException x = new IOException("X");
        IOException y = new IOException("Y");
        Application sub = new Application();
        sub.cleanupCtx().add(failsTeardown(log, "X", x));
        sub.cleanupCtx().add(failsTeardown(log, "Y", y));
        sub.onCleanup().add(hook(log, "sub cleanup"));
        Application root = new Application().addSubapp("/sub", sub);
        root.onCleanup().add(hook(log, "root cleanup"));
        AppRunner runner = new AppRunner(root);
        runner.setup();
        CleanupException e = assertThrows(CleanupException.class, runner::cleanup);
        assertEquals(List.of(y, x), e.exceptions());
        assertEquals(List.of("X setup", "Y setup", "Y teardown", "X teardown", "sub cleanup", "root cleanup"), log);
    }
}
