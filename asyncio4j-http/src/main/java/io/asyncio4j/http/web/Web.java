package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.KeyboardInterruptException;

/**
 * The {@code aiohttp.web} module's functions: route definitions ({@code get("/", handler)}) and
 * {@link #runApp}. Meant for {@code import static io.asyncio4j.http.web.Web.*;}.
 * <p>
 * Threading: the route factories, any thread; {@link #runApp}, a thread that runs no loop (it
 * makes its own); {@link #serveApp}, a task on the loop that serves.
 * <p>
 * asyncio: {@code aiohttp.web} ({@code web.get}, {@code web.post}, ..., {@code web.run_app})
 */
public final class Web {
    private Web() {
    }

    /** GET {@code path} (and HEAD, answered with the GET response's head). asyncio: {@code web.get(path, handler)} */
    public static Route get(String path, Handler handler) {
        return new Route("GET", path, handler, true);
    }

    /** GET {@code path}; HEAD too only if {@code allowHead}. asyncio: {@code web.get(path, handler, allow_head=...)} */
    public static Route get(String path, Handler handler, boolean allowHead) {
        return new Route("GET", path, handler, allowHead);
    }

    /** POST {@code path}. asyncio: {@code web.post(path, handler)} */
    public static Route post(String path, Handler handler) {
        return new Route("POST", path, handler, false);
    }

    /** PUT {@code path}. asyncio: {@code web.put(path, handler)} */
    public static Route put(String path, Handler handler) {
        return new Route("PUT", path, handler, false);
    }

    /** PATCH {@code path}. asyncio: {@code web.patch(path, handler)} */
    public static Route patch(String path, Handler handler) {
        return new Route("PATCH", path, handler, false);
    }

    /** DELETE {@code path}. asyncio: {@code web.delete(path, handler)} */
    public static Route delete(String path, Handler handler) {
        return new Route("DELETE", path, handler, false);
    }

    /** HEAD {@code path}. asyncio: {@code web.head(path, handler)} */
    public static Route head(String path, Handler handler) {
        return new Route("HEAD", path, handler, false);
    }

    /** {@code method} (or {@code *} for any) on {@code path}. asyncio: {@code web.route(method, path, handler)} */
    public static Route route(String method, String path, Handler handler) {
        return new Route(method, path, handler, false);
    }

    /**
     * Every method on {@code path}, answered by a new {@link View} from {@code factory} (usually
     * its constructor, {@code ItemView::new}) per request. asyncio: {@code web.view(path, ItemView)}
     *
     * @throws IllegalArgumentException for a null factory, and as {@link Route}
     */
    public static Route view(String path, java.util.function.Function<? super Request, ? extends View> factory) {
        return new Route("*", path, new ViewHandler(factory), false);
    }

    /**
     * A route serving the files under {@code directory} at {@code prefix} ({@code "/static"}):
     * GET and HEAD of {@code prefix/any/path}, Content-Type from the file name, Last-Modified and
     * 304 to If-Modified-Since; 404 for a missing file or a path leading out of the directory
     * ({@code ..}, a symbolic link pointing out), 403 for a directory (and {@code prefix/}). The
     * file system is read on the default executor, never on the loop thread; files over 1 MiB are
     * streamed. asyncio: {@code web.static(prefix, path)} (aiohttp's {@code StaticResource})
     *
     * @throws IllegalArgumentException when {@code prefix} does not start with {@code /} or
     *         {@code directory} is not an existing directory
     */
    public static Route staticFiles(String prefix, java.nio.file.Path directory) {
        return staticFiles(prefix, directory, StaticOptions.defaults());
    }

