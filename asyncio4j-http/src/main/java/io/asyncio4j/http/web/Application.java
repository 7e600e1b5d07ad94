package io.asyncio4j.http.web;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A web application: its routes, middlewares, startup and cleanup hooks, shared state, and the
 * largest request body it reads. Configure it, then serve it with {@link Web#runApp} or an
 * {@link AppRunner}; once serving it is frozen (routes and middlewares can no longer change).
 * <p>
 * Threading: configure from one thread before serving; serving reads it from the loop thread.
 * {@link #state()} is a concurrent map, for handlers and hooks to share objects.
 * <p>
 * asyncio: aiohttp's {@code web.Application}
 */
public final class Application {
    /** aiohttp's default {@code client_max_size}: 1 MiB. */
    public static final long DEFAULT_CLIENT_MAX_SIZE = 1024 * 1024;

    private final Router router = new Router(this);
    private final List<Middleware> middlewares = new ArrayList<>();
    private final List<AppHook> onStartup = new HookList<>("onStartup", "AppHook");
    private final List<AppHook> onShutdown = new HookList<>("onShutdown", "AppHook");
    private final List<AppHook> onCleanup = new HookList<>("onCleanup", "AppHook");
    private final List<CleanupContext> cleanupCtx = new HookList<>("cleanupCtx", "CleanupContext");
    private final List<ResponsePrepareHook> onResponsePrepare =
            new HookList<>("onResponsePrepare", "ResponsePrepareHook");
    // whether this application or one of its sub-applications has a prepare hook: set at freeze(),
    // when the lists stop changing, so that a response of an application without any costs one check
    private boolean prepareHooks;
    // the teardowns of the contexts set up so far, in setup order. Guarded by: the task running
    // the runner's setup() and cleanup() (one at a time, on the loop thread)
    private final List<AutoCloseable> teardowns = new ArrayList<>();
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private long clientMaxSize = DEFAULT_CLIENT_MAX_SIZE;
    private boolean frozen;
    private Handler chain;
    private Application parent;            // set once by addSubapp
    private String prefixInParent = "";    // its prefix there
    private final List<Application> subapps = new ArrayList<>();

    /** An application with no routes. asyncio: {@code web.Application()} */
    public Application() {
    }

    /** An application whose handlers are wrapped by {@code middlewares}, the first outermost. asyncio: {@code web.Application(middlewares=[...])} */
    public Application(Middleware... middlewares) {
        this.middlewares.addAll(Arrays.asList(middlewares));
    }

    /** The router, to add routes to. asyncio: {@code app.router} */
    public Router router() {
        return router;
    }

    /** Adds {@code routes}. asyncio: {@code app.add_routes([...])} */
    public Application addRoutes(Route... routes) {
        return addRoutes(Arrays.asList(routes));
    }

    /** Adds {@code routes}. asyncio: {@code app.add_routes([...])} */
    public Application addRoutes(Collection<Route> routes) {
        for (Route r : routes) {
            router.addRoute(r);
        }
        return this;
    }

    /**
     * Serves {@code subapp} under {@code prefix}: a request for {@code prefix/rest} is routed by
     * {@code subapp}'s router on {@code /rest}, through this application's middlewares and then
     * {@code subapp}'s, and its {@link Request#app()} is {@code subapp}. A path under the prefix
     * that {@code subapp} does not route answers 404 (or 405) from {@code subapp}, as in aiohttp.
     * Its startup, shutdown and cleanup hooks (and its {@link #cleanupCtx()}) run when this
     * application's do, after the hooks added before this call; its {@link #onResponsePrepare()}
     * hooks run after this application's for the requests routed into it. The request body limit
     * stays this (the served) application's.
     * asyncio: {@code app.add_subapp(prefix, subapp)}
     *
     * @throws IllegalArgumentException for a prefix that is not {@code /name...} (or is {@code /}),
     *         a prefix already used, this application itself, or one already added somewhere
     * @throws IllegalStateException once this or {@code subapp} serves
     */
    public Application addSubapp(String prefix, Application subapp) {
        checkNotFrozen("addSubapp()");
        if (subapp == null) {
            throw new IllegalArgumentException("Application.addSubapp(): the sub-application is null; give an "
                    + "Application");
        }
        if (prefix == null || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("Application.addSubapp(): the prefix " + (prefix == null ? "null"
                    : "\"" + prefix + "\"") + " does not start with /; give one like /api");
        }
        String p = prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("Application.addSubapp(): the prefix cannot be /; add the "
                    + "sub-application's routes to this application instead");
        }
        if (subapp == this || isAncestor(subapp)) {
            throw new IllegalArgumentException("Application.addSubapp(): an application cannot contain itself");
        }
        if (subapp.parent != null) {
            throw new IllegalArgumentException("Application.addSubapp(): " + subapp + " is already a sub-application "
                    + "of " + subapp.parent + "; an application is added once");
        }
        if (subapp.frozen) {
            throw new IllegalStateException("Application.addSubapp(): " + subapp + " is already serving; add it "
                    + "before it is set up");
        }
        router.addSubapp(p, subapp);
        subapp.parent = this;
        subapp.prefixInParent = p;
        subapps.add(subapp);
        // its signals ride on ours, as aiohttp's _reg_subapp_signals: added now, so they run in
        // order with the hooks added before and after this call; its contexts go with its signals
        // (aiohttp's CleanupContext is the first handler of the sub-application's own signals)
        onStartup.add(app -> subapp.startup());
        onShutdown.add(app -> runHooks(subapp.onShutdown(), subapp));
        onCleanup.add(app -> {
            Exception failure = subapp.cleanup(null);
            if (failure != null) {
                throw failure;
            }
        });
        return this;
    }

    /** The application this one is a sub-application of, or null. */
    Application parent() {
        return parent;
    }

    /** The prefixes of the sub-applications this one sits in, outermost first ("" for a root). */
    String prefix() {
        return parent == null ? "" : parent.prefix() + prefixInParent;
    }

    private boolean isAncestor(Application a) {
        for (Application p = parent; p != null; p = p.parent) {
            if (p == a) {
                return true;
            }
        }
        return false;
    }

    private static void runHooks(List<AppHook> hooks, Application app) throws Exception {
        for (AppHook h : hooks) {
            h.run(app);
        }
    }

    /** The sub-applications added, in order. asyncio: the {@code PrefixedSubAppResource}s of {@code app.router} */
    public List<Application> subapps() {
        return List.copyOf(subapps);
    }

    /** Appends a middleware (inside those already added). asyncio: {@code app.middlewares.append(mw)} */
    public Application addMiddleware(Middleware m) {
        checkNotFrozen("addMiddleware()");
        middlewares.add(m);
        return this;
    }

    /** Hooks run when the application starts serving, in order. asyncio: {@code app.on_startup} */
    public List<AppHook> onStartup() {
        return onStartup;
    }

    /** Hooks run when it stops accepting, before connections are closed. asyncio: {@code app.on_shutdown} */
    public List<AppHook> onShutdown() {
        return onShutdown;
    }

    /** Hooks run after the last connection closed, in order. asyncio: {@code app.on_cleanup} */
    public List<AppHook> onCleanup() {
        return onCleanup;
    }

    /**
     * Resources held while the application serves ({@link CleanupContext}): at
     * {@link AppRunner#setup()} each context's setup runs in order, before the {@link #onStartup()}
     * hooks; at {@link AppRunner#cleanup()} the teardowns of those set up run in reverse order,
     * before the {@link #onCleanup()} hooks (aiohttp's order: its CleanupContext is the first handler
     * of both signals). A setup that fails stops the startup ({@code setup()} throws it); the
     * contexts set up before it are torn down at {@code cleanup()}, it and the later ones are not.
     * Every teardown runs even if one fails; one failure is thrown as it is, several as a
     * {@link CleanupException} (after the cleanup hooks ran, as any cleanup failure). A
     * sub-application's contexts run with its hooks ({@link #addSubapp}). Refuses changes once the
     * application serves. aiohttp: {@code app.cleanup_ctx}
     */
    public List<CleanupContext> cleanupCtx() {
        return cleanupCtx;
    }

    /**
     * Hooks run just before each response's head goes out, with the request it answers and the
     * response; they may change its status, fields and cookies. They run for every response
     * the server sends to a request it parsed: a handler's (a {@link StreamResponse} when it is
     * prepared, a {@link FileResponse}'s 200, 206, 304 or 416), an {@link HttpException} thrown by
     * a handler or a middleware, the router's 404 and 405, the 500 after a handler failed, the
     * 101 of a {@link WebSocketResponse} (whose status they must leave as it is), HEAD answers
     * too; not for the 400 or 431 of a request that could not be parsed. For a request routed
     * into sub-applications, the hooks of every application on its way run, the served one's
     * first and the sub-application's last (its route is found before any middleware runs, so a
     * middleware's answer runs them all too). A hook that throws while a handler prepares its
     * response throws out of {@code prepare()} to the handler; one that throws while the server
     * prepares a response (after the handler returned) is reported to the loop's exception
     * handler and the connection is closed without an answer, as in aiohttp 3.8.4. Refuses
     * changes once the application serves. aiohttp: {@code app.on_response_prepare}
     */
    public List<ResponsePrepareHook> onResponsePrepare() {
        return onResponsePrepare;
    }

    /** Whether this application or a sub-application has a prepare hook; fixed once frozen. */
    boolean hasPrepareHooks() {
        return prepareHooks;
    }

    /**
     * Runs the prepare hooks of the applications on {@code request}'s way, this (the served one)
     * first; may suspend. The task serving the connection.
     */
    void prepareResponse(Request request, Response response) throws Exception {
        runPrepareHooks(request.leaf(), request, response);
    }

    private void runPrepareHooks(Application app, Request request, Response response) throws Exception {
        if (app != this && app.parent != null) {
            runPrepareHooks(app.parent, request, response); // outermost first: recursion, no list to allocate
        }
        List<ResponsePrepareHook> hooks = app.onResponsePrepare;
        for (int i = 0; i < hooks.size(); i++) {
            hooks.get(i).run(request, response);
        }
    }

    /**
     * Sets up the contexts, then runs the startup hooks; stops at the first failure. May suspend.
     * The runner's task (for the root), or the parent's startup hook (for a sub-application).
     */
    void startup() throws Exception {
        for (int i = 0; i < cleanupCtx.size(); i++) {
            AutoCloseable teardown = cleanupCtx.get(i).setup(this);
            if (teardown == null) {
                throw new IllegalStateException("CleanupContext.setup(): context " + i + " of " + this + " returned "
                        + "null; return its teardown (() -> { } when there is nothing to undo)");
            }
            teardowns.add(teardown);
        }
        runHooks(onStartup, this);
    }

    /**
     * Tears down the contexts set up (the last first, each once), then runs every cleanup hook,
     * even after a failure; returns {@code failure} with this cleanup's failures added (the first
     * one if {@code failure} was null, the later ones suppressed in it). May suspend.
     */
    Exception cleanup(Exception failure) {
        List<Exception> errors = new ArrayList<>();
        List<AutoCloseable> started = List.copyOf(teardowns);
        teardowns.clear(); // each teardown runs once, even if a later cleanup comes
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) { // CancelledError is an Error: it stops the cleanup, as in aiohttp
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            failure = collect(failure, errors.size() == 1 ? errors.get(0) : new CleanupException(errors));
        }
        for (AppHook h : onCleanup) {
            try {
                h.run(this);
            } catch (Exception e) {
                failure = collect(failure, e);
            }
        }
        return failure;
    }

    /** {@code failure} with {@code e} added: {@code e} itself if there was none, else suppressed in it. */
    static Exception collect(Exception failure, Exception e) {
        if (failure == null) {
            return e;
        }
        failure.addSuppressed(e);
        return failure;
    }

    /** Objects shared by handlers and hooks. asyncio: {@code app[key]} */
    public Map<String, Object> state() {
        return state;
    }

    /**
     * The bound on a request body {@link Request#read} accepts, in bytes: a body of this size or
     * more answers 413, as aiohttp's check is {@code body_size >= client_max_size}; 0 is no bound.
     * asyncio: {@code client_max_size}
     */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /**
     * Sets the bound on a request body read: one of {@code bytes} or more answers 413; 0 checks
     * nothing (as aiohttp's). asyncio: {@code web.Application(client_max_size=...)}
     */
    public Application clientMaxSize(long bytes) {
        checkNotFrozen("clientMaxSize()");
        if (bytes < 0) {
            throw new IllegalArgumentException("Application.clientMaxSize(): the size is negative (" + bytes
                    + "); give 0 or more bytes");
        }
        clientMaxSize = bytes;
        return this;
    }

    /** Whether it is serving or has served (and so can no longer change). asyncio: {@code app.frozen} */
    public boolean isFrozen() {
        return frozen;
    }

    void freeze() {
        if (frozen) {
            return;
        }
        frozen = true;
        router.freeze();
        prepareHooks = !onResponsePrepare.isEmpty();
        for (Application sub : subapps) {
            sub.freeze();
            prepareHooks |= sub.prepareHooks;
        }
        Handler h = this::route;
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            Middleware m = middlewares.get(i);
            Handler next = h;
            h = request -> m.handle(request, next);
        }
        chain = h;
    }

    /**
     * Finds {@code request}'s route through the routers of this application and its
     * sub-applications, and records it (or the 404/405) on the request: aiohttp resolves before any
     * middleware runs, so the middlewares see the match info and a clone keeps the route.
     */
    private void resolve(Request request) {
        Application at = this;
        String path = request.routingPath();
        while (true) {
            Router.Match match;
            try {
                match = at.router.resolve(request.method(), path);
            } catch (HttpException e) { // the router's 404 or 405: thrown once the middlewares ran
                request.routed(at, null, Map.of(), e);
                return;
            }
            if (match.route() != null) {
                request.routed(at, match.route(), match.matchInfo(), null);
                return;
            }
            at = match.subapp();
            path = match.rest();
        }
    }

    /** The innermost step of this application's chain: into the sub-application on the way, or the handler. */
    private Response route(Request request) throws Exception {
        Application leaf = request.leaf();
        if (leaf != this) {
            Application child = leaf;
            while (child != null && child.parent != this) { // resolve() found the leaf from here: it sits below
                child = child.parent;
            }
            if (child == null) {
                throw new IllegalStateException("Middleware: the request passed to next is routed to " + leaf
                        + ", which is not under " + this + "; pass on the request the middleware was given (or a "
                        + "cloneWith() of it)");
            }
            request.enter(child);
            try {
                return child.chain.handle(request);
            } finally {
                request.enter(this); // back in this application's middlewares, request.app() is this again (aiohttp)
            }
        }
        if (request.routeError() != null) {
            throw request.routeError();
        }
        return request.route().handler().handle(request);
    }

    /**
     * Whether a route takes {@code method} on the decoded {@code path}, through sub-applications
     * (what routing would do, without running anything). For the normalize-path middleware.
     */
    boolean resolves(String method, String path) {
        Router.Match match;
        try {
            match = router.resolve(method, path);
        } catch (HttpException e) { // the router's 404 or 405
            return false;
        }
        return match.route() != null || match.subapp().resolves(method, match.rest());
    }

    /** Routes {@code request}, then runs the middlewares and the matched handler: the served application's entry. */
    Response handle(Request request) throws Exception {
        resolve(request);
        return chain.handle(request);
    }

    private void checkNotFrozen(String what) {
        if (frozen) {
            throw new IllegalStateException("Application." + what + ": the application is already serving; configure "
                    + "it before AppRunner.setup() / runApp()");
        }
    }

    /** {@code <Application 3 routes frozen>}. asyncio: {@code repr(app)} */
    @Override
    public String toString() {
        return "<Application " + router.routes().size() + " routes" + (frozen ? " frozen" : "") + ">";
    }

    /**
     * A hook list that refuses changes once the application is frozen, as aiohttp's frozen
     * signals do: hooks added while the runner walks the list would be missed or break the walk.
     */
    private final class HookList<T> extends AbstractList<T> {
        private final ArrayList<T> hooks = new ArrayList<>();
        private final String name;
        private final String type; // what an element is, for the null message

        HookList(String name, String type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public T get(int index) {
            return hooks.get(index);
        }

        @Override
        public int size() {
            return hooks.size();
        }

        @Override
        public void add(int index, T hook) {
            checkNotFrozen(name + "().add()");
            checkNotNull(hook, "add");
            hooks.add(index, hook);
        }

        @Override
        public T set(int index, T hook) {
            checkNotFrozen(name + "().set()");
            checkNotNull(hook, "set");
            return hooks.set(index, hook);
        }

        private void checkNotNull(T hook, String op) {
            if (hook == null) {
                throw new IllegalArgumentException("Application." + name + "()." + op + "(): the hook is null; give "
                        + "the " + type + " to run");
            }
        }

        @Override
        public T remove(int index) {
            checkNotFrozen(name + "().remove()");
            return hooks.remove(index);
        }
    }
}
