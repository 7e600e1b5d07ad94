package io.asyncio4j.net;

import io.asyncio4j.Task;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server lifecycle against CPython 3.13 (/tmp/streamdiff2/a1_server.py): closeClients /
 * abortClients, startServing twice, serveForever on a closed server, a port in use.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ServerLifecycleDiffTest {

    @Test
    void closeClientsOnAClosedServerEndsItsConnectionsAndReleasesWaitClosed() throws Exception {
        // 3.13: wait_closed() pending while a client is open; after close_clients() it returns
        // and the client reads b''
        TrackedServer server = TrackedServer.start(NetTesting::echo);
        StreamPair c = openConnection("127.0.0.1", server.port());
        c.writer().write("x".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), c.reader().read(10));
        server.server.close();
        Task<Void> waiting = createTask(server.server::waitClosed);
        sleep(0.05);
        assertFalse(waiting.isDone(), "waitClosed waits for the open connection");
        server.server.closeClients();
        io.asyncio4j.Asyncio.waitFor(waiting, 1.0);
        assertArrayEquals(new byte[0], c.reader().read(10));
        c.writer().close();
        server.close();
    }

    @Test
    void abortClientsOnAServingServerEndsItsConnectionsAndKeepsServing() throws Exception {
        // 3.13: after abort_clients() the client reads b''; is_serving() is True and a new
        // connection is accepted
        TrackedServer server = TrackedServer.start(NetTesting::echo);
        StreamPair c = openConnection("127.0.0.1", server.port());
        while (server.server.activeConnections() == 0) {
            sleep(0.001);
        }
        server.server.abortClients();
        byte[] got;
        try {
            got = c.reader().read(10);
        } catch (java.io.IOException reset) {
            got = new byte[0]; // an abort may reset rather than end the stream; both end it
        }
        assertArrayEquals(new byte[0], got);
        assertTrue(server.server.isServing());
        StreamPair again = openConnection("127.0.0.1", server.port());
        again.writer().write("y".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("y".getBytes(StandardCharsets.UTF_8), again.reader().read(10));
        again.writer().close();
        c.writer().close();
        server.close();
    }

    @Test
    void startServingTwiceIsANoOp() throws Exception {
        // 3.13: await srv.start_serving() on a serving server: no error
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        server.startServing();
        assertTrue(server.isServing());
        server.close();
        server.waitClosed();
    }

    @Test
    void serveForeverOnAClosedServerRaisesIllegalState() throws Exception {
        // 3.13: RuntimeError('server <Server sockets=()> is closed')
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        server.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, server::serveForever);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertTrue(server.sockets().isEmpty());
        assertFalse(server.isServing());
    }

    @Test
    void listeningOnAPortInUseGivesAsynciosBindMessage() throws Exception {
        // 3.13: OSError: [Errno 98] error while attempting to bind on address ('127.0.0.1', 58087):
        //       [errno 98] address already in use
        try (ServerSocketChannel held = ServerSocketChannel.open()) {
            held.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) held.getLocalAddress()).getPort();
            BindException e = assertThrows(BindException.class, () -> startServer(NetTesting::echo, "127.0.0.1", port));
            assertEquals("[Errno 98] error while attempting to bind on address ('127.0.0.1', " + port
                    + "): [errno 98] address already in use", e.getMessage());
        }
    }
}
