package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debug mode: slow steps logged with the task's name, creation stacks (CPython test_base_events debug tests). */
@ExtendWith(AsyncioExtension.class)
class DebugModeTest {
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Logger asyncioLogger = Logger.getLogger("asyncio");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheAsyncioLogger() {
        asyncioLogger.addHandler(capture);
    }

    @AfterEach
    void releaseTheAsyncioLogger() {
        asyncioLogger.removeHandler(capture);
    }

    /** Blocks the loop for real, as a CPU-bound step or a pinned blocking call would. */
    static void blockTheLoop(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    List<String> warnings() {
        List<String> out = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                if (r.getLevel() == Level.WARNING) {
                    out.add(r.getMessage());
                }
            }
        }
        return out;
    }

    @Test
    void debugModeIsOffByDefaultAndCanBeTurnedOn(EventLoop loop) {
        assertFalse(loop.getDebug());
        loop.setDebug(true);
        assertTrue(loop.getDebug());
        loop.setDebug(false);
        assertFalse(loop.getDebug());
    }

    @Test
    void aSlowTaskStepIsLoggedWithTheTaskName(EventLoop loop) {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        Task<Void> t = createTask(() -> blockTheLoop(Duration.ofMillis(80)), "slowpoke");
        t.await();
        List<String> w = warnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).matches("Executing <Task .*name='slowpoke'.*> took 0\\.\\d{3} seconds"), w.get(0));
    }

    @Test
    void onlyTheStepThatWasSlowIsLogged(EventLoop loop) {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        Task<Void> t = createTask(() -> {
            sleep(1);
            blockTheLoop(Duration.ofMillis(80));
            sleep(1);
        }, "one-slow-step");
        t.await();
        assertEquals(1, warnings().size(), warnings().toString());
    }

    @Test
    void aSlowCallbackIsLoggedToo(EventLoop loop) {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        loop.callSoon(() -> blockTheLoop(Duration.ofMillis(80)));
        sleep(0);
        List<String> w = warnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("Executing <Handle "), w.get(0));
    }

    @Test
    void nothingIsLoggedWithoutDebugMode(EventLoop loop) {
        loop.setSlowCallbackDuration(0.05);
        createTask(() -> blockTheLoop(Duration.ofMillis(80))).await();
        assertEquals(List.of(), warnings());
    }

    @Test
    void fastStepsAreNotLogged(EventLoop loop) {
        loop.setDebug(true);
        for (int i = 0; i < 100; i++) {
            sleep(0);
        }
        assertEquals(List.of(), warnings());
    }

    @Test
    void theSlowCallbackDurationDefaultsToATenthOfASecond(EventLoop loop) {
        assertEquals(0.1, loop.getSlowCallbackDuration(), 1e-9);
        loop.setSlowCallbackDuration(Duration.ofMillis(250));
        assertEquals(0.25, loop.getSlowCallbackDuration(), 1e-9);
    }

    @Test
    void aNegativeSlowCallbackDurationIsRefused(EventLoop loop) {
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(-1));
    }

    @Test
    void tasksKeepTheirCreationStackInDebugMode(EventLoop loop) {
        loop.setDebug(true);
        Task<Void> t = createTask(() -> { });
        List<StackTraceElement> stack = t.getCreationStack();
        assertTrue(stack.stream().anyMatch(f -> f.getMethodName().equals("tasksKeepTheirCreationStackInDebugMode")),
                stack.toString());
        assertTrue(t.toString().contains(" created at "), t.toString());
        assertTrue(t.toString().contains("DebugModeTest.java"), t.toString());
        t.await();
    }

    @Test
    void tasksKeepNoCreationStackOutsideDebugMode() {
        Task<Void> t = createTask(() -> { });
        assertEquals(List.of(), t.getCreationStack());
        assertFalse(t.toString().contains("created at"));
        t.await();
    }

    @Test
    void aDoneTaskHasNoStackEvenInDebugMode(EventLoop loop) {
        loop.setDebug(true);
        Task<Void> t = createTask(() -> { });
        t.await();
        assertEquals(List.of(), t.getStack());
    }

    @Test
    void runWithDebugTurnsItOnForTheRunOnly() throws Exception {
        boolean[] seen = new boolean[1];
        Thread th = Thread.ofPlatform().start(() -> seen[0] = Asyncio.run(() -> Asyncio.getRunningLoop().getDebug(), true));
        th.join();
        assertTrue(seen[0]);
        assertFalse(Asyncio.getRunningLoop().getDebug());
    }
}
