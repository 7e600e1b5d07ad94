package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * The text the default exception handler logs, compared line by line with CPython 3.13's
 * {@code BaseEventLoop.default_exception_handler} (programs under /tmp/corediff/h1.py, h2.py).
 * Where Java cannot show Python's repr (a coroutine, a lambda, {@code ValueError('x')}) our
 * stand-in is kept; the layout around it is Python's.
 */
@ExtendWith(AsyncioExtension.class)
class DefaultExceptionHandlerTextTest {
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Logger asyncioLogger = Logger.getLogger("asyncio");
    private volatile String failOnMessagePrefix;
    /** The exception a garbage-collection test waits to see reported; other such reports are dropped. */
    private volatile Throwable lost;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            Throwable awaited = lost;
            if (awaited != null ? r.getThrown() != awaited
                    : r.getMessage().contains("exception was never retrieved")) {
                // a garbage-collection test keeps its own report only: other tests' garbage is
                // reported whenever the collector gets to it ("never retrieved", "destroyed but
                // pending"), and debug mode may warn of a slow step on a loaded machine
                return;
            }
            String prefix = failOnMessagePrefix;
            if (prefix != null && r.getMessage().startsWith(prefix)) {
                throw new IllegalStateException("the log handler broke");
            }
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
    void capture() {
        asyncioLogger.addHandler(capture);
    }

    @AfterEach
    void release() {
        asyncioLogger.removeHandler(capture);
    }

    private List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void theKeysAreSortedByNameAndEachValueIsShownAsPythonsRepr(EventLoop loop) {
        // Python: loop.call_exception_handler({'message': 'm', 'exception': ValueError('z'),
        //   'transport': 'T', 'socket': 'S', 'protocol': 'P', 'asyncgen': 'A', 'handle': 'H',
        //   'future': 'F', 'task': 'K', 'zz': 1, 'aa': None}) logs
        //   m\naa: None\nasyncgen: 'A'\nfuture: 'F'\nhandle: 'H'\nprotocol: 'P'\nsocket: 'S'\n
        //   task: 'K'\ntransport: 'T'\nzz: 1   (then the traceback of ValueError: z)
        IllegalArgumentException z = new IllegalArgumentException("z");
        loop.callExceptionHandler(ExceptionContext.of("m", z).with("transport", "T").with("socket", "S")
                .with("protocol", "P").with("asyncgen", "A").with("handle", "H").with("future", "F")
                .with("task", "K").with("zz", 1).with("aa", null));
        assertEquals(List.of("m\naa: None\nasyncgen: 'A'\nfuture: 'F'\nhandle: 'H'\nprotocol: 'P'\nsocket: 'S'\n"
                + "task: 'K'\ntransport: 'T'\nzz: 1"), messages());
        assertSame(z, records.get(0).getThrown());
    }

    @Test
    void aContextWithoutAMessageIsLoggedAsAnUnhandledExceptionInTheEventLoop(EventLoop loop) {
        // Python: call_exception_handler({'message': ''}) and call_exception_handler({}) both log
        //   "Unhandled exception in event loop"
        loop.callExceptionHandler(ExceptionContext.of("", null));
        loop.callExceptionHandler(ExceptionContext.of(null, null));
        assertEquals(List.of("Unhandled exception in event loop", "Unhandled exception in event loop"), messages());
    }

    @Test
    void aHandlerThatRaisesIsLoggedWithTheContextItWasGivenAsADict(EventLoop loop) {
        // Python: a handler raising RuntimeError('h') for {'message': 'orig', 'exception':
        //   ValueError('o'), 'peer': 'p'} logs
        //   Unhandled error in exception handler
        //   context: {'message': 'orig', 'exception': ValueError('o'), 'peer': 'p'}
        //   (then the traceback of RuntimeError: h)
        loop.setExceptionHandler((l, ctx) -> {
            throw new IllegalStateException("h");
        });
        loop.callExceptionHandler(ExceptionContext.of("orig", new IllegalArgumentException("o")).with("peer", "p"));
        assertEquals(List.of("Unhandled error in exception handler\ncontext: {'message': 'orig', "
                + "'exception': java.lang.IllegalArgumentException: o, 'peer': 'p'}"), messages());
        assertEquals("h", records.get(0).getThrown().getMessage());
    }

    @Test
    void aDefaultHandlerThatFailsForAFailingCustomHandlerIsLoggedInPythonsWords(EventLoop loop) {
        // Python (base_events.call_exception_handler): when default_exception_handler raises
        //   while reporting a custom handler's error, it logs "Exception in default exception
        //   handler while handling an unexpected error in custom exception handler"
        loop.setExceptionHandler((l, ctx) -> {
            throw new IllegalStateException("h");
        });
        failOnMessagePrefix = "Unhandled error in exception handler";
        loop.callExceptionHandler(ExceptionContext.of("orig", null));
        assertEquals(List.of("Exception in default exception handler while handling an unexpected error "
                + "in custom exception handler"), messages());
        assertEquals("the log handler broke", records.get(0).getThrown().getMessage());
    }

