package io.asyncio4j;

import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
