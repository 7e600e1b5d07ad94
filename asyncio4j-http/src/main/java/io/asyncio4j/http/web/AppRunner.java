package io.asyncio4j.http.web;

import io.asyncio4j.TimeoutException;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.sync.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.sleep;

/**
 * Runs an application inside a program: {@link #setup} freezes it, sets up its cleanup contexts
 * and runs its startup hooks, {@link TcpSite}s, {@link UnixSite}s and {@link SockSite}s then serve it,
 * {@link #cleanup} shuts down gracefully — stops accepting, runs the shutdown hooks, closes idle
 * connections, lets requests in progress finish (up to the shutdown timeout, then cancels them),
 * tears down the cleanup contexts, runs the cleanup hooks. Usable with try-with-resources
 * ({@code close()} is {@code cleanup()}).
 * <p>
 * States ({@link State}); {@code CLEANED} is final:
 * <pre>
 *   NEW ──setup──▶ READY ──cleanup──▶ CLEANED
 *   NEW ──cleanup──▶ CLEANED          (nothing to do)
 * </pre>
 * A runner is READY from the moment {@code setup()} froze the application, so a startup hook or
 * context that fails still leaves {@code cleanup()} something to undo (the contexts set up before it).
 * <p>
 * Threading: a task on the loop that serves (setup, cleanup, and the sites' start); the
 * connection set is touched only there, by those tasks and the connections' own.
 * <p>
 * asyncio: aiohttp's {@code web.AppRunner}
 */
public final class AppRunner implements AutoCloseable {
    /** Runner states; see the class comment. asyncio: none (aiohttp's runner checks {@code _server is None}) */
    public enum State {
        /** Made, not set up: no site may start yet. */
        NEW,
        /** Set up: sites may start and serve. */
        READY,
        /** Cleaned up (or never set up, then closed); final. */
        CLEANED
    }

    /** aiohttp's default {@code shutdown_timeout}: 60 s. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    /** aiohttp's default {@code keepalive_timeout}: 75 s. */
    public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(75);

    private final Application app;
    private final Duration shutdownTimeout;
    private final double keepaliveSeconds; // 0: none
    private AccessLogger accessLog;        // null: none; set before setup, then read by each connection
    private final List<BaseSite> sites = new ArrayList<>();
    // guarded by: the loop thread (connections come and go in their tasks on it)
    private final Set<RequestHandler> connections = new LinkedHashSet<>();
    private State state = State.NEW;
    private Event drained; // set by the last connection to end once cleanup() began

