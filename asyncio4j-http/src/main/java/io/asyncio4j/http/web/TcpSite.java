package io.asyncio4j.http.web;

import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import static io.asyncio4j.Asyncio.startServer;

/**
 * Serves an {@link AppRunner}'s application on a TCP host and port (port 0: one the system
 * picks, see {@link #port()}), over TLS when given an {@link SSLContext}.
 * <p>
 * States ({@link State}); {@code STOPPED} is final:
 * <pre>
 *   NEW ──start──▶ SERVING ──stop / runner cleanup──▶ STOPPED
 * </pre>
 * A {@code start()} that fails (the port is taken) leaves the site NEW.
 * <p>
 * Threading: a task on the loop that serves.
 * <p>
 * asyncio: aiohttp's {@code web.TCPSite}
 */
public final class TcpSite {
    /** Site states; see the class comment. asyncio: none (aiohttp's site checks {@code _server is None}) */
    public enum State {
        /** Made, not started. */
        NEW,
        /** Accepting connections. */
        SERVING,
        /** No longer accepting; final (open connections are the runner's to close). */
        STOPPED
    }

    private final AppRunner runner;
    private final String host;
    private final int port;
    private final ServerOptions options;
    private Server server;
    private State state = State.NEW;

    /** A site for {@code runner} on {@code host}:{@code port}. asyncio: {@code web.TCPSite(runner, host, port)} */
    public TcpSite(AppRunner runner, String host, int port) {
        this(runner, host, port, ServerOptions.defaults().withBacklog(1024));
    }

    /**
     * A site with server options of one's own (backlog, reuse-port, TLS through
     * {@link ServerOptions#withSsl}). asyncio: {@code web.TCPSite(runner, host, port, ssl_context=..., backlog=...)}
     */
    public TcpSite(AppRunner runner, String host, int port, ServerOptions options) {
        if (runner == null) {
            throw new IllegalArgumentException("TcpSite(): the runner is null; pass the AppRunner whose application "
                    + "it serves");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TcpSite(): the port " + port + " is out of range; give 0 to 65535 "
                    + "(0: the system picks one)");
        }
        this.runner = runner;
        this.host = host;
        this.port = port;
        this.options = options;
    }

    /** Starts accepting; may suspend. asyncio: {@code await site.start()} */
    public void start() throws Exception {
        runner.checkReady("TcpSite.start()");
        if (state != State.NEW) {
            throw new IllegalStateException("TcpSite.start(): the site is " + state
                    + "; a site starts once (make a new TcpSite to serve again)");
        }
        server = startServer(runner::serve, host, port, options);
        state = State.SERVING;
        runner.addSite(this);
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
    public String name() {
        String h = host == null ? "0.0.0.0" : host.contains(":") ? "[" + host + "]" : host;
        return (options.ssl() != null ? "https" : "http") + "://" + h + ":" + (server == null ? port : port());
    }

    /** The server underneath, once started; null before. asyncio: none (aiohttp keeps it as {@code site._server}) */
    public Server server() {
        return server;
    }

    /** The site's state; see the class comment. asyncio: none (see {@link State}) */
    public State state() {
        return state;
    }

    /**
     * Stops accepting; open connections are the runner's to close ({@link AppRunner#cleanup}).
     * Does not suspend. asyncio: {@code await site.stop()}
     */
    public void stop() {
        stopAccepting();
    }

    void stopAccepting() {
        if (state == State.SERVING) {
            server.close();
            state = State.STOPPED;
        }
    }

    void awaitClosed() {
        if (server != null) {
            server.waitClosed();
        }
    }

    /** {@code <TcpSite SERVING http://127.0.0.1:8080>}: the state and the URL. asyncio: none */
    @Override
    public String toString() {
        return "<TcpSite " + state + " " + name() + ">";
    }
}
