package io.asyncio4j.http.web;

import java.util.Locale;

/**
 * A method and path pattern bound to a handler, for {@link Application#addRoutes}. The path is
 * literal ({@code /users}) or has variable segments, {@code /users/{id}} (one segment) or
 * {@code /files/{path:.+}} (a regular expression); {@link Request#matchInfo()} holds what
 * they matched. A route for GET also answers HEAD unless made with {@code allowHead} false.
 *
 * @param method    the method in upper case, or {@code *} for any
 * @param path      the path pattern, starting with {@code /}
 * @param handler   what answers
 * @param allowHead for GET: whether HEAD is answered too (with the GET response's head)
 * <p>
 * asyncio: aiohttp's {@code web.RouteDef} ({@code web.get(path, handler)} and friends)
 */
public record Route(String method, String path, Handler handler, boolean allowHead) {
    /** Validates the parts: a token method (upper-cased), a path starting with /, a handler. */
    public Route {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("Route: the method must be a token such as GET, or * for any");
        }
        method = method.toUpperCase(Locale.ROOT);
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Route: the path must start with '/'; got " + path);
        }
        if (handler == null) {
            throw new IllegalArgumentException("Route " + method + " " + path + ": the handler is null");
        }
    }

    @Override
    public String toString() {
        return "<Route " + method + " " + path + ">";
    }
}