    /** A runner for {@code app} with the default shutdown timeout. asyncio: {@code web.AppRunner(app)} */
    public AppRunner(Application app) {
        this(app, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * A runner for {@code app}; {@link #cleanup} waits up to {@code shutdownTimeout} for
     * requests in progress. asyncio: {@code web.AppRunner(app)} with {@code shutdown_timeout}
     */
    public AppRunner(Application app, Duration shutdownTimeout) {
        this(app, shutdownTimeout, DEFAULT_KEEPALIVE_TIMEOUT);
    }

    /**
     * A runner for {@code app}; {@link #cleanup} waits up to {@code shutdownTimeout} for
     * requests in progress, and a kept-alive connection whose next request has not arrived
     * {@code keepaliveTimeout} after the last response is closed ({@code Duration.ZERO}: never).
     * asyncio: {@code web.AppRunner(app, shutdown_timeout=..., keepalive_timeout=...)}
     */
    public AppRunner(Application app, Duration shutdownTimeout, Duration keepaliveTimeout) {
        if (keepaliveTimeout == null || keepaliveTimeout.isNegative()) {
            throw new IllegalArgumentException("AppRunner(): the keep-alive timeout is "
                    + (keepaliveTimeout == null ? "null" : "negative (" + keepaliveTimeout + ")")
                    + "; give Duration.ZERO (no timeout) or more");
        }
        this.keepaliveSeconds = keepaliveTimeout.toNanos() / 1e9;
        if (app == null) {
            throw new IllegalArgumentException("AppRunner(): the application is null; pass the Application to serve");
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("AppRunner(): the shutdown timeout is "
                    + (shutdownTimeout == null ? "null" : "negative (" + shutdownTimeout + ")")
                    + "; give Duration.ZERO (cancel at once) or more");
        }
        this.app = app;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Logs every answered request with {@code log} (null: no access log, the default). Before
     * {@link #setup()}. asyncio: {@code web.AppRunner(app, access_log=..., access_log_format=...)}
     *
     * @throws IllegalStateException after setup
     */
    public AppRunner withAccessLog(AccessLogger log) {
        if (state != State.NEW) {
            throw new IllegalStateException("AppRunner.withAccessLog(): the runner is already " + state
                    + "; choose the access log before setup()");
        }
        this.accessLog = log;
        return this;
    }

    /** The access log, or null when off. asyncio: {@code runner._kwargs["access_log"]} */
    public AccessLogger accessLog() {
        return accessLog;
    }

    /**
     * Freezes the application, sets up its {@link Application#cleanupCtx() cleanup contexts} and runs
     * its startup hooks; may suspend. asyncio: {@code await runner.setup()}
     */
    public void setup() throws Exception {
        if (state != State.NEW) {
            throw new IllegalStateException("AppRunner.setup(): the runner is already " + state
                    + "; a runner is set up once (make a new AppRunner to serve again)");
        }
        app.freeze();
        state = State.READY;
        app.startup();
    }

    /** The application. asyncio: {@code runner.app} */
    public Application app() {
        return app;
    }

    /** The runner's state; see the class comment. asyncio: none (see {@link State}) */
    public State state() {
        return state;
    }

    /** The sites started on it. asyncio: {@code runner.sites} */
    public List<BaseSite> sites() {
        return List.copyOf(sites);
    }

    /**
     * Connections open now (for tests and monitoring).
     * asyncio: none (closest: {@code len(runner.server.connections)})
     */
    public int connectionCount() {
        return connections.size();
    }

    void checkReady(String who) {
        if (state != State.READY) {
            throw new IllegalStateException(who + ": the runner is " + state + "; call AppRunner.setup() first"
                    + (state == State.CLEANED ? " on a new runner" : ""));
        }
    }

    void addSite(BaseSite site) {
        sites.add(site);
    }

    /** Serves one connection (the server's callback): runs in the connection's task. */
    void serve(StreamReader in, StreamWriter out) {
        RequestHandler h = new RequestHandler(app, in, out, keepaliveSeconds, accessLog);
        if (state != State.READY) {
            out.close();
            return;
        }
        connections.add(h);
        try {
            h.serve(currentTask());
        } finally {
            connections.remove(h);
            if (connections.isEmpty() && drained != null) {
                drained.set();
            }
        }
    }

    /**
     * Shuts down gracefully (see the class comment); may suspend. Idempotent. Every shutdown hook,
     * teardown and cleanup hook runs even if one fails; then the first failure is thrown, the later
     * ones suppressed in it.
     * asyncio: {@code await runner.cleanup()}
     */
    public void cleanup() throws Exception {
        if (state == State.CLEANED) {
            return;
        }
        boolean wasReady = state == State.READY;
        state = State.CLEANED;
        if (!wasReady) {
            return;
        }
        for (BaseSite s : sites) {
            s.stopAccepting();
        }
        Exception failure = null;
        for (AppHook h : app.onShutdown()) {
            failure = runHook(h, failure);
        }
        drained = new Event();
        if (connections.isEmpty()) {
            drained.set();
        }
        for (RequestHandler h : List.copyOf(connections)) {
            h.shutdown();
        }
        waitForConnections();
        for (BaseSite s : sites) {
            s.awaitClosed();
        }
        failure = app.cleanup(failure); // contexts' teardowns, then the cleanup hooks
        if (failure != null) {
            throw failure;
        }
    }

    private Exception runHook(AppHook h, Exception failure) {
        try {
            h.run(app);
        } catch (Exception e) { // not a CancelledError (an Error): that stops the cleanup
            return Application.collect(failure, e);
        }
        return failure;
    }

    private void waitForConnections() {
        try {
            io.asyncio4j.Asyncio.timeout(shutdownTimeout, () -> {
                drained.await();
                return null;
            });
        } catch (TimeoutException e) {
            for (RequestHandler h : List.copyOf(connections)) {
                h.abort();
            }
            // let the cancelled tasks unwind and close their transports
            sleep(0);
        }
    }

    /**
     * Same as {@link #cleanup()}, for try-with-resources. May suspend.
     * asyncio: none (aiohttp's runner has no {@code async with}; same as {@code await runner.cleanup()})
     */
    @Override
    public void close() throws Exception {
        cleanup();
    }

    /** {@code <AppRunner READY sites=1 connections=2>}: the state, the sites, the connections. asyncio: none */
    @Override
    public String toString() {
        return "<AppRunner " + state + " sites=" + sites.size() + " connections=" + connections.size() + ">";
    }
}
