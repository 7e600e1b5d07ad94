package io.asyncio4j.http.web;

import io.asyncio4j.internal.util.InetText;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;

import static io.asyncio4j.Asyncio.startServer;

/**
 * Serves an {@link AppRunner}'s application on a listening socket made elsewhere (TCP or
 * Unix-domain, bound and listening: handed down by a supervisor, or bound before privileges were
 * dropped). Stopping the site closes the socket; a Unix socket's file is left to whoever made it.
 * Its states and life cycle are {@link BaseSite}'s.
 * <p>
 * Threading: a task on the loop that serves.
 * <p>
 * aiohttp: {@code web.SockSite}
 */
public final class SockSite extends BaseSite {
    private final ServerSocketChannel socket;
    private final ServerOptions options;
    private final String name; // fixed when made, from the socket's address, as aiohttp does

    /** A site for {@code runner} on {@code socket}. aiohttp: {@code web.SockSite(runner, sock)} */
    public SockSite(AppRunner runner, ServerSocketChannel socket) {
        this(runner, socket, ServerOptions.defaults().withBacklog(1024)); // TcpSite's backlog
    }

    /**
     * A site with server options of one's own (TLS through {@link ServerOptions#withSsl}).
     * aiohttp: {@code web.SockSite(runner, sock, ssl_context=...)}
     *
     * @throws IllegalArgumentException for a null, closed or unbound socket
     */
    public SockSite(AppRunner runner, ServerSocketChannel socket, ServerOptions options) {
        super(runner);
        SocketAddress local;
        try {
            local = socket == null || !socket.isOpen() ? null : socket.getLocalAddress();
        } catch (IOException e) {
            local = null;
        }
        if (local == null) {
            throw new IllegalArgumentException("SockSite(): the socket is " + (socket == null ? "null"
                    : !socket.isOpen() ? "closed" : "not bound") + "; give a ServerSocketChannel bound to an "
                    + "address (bind() also makes it listen)");
        }
        this.socket = socket;
        this.options = options != null ? options : ServerOptions.defaults();
        this.name = nameOf(this.options.ssl() != null ? "https" : "http", local);
    }

    /** aiohttp's form: {@code http://127.0.0.1:8080}, {@code http://[::1]:8080}, {@code http://unix:/run/app.sock:}. */
    private static String nameOf(String scheme, SocketAddress local) {
        if (local instanceof UnixDomainSocketAddress u) {
            return scheme + "://unix:" + u.getPath() + ":";
        }
        InetSocketAddress i = (InetSocketAddress) local;
        String host = i.getAddress() instanceof Inet6Address a6 ? "[" + InetText.ntop(a6) + "]"
                : i.getAddress().getHostAddress();
        return scheme + "://" + host + ":" + i.getPort();
    }

    @Override
    Server listen() throws IOException {
        return startServer(runner::serve, socket, options);
    }

    /** The socket served. aiohttp: the {@code sock} given to {@code web.SockSite} */
    public ServerSocketChannel socket() {
        return socket;
    }

    /** The site's URL from the socket's address, {@code http://127.0.0.1:8080} or {@code http://unix:/run/app.sock:}. aiohttp: {@code site.name} */
    @Override
    public String name() {
        return name;
    }
}
