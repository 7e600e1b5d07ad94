package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the route for a request: the resources (a path's routes) are tried in the order they
 * were added, as aiohttp's, and the first whose path matches and that takes the method wins;
 * a literal path is found by a hash lookup, and wins once no patterned resource added before it
 * takes the request ({@code /{name}} added before {@code /me} answers {@code /me}). A path
 * that matches no route is 404; one whose routes do not take the method is 405 with an
 * {@code Allow} field listing the methods of every route that matched. Paths are matched as
 * sent, segment by segment: an encoded slash stays inside its variable.
 * <p>
 * Threading: add routes before the application serves (from any one thread); resolving is
 * read-only afterwards.
 * <p>
 * asyncio: aiohttp's {@code web.UrlDispatcher} ({@code app.router})
 */
public final class Router {
    /** One path's routes by method ({@code *}: any); or a sub-application's prefix. */
    private static final class Resource {
        final PathPattern pattern;   // null for a sub-application
        final Map<String, Route> byMethod = new LinkedHashMap<>();
        final String prefix;         // a sub-application's, without a trailing slash; else null
        final Application subapp;
        final int order;             // when it was added, among all resources of the router
        String staticPrefix;         // a StaticFiles route's prefix (no trailing slash): matched bare too; else null

        Resource(PathPattern pattern, int order) {
            this.pattern = pattern;
            this.prefix = null;
            this.subapp = null;
            this.order = order;
        }

        Resource(String prefix, Application subapp, int order) {
            this.pattern = null;
            this.prefix = prefix;
            this.subapp = subapp;
            this.order = order;
        }

        /** The route for {@code method} (or for any), or null. */
        Route route(String method) {
            Route route = byMethod.get(method);
            return route != null ? route : byMethod.get("*");
        }
    }

    /**
     * A resolved route and its path variables; or, with a null route, the sub-application the
     * path leads into and the rest of the path for it to route.
     */
    record Match(Route route, Map<String, String> matchInfo, Application subapp, String rest) {
        Match(Route route, Map<String, String> matchInfo) {
            this(route, matchInfo, null, null);
        }
    }

    private final Map<String, Resource> literal = new HashMap<>();
    private final List<Resource> patterned = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Route> named = new HashMap<>();
    private int resourceCount;
    private final Application owner; // for the prefixes of the sub-applications it sits in
    private boolean frozen;

    Router(Application owner) {
        this.owner = owner;
    }

    /**
     * Adds {@code route}. Throws IllegalStateException once the application serves, and
     * IllegalArgumentException for a second route with the same method and path or a path whose
     * variables are malformed. asyncio: {@code app.router.add_route(method, path, handler)}
     */
    public Route addRoute(Route route) {
        if (frozen) {
            throw new IllegalStateException("Router.addRoute(): the application is already serving; add routes "
                    + "before AppRunner.setup() / runApp()");
        }
        PathPattern pattern = PathPattern.compile(route.path());
        if (route.name() != null && named.containsKey(route.name())) {
            throw new IllegalArgumentException("Router.addRoute(): the name " + route.name() + " is already "
                    + "taken by " + named.get(route.name()) + "; give each route its own name");
        }
        Resource res = pattern.isLiteral()
                ? literal.computeIfAbsent(route.path(), p -> new Resource(pattern, resourceCount++))
                : findOrAddPatterned(pattern);
        add(res, route.method(), route);
        if (route.handler() instanceof StaticFiles files) {
            res.staticPrefix = files.prefix();
        }
        if (route.method().equals("GET") && route.allowHead() && !res.byMethod.containsKey("HEAD")) {
            res.byMethod.put("HEAD", route);
        }
        routes.add(route);
        if (route.name() != null) {
            named.put(route.name(), route);
        }
        return route;
    }

    private static void add(Resource res, String method, Route route) {
        Route old = res.byMethod.get(method);
        if (old != null && !(method.equals("HEAD") && old.method().equals("GET"))) {
            throw new IllegalArgumentException("Router.addRoute(): a route for " + method + " " + route.path()
                    + " is already registered; give each method and path one route (branch inside its handler)");
        }
        res.byMethod.put(method, route);
    }

    private Resource findOrAddPatterned(PathPattern pattern) {
        for (Resource r : patterned) {
            if (r.pattern != null && r.pattern.source.equals(pattern.source)) {
                return r;
            }
        }
        Resource r = new Resource(pattern, resourceCount++);
        patterned.add(r);
        return r;
    }

    /** GET (and HEAD) {@code path}. asyncio: {@code app.router.add_get(path, handler)} */
    public Route addGet(String path, Handler handler) {
        return addRoute(new Route("GET", path, handler, true));
    }

    /** POST {@code path}. asyncio: {@code app.router.add_post(path, handler)} */
    public Route addPost(String path, Handler handler) {
        return addRoute(new Route("POST", path, handler, false));
    }

    /**
     * Every method on {@code path}, answered by a new {@link View} from {@code factory} per request;
     * see {@link Web#view}. asyncio: {@code app.router.add_view(path, ItemView)}
     */
    public Route addView(String path, java.util.function.Function<? super Request, ? extends View> factory) {
        return addRoute(Web.view(path, factory));
    }

    /**
     * Serves the files under {@code directory} at {@code prefix}: {@code GET prefix/a/b.css} (and
     * HEAD) answers with {@code directory/a/b.css}; see {@link Web#staticFiles}.
     * asyncio: {@code app.router.add_static(prefix, path)}
     */
    public Route addStatic(String prefix, java.nio.file.Path directory) {
        return addRoute(Web.staticFiles(prefix, directory));
    }

    /**
     * {@link #addStatic(String, java.nio.file.Path)} served as {@code options} say; see
     * {@link Web#staticFiles(String, java.nio.file.Path, StaticOptions)}.
     * asyncio: {@code app.router.add_static(prefix, path, show_index=, follow_symlinks=, append_version=)}
     */
    public Route addStatic(String prefix, java.nio.file.Path directory, StaticOptions options) {
        return addRoute(Web.staticFiles(prefix, directory, options));
    }

    /** Sends paths under {@code prefix} to {@code subapp}, in order with the patterned routes. */
    void addSubapp(String prefix, Application subapp) {
        if (frozen) {
            throw new IllegalStateException("Application.addSubapp(): the application is already serving; add "
                    + "sub-applications before AppRunner.setup() / runApp()");
        }
        for (Resource r : patterned) {
            if (prefix.equals(r.prefix)) {
                throw new IllegalArgumentException("Application.addSubapp(): the prefix " + prefix + " already has a "
                        + "sub-application; give each its own prefix");
            }
        }
        patterned.add(new Resource(prefix, subapp, resourceCount++));
    }

    /**
     * The route named {@code name}. asyncio: {@code app.router[name]}
     *
     * @throws IllegalArgumentException if no route of this router has that name
     */
    public Route named(String name) {
        Route r = named.get(name);
        if (r == null) {
            throw new IllegalArgumentException("Router.named(): no route is named " + name + "; name one with "
                    + "Route.named(\"" + name + "\") (known: " + new TreeSet<>(named.keySet()) + ")");
        }
        return r;
    }

    /**
     * The path of the route named {@code name} with its variables set to {@code parts}
     * (percent-encoded as a path; a {@code /} stays), under the prefixes of the sub-applications
     * this router's application sits in. Call it once the application is fully assembled.
     * asyncio: {@code app.router[name].url_for(**parts)}
     *
     * @throws IllegalArgumentException for an unknown name, a missing part, or a part the route
     *         has no variable for
     */
    public String urlFor(String name, Map<String, String> parts) {
        Route r = named(name);
        if (r.handler() instanceof StaticFiles files) {
            return staticUrl(r, files, parts, files.options().appendVersion());
        }
        return owner.prefix() + PathPattern.compile(r.path()).format(parts, name);
    }

    /**
     * {@link #urlFor(String, Map)} of a static route, with {@code ?v=} and the file's content hash
     * when {@code appendVersion} (over the route's {@link StaticOptions#appendVersion()}) and the
     * file exists; reads the file on the calling thread, as aiohttp's {@code url_for} does (call
     * it at startup, or through {@code toThread} for large files).
     * asyncio: {@code app.router[name].url_for(filename=..., append_version=...)}
     *
     * @throws IllegalArgumentException for an unknown name, a route that does not serve static
     *         files, or parts other than {@code filename}
     */
    public String urlFor(String name, Map<String, String> parts, boolean appendVersion) {
        Route r = named(name);
        if (!(r.handler() instanceof StaticFiles files)) {
            throw new IllegalArgumentException("Router.urlFor(): the route " + name + " (" + r.path() + ") does not "
                    + "serve static files, and only their URLs have a version; call urlFor(name, parts)");
        }
        return staticUrl(r, files, parts, appendVersion);
    }

    /** A static route's URL for {@code parts}' filename (leading slashes dropped, as aiohttp's url_for). */
    private String staticUrl(Route r, StaticFiles files, Map<String, String> parts, boolean appendVersion) {
        String filename = parts.get(StaticFiles.VARIABLE);
        Map<String, String> stripped = parts;
        if (filename != null) {
            int i = 0;
            while (i < filename.length() && filename.charAt(i) == '/') {
                i++;
            }
            filename = filename.substring(i);
            stripped = new LinkedHashMap<>(parts);
            stripped.put(StaticFiles.VARIABLE, filename);
        }
        String url = owner.prefix() + PathPattern.compile(r.path()).format(stripped, r.name());
        return appendVersion ? url + files.version(filename) : url;
    }

    /** {@link #urlFor(String, Map)} with the parts as name, value, name, value... */
    public String urlFor(String name, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Router.urlFor(): the parts of " + name + " come as name, value pairs; "
                    + "got an odd count (" + namesAndValues.length + ")");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parts.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return urlFor(name, parts);
    }

    /** Every route, in the order added. asyncio: {@code app.router.routes()} */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    void freeze() {
        frozen = true;
    }

    /** The route for {@code method} and the decoded {@code path}; throws 404 or 405. */
    Match resolve(String method, String path) {
        TreeSet<String> allowed = null; // the methods of the resources that matched, for a 405
        Resource res = literal.get(path);
        Route literalRoute = null;
        if (res != null) {
            literalRoute = res.route(method);
            if (literalRoute == null) {
                allowed = new TreeSet<>(res.byMethod.keySet());
            }
        }
        // a later resource may take the method the first one did not (GET /users/me, POST /users/{id})
        for (Resource r : patterned) {
            if (literalRoute != null && r.order > res.order) {
                break; // the literal path was added first
            }
            if (r.subapp != null) {
                // a sub-application's prefix is final, as aiohttp's: its own 404/405 answer the rest
                if (path.startsWith(r.prefix) && (path.length() == r.prefix.length()
                        || path.charAt(r.prefix.length()) == '/')) {
                    return new Match(null, Map.of(), r.subapp, path.substring(r.prefix.length()));
                }
                continue;
            }
            Map<String, String> info = r.pattern.match(path);
            if (info == null) {
                if (r.staticPrefix == null || !path.equals(r.staticPrefix)) {
                    continue;
                }
                // aiohttp's StaticResource takes its prefix bare too ("path != self._prefix"): the directory
                info = Map.of(StaticFiles.VARIABLE, "");
            }
            Route route = r.route(method);
            if (route != null) {
                return new Match(route, info);
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
            }
            allowed.addAll(r.byMethod.keySet());
        }
        if (literalRoute != null) {
            return new Match(literalRoute, Map.of());
        }
        if (allowed == null) {
            throw new HttpNotFound();
        }
        throw new HttpMethodNotAllowed(method, allowed);
    }

    /** {@code <Router 3 routes>}. asyncio: {@code repr(app.router)} */
    @Override
    public String toString() {
        return "<Router " + routes.size() + " routes>";
    }
}
