package io.asyncio4j.streams;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Options of a listening server ({@code EventLoop.createServer}, {@code createUnixServer},
 * {@code Asyncio.startServer}...). Immutable; start from {@link #defaults()}:
 * <pre>{@code
 * var opts = ServerOptions.defaults().withSsl(serverContext).withBacklog(1024);
 * }</pre>
 * asyncio: the keyword arguments of {@code loop.create_server()}
 *
 * @param ssl TLS context with the server's certificate, or null for plain TCP. asyncio: {@code ssl=}
 * @param sslHandshakeTimeout how long each TLS handshake may take (default 60 s; another value
 *     without {@code ssl} is refused by the server's creation, as asyncio's ValueError)
 * @param sslShutdownTimeout how long each TLS close may take (default 30 s; likewise)
 * @param backlog the listen backlog (default 100, as asyncio)
 * @param reuseAddress SO_REUSEADDR (default true, as asyncio on POSIX)
 * @param reusePort SO_REUSEPORT (default false)
 * @param startServing accept at once (default true); false: bound and listening, but connections
 *     wait in the backlog until {@code startServing()} or {@code serveForever()}
 * @param noDelay TCP_NODELAY on accepted connections (default true, as asyncio)
 * @param limit the stream reader's buffer limit (streams only; default 64 KiB)
 * @param keepAlive SO_KEEPALIVE on accepted TCP connections (default false, as asyncio).
 *     asyncio: {@code keep_alive=} (3.13)
 * @param cleanupSocket a Unix server removes its socket file when it closes, if the file is still
 *     the one it made (default true). asyncio: {@code cleanup_socket=} (3.13)
 */
public record ServerOptions(SSLContext ssl, Duration sslHandshakeTimeout, Duration sslShutdownTimeout, int backlog,
                            boolean reuseAddress, boolean reusePort, boolean startServing, boolean noDelay,
                            int limit, boolean keepAlive, boolean cleanupSocket) {
    private static final ServerOptions DEFAULTS = new ServerOptions(null, Duration.ofSeconds(60),
            Duration.ofSeconds(30), 100, true, false, true, true, StreamReader.DEFAULT_LIMIT, false, true);

    /** Checks the values. */
    public ServerOptions {
        Checks.positive(sslHandshakeTimeout, "sslHandshakeTimeout");
        Checks.positive(sslShutdownTimeout, "sslShutdownTimeout");
        if (backlog <= 0) {
            throw new IllegalArgumentException("ServerOptions: backlog must be > 0, got " + backlog);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("ServerOptions: limit must be > 0, got " + limit);
        }
    }

    /** Plain TCP, backlog 100, SO_REUSEADDR on, serving at once, TCP_NODELAY on, 64 KiB stream limit. */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /** A copy serving TLS with {@code ctx}. */
    public ServerOptions withSsl(SSLContext ctx) {
        return new ServerOptions(ctx, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, reusePort,
                startServing, noDelay, limit, keepAlive, cleanupSocket);
    }

    /** A copy with another TLS handshake timeout. */
    public ServerOptions withSslHandshakeTimeout(Duration d) {
        return new ServerOptions(ssl, d, sslShutdownTimeout, backlog, reuseAddress, reusePort, startServing, noDelay,
                limit, keepAlive, cleanupSocket);
    }

    /** A copy with another TLS shutdown timeout. */
    public ServerOptions withSslShutdownTimeout(Duration d) {
        return new ServerOptions(ssl, sslHandshakeTimeout, d, backlog, reuseAddress, reusePort, startServing, noDelay,
                limit, keepAlive, cleanupSocket);
    }

    /** A copy with another listen backlog. */
    public ServerOptions withBacklog(int n) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, n, reuseAddress, reusePort,
                startServing, noDelay, limit, keepAlive, cleanupSocket);
    }

    /** A copy with SO_REUSEADDR on or off. */
    public ServerOptions withReuseAddress(boolean on) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, on, reusePort, startServing,
                noDelay, limit, keepAlive, cleanupSocket);
    }

    /** A copy with SO_REUSEPORT on or off. */
    public ServerOptions withReusePort(boolean on) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, on,
                startServing, noDelay, limit, keepAlive, cleanupSocket);
    }

    /** A copy that starts accepting at once, or only on {@code startServing()}. */
    public ServerOptions withStartServing(boolean on) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, reusePort, on,
                noDelay, limit, keepAlive, cleanupSocket);
    }

    /** A copy with TCP_NODELAY on or off for accepted connections. */
    public ServerOptions withNoDelay(boolean on) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, reusePort,
                startServing, on, limit, keepAlive, cleanupSocket);
    }

    /** A copy with another stream reader limit. */
    public ServerOptions withLimit(int bytes) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, reusePort,
                startServing, noDelay, bytes, keepAlive, cleanupSocket);
    }

    /** A copy with SO_KEEPALIVE on accepted TCP connections on or off. */
    public ServerOptions withKeepAlive(boolean on) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, reusePort,
                startServing, noDelay, limit, on, cleanupSocket);
    }

    /** A copy whose Unix server removes its socket file on close (true) or leaves it (false). */
    public ServerOptions withCleanupSocket(boolean on) {
        return new ServerOptions(ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, reusePort,
                startServing, noDelay, limit, keepAlive, on);
    }
}
