package io.asyncio4j.http.web;

import javax.net.ssl.SSLContext;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Options of {@link Web#runApp(Application, RunAppOptions)} and {@link Web#serveApp}: where to
 * serve and how. Immutable; start from {@link #defaults()}:
 * <pre>{@code
 * runApp(app, RunAppOptions.defaults().withHosts("127.0.0.1", "::1").withPort(8080).withPath(Path.of("/run/app.sock")));
 * }</pre>
 * Sites are made in aiohttp's order: a {@link TcpSite} per host — or one on all interfaces when
 * no host is given and either no path or socket is given or a port is; then a {@link UnixSite}
 * per path; then a {@link SockSite} per socket. Checked when the application is run: at least one
 * site (an empty host list alone serves nothing). Immutable: any thread may make and share one.
 * <p>
 * aiohttp: the keyword arguments of {@code web.run_app()}
 *
 * @param hosts the hosts to serve on (TCP), or null for none given. aiohttp: {@code host=} (a
 *     string or a list)
 * @param port the TCP port (0: one the system picks), or null for none given: 8080, 8443 with
 *     TLS. aiohttp: {@code port=}
 * @param paths Unix-domain socket paths to serve on (empty: none). aiohttp: {@code path=}
 * @param sockets listening sockets made elsewhere to serve on (empty: none). aiohttp: {@code sock=}
 * @param shutdownTimeout how long the graceful shutdown waits for requests in progress before
 *     cancelling them (default 60 s). aiohttp: {@code shutdown_timeout=}
 * @param keepaliveTimeout how long an idle kept-alive connection stays open (default 75 s;
 *     {@code Duration.ZERO}: no limit). aiohttp: {@code keepalive_timeout=}
 * @param ssl TLS for every site, or null for plain HTTP. aiohttp: {@code ssl_context=}
 * @param print what takes the banner (one string, its two lines joined by a newline), or null for
 *     silence; default: standard output. aiohttp: {@code print=}
 * @param backlog the listen backlog of the TCP and Unix sites (default 128). aiohttp: {@code backlog=}
 * @param accessLog the logger of the access log, or null for none; default
 *     {@link AccessLogger#DEFAULT_LOGGER_NAME}. aiohttp: {@code access_log=}
 * @param accessLogFormat the access log's format (default {@link AccessLogger#DEFAULT_FORMAT}).
 *     aiohttp: {@code access_log_format=}
 * @param handleSignals SIGINT and SIGTERM shut the application down gracefully (default true);
 *     false: no handlers are installed. aiohttp: {@code handle_signals=}
 * @param reuseAddress SO_REUSEADDR on the TCP sites (default true, as asyncio on POSIX).
 *     aiohttp: {@code reuse_address=}
 * @param reusePort SO_REUSEPORT on the TCP sites (default false). aiohttp: {@code reuse_port=}
 */
public record RunAppOptions(List<String> hosts, Integer port, List<Path> paths, List<ServerSocketChannel> sockets,
                            Duration shutdownTimeout, Duration keepaliveTimeout, SSLContext ssl,
                            Consumer<String> print, int backlog, System.Logger accessLog, String accessLogFormat,
                            boolean handleSignals, boolean reuseAddress, boolean reusePort) {
    private static final RunAppOptions DEFAULTS = new RunAppOptions(null, null, List.of(), List.of(),
            AppRunner.DEFAULT_SHUTDOWN_TIMEOUT, AppRunner.DEFAULT_KEEPALIVE_TIMEOUT, null, RunAppOptions::printOut,
            128, System.getLogger(AccessLogger.DEFAULT_LOGGER_NAME), AccessLogger.DEFAULT_FORMAT, true, true, false);

    /**
     * Checks the values and copies the lists.
     *
     * @throws IllegalArgumentException naming the value at fault
     */
    public RunAppOptions {
        if (hosts != null) {
            for (String h : hosts) {
                if (h == null || h.isBlank()) {
                    throw new IllegalArgumentException("RunAppOptions: a host is " + (h == null ? "null" : "blank")
                            + " in " + hosts + "; give host names or addresses (no hosts at all: all interfaces)");
                }
            }
            hosts = List.copyOf(hosts);
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("RunAppOptions: the port " + port + " is out of range; give 0 to "
                    + "65535 (0: the system picks one)");
        }
        paths = copyWithoutNulls(paths, "paths", "Unix socket paths");
        sockets = copyWithoutNulls(sockets, "sockets", "listening ServerSocketChannels");
        shutdownTimeout = nonNegative(shutdownTimeout, "shutdownTimeout", "Duration.ZERO cancels requests at once");
        keepaliveTimeout = nonNegative(keepaliveTimeout, "keepaliveTimeout", "Duration.ZERO: no limit");
        if (backlog <= 0) {
            throw new IllegalArgumentException("RunAppOptions: the backlog must be > 0, got " + backlog);
        }
        if (accessLogFormat == null) {
            throw new IllegalArgumentException("RunAppOptions: the access log format is null; give one "
                    + "(AccessLogger.DEFAULT_FORMAT is aiohttp's), or a null access log for none");
        }
        new AccessLogger(accessLogFormat); // refuses an unknown directive now rather than at run time
    }

    private static <T> List<T> copyWithoutNulls(List<T> list, String name, String what) {
        boolean holdsNull = false;
        if (list != null) {
            for (T t : list) { // not contains(null): an immutable list throws on that
                holdsNull |= t == null;
            }
        }
        if (list == null || holdsNull) {
            throw new IllegalArgumentException("RunAppOptions: the " + name + " list "
                    + (list == null ? "is null" : "holds a null") + "; give " + what + " (an empty list: none)");
        }
        return List.copyOf(list);
    }

    private static Duration nonNegative(Duration d, String name, String hint) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("RunAppOptions: " + name + " is "
                    + (d == null ? "null" : "negative (" + d + ")") + "; give Duration.ZERO or more (" + hint + ")");
        }
        return d;
    }

    /** aiohttp's default print: the banner's lines on standard output, flushed at once. */
    private static void printOut(String text) {
        PrintStream out = System.out;
        out.println(text);
        out.flush();
    }

    /**
     * aiohttp's defaults: all interfaces on 8080, 60 s shutdown timeout, 75 s keep-alive, the
     * banner on standard output, backlog 128, the access log on, SIGINT/SIGTERM handled.
     * aiohttp: {@code web.run_app(app)}
     */
    public static RunAppOptions defaults() {
        return DEFAULTS;
    }

    /** The port the TCP sites use: the one given, else 8080, or 8443 with TLS. aiohttp: {@code TCPSite}'s default */
    public int effectivePort() {
        return port != null ? port : ssl != null ? 8443 : 8080;
    }

    /** A copy serving on {@code host} alone. aiohttp: {@code host="..."} */
    public RunAppOptions withHost(String host) {
        return withHosts(java.util.Collections.singletonList(host));
    }

    /** A copy serving on each of {@code hosts}. aiohttp: {@code host=[...]} */
    public RunAppOptions withHosts(String... hosts) {
        return withHosts(java.util.Arrays.asList(hosts));
    }

    /** A copy serving on each of {@code hosts}; null: none given. aiohttp: {@code host=[...]} */
    public RunAppOptions withHosts(List<String> hosts) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy on TCP port {@code port} (0: the system picks). aiohttp: {@code port=} */
    public RunAppOptions withPort(int port) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy serving on the Unix socket {@code path} alone. aiohttp: {@code path="..."} */
    public RunAppOptions withPath(Path path) {
        return withPaths(java.util.Collections.singletonList(path));
    }

    /** A copy serving on each of the Unix socket {@code paths}. aiohttp: {@code path=[...]} */
    public RunAppOptions withPaths(List<Path> paths) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy serving on the listening {@code socket} alone. aiohttp: {@code sock=sock} */
    public RunAppOptions withSocket(ServerSocketChannel socket) {
        return withSockets(java.util.Collections.singletonList(socket));
    }

    /** A copy serving on each of the listening {@code sockets}. aiohttp: {@code sock=[...]} */
    public RunAppOptions withSockets(List<ServerSocketChannel> sockets) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy with another shutdown timeout. aiohttp: {@code shutdown_timeout=} */
    public RunAppOptions withShutdownTimeout(Duration d) {
        return new RunAppOptions(hosts, port, paths, sockets, d, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy with another keep-alive timeout ({@code Duration.ZERO}: no limit). aiohttp: {@code keepalive_timeout=} */
    public RunAppOptions withKeepaliveTimeout(Duration d) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, d, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy serving TLS with {@code ctx} on every site (null: plain HTTP). aiohttp: {@code ssl_context=} */
    public RunAppOptions withSsl(SSLContext ctx) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ctx, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy giving the banner to {@code print} (null: silent). aiohttp: {@code print=} */
    public RunAppOptions withPrint(Consumer<String> print) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy with another listen backlog. aiohttp: {@code backlog=} */
    public RunAppOptions withBacklog(int n) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, n,
                accessLog, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy logging requests to {@code logger} (null: no access log). aiohttp: {@code access_log=} */
    public RunAppOptions withAccessLog(System.Logger logger) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                logger, accessLogFormat, handleSignals, reuseAddress, reusePort);
    }

    /** A copy with another access log format ({@link AccessLogger}'s directives). aiohttp: {@code access_log_format=} */
    public RunAppOptions withAccessLogFormat(String format) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, format, handleSignals, reuseAddress, reusePort);
    }

    /** A copy that handles SIGINT/SIGTERM (true) or installs no signal handler (false). aiohttp: {@code handle_signals=} */
    public RunAppOptions withHandleSignals(boolean on) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, on, reuseAddress, reusePort);
    }

    /** A copy with SO_REUSEADDR on the TCP sites on or off. aiohttp: {@code reuse_address=} */
    public RunAppOptions withReuseAddress(boolean on) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, on, reusePort);
    }

    /** A copy with SO_REUSEPORT on the TCP sites on or off. aiohttp: {@code reuse_port=} */
    public RunAppOptions withReusePort(boolean on) {
        return new RunAppOptions(hosts, port, paths, sockets, shutdownTimeout, keepaliveTimeout, ssl, print, backlog,
                accessLog, accessLogFormat, handleSignals, reuseAddress, on);
    }

    /** The access logger these options make: null when off. */
    AccessLogger accessLogger() {
        return accessLog == null ? null : new AccessLogger(accessLogFormat, accessLog);
    }
}
