package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a socket's read callback does to the task it wakes: that task runs right after the
 * callback, ahead of the queue (while the bytes are in cache), but never ahead of what the
 * callback itself queued first; and a {@code read(n)} waiting on an empty buffer is handed at most
 * n bytes, the rest following in order.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ReadHandOffTest {

    /** Logs "data" on each read callback, queues {@code before} (if any), then wakes {@code arrived}. */
    private static final class Signal implements Protocol {
        final List<String> log;
        final Future<Void> arrived;
        final Runnable before;

        Signal(List<String> log, Future<Void> arrived, Runnable before) {
            this.log = log;
            this.arrived = arrived;
            this.before = before;
        }

        @Override
        public void connectionMade(Transport t) {
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            log.add("data");
            if (before != null) {
                EventLoop.getRunningLoop().callSoon(before);
            }
            if (!arrived.isDone()) {
                arrived.setResult(null);
            }
        }
    }

    /** The client transport of a {@link Signal} connected to {@code server}. */
    private static Transport connect(EventLoop loop, TrackedServer server, List<String> log, Future<Void> arrived,
            Runnable before) throws Exception {
        return loop.createConnection(() -> new Signal(log, arrived, before), "127.0.0.1", server.port()).transport();
    }

    /** A server that answers "x" to the first byte it reads, then waits for the client to close. */
    private static TrackedServer answeringServer() throws Exception {
        return TrackedServer.start((r, w) -> {
            r.read(1);
            w.write(new byte[] {'x'});
            r.read(); // until the client closes
            w.close();
        });
    }

    @Test
    void aTaskWokenByTheBytesItWaitsForRunsRightAfterTheReadCallback(EventLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        Future<Void> arrived = loop.createFuture();
        try (TrackedServer server = answeringServer()) {
            Transport client = connect(loop, server, log, arrived, null);
            try {
                Task<Void> waiter = createTask(() -> {
                    arrived.await();
                    log.add("task");
                });
                // a task that yields on every step: in asyncio's order its next step would run
                // before the woken task, both being queued in the iteration of the read
                Task<Void> spinner = createTask(() -> {
                    for (int i = 0; i < 10_000_000 && !waiter.isDone(); i++) {
                        if (log.isEmpty() || !log.getLast().equals("spin")) {
                            log.add("spin");
                        }
                        sleep(0);
                    }
                });
                sleep(0);
                client.write(new byte[] {'?'});
                waiter.await();
                spinner.await();
                int data = log.indexOf("data");
                assertTrue(data > 0, "the spinner ran before the bytes came: " + log);
                assertEquals(List.of("data", "task"), log.subList(data, data + 2), log.toString());
            } finally {
                client.close(); // lets the server's connection end, so the server closes
            }
        }
    }

    @Test
    void whatTheReadCallbackQueuesBeforeWakingATaskStillRunsFirst(EventLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        Future<Void> arrived = loop.createFuture();
        try (TrackedServer server = answeringServer()) {
            Transport client = connect(loop, server, log, arrived, () -> log.add("callback"));
            try {
                Task<Void> waiter = createTask(() -> {
                    arrived.await();
                    log.add("task");
                });
                sleep(0);
                client.write(new byte[] {'?'});
                waiter.await();
                assertEquals(List.of("data", "callback", "task"), log.subList(0, 3));
            } finally {
                client.close();
            }
        }
    }

    /**
     * An eager task started by the read callback after it woke a task runs inside the callback
     * (asyncio: a plain call), and the woken task still runs right after the callback, not inside
     * it nor ahead of the eager step.
     */
    @Test
    void anEagerTaskStartedByTheReadCallbackRunsInsideItAndTheWokenTaskAfterIt(EventLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        Future<Void> arrived = loop.createFuture();
        loop.setTaskFactory(io.asyncio4j.Asyncio.eagerTaskFactory());
        List<Task<?>> started = new ArrayList<>();
        try (TrackedServer server = answeringServer()) {
            Transport client = loop.createConnection(() -> new Protocol() {
                @Override
                public void connectionMade(Transport t) {
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    log.add("data");
                    if (!arrived.isDone()) {
                        arrived.setResult(null); // the waiter takes the hand-off
                        started.add(EventLoop.getRunningLoop().createTask(() -> log.add("eager step")));
                        log.add("callback continues");
                    }
                }
            }, "127.0.0.1", server.port()).transport();
            try {
                Task<Void> waiter = createTask(() -> {
                    arrived.await();
                    log.add("task");
                });
                sleep(0);
                client.write(new byte[] {'?'});
                waiter.await();
                assertEquals(List.of("data", "eager step", "callback continues", "task"), log.subList(0, 4));
                assertTrue(started.get(0).isDone());
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aReadOfNWaitingOnASocketGetsAtMostNBytesAndTheRestFollowsInOrder() throws Exception {
        byte[] sent = new byte[100_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 7 + (i >> 9));
        }
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            r.read(1);
            w.write(sent);
            w.close();
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            try {
                Task<byte[]> first = createTask(() -> c.reader().read(3000)); // waits on an empty buffer
                sleep(0);
                c.writer().write(new byte[] {'?'});
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] chunk = first.await();
                while (chunk.length > 0) {
                    assertTrue(chunk.length <= 3000, "read(3000) returned " + chunk.length + " bytes");
                    got.writeBytes(chunk);
                    chunk = c.reader().read(3000);
                }
                assertArrayEquals(sent, got.toByteArray());
            } finally {
                c.writer().close();
                c.writer().waitClosed();
            }
        }
    }
}
