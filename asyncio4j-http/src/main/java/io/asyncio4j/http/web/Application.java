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
    private final List<AppHook> onStartup = new HookList("onStartup");
    private final List<AppHook> onShutdown = new HookList("onShutdown");
    private final List<AppHook> onCleanup = new HookList("onCleanup");
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
     * Its startup, shutdown and cleanup hooks run when this application's do, after the hooks
     * added before this call. The request body limit stays this (the served) application's.
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
        // order with the hooks added before and after this call
        onStartup.add(app -> runHooks(subapp.onStartup(), subapp));
        onShutdown.add(app -> runHooks(subapp.onShutdown(), subapp));
        onCleanup.add(app -> runHooks(subapp.onCleanup(), subapp));
        return this;
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

    /** Objects shared by handlers and hooks. asyncio: {@code app[key]} */
    public Map<String, Object> state() {
        return state;
    }

    /** The largest request body {@link Request#read} accepts, in bytes. asyncio: {@code client_max_size} */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /** Sets the largest request body read; larger ones answer 413. asyncio: {@code web.Application(client_max_size=...)} */
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
        for (Application sub : subapps) {
            sub.freeze();
        }
        Handler h = this::route;
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            Middleware m = middlewares.get(i);
            Handler next = h;
            h = request -> m.handle(request, next);
        }
        chain = h;
    }

    private Response route(Request request) throws Exception {
        Router.Match match = router.resolve(request.method(), request.routingPath());
        if (match.route() == null) {
            request.enter(match.subapp(), match.rest());
            return match.subapp().handle(request);
        }
        request.matchInfo(match.matchInfo());
        return match.route().handler().handle(request);
    }

    /** Runs the middlewares and the matched handler. */
    Response handle(Request request) throws Exception {
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
    private final class HookList extends AbstractList<AppHook> {
        private final ArrayList<AppHook> hooks = new ArrayList<>();
        private final String name;

        HookList(String name) {
            this.name = name;
        }

        @Override
        public AppHook get(int index) {
            return hooks.get(index);
        }

        @Override
        public int size() {
            return hooks.size();
        }

        @Override
        public void add(int index, AppHook hook) {
            checkNotFrozen(name + "().add()");
            if (hook == null) {
                throw new IllegalArgumentException("Application." + name + "().add(): the hook is null; give the "
                        + "AppHook to run");
            }
            hooks.add(index, hook);
        }

        @Override
        public AppHook set(int index, AppHook hook) {
            checkNotFrozen(name + "().set()");
            return hooks.set(index, hook);
        }

        @Override
        public AppHook remove(int index) {
            checkNotFrozen(name + "().remove()");
            return hooks.remove(index);
        }
    }
}
