package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * loop.add_signal_handler (CPython test_unix_events). Every signal used here first gets a safety
 * handler of the test's own, so that a signal the loop failed to catch is counted instead of
 * ending the test JVM.
 */
@ExtendWith(AsyncioExtension.class)
class SignalTest {
    private final Map<Signal, sun.misc.SignalHandler> original = new EnumMap<>(Signal.class);
    private final Map<Signal, AtomicInteger> safetyHits = new EnumMap<>(Signal.class);

    @BeforeEach
    void installSafetyHandlers() {
        for (Signal s : Signal.values()) {
            AtomicInteger hits = new AtomicInteger();
            safetyHits.put(s, hits);
            original.put(s, sun.misc.Signal.handle(new sun.misc.Signal(s.jvmName), x -> hits.incrementAndGet()));
        }
    }

    @AfterEach
    void restoreOriginalHandlers() {
        original.forEach((s, h) -> sun.misc.Signal.handle(new sun.misc.Signal(s.jvmName), h));
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void theHandlerRunsOnTheLoopWhenTheProcessGetsTheSignal(Signal sig, EventLoop loop) {
        Future<String> got = loop.createFuture();
        loop.addSignalHandler(sig, () -> got.setResult("handled " + sig));
        try {
            sig.raise();
            assertEquals("handled " + sig, got.await());
            assertEquals(0, safetyHits.get(sig).get());
        } finally {
            loop.removeSignalHandler(sig);
        }
    }

    @Test
    void theHandlerRunsAsACallbackOfTheLoop(EventLoop loop) {
        Future<Object[]> got = loop.createFuture();
        Thread loopThread = Thread.currentThread();
        loop.addSignalHandler(Signal.SIGUSR1, () -> got.setResult(new Object[] {currentTask(), getRunningLoop()}));
        try {
            Signal.SIGUSR1.raise();
            Object[] seen = got.await();
            assertNull(seen[0], "a signal handler is a callback, not a task");
            assertSame(loop, seen[1]);
            assertTrue(loopThread != null);
        } finally {
            loop.removeSignalHandler(Signal.SIGUSR1);
        }
    }

    @Test
    void theHandlerRunsEveryTimeTheSignalComes(EventLoop loop) {
        List<Integer> seen = new ArrayList<>();
        Future<Void> third = loop.createFuture();
        loop.addSignalHandler(Signal.SIGUSR2, () -> {
            seen.add(seen.size() + 1);
            if (seen.size() == 3) {
                third.setResult(null);
            }
        });
        try {
            for (int i = 0; i < 3; i++) {
                int want = i + 1;
                Signal.SIGUSR2.raise();
                // wait until this one arrived before raising the next (pending signals of one kind merge)
                waitUntil(() -> seen.size() >= want, loop);
            }
            third.await();
            assertEquals(List.of(1, 2, 3), seen);
        } finally {
            loop.removeSignalHandler(Signal.SIGUSR2);
        }
    }

    private static void waitALittle(EventLoop loop) {
        CompletableFuture<Void> cf = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                // fine
            }
            cf.complete(null);
        });
        Asyncio.await(cf);
    }

    @Test
    void aSecondHandlerForTheSameSignalReplacesTheFirst(EventLoop loop) {
        List<String> seen = new ArrayList<>();
        Future<Void> done = loop.createFuture();
        loop.addSignalHandler(Signal.SIGHUP, () -> seen.add("first"));
        loop.addSignalHandler(Signal.SIGHUP, () -> {
            seen.add("second");
            done.setResult(null);
        });
        try {
            Signal.SIGHUP.raise();
            done.await();
            assertEquals(List.of("second"), seen);
        } finally {
            loop.removeSignalHandler(Signal.SIGHUP);
        }
    }

    @Test
    void removingTheHandlerRestoresTheOneBefore(EventLoop loop) {
        loop.addSignalHandler(Signal.SIGUSR1, () -> { });
        assertTrue(loop.removeSignalHandler(Signal.SIGUSR1));
        assertFalse(loop.removeSignalHandler(Signal.SIGUSR1));
        Signal.SIGUSR1.raise();
        waitUntil(() -> safetyHits.get(Signal.SIGUSR1).get() == 1, loop);
        assertEquals(1, safetyHits.get(Signal.SIGUSR1).get());
    }

    @Test
    void removingAHandlerThatWasNeverAddedReturnsFalse(EventLoop loop) {
        assertFalse(loop.removeSignalHandler(Signal.SIGTERM));
    }

    @Test
    void closingTheLoopRemovesItsHandlers() {
        EventLoop other = new EventLoop();
        other.addSignalHandler(Signal.SIGUSR2, () -> { });
        other.close();
        Signal.SIGUSR2.raise();
        waitUntil(() -> safetyHits.get(Signal.SIGUSR2).get() == 1, getRunningLoop());
        assertEquals(1, safetyHits.get(Signal.SIGUSR2).get());
    }

    @Test
    void aNullCallbackIsRefused(EventLoop loop) {
        assertThrows(NullPointerException.class, () -> loop.addSignalHandler(Signal.SIGTERM, null));
    }

    @Test
    void aClosedLoopRefusesHandlers() {
        EventLoop closed = new EventLoop();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.addSignalHandler(Signal.SIGTERM, () -> { }));
    }

    private static void waitUntil(java.util.function.BooleanSupplier cond, EventLoop loop) {
        for (int i = 0; i < 2000 && !cond.getAsBoolean(); i++) {
            waitALittle(loop);
        }
    }
}
