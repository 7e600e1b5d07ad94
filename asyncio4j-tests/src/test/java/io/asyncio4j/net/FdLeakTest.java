package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening and closing many connections (some of them failing) leaves no descriptor behind. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class FdLeakTest {

    private static void roundTrips(int port, int count, int concurrency) throws Exception {
        for (int i = 0; i < count; i += concurrency) {
            List<Task<Void>> batch = new ArrayList<>();
            for (int k = i; k < Math.min(count, i + concurrency); k++) {
                int n = k;
                batch.add(createTask(() -> {
                    StreamPair c = openConnection("127.0.0.1", port);
                    byte[] msg = ("conn " + n + "\n").getBytes(StandardCharsets.UTF_8);
                    c.writer().write(msg);
                    assertEquals("conn " + n + "\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
                    if (n % 10 == 0) {
                        c.writer().transport().abort(); // some end abruptly
                    } else {
                        c.writer().close();
                    }
                    try {
                        c.writer().waitClosed();
                    } catch (java.io.IOException e) {
                        // an abort may be seen as a reset
                    }
                    return null;
                }));
            }
            for (Task<Void> t : batch) {
                t.await();
            }
        }
    }

    @Test
    void aThousandConnectionsOpenedAndClosedLeaveNoDescriptorBehind(EventLoop loop) throws Exception {
        int refusedPort;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            refusedPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            roundTrips(server.port(), 20, 10); // warm-up: lazily opened JDK descriptors are counted before
            sleep(0.05);
            long before = FaultTest.openFds();
            roundTrips(server.port(), 1000, 50);
            for (int i = 0; i < 50; i++) {
                assertThrows(ConnectException.class, () -> openConnection("127.0.0.1", refusedPort));
            }
            sleep(0.05); // the selector's next passes release the descriptors of closed channels
            long after = FaultTest.openFds();
            assertTrue(after <= before, "descriptors before " + before + ", after " + after);
            assertEquals(0, server.server.activeConnections());
        }
    }
}
