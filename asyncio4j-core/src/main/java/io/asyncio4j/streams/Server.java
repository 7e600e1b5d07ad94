package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;

import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * A listening server made by {@code EventLoop.createServer}, {@code createUnixServer},
 * {@code Asyncio.startServer} or {@code startUnixServer}.
 * <p>
 * States: SERVING (accepting) or NOT_SERVING (created with {@code startServing=false}: bound and
 * listening, connections wait in the backlog) → CLOSED ({@link #close()}: the listening sockets
 * are closed; final). Connections already accepted live on after {@code close()};
 * {@link #waitClosed()} waits for them, {@link #closeClients()} / {@link #abortClients()} end them.
 * <p>
 * try-with-resources closes the listening sockets ({@link #close()}, which does not suspend); to
 * also wait for the connections, call {@link #waitClosed()} after it:
 * <pre>{@code
 * try (Server server = startServer(handler, "127.0.0.1", 8888)) {
 *     server.serveForever();
 * }
 * }</pre>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code asyncio.Server}
 */
public interface Server extends AutoCloseable {

    /** The loop the server runs on. asyncio: {@code get_loop()} */
    EventLoop getLoop();

    /** True while accepting connections. asyncio: {@code is_serving()} */
    boolean isServing();

    /**
     * Starts accepting (no-op if already serving), then skips one loop iteration. May suspend
     * (when called from a task). asyncio: {@code await server.start_serving()}
     *
     * @throws IllegalStateException if the server is closed
     */
    void startServing();

    /**
     * Accepts connections until cancelled; cancelling closes the server and waits for its
     * connections to close ({@link #waitClosed()}) before the cancellation goes on. May suspend.
     * asyncio: {@code await server.serve_forever()}
     *
     * @throws IllegalStateException if the server is closed or another task already serves forever
     */
    void serveForever();

    /**
     * Stops accepting and closes the listening sockets; connections already accepted stay open.
     * Idempotent; does not suspend. asyncio: {@code server.close()}
     */
    @Override
    void close();

    /** Closes every connection accepted by this server (buffered data is still sent). asyncio: {@code close_clients()} */
    void closeClients();

    /** Aborts every connection accepted by this server (buffered data is dropped). asyncio: {@code abort_clients()} */
    void abortClients();

    /**
     * Waits until the server is closed and all its connections have been closed. May suspend.
     * asyncio: {@code await server.wait_closed()}
     */
    void waitClosed();

    /**
     * The listening sockets; empty once closed. Do not accept or close them yourself.
     * asyncio: {@code server.sockets}
     */
    List<ServerSocketChannel> sockets();

    /**
     * The local addresses of the listening sockets (with the real port when 0 was asked for);
     * empty once closed. asyncio: {@code [s.getsockname() for s in server.sockets]}
     */
    List<SocketAddress> addresses();

    /** Number of connections accepted by this server that are not closed yet. */
    int activeConnections();
}
