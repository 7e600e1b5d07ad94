package io.asyncio4j.http.web;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.http.web.RawHttp.Reply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.timeout;

/**
 * An application served for a test: an {@link AppRunner} set up and a {@link TcpSite} started on
 * 127.0.0.1, a port the system picks; {@link #close()} is the runner's graceful cleanup, which
 * also waits for every connection's task (the testing kit fails a test that leaves tasks
 * pending). Start it in the test's main task; everything here may suspend.
 */
final class Served implements AutoCloseable {
    final Application app;
    final AppRunner runner;
    final TcpSite site;

    private Served(Application app, AppRunner runner, TcpSite site) {
        this.app = app;
        this.runner = runner;
        this.site = site;
    }

    /** {@code routes} in a new application, served. */
    static Served routes(Route... routes) throws Exception {
        return start(new Application().addRoutes(routes));
    }

    /** {@code app} served, with the default shutdown timeout. */
    static Served start(Application app) throws Exception {
        return start(app, AppRunner.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * {@code app} served; cleanup waits up to {@code shutdownTimeout} for requests in progress.
     * No keep-alive timeout: on the virtual clock its timer would be the next thing to jump to
     * whenever a test waits for a socket, closing kept-alive connections under the test's feet
     * (KeepAliveTimeoutTest serves with one on purpose).
     */
    static Served start(Application app, Duration shutdownTimeout) throws Exception {
        return start(app, shutdownTimeout, Duration.ZERO);
    }

    /** {@code app} served with the given shutdown and keep-alive timeouts. */
    static Served start(Application app, Duration shutdownTimeout, Duration keepaliveTimeout) throws Exception {
        AppRunner runner = new AppRunner(app, shutdownTimeout, keepaliveTimeout);
        runner.setup();
        TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
        site.start();
        return new Served(app, runner, site);
    }

    int port() {
        return site.port();
    }

    /** A new raw connection to the site. */
    RawHttp connect() throws IOException {
        return RawHttp.connect(port());
    }

    /** Serves {@code handler} for every method on every path and answers {@code request} with it. */
    static Reply ask(Handler handler, String request) throws Exception {
        try (Served s = routes(Web.route("*", "/{path:.*}", handler))) {
            return s.request(request);
        }
    }

    /** {@link #ask}, which must answer 200: its body as text. */
    static String askText(Handler handler, String request) throws Exception {
        Reply r = ask(handler, request);
        org.junit.jupiter.api.Assertions.assertEquals(200, r.status(), r.toString());
        return r.text();
    }

    /** {@code request} on a fresh connection, closed after the response. */
    Reply request(String request) throws IOException {
        try (RawHttp c = connect()) {
            return c.exchange(request);
        }
    }

    /** {@code GET target} on a fresh connection. */
    Reply get(String target) throws IOException {
        return request(RawHttp.get(target));
    }

    /** Waits until the server has seen every connection close (10 s at most: a guard against hanging, not a speed check). */
    void awaitNoConnections() {
        timeout(10, () -> {
            while (runner.connectionCount() > 0) {
                sleep(0.001);
            }
            return null;
        });
    }

    /** Graceful shutdown: {@link AppRunner#cleanup()}. */
    @Override
    public void close() throws Exception {
        runner.cleanup();
    }

    /**
     * Replaces {@code loop}'s exception handler with one that collects what it is given: the
     * server reports a handler's failure there (and should report nothing else).
     */
    static List<ExceptionContext> captureErrors(EventLoop loop) {
        List<ExceptionContext> seen = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
        return seen;
    }

    /** The process's open file descriptors (Linux). */
    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
