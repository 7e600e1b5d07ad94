package io.asyncio4j;

import io.asyncio4j.net.NetTesting;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.startServer;
import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.Asyncio.wrapFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The virtual clock's autojump threshold (Trio's {@code autojump_threshold}): the loop must be
 * idle that long in real time, with nothing arriving, before the clock jumps to the next timer.
 */
@ExtendWith(AsyncioExtension.class)
class AutojumpThresholdTest {

    /** Completes {@code cf} with {@code value} on another thread after {@code millis} of real time. */
    private static Thread completeLater(CompletableFuture<String> cf, String value, long millis) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cf.complete(value);
        });
    }

    @Test
    @AutojumpThreshold(5000)
    void aStageCompletedByAnotherThreadBeatsATimeoutWhenTheClockWaitsOutTheThreshold(EventLoop loop) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        completeLater(cf, "done", 50);
        assertEquals("done", timeout(1, () -> wrapFuture(cf).await()));
        assertEquals(0.0, loop.time(), 1e-9, "virtual time stands still while the loop waits out the threshold");
    }

    @Test
    void withoutAThresholdTheClockJumpsPastAStageAnotherThreadIsStillWorkingOn(EventLoop loop) throws Exception {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Thread worker = completeLater(cf, "done", 200);
        assertThrows(TimeoutException.class, () -> timeout(1, () -> wrapFuture(cf).await()));
        assertEquals(1.0, loop.time(), 1e-6);
        worker.join(); // the thread ends before the test does
    }

    @Test
    @AutojumpThreshold(20)
    void theClockStillJumpsWhenNothingArrivesWithinTheThreshold(VirtualClock clock, EventLoop loop) {
        sleep(3600);
        assertEquals(3600.0, loop.time(), 1e-6);
        assertEquals(1, clock.jumps());
    }

    @Test
    @AutojumpThreshold(5000)
    void bytesFromASocketArrivingWithinTheThresholdBeatATimeout(EventLoop loop) throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        StreamPair c = openConnection("127.0.0.1", NetTesting.port(server));
        c.writer().write("ping\n".getBytes(StandardCharsets.US_ASCII));
        byte[] line = timeout(1, () -> c.reader().readline());
        assertEquals("ping\n", new String(line, StandardCharsets.US_ASCII));
        assertEquals(0.0, loop.time(), 1e-9);
        c.writer().close();
        server.close();
        server.waitClosed(); // and the echo task with it
    }

    @Test
    @AutojumpThreshold(300)
    void somethingArrivingStartsTheIdlePeriodOver(VirtualClock clock, EventLoop loop) throws Exception {
        // another thread posts a callback every 100 ms, five times: each arrives within the
        // threshold of the previous one, so the pending one-second timer must wait for them all
        List<Double> seenAt = new ArrayList<>();
        Thread poster = Thread.ofPlatform().daemon().start(() -> {
            for (int i = 0; i < 5; i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                loop.callSoonThreadsafe(() -> seenAt.add(loop.time()));
            }
        });
        sleep(1);
        poster.join();
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0), seenAt);
        assertEquals(1.0, loop.time(), 1e-6);
        assertEquals(1, clock.jumps());
    }

    @Test
    void aNegativeThresholdIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VirtualClock(Duration.ofMillis(-1)));
        assertEquals("VirtualClock: the autojump threshold must be zero or more; got PT-0.001S", e.getMessage());
    }
}
