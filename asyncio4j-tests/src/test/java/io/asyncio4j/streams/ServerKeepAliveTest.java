package io.asyncio4j.streams;

import io.asyncio4j.Future;
import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SO_KEEPALIVE on a server's accepted connections: asyncio 3.13's {@code create_server(keep_alive=)}. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ServerKeepAliveTest {

    /** Whether the server side of one connection to a server made with {@code o} has SO_KEEPALIVE. */
    private static boolean acceptedKeepAlive(EventLoop loop, ServerOptions o) throws Exception {
        Future<Boolean> seen = loop.createFuture();
        try (Server server = startServer((r, w) -> {
            SocketChannel ch = (SocketChannel) w.getExtraInfo("socket");
            seen.setResult(ch.getOption(StandardSocketOptions.SO_KEEPALIVE));
            w.close();
        }, "127.0.0.1", 0, o)) {
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = openConnection("127.0.0.1", port);
            boolean on = seen.await();
            c.writer().close();
            c.writer().waitClosed();
            return on;
        }
    }

    @Test
    void acceptedConnectionsHaveNoKeepAliveByDefault(EventLoop loop) throws Exception {
        assertFalse(acceptedKeepAlive(loop, ServerOptions.defaults()));
    }

    @Test
    void keepAliveTurnsSoKeepaliveOnForEveryAcceptedConnection(EventLoop loop) throws Exception {
        assertTrue(acceptedKeepAlive(loop, ServerOptions.defaults().withKeepAlive(true)));
    }
}
