package io.asyncio4j.http.web;

import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Signal;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.sync.Event;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Web#serveApp} does: build the application, set up its runner, start its sites,
 * print the banner, wait for SIGINT/SIGTERM (or for the task to be cancelled), shut down.
 * <p>
 * Threading: a task on the loop that serves (signal handlers are the loop's, added and removed
 * on its thread; the stop event is set by their callbacks, on that thread too).
 * <p>
 * aiohttp: {@code web._run_app}
 */
final class RunApp {
    private static final Signal[] SHUTDOWN_SIGNALS = {Signal.SIGINT, Signal.SIGTERM};

    private RunApp() {
    }

    /** Serves until a shutdown signal (then returns) or cancellation (then throws it); may suspend. */
    static void serve(Coroutine<Application> factory, RunAppOptions options) throws Exception {
        if (factory == null || options == null) {
            throw new IllegalArgumentException("Web.serveApp(): the " + (factory == null ? "application" : "options")
                    + " is null; pass the Application (or its factory) and RunAppOptions.defaults() or your own");
        }
        Application app = factory.call(); // aiohttp: "if asyncio.iscoroutine(app): app = await app"
        if (app == null) {
            throw new IllegalArgumentException("Web.serveApp(): the application factory returned null; return the "
                    + "Application to serve");
        }
        AppRunner runner = new AppRunner(app, options.shutdownTimeout(), options.keepaliveTimeout())
                .withAccessLog(options.accessLogger());
        // made before setup, so that options serving nothing fail before any startup hook runs
        List<BaseSite> sites = sites(runner, options);
        EventLoop loop = EventLoop.getRunningLoop();
        Event stop = new Event(); // never set without signal handlers: then only cancellation ends the wait
        if (options.handleSignals()) {
            for (Signal s : SHUTDOWN_SIGNALS) {
                loop.addSignalHandler(s, stop::set);
            }
        }
        try {
            runner.setup();
            for (BaseSite s : sites) {
                s.start();
            }
            if (options.print() != null) {
                options.print().accept(banner(runner.sites()));
            }
            stop.await();
        } finally {
            try {
                runner.cleanup();
            } finally {
                if (options.handleSignals()) {
                    for (Signal s : SHUTDOWN_SIGNALS) {
                        loop.removeSignalHandler(s);
                    }
                }
            }
        }
    }

    /**
     * The sites {@code options} ask for, in aiohttp's order: TCP per host (or one on all
     * interfaces), Unix per path, then one per socket.
     *
     * @throws IllegalArgumentException when that is no site at all
     */
    static List<BaseSite> sites(AppRunner runner, RunAppOptions o) {
        ServerOptions base = ServerOptions.defaults().withBacklog(o.backlog());
        if (o.ssl() != null) {
            base = base.withSsl(o.ssl());
        }
        ServerOptions tcp = base.withReuseAddress(o.reuseAddress()).withReusePort(o.reusePort());
        List<BaseSite> sites = new ArrayList<>();
        if (o.hosts() != null) {
            for (String h : o.hosts()) {
                sites.add(new TcpSite(runner, h, o.effectivePort(), tcp));
            }
        } else if (o.paths().isEmpty() && o.sockets().isEmpty() || o.port() != null) {
            sites.add(new TcpSite(runner, null, o.effectivePort(), tcp)); // all interfaces
        }
        for (Path p : o.paths()) {
            sites.add(new UnixSite(runner, p, base));
        }
        for (ServerSocketChannel s : o.sockets()) {
            sites.add(new SockSite(runner, s, base));
        }
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("Web.runApp(): nothing to serve on: the host list is empty and no path "
                    + "or socket is given; give hosts, or none (null) for all interfaces");
        }
        return sites;
    }

    /** aiohttp's banner: the sites' names sorted and joined with ", ", then the Ctrl-C hint. */
    static String banner(List<BaseSite> sites) {
        List<String> names = new ArrayList<>(sites.size());
        for (BaseSite s : sites) {
            names.add(s.name());
        }
        names.sort(null);
        return "======== Running on " + String.join(", ", names) + " ========\n(Press CTRL+C to quit)";
    }
}
