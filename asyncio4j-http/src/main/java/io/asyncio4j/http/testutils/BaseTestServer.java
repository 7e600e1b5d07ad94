package io.asyncio4j.http.testutils;

import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.streams.ServerOptions;

import javax.net.ssl.SSLContext;

/**
 * A server for tests: {@link #startServer()} serves an application on a host (127.0.0.1 unless
 * given) and a port (0 unless given: one the system picks), over TLS when given an
 * {@link SSLContext}; {@link #makeUrl} turns a path into a URL on it; {@link #close()} shuts it
 * down gracefully ({@link AppRunner#cleanup()}), after which new connections are refused.
 * <p>
 * States ({@link State}); {@code CLOSED} is final:
 * <pre>
 *   NEW ──startServer──▶ STARTED ──close──▶ CLOSED
 *   NEW ──close──▶ CLOSED                    (nothing to undo)
 *   STARTED ──startServer──▶ STARTED         (no-op, as in aiohttp)
 * </pre>
 * <p>
 * Threading: a task of the loop that serves, for every method (startServer and close may suspend).
 * <p>
 * aiohttp: {@code aiohttp.test_utils.BaseTestServer}
 */
public abstract sealed class BaseTestServer implements AutoCloseable permits TestServer, RawTestServer {
    /** Test server states; see the class comment. aiohttp: {@code started} and {@code closed} */
    public enum State {
        /** Made, not serving. */
        NEW,
        /** Serving: host, port and URLs are known. */
        STARTED,
        /** Shut down (or closed before it started); final. */
        CLOSED
    }

    /** The host a test server listens on unless given another. aiohttp: {@code host="127.0.0.1"} */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final String host;
    private final int requestedPort;
    private final SSLContext ssl;
    // guarded by: the loop thread (startServer and close run in its tasks)
    private State state = State.NEW;
    private AppRunner runner;
    private int port;     // the bound port, once STARTED
    private String root;  // scheme://host:port, once STARTED

    BaseTestServer(String host, int port, SSLContext ssl) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(): the host is "
                    + (host == null ? "null" : "empty") + "; give an address such as 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(): the port " + port
                    + " is out of range; give 0 (the system picks one) to 65535");
        }
        this.host = host;
        this.requestedPort = port;
        this.ssl = ssl;
    }

    /** The application the runner serves (a RawTestServer's wraps its handler). */
    abstract Application application();

    /**
     * Sets up a runner for the application and starts a site on the host and port, in the running
     * loop; a second call does nothing. May suspend. aiohttp: {@code await server.start_server()}
     *
     * @throws IllegalStateException once closed (make a new server to serve again)
     * @throws Exception what the runner's setup (the application's startup hooks) or the bind threw
     */
    public final void startServer() throws Exception {
        if (state == State.STARTED) {
            return;
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException(getClass().getSimpleName() + ".startServer(): the server is closed; "
                    + "make a new one to serve again");
        }
        AppRunner r = new AppRunner(application());
        TcpSite site;
        try {
            r.setup();
            ServerOptions options = ServerOptions.defaults();
            site = new TcpSite(r, host, requestedPort, ssl == null ? options : options.withSsl(ssl));
            site.start();
        } catch (Exception | Error e) {
            // the runner is READY once setup() froze the application, even if a startup hook then
            // failed: the cleanup contexts set up so far and the hooks are undone, as the bind's failure
            try {
                r.cleanup();
            } catch (Exception | Error c) {
                e.addSuppressed(c);
            }
            throw e;
        }
        runner = r;
        port = site.port();
        root = scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        state = State.STARTED;
    }

    /** The state; see the class comment. aiohttp: {@code server.started}, {@code server.closed} */
    public final State state() {
        return state;
    }

    /** Whether {@link #startServer()} has run (it may be closed since). aiohttp: {@code server.started} */
    public final boolean isStarted() {
        return runner != null;
    }

    /** Whether it is closed. aiohttp: {@code server.closed} */
    public final boolean isClosed() {
        return state == State.CLOSED;
    }

    /** The host it listens on, as given. aiohttp: {@code server.host} */
    public final String host() {
        return host;
    }

    /**
     * The port it listens on: the one the system picked, for port 0. aiohttp: {@code server.port}
     *
     * @throws IllegalStateException unless started and not closed (aiohttp gives None then)
     */
    public final int port() {
        checkStarted("port()");
        return port;
    }

    /** {@code https} with an SSLContext, else {@code http}. aiohttp: {@code server.scheme} */
    public final String scheme() {
        return ssl == null ? "http" : "https";
    }

    /** The runner serving the application, or null before {@link #startServer()}. aiohttp: {@code server.runner} */
    public final AppRunner runner() {
        return runner;
    }

    /**
     * The absolute URL of {@code path} on this server: {@code path} percent-encoded where it
     * must be (a space, a non-ASCII character) and resolved against {@code scheme://host:port/}
     * as RFC 3986 joins a reference ({@code "a"} and {@code "/a"} give {@code .../a}, {@code "../a"}
     * gives {@code .../a}, {@code ""} the root itself), query and fragment kept.
     * aiohttp: {@code server.make_url(path)}
     *
     * @throws IllegalArgumentException for an absolute URL or a {@code //host} reference (aiohttp
     *         asserts against them): give the session an absolute URL directly
     * @throws IllegalStateException unless started and not closed
     */
    public final String makeUrl(String path) {
        checkStarted("makeUrl()");
        return RelativeUrl.join(root, path, getClass().getSimpleName() + ".makeUrl()");
    }

    private void checkStarted(String what) {
        if (state != State.STARTED) {
            throw new IllegalStateException(getClass().getSimpleName() + "." + what + ": the server is " + state
                    + (state == State.NEW ? "; call startServer() first" : "; it no longer serves"));
        }
    }

    /**
     * Shuts it down gracefully if it serves ({@link AppRunner#cleanup()}: stops accepting, lets
     * requests in progress finish, runs the cleanup hooks); idempotent. May suspend.
     * aiohttp: {@code await server.close()}
     */
    @Override
    public final void close() throws Exception {
        if (state == State.CLOSED) {
            return;
        }
        boolean serving = state == State.STARTED;
        state = State.CLOSED;
        root = null;
        if (serving) {
            runner.cleanup();
        }
    }

    /** {@code <TestServer STARTED http://127.0.0.1:40123>}. aiohttp: none */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + state + (state == State.STARTED ? " " + root : "") + ">";
    }
}
