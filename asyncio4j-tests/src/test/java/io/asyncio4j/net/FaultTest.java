package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.streams.LimitOverrunException;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.startServer;
import static io.asyncio4j.Asyncio.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults and bad input: each is a specific exception in the task that waits, the loop and the
 * other connections carry on, and no descriptor is left open.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class FaultTest {

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    @Test
    void connectingToAPortNobodyListensOnRaisesConnectException() throws Exception {
        int port = closedPort();
        sleep(0.01);
        long before = openFds();
        ConnectException e = assertThrows(ConnectException.class, () -> openConnection("127.0.0.1", port));
        assertTrue(e.getMessage().contains("Connect call failed"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
        sleep(0.01);
        assertEquals(before, openFds(), "the refused socket was closed");
    }

    @Test
    void anUnknownHostRaisesUnknownHostException() {
        assertThrows(UnknownHostException.class, () -> openConnection("nosuchhost.invalid", 80));
    }

    @Test
    void listeningOnAnAddressInUseRaisesBindException() throws Exception {
        Server first = startServer(NetTesting::echo, "127.0.0.1", 0);
        int port = NetTesting.port(first);
        BindException e = assertThrows(BindException.class, () -> startServer(NetTesting::echo, "127.0.0.1", port));
        assertTrue(e.getMessage().contains("error while attempting to bind on address"), e.getMessage());
        first.close();
        first.waitClosed();
    }

    @Test
    void aPeerResetMidReadRaisesConnectionResetInTheReadingTask(EventLoop loop) throws Exception {
        List<Throwable> errors = new ArrayList<>();
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            try {
                r.readexactly(1000);
            } catch (Exception e) {
                errors.add(e);
            } finally {
                w.close();
            }
        })) {
            SocketChannel raw = SocketChannel.open();
            raw.configureBlocking(false);
            loop.sockConnect(raw, new InetSocketAddress("127.0.0.1", server.port()));
            loop.sockSendall(raw, new byte[10]);
            sleep(0.02);
            raw.setOption(StandardSocketOptions.SO_LINGER, 0);
            raw.close(); // linger 0: the peer gets a reset
            while (errors.isEmpty()) {
                sleep(0.005);
            }
            assertInstanceOf(ConnectionResetException.class, errors.get(0));
            assertEquals("Connection reset by peer", errors.get(0).getMessage());
        }
    }

    /** Only the native socket path can ask the kernel whether input is unread (FIONREAD). */
    private static final boolean NATIVE_PATH = "loom".equals(System.getProperty("asyncio4j.expectEngine", "loom"));

    /**
     * The server stops reading, the client sends, the server ends its side with {@code end}:
     * what does the client's next read see?
     */
    private static Throwable clientReadAfterTheServerEndsWithUnreadInput(java.util.function.Consumer<Transport> end)
            throws Exception {
        io.asyncio4j.Future<StreamPair> accepted = io.asyncio4j.Asyncio.getRunningLoop().createFuture();
        try (Server server = startServer((r, w) -> accepted.setResult(new StreamPair(r, w)), "127.0.0.1", 0)) {
            StreamPair client = openConnection("127.0.0.1", ((InetSocketAddress) server.addresses().get(0)).getPort());
            StreamPair served = accepted.await();
            ((io.asyncio4j.streams.ReadTransport) served.writer().transport()).pauseReading();
            client.writer().write("bytes the server never reads".getBytes(StandardCharsets.US_ASCII));
            client.writer().drain();
            sleep(0.05);
            end.accept(served.writer().transport());
            sleep(0.05);
            try {
                client.reader().read(10);
                return null;
            } catch (IOException e) {
                return e;
            } finally {
                client.writer().close();
            }
        }
    }

    @Test
    void closingAConnectionWithUnreadInputResetsItForThePeer() throws Exception {
        // CPython: the kernel resets a socket closed with unread bytes; the peer's read raises
        // ConnectionResetError instead of seeing an orderly end
        assumeTrue(NATIVE_PATH, "the portable path cannot ask the kernel for unread bytes");
        assertInstanceOf(ConnectionResetException.class, clientReadAfterTheServerEndsWithUnreadInput(Transport::close));
    }

    @Test
    void abortingAConnectionWithUnreadInputResetsItForThePeer() throws Exception {
        assumeTrue(NATIVE_PATH, "the portable path cannot ask the kernel for unread bytes");
        assertInstanceOf(ConnectionResetException.class, clientReadAfterTheServerEndsWithUnreadInput(Transport::abort));
    }

    @Test
    void aLineOverTheLimitRaisesAndTheConnectionCarriesOn() throws Exception {
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            w.write(("x".repeat(100) + "\nshort\n").getBytes(StandardCharsets.UTF_8));
            w.close();
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withLimit(16));
            sleep(0.02);
            assertThrows(LimitOverrunException.class, () -> c.reader().readline());
            assertEquals("short\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void aProtocolThatThrowsIsReportedAndOnlyItsConnectionCloses(EventLoop loop) throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
        List<Recorder> accepted = new ArrayList<>();
        Server server = loop.createServer(() -> {
            Recorder r = accepted.isEmpty() ? new Recorder() {
                @Override
                public void dataReceived(ByteBuffer data) {
                    throw new IllegalStateException("bug in the protocol");
                }
            } : new Recorder();
            accepted.add(r);
            return r;
        }, "127.0.0.1", 0);
        TransportPair<Transport, Recorder> bad = loop.createConnection(Recorder::new, "127.0.0.1",
                NetTesting.port(server));
        while (accepted.isEmpty()) {
            sleep(0.001);
        }
        TransportPair<Transport, Recorder> good = loop.createConnection(Recorder::new, "127.0.0.1",
                NetTesting.port(server));
        while (accepted.size() < 2) {
            sleep(0.001);
        }
        bad.transport().write("boom".getBytes(StandardCharsets.UTF_8));
        accepted.get(0).lost.await();
        assertEquals("bug in the protocol", accepted.get(0).lostWith.getMessage());
        assertEquals(1, reported.size());
        assertEquals("Fatal error: protocol.data_received() call failed.", reported.get(0).message());
        good.transport().write("fine".getBytes(StandardCharsets.UTF_8));
        assertEquals("fine", new String(accepted.get(1).awaitBytes(4), StandardCharsets.UTF_8));
        bad.protocol().awaitEof();
        bad.transport().close();
        good.transport().close();
        accepted.get(1).lost.await();
        server.close();
        server.waitClosed();
    }

    @Test
    void aFailingConnectionHandlerIsReportedAndItsConnectionClosed(EventLoop loop) throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            throw new IllegalArgumentException("handler bug");
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            assertEquals(0, c.reader().read(10).length, "the server closed the connection");
            while (reported.isEmpty()) {
                sleep(0.001);
            }
            assertEquals("Unhandled exception in client_connected_cb", reported.get(0).message());
            assertInstanceOf(IllegalArgumentException.class, reported.get(0).exception());
            c.writer().close();
            c.writer().waitClosed();
            for (var t : server.handlers) {
                assertThrows(IllegalArgumentException.class, t::result);
            }
        }
    }

    @Test
    void cancellingAConnectThatHangsLeavesNoSocketOpen() throws Exception {
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
            List<StreamPair> queued = new ArrayList<>();
            long before = openFds();
            // fill the accept queue of a server that never accepts: the next SYN is dropped and the
            // connect hangs until cancelled
            TimeoutException hung = null;
            for (int i = 0; i < 8 && hung == null; i++) {
                try {
                    queued.add(timeout(0.3, () -> openConnection("127.0.0.1", port)));
                } catch (TimeoutException e) {
                    hung = e;
                }
            }
            assertTrue(hung != null, "a connect to a full backlog hangs");
            for (StreamPair q : queued) {
                q.writer().transport().abort();
            }
            sleep(0.02);
            assertEquals(before, openFds(), "nothing left open");
        }
    }
}
