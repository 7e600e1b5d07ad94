package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.net.NetTesting;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.net.Recorder;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Write buffering with high/low water marks, pause/resume, and drain keeping memory bounded. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class FlowControlTest {

    private static final int MIB = 1 << 20;

    @Test
    void theDefaultWaterMarksAreAsyncios(EventLoop loop) throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            TransportPair<Transport, Recorder> c = loop.createConnection(Recorder::new, "127.0.0.1", server.port());
            Transport t = c.transport();
            assertEquals(new WriteTransport.WriteBufferLimits(16 * 1024, 64 * 1024), t.getWriteBufferLimits());
            t.setWriteBufferLimits(-1, 1000);
            assertEquals(new WriteTransport.WriteBufferLimits(1000, 4000), t.getWriteBufferLimits());
            t.setWriteBufferLimits(8000, -1);
            assertEquals(new WriteTransport.WriteBufferLimits(2000, 8000), t.getWriteBufferLimits());
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, 20));
            t.close();
            c.protocol().lost.await();
        }
    }

    @Test
    void goingOverTheHighWaterMarkPausesTheProtocolAndDrainingToTheLowOneResumesIt(EventLoop loop)
            throws Exception {
        List<Recorder> accepted = new ArrayList<>();
        Server server = loop.createServer(() -> {
            Recorder r = new Recorder();
            accepted.add(r);
            return r;
        }, "127.0.0.1", 0);
        TransportPair<Transport, Recorder> c = loop.createConnection(Recorder::new, "127.0.0.1",
                NetTesting.port(server));
        while (accepted.isEmpty() || !accepted.get(0).made.isDone()) {
            sleep(0.001);
        }
        Recorder reader = accepted.get(0);
        reader.transport.pauseReading();
        Transport t = c.transport();
        Recorder writer = c.protocol();
        t.setWriteBufferLimits(256 * 1024, 64 * 1024);
        t.write(new byte[16 * MIB]);
        assertTrue(t.getWriteBufferSize() > 256 * 1024, "16 MiB cannot all fit in the kernel's buffers");
        assertEquals(List.of("made", "pause"), writer.events);
        reader.transport.resumeReading();
        writer.awaitResumes(1);
        assertTrue(t.getWriteBufferSize() <= 64 * 1024, "resumed at or below the low-water mark: "
                + t.getWriteBufferSize());
        reader.awaitBytes(16 * MIB);
        t.close();
        reader.transport.close();
        writer.lost.await();
        reader.lost.await();
        server.close();
        server.waitClosed();
    }

    @Test
    void drainWaitsWhileTheBufferIsOverTheHighWaterMark() throws Exception {
        Task<?>[] serverTask = new Task<?>[1];
        io.asyncio4j.Future<Void> release = io.asyncio4j.EventLoop.getRunningLoop().createFuture();
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            release.await();
            NetTesting.echo(r, w);
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().transport().setWriteBufferLimits(64 * 1024, 16 * 1024);
            c.writer().write(new byte[16 * MIB]);
            Task<Void> drainer = createTask(() -> c.writer().drain());
            sleep(0.1);
            assertFalse(drainer.isDone(), "the peer reads nothing yet: drain must wait");
            release.setResult(null);
            Task<byte[]> sink = createTask(() -> c.reader().readexactly(16 * MIB));
            drainer.await();
            assertTrue(c.writer().transport().getWriteBufferSize() <= 16 * 1024);
            assertEquals(16 * MIB, sink.await().length);
            c.writer().close();
            c.writer().waitClosed();
            serverTask[0] = null;
        }
    }

    @Test
    void aSlowReaderKeepsTheWritersBufferBoundedThroughDrain() throws Exception {
        int chunk = 32 * 1024;
        int high = 64 * 1024;
        long[] maxBuffered = new long[1];
        int total = 8 * MIB;
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            w.transport().setWriteBufferLimits(high, high / 4);
            byte[] data = new byte[chunk];
            for (int sent = 0; sent < total; sent += chunk) {
                w.write(data);
                maxBuffered[0] = Math.max(maxBuffered[0], w.transport().getWriteBufferSize());
                w.drain();
            }
            w.close();
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            long got = 0;
            while (true) {
                byte[] b = c.reader().read(4096);
                if (b.length == 0) {
                    break;
                }
                got += b.length;
                if (got % (256 * 1024) < 4096) {
                    sleep(0.001); // a slow consumer
                }
            }
            assertEquals(total, got);
            assertTrue(maxBuffered[0] > high, "the kernel's buffers filled up, so drain had to wait: "
                    + maxBuffered[0]);
            assertTrue(maxBuffered[0] <= high + chunk, "the writer's buffer stayed within high water + one write: "
                    + maxBuffered[0]);
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void aStreamReaderPausesItsTransportAboveTwiceItsLimit() throws Exception {
        io.asyncio4j.Future<Void> sent = io.asyncio4j.EventLoop.getRunningLoop().createFuture();
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            w.write(new byte[1 * MIB]);
            w.drain();
            sent.setResult(null);
            w.close();
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withLimit(1024));
            while (c.reader().buffered() <= 2048) {
                sleep(0.005);
            }
            sleep(0.05);
            assertFalse(c.writer().transport().isReading(), "the reader paused its transport");
            assertTrue(c.reader().buffered() < 1 * MIB, "the rest waits in the kernel: " + c.reader().buffered());
            assertEquals(1 * MIB, c.reader().readexactly(1 * MIB).length);
            assertTrue(c.writer().transport().isReading() || c.writer().transport().isClosing());
            sent.await();
            c.writer().close();
            c.writer().waitClosed();
        }
    }
}
