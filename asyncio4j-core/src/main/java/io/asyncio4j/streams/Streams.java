package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.contextvars.Context;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The stream functions: a connection as a {@link StreamReader} and a {@link StreamWriter}, a
 * server that runs a task per connection. {@link io.asyncio4j.Asyncio} has the same methods
 * ({@code Asyncio.openConnection}...); both work on the running loop and may suspend.
 * <pre>{@code
 * StreamPair conn = Streams.openConnection("127.0.0.1", 8888);
 * conn.writer().write("ping\n".getBytes());
 * byte[] reply = conn.reader().readline();
 * conn.writer().close();
 * conn.writer().waitClosed();
 * }</pre>
 * Threading: from a task of the running loop.
 * <p>
 * asyncio: {@code asyncio.streams} ({@code open_connection}, {@code start_server},
 * {@code open_unix_connection}, {@code start_unix_server})
 */
public final class Streams {
    private Streams() {
    }

    /**
     * Connects to {@code host:port}. May suspend. asyncio: {@code asyncio.open_connection(host, port)}
     *
     * @throws java.net.ConnectException if the connection is refused
     * @throws java.net.UnknownHostException if the host has no address
     */
    public static StreamPair openConnection(String host, int port) throws IOException {
        return openConnection(host, port, ConnectOptions.defaults());
    }

    /**
     * Connects to {@code host:port} with options (TLS, limit...). May suspend.
     * asyncio: {@code asyncio.open_connection(host, port, limit=, ssl=, ...)}
     */
    public static StreamPair openConnection(String host, int port, ConnectOptions options) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        ConnectOptions o = options != null ? options : ConnectOptions.defaults();
        StreamReader reader = new StreamReader(loop, o.limit());
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        TransportPair<Transport, StreamReaderProtocol> tp = loop.createConnection(() -> protocol, host, port, o);
        return new StreamPair(reader, new StreamWriter(tp.transport(), protocol, reader, loop));
    }

    /**
     * Serves {@code host:port}: each connection runs {@code callback} in a task of its own. May
     * suspend. asyncio: {@code asyncio.start_server(client_connected_cb, host, port)}
     *
     * @throws java.net.BindException if the address is in use
     */
    public static Server startServer(ClientConnectedCallback callback, String host, int port) throws IOException {
        return startServer(callback, host, port, ServerOptions.defaults());
    }

    /** {@link #startServer(ClientConnectedCallback, String, int)} with options. May suspend. */
    public static Server startServer(ClientConnectedCallback callback, String host, int port, ServerOptions options)
            throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        ServerOptions o = options != null ? options : ServerOptions.defaults();
        requireCallback(callback, "startServer");
        return loop.createServer(handlers(callback, loop, o), host, port, o);
    }

    /**
     * {@link #startServer(ClientConnectedCallback, String, int, ServerOptions)} on several hosts
     * (one listening socket per address of each). May suspend.
     * asyncio: {@code asyncio.start_server(cb, host=[...], port)}
     */
    public static Server startServer(ClientConnectedCallback callback, java.util.List<String> hosts, int port,
                                     ServerOptions options) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        ServerOptions o = options != null ? options : ServerOptions.defaults();
        requireCallback(callback, "startServer");
        return loop.createServer(handlers(callback, loop, o), hosts, port, o);
    }

    /**
     * Streams over a socket already connected elsewhere (TCP or Unix). May suspend.
     * asyncio: {@code asyncio.open_connection(sock=sock)}
     */
    public static StreamPair openConnection(java.nio.channels.SocketChannel socket, ConnectOptions options)
            throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        ConnectOptions o = options != null ? options : ConnectOptions.defaults();
        StreamReader reader = new StreamReader(loop, o.limit());
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        TransportPair<Transport, StreamReaderProtocol> tp = loop.createConnection(() -> protocol, socket, o);
        return new StreamPair(reader, new StreamWriter(tp.transport(), protocol, reader, loop));
    }

    /**
     * Serves a socket bound elsewhere (TCP or Unix): each connection runs {@code callback} in a
     * task of its own. May suspend. asyncio: {@code asyncio.start_server(cb, sock=sock)}
     */
    public static Server startServer(ClientConnectedCallback callback, java.nio.channels.ServerSocketChannel socket,
                                     ServerOptions options) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        ServerOptions o = options != null ? options : ServerOptions.defaults();
        requireCallback(callback, "startServer");
        return loop.createServer(handlers(callback, loop, o), socket, o);
    }

    /** Connects to a Unix-domain socket. May suspend. asyncio: {@code asyncio.open_unix_connection(path)} */
    public static StreamPair openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, ConnectOptions.defaults());
    }

    /** {@link #openUnixConnection(Path)} with options. May suspend. */
    public static StreamPair openUnixConnection(Path path, ConnectOptions options) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        ConnectOptions o = options != null ? options : ConnectOptions.defaults();
        StreamReader reader = new StreamReader(loop, o.limit());
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        TransportPair<Transport, StreamReaderProtocol> tp = loop.createUnixConnection(() -> protocol, path, o);
        return new StreamPair(reader, new StreamWriter(tp.transport(), protocol, reader, loop));
    }

    /** Serves a Unix-domain socket at {@code path}. May suspend. asyncio: {@code asyncio.start_unix_server(cb, path)} */
    public static Server startUnixServer(ClientConnectedCallback callback, Path path) throws IOException {
        return startUnixServer(callback, path, ServerOptions.defaults());
    }

    /** {@link #startUnixServer(ClientConnectedCallback, Path)} with options. May suspend. */
    public static Server startUnixServer(ClientConnectedCallback callback, Path path, ServerOptions options)
            throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        ServerOptions o = options != null ? options : ServerOptions.defaults();
        requireCallback(callback, "startUnixServer");
        return loop.createUnixServer(handlers(callback, loop, o), path, o);
    }

    /**
     * A server's protocol factory: each connection's handler task runs in a copy of the context
     * the server was started in, as asyncio's do (its accept callback captured that context).
     */
    private static Supplier<StreamReaderProtocol> handlers(ClientConnectedCallback callback, EventLoop loop,
                                                           ServerOptions o) {
        Context context = Context.copyContext();
        return () -> new StreamReaderProtocol(new StreamReader(loop, o.limit()), callback, loop, context);
    }

    private static void requireCallback(ClientConnectedCallback cb, String what) {
        if (cb == null) {
            throw new NullPointerException("Streams." + what + "(): the client-connected callback is null");
        }
    }
}
