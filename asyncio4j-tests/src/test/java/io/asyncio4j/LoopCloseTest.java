package io.asyncio4j;

import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a loop that still has pending tasks. These drive loops themselves, on the test thread,
 * rather than as tasks of the testing kit's loop.
 */
class LoopCloseTest {

    @Test
    void closingALoopReportsEachTaskStillPendingAsDestroyed() {
        // CPython 3.13: a task left pending when its loop closes is reported, once collected, as
        // "Task was destroyed but it is pending!" with the task in the context
        EventLoop loop = new EventLoop(new VirtualClock());
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> seen.add(c));
        Task<Void> stuck = loop.createTask(() -> sleep(100), "stuck");
        loop.runUntilComplete(() -> sleep(0.01));
        loop.close();
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("Task was destroyed but it is pending!", seen.get(0).message());
        assertSame(stuck, seen.get(0).get("task"));
        assertTrue(stuck.toString().contains("stuck"), stuck.toString());
    }

    @Test
    void theDefaultHandlerLogsAPendingTaskWithTheTasksRepr() {
        // CPython 3.13 logs: Task was destroyed but it is pending!
        //   task: <Task pending name='Task-1' coro=<forever() ...> wait_for=<Future pending cb=[Task.task_wakeup()]>>
        // (the task unquoted: the default handler shows repr(task); ours has no wait_for part)
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Logger asyncioLogger = Logger.getLogger("asyncio");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!r.getMessage().contains("exception was never retrieved")) { // other tests' garbage
                    logged.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        asyncioLogger.addHandler(capture);
        try {
            EventLoop loop = new EventLoop(new VirtualClock());
            loop.createTask(() -> sleep(100), "stuck");
            loop.runUntilComplete(() -> sleep(0.01));
            loop.close();
        } finally {
            asyncioLogger.removeHandler(capture);
        }
        assertEquals(1, logged.size(), logged.toString());
        String[] lines = logged.get(0).split("\n");
        assertEquals("Task was destroyed but it is pending!", lines[0]);
        assertTrue(lines[1].startsWith("task: <Task pending name='stuck' coro="), lines[1]);
    }

    @Test
    void inDebugModeAPendingTaskIsReportedWithWhereItWasCreated() {
        // CPython 3.13 (debug): Task was destroyed but it is pending!
        //   source_traceback: Object created at (most recent call last):
        //     File "<stdin>", line 8, in <module>
        //   task: <Task pending name='Task-5' ...>
        EventLoop loop = new EventLoop(new VirtualClock());
        loop.setDebug(true);
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> seen.add(c));
        loop.createTask(() -> sleep(100), "stuck");
        loop.runUntilComplete(() -> sleep(0.01));
        loop.close();
        assertEquals(1, seen.size(), seen.toString());
        String[] lines = seen.get(0).toString().split("\\n");
        assertEquals("Task was destroyed but it is pending!", lines[0]);
        assertEquals("source_traceback: Object created at (most recent call last):", lines[1]);
        assertTrue(seen.get(0).toString().contains(", in " + LoopCloseTest.class.getName() + ".inDebugMode"),
                seen.get(0).toString());
        assertTrue(lines[lines.length - 1].startsWith("task: <Task pending name='stuck'"), lines[lines.length - 1]);
    }

    @Test
    void closingALoopWhoseTasksAllFinishedReportsNothing() {
        EventLoop loop = new EventLoop(new VirtualClock());
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> seen.add(c));
        Task<Void> quick = loop.createTask(() -> sleep(1));
        loop.runUntilComplete(quick);
        loop.close();
        assertEquals(List.of(), seen);
    }

    @Test
    void asyncioRunLeavesNoPendingTaskToReport() {
        List<ExceptionContext> seen = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, c) -> seen.add(c));
            Asyncio.createTask(() -> sleep(100)); // cancelled by run's cleanup, before the close
            sleep(0);
        }, () -> new EventLoop(new VirtualClock()));
        assertEquals(List.of(), seen);
    }
}
