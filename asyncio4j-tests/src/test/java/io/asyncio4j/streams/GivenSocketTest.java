package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.net.NetTesting;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections and servers on sockets made elsewhere: asyncio's {@code sock=} argument of
 * {@code create_connection}, {@code create_server}, {@code open_connection} and {@code start_server}.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class GivenSocketTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A non-blocking socket connected to {@code addr} with the loop's own sockConnect. */
    private static SocketChannel connected(EventLoop loop, java.net.SocketAddress addr) throws Exception {
        SocketChannel ch = addr instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        ch.configureBlocking(false);
        loop.sockConnect(ch, addr);
        return ch;
    }

    private static void echoOnce(StreamPair c, String line) throws Exception {
        c.writer().write(b(line + "\n"));
        assertEquals(line + "\n", s(c.reader().readline()));
        c.writer().close();
        c.writer().waitClosed();
    }

    @Test
    void openConnectionTalksOverASocketConnectedElsewhere(EventLoop loop) throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            SocketChannel ch = connected(loop, new InetSocketAddress("127.0.0.1", server.port()));
            StreamPair c = openConnection(ch, ConnectOptions.defaults());
            assertEquals(ch.getRemoteAddress(), c.writer().getExtraInfo("peername"));
            echoOnce(c, "given");
            assertFalse(ch.isOpen(), "closing the transport closes the socket");
        }
    }

    @Test
    void aBlockingSocketIsMadeNonBlockingAsAsyncioDoes(EventLoop loop) throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port())); // blocking
            StreamPair c = openConnection(ch, ConnectOptions.defaults());
            assertFalse(ch.isBlocking());
            echoOnce(c, "was blocking");
        }
    }

    @Test
    void startServerServesASocketBoundElsewhereAndClosesItWithTheServer(EventLoop loop) throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        Server server = startServer(NetTesting::echo, listener, ServerOptions.defaults());
        assertEquals(listener.getLocalAddress(), server.sockets().get(0).getLocalAddress());
        StreamPair c = openConnection("127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getPort());
        echoOnce(c, "served");
        server.close();
        server.waitClosed();
        assertFalse(listener.isOpen());
    }

    @Test
    void aTlsClientRunsOverAGivenSocketWithTheServerNameItIsGiven(EventLoop loop) throws Exception {
        TestCerts.prepare();
        try (TrackedServer server = TrackedServer.start(NetTesting::echo,
                ServerOptions.defaults().withSsl(TestCerts.server()))) {
            SocketChannel ch = connected(loop, new InetSocketAddress("127.0.0.1", server.port()));
            StreamPair c = openConnection(ch, ConnectOptions.defaults().withSsl(TestCerts.client())
                    .withServerHostname("localhost"));
            assertTrue(c.writer().getExtraInfo("ssl_object") != null);
            echoOnce(c, "secret");
        }
    }

    @Test
    void tlsOverAGivenSocketWithoutAServerNameIsRefused(EventLoop loop) throws Exception {
        TestCerts.prepare();
        try (TrackedServer server = TrackedServer.start(NetTesting::echo);
             SocketChannel ch = connected(loop, new InetSocketAddress("127.0.0.1", server.port()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> openConnection(ch,
                    ConnectOptions.defaults().withSsl(TestCerts.client())));
            // 3.13: ValueError: You must set server_hostname when using ssl without a host
            assertTrue(e.getMessage().contains("you must set serverHostname when using ssl without a host"),
                    e.getMessage());
        }
    }

    @Test
    void aSocketNotYetConnectedIsRefused(EventLoop loop) throws Exception {
        try (SocketChannel ch = SocketChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> openConnection(ch, ConnectOptions.defaults()));
            assertTrue(e.getMessage().contains("not connected"), e.getMessage());
        }
    }

    @Test
    void aConnectingOptionWithAConnectedSocketIsRefused(EventLoop loop) throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo);
             SocketChannel ch = connected(loop, new InetSocketAddress("127.0.0.1", server.port()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> openConnection(ch,
                    ConnectOptions.defaults().withLocalAddr(new InetSocketAddress("127.0.0.1", 0))));
            assertTrue(e.getMessage().contains("connected already"), e.getMessage());
        }
    }

    @Test
    void anUnboundServerSocketIsRefused(EventLoop loop) throws Exception {
        try (ServerSocketChannel unbound = ServerSocketChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> startServer(NetTesting::echo, unbound, ServerOptions.defaults()));
            assertTrue(e.getMessage().contains("not bound"), e.getMessage());
        }
    }

    @Test
    void aUnixServerAndClientRunOnSocketsMadeElsewhere(EventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("aio-given");
        Path path = dir.resolve("s.sock");
        try {
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(path));
            Server server = startServer(NetTesting::echo, listener, ServerOptions.defaults());
            SocketChannel ch = connected(loop, UnixDomainSocketAddress.of(path));
            echoOnce(openConnection(ch, ConnectOptions.defaults()), "over unix");
            server.close();
            server.waitClosed();
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }
}
