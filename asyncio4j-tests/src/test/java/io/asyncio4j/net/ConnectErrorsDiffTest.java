package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroupException;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

import static io.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * createConnection / openConnection errors against CPython 3.13 (/tmp/streamdiff2/a2_connect.py,
 * a2b_multi.py): the exception kinds and asyncio's wording.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ConnectErrorsDiffTest {
    private static final Protocol NOOP = new Protocol() { };

    @Test
    void aRefusedConnectionIsAConnectExceptionWithAsynciosMessage() throws Exception {
        // 3.13: ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 1)
        int port = LoopbackHosts.refusedPort();
        ConnectException e = assertThrows(ConnectException.class, () -> openConnection("127.0.0.1", port));
        assertEquals("[Errno 111] Connect call failed ('127.0.0.1', " + port + ")", e.getMessage());
    }

    @Test
    void aRefusedIpv6ConnectionNamesTheAddressAsPythonsFourTuple() throws Exception {
        // 3.13: ConnectionRefusedError: [Errno 111] Connect call failed ('::1', 1, 0, 0)
        int port = LoopbackHosts.refusedPort();
        ConnectException e = assertThrows(ConnectException.class, () -> openConnection("::1", port));
        assertEquals("[Errno 111] Connect call failed ('::1', " + port + ", 0, 0)", e.getMessage());
    }

    @Test
    void everyAddressRefusedGivesMultipleExceptionsNamingEach(EventLoop loop) throws Exception {
        // 3.13: OSError: Multiple exceptions: [Errno 111] Connect call failed ('127.0.0.1', 1),
        //       [Errno 111] Connect call failed ('127.0.0.2', 1)
        int port = LoopbackHosts.refusedPort();
        ConnectException e = assertThrows(ConnectException.class, () -> loop.createConnection(() -> NOOP,
                "twohosts", port, ConnectOptions.defaults().withResolvedAddresses(
                        List.of(LoopbackHosts.V4, LoopbackHosts.V4B))));
        assertEquals("Multiple exceptions: [Errno 111] Connect call failed ('127.0.0.1', " + port + "), "
                + "[Errno 111] Connect call failed ('127.0.0.2', " + port + ")", e.getMessage());
    }

    @Test
    void allErrorsGroupsEvenASingleAddressesError(EventLoop loop) throws Exception {
        // 3.13: ExceptionGroup: create_connection failed (1 sub-exception)
        //         ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 1)
        int port = LoopbackHosts.refusedPort();
        ExceptionGroupException g = assertThrows(ExceptionGroupException.class, () -> loop.createConnection(
                () -> NOOP, "127.0.0.1", port, ConnectOptions.defaults().withAllErrors(true)));
        assertEquals("create_connection failed (1 sub-exception)", g.getMessage());
        assertInstanceOf(ConnectException.class, g.exceptions().get(0));
        assertEquals("[Errno 111] Connect call failed ('127.0.0.1', " + port + ")", g.exceptions().get(0).getMessage());
    }

    @Test
    void aLocalAddressInUseGivesAsynciosBindMessage(EventLoop loop) throws Exception {
        // 3.13: OSError: [Errno 98] error while attempting to bind on address ('127.0.0.1', 44271):
        //       [errno 98] address already in use
        try (ServerSocketChannel held = ServerSocketChannel.open()) {
            held.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) held.getLocalAddress()).getPort();
            BindException e = assertThrows(BindException.class, () -> loop.createConnection(() -> NOOP, "127.0.0.1",
                    LoopbackHosts.refusedPort(), ConnectOptions.defaults().withLocalAddr(
                            new InetSocketAddress("127.0.0.1", port))));
            assertEquals("[Errno 98] error while attempting to bind on address ('127.0.0.1', " + port
                    + "): [errno 98] address already in use", e.getMessage());
        }
    }

    @Test
    void aLocalAddressNotOfThisHostGivesAsynciosBindMessage(EventLoop loop) {
        // 3.13: OSError: [Errno 99] error while attempting to bind on address ('8.8.8.8', 0):
        //       [errno 99] cannot assign requested address
        BindException e = assertThrows(BindException.class, () -> loop.createConnection(() -> NOOP, "127.0.0.1", 1,
                ConnectOptions.defaults().withLocalAddr(new InetSocketAddress("8.8.8.8", 0))));
        assertEquals("[Errno 99] error while attempting to bind on address ('8.8.8.8', 0): "
                + "[errno 99] cannot assign requested address", e.getMessage());
    }

    @Test
    void serverHostnameWithoutSslIsRefused(EventLoop loop) {
        // 3.13: ValueError: server_hostname is only meaningful with ssl
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.createConnection(
                () -> NOOP, "127.0.0.1", 1, ConnectOptions.defaults().withServerHostname("x")));
        assertEquals("EventLoop.createConnection(): serverHostname is only meaningful with ssl; set withSsl(...) "
                + "too, or drop it", e.getMessage());
    }

    @Test
    void anSslHandshakeTimeoutWithoutSslIsRefused(EventLoop loop) {
        // 3.13: ValueError: ssl_handshake_timeout is only meaningful with ssl
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.createConnection(
                () -> NOOP, "127.0.0.1", 1, ConnectOptions.defaults().withSslHandshakeTimeout(Duration.ofSeconds(1))));
        assertEquals("EventLoop.createConnection(): sslHandshakeTimeout is only meaningful with ssl; set "
                + "withSsl(...) too, or drop it", e.getMessage());
    }

    @Test
    void anSslShutdownTimeoutWithoutSslIsRefused(EventLoop loop) {
        // 3.13: ValueError: ssl_shutdown_timeout is only meaningful with ssl
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.createConnection(
                () -> NOOP, "127.0.0.1", 1, ConnectOptions.defaults().withSslShutdownTimeout(Duration.ofSeconds(1))));
        assertEquals("EventLoop.createConnection(): sslShutdownTimeout is only meaningful with ssl; set "
                + "withSsl(...) too, or drop it", e.getMessage());
    }

    @Test
    void aServersSslHandshakeTimeoutWithoutSslIsRefused(EventLoop loop) {
        // 3.13: create_server(..., ssl_handshake_timeout=1): ValueError: ssl_handshake_timeout is only
        //       meaningful with ssl
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.createServer(
                () -> NOOP, "127.0.0.1", 0, ServerOptions.defaults().withSslHandshakeTimeout(Duration.ofSeconds(1))));
        assertEquals("EventLoop.createServer(): sslHandshakeTimeout is only meaningful with ssl; set withSsl(...) "
                + "too, or drop it", e.getMessage());
    }

    @Test
    void sockConnectRefusedHasTheSameMessage(EventLoop loop) throws Exception {
        // 3.13 (debug): sock_connect: ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 1)
        int port = LoopbackHosts.refusedPort();
        try (SocketChannel ch = SocketChannel.open()) {
            ch.configureBlocking(false);
            ConnectException e = assertThrows(ConnectException.class,
                    () -> loop.sockConnect(ch, new InetSocketAddress("127.0.0.1", port)));
            assertEquals("[Errno 111] Connect call failed ('127.0.0.1', " + port + ")", e.getMessage());
        }
    }
}
