package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** loop.set_exception_handler / call_exception_handler / default_exception_handler (CPython test_base_events). */
@ExtendWith(AsyncioExtension.class)
class ExceptionHandlerTest {
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
    void capture() {
        asyncioLogger.addHandler(capture);
    }

    @AfterEach
    void release() {
        asyncioLogger.removeHandler(capture);
    }

    @Test
    void theHandlerGetsErrorsOfCallbacksTimersAndDoneCallbacks(EventLoop loop) {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
        loop.callSoon(() -> {
            throw new IllegalStateException("soon");
        });
        loop.callLater(0.1, () -> {
            throw new IllegalStateException("later");
        });
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> {
            throw new IllegalStateException("done callback");
        });
        f.setResult("x");
        sleep(1);
        assertEquals(List.of("soon", "done callback", "later"),
                seen.stream().map(c -> c.exception().getMessage()).toList());
        for (ExceptionContext c : seen) {
            assertTrue(c.message().startsWith("Exception in callback "), c.message());
        }
    }

    @Test
    void theHandlerIsGivenTheLoopAndRunsOnIt(EventLoop loop) {
        EventLoop[] got = new EventLoop[1];
        boolean[] onLoop = {false};
        loop.setExceptionHandler((l, ctx) -> {
            got[0] = l;
            onLoop[0] = Asyncio.getRunningLoop() == loop;
        });
        loop.callSoon(() -> {
            throw new IllegalStateException();
        });
        sleep(0);
        assertSame(loop, got[0]);
        assertTrue(onLoop[0]);
    }

    @Test
    void getExceptionHandlerReturnsTheHandlerAndNullRestoresTheDefault(EventLoop loop) {
        assertNull(loop.getExceptionHandler());
        ExceptionHandler h = (l, ctx) -> { };
        loop.setExceptionHandler(h);
        assertSame(h, loop.getExceptionHandler());
        loop.setExceptionHandler(null);
        assertNull(loop.getExceptionHandler());
    }

    @Test
    void theDefaultHandlerLogsAtErrorOnTheAsyncioLogger(EventLoop loop) {
        IllegalStateException boom = new IllegalStateException("boom");
        loop.callSoon(() -> {
            throw boom;
        });
        sleep(0);
        assertEquals(1, records.size());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().startsWith("Exception in callback"), records.get(0).getMessage());
        assertSame(boom, records.get(0).getThrown());
    }

    @Test
    void aHandlerThatThrowsIsReportedThroughTheDefaultHandler(EventLoop loop) {
        loop.setExceptionHandler((l, ctx) -> {
            throw new IllegalArgumentException("handler broke");
        });
        loop.callSoon(() -> {
            throw new IllegalStateException("original");
        });
        sleep(0);
        assertEquals(1, records.size());
        assertTrue(records.get(0).getMessage().startsWith("Unhandled error in exception handler"),
                records.get(0).getMessage());
        assertEquals("handler broke", records.get(0).getThrown().getMessage());
        assertTrue(records.get(0).getMessage().contains("original") || records.get(0).getMessage().contains("context"),
                records.get(0).getMessage());
    }

    @Test
    void callExceptionHandlerReachesTheHandler(EventLoop loop) {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
        ExceptionContext ctx = ExceptionContext.of("custom", new IllegalStateException("x")).with("peer", "10.0.0.1");
        loop.callExceptionHandler(ctx);
        assertEquals(List.of(ctx), seen);
    }

    @Test
    void theHandlerCanDelegateToTheDefault(EventLoop loop) {
        loop.setExceptionHandler((l, ctx) -> l.defaultExceptionHandler(ctx.with("note", "seen by mine first")));
        loop.callSoon(() -> {
            throw new IllegalStateException("x");
        });
        sleep(0);
        assertEquals(1, records.size());
        assertTrue(records.get(0).getMessage().contains("note: 'seen by mine first'"), records.get(0).getMessage());
    }

    @Test
    void anExceptionContextKeepsAsyncioKeysInOrder() {
        IllegalStateException e = new IllegalStateException("x");
        ExceptionContext ctx = ExceptionContext.of("msg", e).with("task", "t").with("future", "f");
        assertEquals("msg", ctx.message());
        assertSame(e, ctx.exception());
        assertEquals("t", ctx.get("task"));
        assertEquals(List.of("message", "exception", "task", "future"), List.copyOf(ctx.asMap().keySet()));
        // CPython 3.13 logs keys sorted, values as repr: "msg\nfuture: 'f'\ntask: 't'"
        assertEquals("msg\nfuture: 'f'\ntask: 't'", ctx.toString());
        assertThrows(UnsupportedOperationException.class, () -> ctx.asMap().put("x", 1));
        assertNull(ExceptionContext.of("m", null).exception());
        assertEquals(Map.of("message", "m"), ExceptionContext.of("m", null).asMap());
    }
}
