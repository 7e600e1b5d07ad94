package io.asyncio4j.http.web;

import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import static io.asyncio4j.Asyncio.startServer;

/**
 * Serves an {@link AppRunner}'s application on a TCP host and port (port 0: one the system
 * picks, see {@link #port()}), over TLS when given an {@link SSLContext}. Its states and
 * life cycle are {@link BaseSite}'s.
 * <p>
 * Threading: a task on the loop that serves.
 * <p>
 * asyncio: aiohttp's {@code web.TCPSite}
 */
public final class TcpSite extends BaseSite {
    private final String host;
    private final int port;
    private final ServerOptions options;

    /** A site for {@code runner} on {@code host}:{@code port}. asyncio: {@code web.TCPSite(runner, host, port)} */
    public TcpSite(AppRunner runner, String host, int port) {
        this(runner, host, port, ServerOptions.defaults().withBacklog(1024));
    }

    /**
     * A site with server options of one's own (backlog, reuse-port, TLS through
     * {@link ServerOptions#withSsl}). asyncio: {@code web.TCPSite(runner, host, port, ssl_context=..., backlog=...)}
     */
    public TcpSite(AppRunner runner, String host, int port, ServerOptions options) {
        super(runner);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TcpSite(): the port " + port + " is out of range; give 0 to 65535 "
                    + "(0: the system picks one)");
        }
        this.host = host;
        this.port = port;
        this.options = options;
    }

    @Override
    Server listen() throws IOException {
        return startServer(runner::serve, host, port, options);
    }

    /**
     * The port it listens on (the one picked, for port 0).
     * asyncio: none (closest: {@code site._server.sockets[0].getsockname()[1]})
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("TcpSite.port(): the site has not started; call start() first");
        }
        for (SocketAddress a : server.addresses()) {
            if (a instanceof InetSocketAddress i) {
                return i.getPort();
            }
        }
        return port;
    }

    /** The site's URL, {@code http://127.0.0.1:8080}. asyncio: {@code site.name} */
    @Override
    public String name() {
        String h = host == null ? "0.0.0.0" : host.contains(":") ? "[" + host + "]" : host;
        return (options.ssl() != null ? "https" : "http") + "://" + h + ":" + (server == null ? port : port());
    }
}
