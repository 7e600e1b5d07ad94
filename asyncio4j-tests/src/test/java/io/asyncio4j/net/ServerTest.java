package io.asyncio4j.net;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;
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
import static io.asyncio4j.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server: serving, closing, waiting for clients, its sockets. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ServerTest {

    private static String line(StreamPair c, String msg) throws Exception {
        c.writer().write((msg + "\n").getBytes(StandardCharsets.UTF_8));
        return new String(c.reader().readline(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void serveForeverServesUntilCancelledThenClosesAndWaitsForItsClients() throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0, ServerOptions.defaults().withStartServing(false));
        assertFalse(server.isServing());
        Task<Void> serving = createTask(server::serveForever);
        sleep(0);
        assertTrue(server.isServing());
        StreamPair c = openConnection("127.0.0.1", NetTesting.port(server));
        assertEquals("hi", line(c, "hi"));
        serving.cancel();
        sleep(0.05);
        assertFalse(serving.isDone(), "serveForever waits for the open connection before it ends");
        assertFalse(server.isServing());
        c.writer().close();
        assertThrows(CancelledError.class, serving::await);
        assertTrue(server.sockets().isEmpty());
    }

    @Test
    void aServerNotYetServingAcceptsOnlyOnceStarted(EventLoop loop) throws Exception {
        List<Recorder> accepted = new ArrayList<>();
        Server server = loop.createServer(() -> {
            Recorder r = new Recorder();
            accepted.add(r);
            return r;
        }, "127.0.0.1", 0, ServerOptions.defaults().withStartServing(false));
        TransportPair<Transport, Recorder> c = loop.createConnection(Recorder::new, "127.0.0.1",
                NetTesting.port(server));
        sleep(0.05);
        assertTrue(accepted.isEmpty(), "the connection waits in the listen backlog");
        server.startServing();
        while (accepted.isEmpty()) {
            sleep(0.001);
        }
        accepted.get(0).made.await();
        c.transport().close();
        accepted.get(0).lost.await();
        server.close();
        server.waitClosed();
    }

    @Test
    void closeStopsListeningButLeavesAcceptedConnectionsOpen() throws Exception {
        TrackedServer server = TrackedServer.start(NetTesting::echo);
        int port = server.port();
        StreamPair c = openConnection("127.0.0.1", port);
        assertEquals("before", line(c, "before"));
        server.server.close();
        assertFalse(server.server.isServing());
        assertThrows(ConnectException.class, () -> openConnection("127.0.0.1", port));
        assertEquals("after", line(c, "after"));
        assertEquals(1, server.server.activeConnections());
        Task<Void> waiting = createTask(server.server::waitClosed);
        sleep(0.05);
        assertFalse(waiting.isDone(), "waitClosed waits for the open connection");
        c.writer().close();
        waiting.await();
        assertEquals(0, server.server.activeConnections());
        server.close();
    }

    @Test
    void waitClosedReturnsAtOnceForAClosedServerWithoutClients() throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        server.close();
        server.waitClosed();
        server.close(); // idempotent
        server.waitClosed();
    }

    @Test
    void waitClosedOnAnOpenServerWaitsUntilItIsClosed() throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        Task<Void> waiting = createTask(server::waitClosed);
        sleep(0.02);
        assertFalse(waiting.isDone());
        server.close();
        waiting.await();
    }

    @Test
    void socketsAndAddressesListTheListeningSocketsUntilClosed() throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        assertEquals(1, server.sockets().size());
        ServerSocketChannel ch = server.sockets().get(0);
        assertEquals(ch.getLocalAddress(), server.addresses().get(0));
        assertTrue(((InetSocketAddress) server.addresses().get(0)).getPort() > 0, "port 0 picked a free port");
        assertTrue(server.toString().contains("SERVING"), server.toString());
        server.close();
        assertTrue(server.sockets().isEmpty());
        assertTrue(server.addresses().isEmpty());
        assertFalse(ch.isOpen());
        server.waitClosed();
    }

    @Test
    void closeClientsClosesEveryAcceptedConnection() throws Exception {
        TrackedServer server = TrackedServer.start(NetTesting::echo);
        StreamPair a = openConnection("127.0.0.1", server.port());
        StreamPair b = openConnection("127.0.0.1", server.port());
        assertEquals("a", line(a, "a"));
        assertEquals("b", line(b, "b"));
        server.server.close();
        server.server.closeClients();
        assertEquals(0, a.reader().read(10).length);
        assertEquals(0, b.reader().read(10).length);
        server.close();
        a.writer().close();
        b.writer().close();
        a.writer().waitClosed();
        b.writer().waitClosed();
    }

    @Test
    void abortClientsDropsEveryAcceptedConnection(EventLoop loop) throws Exception {
        List<Recorder> accepted = new ArrayList<>();
        Server server = loop.createServer(() -> {
            Recorder r = new Recorder();
            accepted.add(r);
            return r;
        }, "127.0.0.1", 0);
        TransportPair<Transport, Recorder> c = loop.createConnection(Recorder::new, "127.0.0.1",
                NetTesting.port(server));
        while (accepted.isEmpty()) {
            sleep(0.001);
        }
        accepted.get(0).made.await();
        server.abortClients();
        accepted.get(0).lost.await();
        c.protocol().awaitEof();
        c.transport().close();
        c.protocol().lost.await();
        server.close();
        server.waitClosed();
    }

    @Test
    void tryWithResourcesClosesTheServer() throws Exception {
        Server kept;
        try (Server server = startServer(NetTesting::echo, "127.0.0.1", 0)) {
            kept = server;
            assertTrue(server.isServing());
        }
        assertFalse(kept.isServing());
        assertTrue(kept.sockets().isEmpty());
        kept.waitClosed();
    }

    @Test
    void serveForeverOnAClosedServerIsAnError() throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        server.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, server::serveForever);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void serveForeverTwiceAtOnceIsAnError() throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        Task<Void> first = createTask(server::serveForever);
        sleep(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, server::serveForever);
        assertTrue(e.getMessage().contains("already"), e.getMessage());
        first.cancel();
        assertThrows(CancelledError.class, first::await);
    }

    @Test
    void closingTheServerEndsServeForever() throws Exception {
        Server server = startServer(NetTesting::echo, "127.0.0.1", 0);
        Task<Void> serving = createTask(server::serveForever);
        sleep(0);
        server.close();
        assertThrows(CancelledError.class, serving::await);
    }

    @Test
    void aServerOnEveryInterfaceAcceptsOnLoopback() throws Exception {
        TrackedServer server = TrackedServer.start(NetTesting::echo);
        Server any = startServer(NetTesting::echo, null, 0);
        StreamPair c = openConnection("127.0.0.1", NetTesting.port(any));
        assertEquals("any", line(c, "any"));
        c.writer().close();
        c.writer().waitClosed();
        any.close();
        any.waitClosed();
        server.close();
        sleep(0.01); // lets the handler of "any" finish its last step
    }

    @Test
    void aServerOnSeveralHostsListensOnEachAddressOnce() throws Exception {
        // CPython 3.13: start_server(cb, ['127.0.0.1', '127.0.0.2', '127.0.0.1'], 0) has 2 sockets
        Server server = startServer(NetTesting::echo, List.of("127.0.0.1", "127.0.0.2", "127.0.0.1"), 0, null);
        assertEquals(2, server.sockets().size());
        List<String> hosts = new ArrayList<>();
        for (var a : server.addresses()) {
            InetSocketAddress isa = (InetSocketAddress) a;
            hosts.add(isa.getAddress().getHostAddress());
            StreamPair c = openConnection(isa.getAddress().getHostAddress(), isa.getPort());
            assertEquals("hi", line(c, "hi"));
            c.writer().close();
            c.writer().waitClosed();
        }
        assertEquals(List.of("127.0.0.1", "127.0.0.2"), hosts);
        server.close();
        server.waitClosed();
    }

    @Test
    void aServerOnAnEmptyHostListCannotBind() {
        // CPython 3.13: OSError "could not bind on any address out of []"
        java.net.BindException e = assertThrows(java.net.BindException.class,
                () -> startServer(NetTesting::echo, List.of(), 0, null));
        assertTrue(e.getMessage().contains("could not bind on any address out of []"), e.getMessage());
    }

    @Test
    void aServerOnSeveralHostsWhereOneIsTakenBindsNone() throws Exception {
        Server first = startServer(NetTesting::echo, "127.0.0.2", 0);
        int taken = NetTesting.port(first);
        assertThrows(java.net.BindException.class,
                () -> startServer(NetTesting::echo, List.of("127.0.0.1", "127.0.0.2"), taken, null));
        // 127.0.0.1:taken was bound first, then closed when 127.0.0.2 failed: it is free again
        Server again = startServer(NetTesting::echo, "127.0.0.1", taken);
        again.close();
        first.close();
        again.waitClosed();
        first.waitClosed();
    }
}