    /**
     * {@link #staticFiles(String, java.nio.file.Path)} served as {@code options} say: directory
     * listings, symbolic links followed out of the directory, versioned URLs from
     * {@link Router#urlFor} (name the route with {@link Route#named}).
     * asyncio: {@code web.static(prefix, path, show_index=, follow_symlinks=, append_version=)}
     *
     * @throws IllegalArgumentException when {@code prefix} does not start with {@code /},
     *         {@code directory} is not an existing directory, or {@code options} is null
     */
    public static Route staticFiles(String prefix, java.nio.file.Path directory, StaticOptions options) {
        if (prefix == null || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("Web.staticFiles(): the prefix " + prefix + " does not start with "
                    + "'/'; give one such as /static");
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        // ".*": prefix/ is the directory itself (403, or its index), as in aiohttp
        return new Route("GET", p + "/{" + StaticFiles.VARIABLE + ":.*}", new StaticFiles(p, directory, options), true);
    }

    /**
     * A middleware that redirects a request no route takes to the same path with its slashes
     * normalized, when a route takes that: merged ({@code //a//b} to {@code /a/b}), with a trailing
     * slash appended ({@code /a} to {@code /a/}) or removed, or both — tried in that order, the
     * first that a route takes with the request's method wins; the query string is kept. A request
     * a route takes as it is, or one no variant helps, goes on unchanged (to its handler, or to the
     * router's 404/405). Add it to the application whose paths it fixes (the served one sees
     * every request). asyncio: {@code web.normalize_path_middleware(append_slash=True,
     * remove_slash=False, merge_slashes=True, redirect_class=HTTPPermanentRedirect)}
     *
     * @param appendSlash    try the path with a slash appended (when it has none)
     * @param removeSlash    try the path without its trailing slash; not with {@code appendSlash}
     * @param mergeSlashes   try the path with each run of slashes made one
     * @param redirectStatus the redirect's status: 301, 302, 303, 307 or 308 (aiohttp's default, 308)
     * @throws IllegalArgumentException when {@code appendSlash} and {@code removeSlash} are both
     *         true, or for a status that is not a redirect
     */
    public static Middleware normalizePathMiddleware(boolean appendSlash, boolean removeSlash, boolean mergeSlashes,
                                                     int redirectStatus) {
        return new NormalizePath(appendSlash, removeSlash, mergeSlashes, redirectStatus);
    }

    /**
     * {@link #normalizePathMiddleware(boolean, boolean, boolean, int)} with aiohttp's defaults:
     * append a slash, merge slashes, redirect with 308. asyncio: {@code web.normalize_path_middleware()}
     */
    public static Middleware normalizePathMiddleware() {
        return normalizePathMiddleware(true, false, true, 308);
    }

    /**
     * {@code data} serialized to JSON (Jackson: a {@code Map}, a {@code List}, a record, a
     * {@code JsonNode}...) as a 200 {@code application/json; charset=utf-8} response.
     * asyncio: {@code web.json_response(data)}
     *
     * @throws IllegalArgumentException if Jackson cannot serialize it
     */
    public static Response jsonResponse(Object data) {
        return jsonResponse(data, 200);
    }

    /** {@link #jsonResponse(Object)} with {@code status}. asyncio: {@code web.json_response(data, status=...)} */
    public static Response jsonResponse(Object data, int status) {
        return Response.json(io.asyncio4j.http.internal.Json.writeString(data)).status(status);
    }

    /**
     * {@link #jsonResponse(Object)} written by {@code mapper} — the application's own, with its
     * modules, naming strategy and formatting (the body is what the mapper writes, not Python's
     * spacing). asyncio: {@code web.json_response(data, dumps=...)}
     *
     * @throws IllegalArgumentException if the mapper cannot serialize it
     * @throws NullPointerException if {@code mapper} is null (call {@link #jsonResponse(Object)} for the default)
     */
    public static Response jsonResponse(Object data, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return jsonResponse(data, 200, mapper);
    }

    /**
     * {@link #jsonResponse(Object, com.fasterxml.jackson.databind.ObjectMapper)} with {@code status}.
     * asyncio: {@code web.json_response(data, status=..., dumps=...)}
     */
    public static Response jsonResponse(Object data, int status, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        String text = io.asyncio4j.http.internal.Json.writeString(data,
                io.asyncio4j.http.internal.Json.checkMapper(mapper, "Web.jsonResponse()"));
        return Response.json(text).status(status);
    }

    /**
     * Serves {@code app} as {@code options} say, in a new event loop, until SIGINT (Ctrl-C) or
     * SIGTERM, then shuts down gracefully ({@link AppRunner#cleanup}, waiting up to the shutdown
     * timeout for requests in progress) and returns. Call it from outside a loop, like
     * {@code Asyncio.run}: it blocks the calling thread until the server has shut down. What it
     * serves on, what it prints and logs: {@link RunAppOptions}; what it does inside the loop:
     * {@link #serveApp(Application, RunAppOptions)}. With {@code handleSignals} off, Ctrl-C still
     * cancels the loop's main task ({@code Asyncio.run}'s own SIGINT handling), which shuts down
     * the same way; to stop it from code, run {@code serveApp} in a task and cancel that.
     * aiohttp: {@code web.run_app(app, host=..., port=..., path=..., sock=..., ...)}
     *
     * @throws IllegalArgumentException for options that serve on nothing, and as {@link #serveApp}
     */
    public static void runApp(Application app, RunAppOptions options) {
        requireApp(app);
        runApp(() -> app, options);
    }

    /**
     * {@link #runApp(Application, RunAppOptions)} with an application built by {@code factory}
     * inside the loop (a task of it: the factory may suspend, open connection pools, ...).
     * aiohttp: {@code web.run_app(make_app())} with {@code async def make_app()}
     */
    public static void runApp(Coroutine<Application> factory, RunAppOptions options) {
        try {
            Asyncio.run(() -> {
                serveApp(factory, options);
                return null;
            });
        } catch (KeyboardInterruptException e) {
            // aiohttp's run_app ends quietly on Ctrl-C too ("except (GracefulExit, KeyboardInterrupt): pass")
        }
    }

    /**
     * Serves {@code app} on {@code host}:{@code port} (port 0: one the system picks, shown in the
     * banner); blocks like {@link #runApp(Application, RunAppOptions)} with the other options at
     * their defaults. aiohttp: {@code web.run_app(app, host=host, port=port)}
     */
    public static void runApp(Application app, String host, int port) {
        runApp(app, RunAppOptions.defaults().withHost(host).withPort(port));
    }

    /**
     * Serves {@code app} on all interfaces, port 8080, aiohttp's default; blocks like
     * {@link #runApp(Application, RunAppOptions)}. aiohttp: {@code web.run_app(app)}
     */
    public static void runApp(Application app) {
        runApp(app, RunAppOptions.defaults());
    }

    /**
     * What {@link #runApp(Application, RunAppOptions)} does inside its loop, for a task of a loop of
     * one's own: sets up a runner for {@code app} ({@link AppRunner}: startup hooks, the
     * options' timeouts and access log), starts its sites ({@link TcpSite}s, {@link UnixSite}s,
     * {@link SockSite}s, in the order {@link RunAppOptions} gives), hands the banner
     * ({@code ======== Running on http://127.0.0.1:8080, http://unix:/run/app.sock: ========} and
     * {@code (Press CTRL+C to quit)}, the sites' names sorted, with the port actually bound) to the
     * options' print, then waits. It returns after a graceful shutdown when SIGINT or SIGTERM
     * arrives (with {@code handleSignals}, the default; their handlers are removed then); and
     * cancelling the task that runs it shuts down the same way, then the cancellation goes on
     * ({@link io.asyncio4j.CancelledError}) — the way to stop it from code. May suspend.
     * aiohttp: {@code web._run_app} (the task {@code run_app} runs, cancelled on GracefulExit)
     *
     * @throws IllegalArgumentException for options that serve on nothing (an empty host list
     *         alone), a null application or options
     * @throws java.io.IOException when a site cannot bind (its runner cleaned up first)
     */
    public static void serveApp(Application app, RunAppOptions options) throws Exception {
        requireApp(app);
        RunApp.serve(() -> app, options);
    }

    /**
     * {@link #serveApp(Application, RunAppOptions)} with an application built by {@code factory}
     * in the calling task first. May suspend. aiohttp: {@code web._run_app(make_app())}
     *
     * @throws IllegalArgumentException also when the factory returns null
     */
    public static void serveApp(Coroutine<Application> factory, RunAppOptions options) throws Exception {
        RunApp.serve(factory, options);
    }

    private static void requireApp(Application app) {
        if (app == null) {
            throw new IllegalArgumentException("Web.runApp(): the application is null; pass the Application to serve");
        }
    }
}