    @Test
    void anUnretrievedTaskExceptionShowsTheTasksReprUnquoted(EventLoop loop) {
        // Python: Task exception was never retrieved
        //   future: <Task finished name='Task-2' coro=<f() done, defined at h1.py:3> exception=ValueError('x')>
        IllegalArgumentException x = new IllegalArgumentException("x");
        lost = x;
        UnretrievedExceptionTest.failAndForget(x);
        String[] lines = collectedReportLines();
        assertEquals("Task exception was never retrieved", lines[0]);
        assertTrue(lines[1].startsWith("future: <Task finished name='Task-"), lines[1]);
        assertTrue(lines[1].endsWith(" exception=java.lang.IllegalArgumentException: x>"), lines[1]);
        assertSame(x, records.get(0).getThrown());
    }

    /** A callable with its own toString, as Python's object with a __repr__. */
    private static final class MyCallable implements Runnable {
        @Override
        public void run() {
            throw new IllegalArgumentException("c");
        }

        @Override
        public String toString() {
            return "MyCallable";
        }
    }

    @Test
    void aFailingCallbackIsNamedWithParenthesesInTheMessageAndTheHandle(EventLoop loop) {
        // Python (/tmp/corediff/h5.py): loop.call_soon(C()) with repr(C()) == 'MyCallable' logs
        //   Exception in callback MyCallable()
        //   handle: <Handle MyCallable()>
        loop.callSoon(new MyCallable());
        sleep(0);
        assertEquals(List.of("Exception in callback MyCallable()\nhandle: <Handle MyCallable()>"), messages());
    }

    @Test
    void aLambdaCallbackIsNamedAfterItsClassTheSameWayEveryRun(EventLoop loop) {
        // Python: Exception in callback main.<locals>.<lambda>() at h5.py:13 / handle: <Handle ...>;
        // ours names the lambda as a task's coro is named (Class$lambda), with no hidden-class
        // address or identity hash, so the text is the same from run to run
        loop.callSoon(() -> {
            throw new IllegalArgumentException("cb");
        });
        sleep(0);
        String name = DefaultExceptionHandlerTextTest.class.getName() + "$lambda()";
        assertEquals(List.of("Exception in callback " + name + "\nhandle: <Handle " + name + ">"), messages());
    }

    @Test
    void aFailingDoneCallbackShowsNoArgumentsOutsideDebugMode(EventLoop loop) {
        // Python 3.13: f.add_done_callback(lambda f: 1/0) logs
        //   Exception in callback main.<locals>.<lambda>() at h5.py:13
        //   handle: <Handle main.<locals>.<lambda>() at h5.py:13>   (the future only in debug mode)
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> {
            throw new ArithmeticException("division by zero");
        });
        f.setResult("r");
        sleep(0);
        String name = DefaultExceptionHandlerTextTest.class.getName() + "$lambda()";
        assertEquals(List.of("Exception in callback " + name + "\nhandle: <Handle " + name + ">"), messages());
    }

    @Test
    void aTimerHandleShowsWhenThenTheCallbackAndCancelledBeforeWhen(EventLoop loop) {
        // Python: <TimerHandle when=5314.47 MyCallable()>; after cancel: <TimerHandle cancelled when=5314.47>
        TimerHandle h = loop.callLater(10, new MyCallable());
        String when = String.valueOf(h.when());
        assertEquals("<TimerHandle when=" + when + " MyCallable()>", h.toString());
        h.cancel();
        assertEquals("<TimerHandle cancelled when=" + when + ">", h.toString());
        Handle soon = loop.callSoon(new MyCallable());
        assertEquals("<Handle MyCallable()>", soon.toString());
        soon.cancel();
        assertEquals("<Handle cancelled>", soon.toString());
    }

    @Test
    void inDebugModeAnUnretrievedTaskExceptionAlsoShowsWhereTheTaskWasCreated(EventLoop loop) {
        // Python (debug=True): Task exception was never retrieved
        //   future: <Task finished name='Task-2' coro=<f() done, ...> exception=ValueError('x') created at ...>
        //   source_traceback: Object created at (most recent call last):
        //     File "<stdin>", line 6, in <module>
        //     ...
        //     File ".../asyncio/tasks.py", line 410, in create_task
        loop.setDebug(true);
        try {
            IllegalArgumentException x = new IllegalArgumentException("x");
            lost = x;
            UnretrievedExceptionTest.failAndForget(x);
        } finally {
            loop.setDebug(false);
        }
        String[] lines = collectedReportLines();
        assertEquals("Task exception was never retrieved", lines[0]);
        assertTrue(lines[1].startsWith("future: <Task finished name='Task-"), lines[1]);
        assertEquals("source_traceback: Object created at (most recent call last):", lines[2]);
        // outermost first, so the innermost frame, the loop creating the task, comes last
        assertTrue(lines[lines.length - 1].startsWith("  File \"") && lines[lines.length - 1].contains(", in "),
                lines[lines.length - 1]);
        assertTrue(records.get(0).getMessage().contains("in " + UnretrievedExceptionTest.class.getName() + ".failAndForget"),
                records.get(0).getMessage());
    }

    /** Collects until the lost exception's task is reported (once), and gives that report's lines. */
    private String[] collectedReportLines() {
        for (int i = 0; i < 300 && records.isEmpty(); i++) {
            System.gc();
            Asyncio.toThread(() -> {
                Thread.sleep(10);
                return null;
            });
            sleep(0);
        }
        assertEquals(1, records.size(), "no report after garbage collection");
        return records.get(0).getMessage().split("\n");
    }
}
