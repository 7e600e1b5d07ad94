package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Task exception was never retrieved": a failed task or future that nobody looked at is reported
 * to the exception handler when it is garbage collected (CPython test_futures test_tb_logger_*,
 * test_tasks test_log_destroyed_pending_task).
 */
@ExtendWith(AsyncioExtension.class)
class UnretrievedExceptionTest {

    /** Collects garbage until {@code seen} has {@code n} reports, for at most a few seconds. */
    static void collectUntil(List<ExceptionContext> seen, int n) {
        collect(seen, n, 300);
    }

    /** A few more rounds of collection: time for a wrong extra report to show up. */
    static void collectSomeMore(List<ExceptionContext> seen) {
        collect(seen, Integer.MAX_VALUE, 5);
    }

    private static void collect(List<ExceptionContext> seen, int n, int rounds) {
        for (int i = 0; i < rounds && seen.size() < n; i++) {
            System.gc();
            Asyncio.toThread(() -> {
                Thread.sleep(10); // let the cleaner thread run and the report reach the loop
                return null;
            });
            sleep(0);
        }
    }

    static List<ExceptionContext> recordReports(EventLoop loop) {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
        return seen;
    }

    /** Starts a task that fails and lets it finish, keeping no reference to it. */
    static void failAndForget(RuntimeException e) {
        createTask(() -> {
            throw e;
        });
        sleep(0);
        sleep(0);
    }

    @Test
    void aFailedTaskNobodyAwaitedIsReportedWhenCollected(EventLoop loop) {
        List<ExceptionContext> seen = recordReports(loop);
        IllegalStateException lost = new IllegalStateException("lost");
        failAndForget(lost);
        collectUntil(seen, 1);
        assertEquals(1, seen.size(), "no report after garbage collection");
        ExceptionContext ctx = seen.get(0);
        assertEquals("Task exception was never retrieved", ctx.message());
        assertSame(lost, ctx.exception());
        assertTrue(String.valueOf(ctx.get("future")).startsWith("<Task finished name="), String.valueOf(ctx.get("future")));
    }

    @Test
    void aFailedFutureNobodyLookedAtIsReportedWhenCollected(EventLoop loop) {
        List<ExceptionContext> seen = recordReports(loop);
        setAndForget(loop, new IllegalArgumentException("future lost"));
        collectUntil(seen, 1);
        assertEquals(1, seen.size());
        assertEquals("Future exception was never retrieved", seen.get(0).message());
        assertEquals("future lost", seen.get(0).exception().getMessage());
    }

    private static void setAndForget(EventLoop loop, RuntimeException e) {
        Future<String> f = loop.createFuture();
        f.setException(e);
    }

    @Test
    void aRetrievedExceptionIsNotReported(EventLoop loop) {
        List<ExceptionContext> seen = recordReports(loop);
        retrieveAndForget(new IllegalStateException("retrieved"));
        failAndForget(new IllegalStateException("control"));
        collectUntil(seen, 1);
        collectSomeMore(seen);
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("control", seen.get(0).exception().getMessage());
    }

    private static void retrieveAndForget(RuntimeException e) {
        Task<Void> t = createTask(() -> {
            throw e;
        });
        assertThrows(IllegalStateException.class, t::await);
    }

    @Test
    void aCancelledTaskIsNeverReported(EventLoop loop) {
        List<ExceptionContext> seen = recordReports(loop);
        cancelAndForget();
        failAndForget(new IllegalStateException("control"));
        collectUntil(seen, 1);
        collectSomeMore(seen);
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("control", seen.get(0).exception().getMessage());
    }

    private static void cancelAndForget() {
        Task<Void> t = createTask(() -> sleep(10));
        t.cancel();
        sleep(0);
        sleep(0);
    }

    @Test
    void unretrievedExceptionsListsTheLiveOnes(EventLoop loop) {
        Future<String> f = loop.createFuture();
        IllegalStateException e = new IllegalStateException("pending look");
        f.setException(e);
        assertEquals(List.of(e), loop.unretrievedExceptions());
        assertSame(e, f.exception());
        assertEquals(List.of(), loop.unretrievedExceptions());
    }

    @Test
    void resultAwaitAndExceptionAllCountAsRetrieving(EventLoop loop) {
        Future<String> a = loop.createFuture();
        Future<String> b = loop.createFuture();
        Task<String> c = createTask(() -> {
            throw new IllegalStateException("c");
        });
        a.setException(new IllegalStateException("a"));
        b.setException(new IllegalStateException("b"));
        sleep(0);
        assertEquals(3, loop.unretrievedExceptions().size());
        assertThrows(IllegalStateException.class, a::result);
        b.exception();
        assertThrows(IllegalStateException.class, c::await);
        assertEquals(List.of(), loop.unretrievedExceptions());
    }

    @Test
    void withoutAHandlerTheReportGoesToTheAsyncioLogger(EventLoop loop) {
        List<java.util.logging.LogRecord> records = new ArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("asyncio");
        log.addHandler(h);
        try {
            failAndForget(new IllegalStateException("logged"));
            for (int i = 0; i < 300; i++) {
                synchronized (records) {
                    if (!records.isEmpty()) {
                        break;
                    }
                }
                System.gc();
                Asyncio.toThread(() -> {
                    Thread.sleep(10);
                    return null;
                });
            }
            synchronized (records) {
                assertEquals(1, records.size());
                assertEquals(java.util.logging.Level.SEVERE, records.get(0).getLevel());
                assertTrue(records.get(0).getMessage().startsWith("Task exception was never retrieved"),
                        records.get(0).getMessage());
                assertEquals("logged", records.get(0).getThrown().getMessage());
            }
        } finally {
            log.removeHandler(h);
        }
    }
}
