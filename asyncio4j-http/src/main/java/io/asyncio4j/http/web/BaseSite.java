package io.asyncio4j.http.web;

import io.asyncio4j.streams.Server;

import java.io.IOException;

/**
 * Where an {@link AppRunner} serves its application: a TCP host and port ({@link TcpSite}), a
 * Unix-domain socket ({@link UnixSite}) or a listening socket made elsewhere ({@link SockSite}).
 * Start it once the runner is set up; the runner's cleanup stops it.
 * <p>
 * States ({@link State}); {@code STOPPED} is final:
 * <pre>
 *   NEW ──start──▶ SERVING ──stop / runner cleanup──▶ STOPPED
 * </pre>
 * A {@code start()} that fails (the port is taken, the path is bad) leaves the site NEW.
 * <p>
 * Threading: a task on the loop that serves.
 * <p>
 * asyncio: aiohttp's {@code web.BaseSite}
 */
public abstract sealed class BaseSite permits TcpSite, UnixSite, SockSite {
    /** Site states; see the class comment. asyncio: none (aiohttp's site checks {@code _server is None}) */
    public enum State {
        /** Made, not started. */
        NEW,
        /** Accepting connections. */
        SERVING,
        /** No longer accepting; final (open connections are the runner's to close). */
        STOPPED
    }

    final AppRunner runner;
    // guarded by: the loop thread (start, stop and the runner's cleanup run in its tasks)
    Server server;
    private State state = State.NEW;

    BaseSite(AppRunner runner) {
        if (runner == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(): the runner is null; pass the "
                    + "AppRunner whose application it serves");
        }
        this.runner = runner;
    }

    /** Opens the listening server, accepting into {@code runner::serve}. May suspend. */
    abstract Server listen() throws IOException;

    /** Starts accepting; may suspend. asyncio: {@code await site.start()} */
    public final void start() throws Exception {
        String who = getClass().getSimpleName() + ".start()";
        runner.checkReady(who);
        if (state != State.NEW) {
            throw new IllegalStateException(who + ": the site is " + state + "; a site starts once (make a new "
                    + getClass().getSimpleName() + " to serve again)");
        }
        server = listen();
        state = State.SERVING;
        runner.addSite(this);
    }

    /** The site's URL, {@code http://127.0.0.1:8080} or {@code http://unix:/run/app.sock:}. asyncio: {@code site.name} */
    public abstract String name();

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

    /** {@code <TcpSite SERVING http://127.0.0.1:8080>}: the kind, the state and the URL. asyncio: none */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + state + " " + name() + ">";
    }
}
