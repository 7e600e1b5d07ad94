package io.asyncio4j.http.web;

import java.util.Locale;

/**
 * A method and path pattern bound to a handler, for {@link Application#addRoutes}. The path is
 * literal ({@code /users}) or has variable segments, {@code /users/{id}} (one segment) or
 * {@code /files/{path:.+}} (a regular expression); {@link Request#matchInfo()} holds what
 * they matched. A route for GET also answers HEAD unless made with {@code allowHead} false.
 * The pattern is compiled, and checked, when the route is added to a {@link Router}.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: aiohttp's {@code web.RouteDef} ({@code web.get(path, handler)} and friends)
 *
 * @param method    the method in upper case, or {@code *} for any
 * @param path      the path pattern, starting with {@code /}
 * @param handler   what answers
 * @param allowHead for GET: whether HEAD is answered too (with the GET response's head)
 * @param name      the name {@link Router#urlFor} knows it by, or null. asyncio: {@code name=}
 */
public record Route(String method, String path, Handler handler, boolean allowHead, String name) {
    /** An unnamed route. asyncio: {@code web.RouteDef(method, path, handler, {})} */
    public Route(String method, String path, Handler handler, boolean allowHead) {
        this(method, path, handler, allowHead, null);
    }

    /**
     * Checks the parts — a method that is a token or {@code *} (upper-cased here), a path starting with
     * {@code /}, a handler — and makes the route. asyncio: {@code web.RouteDef(method, path, handler, kwargs)}
     *
     * @throws IllegalArgumentException naming the part that is missing or wrong
     */
    public Route {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("Route(): the method is " + (method == null ? "null" : "empty")
                    + "; give a token such as GET, or * for any");
        }
        method = method.toUpperCase(Locale.ROOT);
        if (!method.equals("*")) {
            for (int i = 0; i < method.length(); i++) {
                if (!io.asyncio4j.http.Headers.isTokenChar(method.charAt(i))) {
                    throw new IllegalArgumentException("Route(): the method \"" + method + "\" is not a token (it "
                            + "holds '" + method.charAt(i) + "'); give one such as GET, or * for any");
                }
            }
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Route(): the path " + (path == null ? "is null" : "\"" + path
                    + "\" does not start with '/'") + "; give an absolute path such as /users/{id}");
        }
        if (handler == null) {
            throw new IllegalArgumentException("Route(): the handler of " + method + " " + path
                    + " is null; give the Handler that answers it");
        }
        if (name != null) {
            checkName(name);
        }
    }

    /**
     * A copy known by {@code name} (letters, digits, {@code _ - . :}; not starting with a digit),
     * for {@link Router#urlFor}. asyncio: {@code web.get(path, handler, name=name)}
     *
     * @throws IllegalArgumentException for a name of other characters
     */
    public Route named(String name) {
        return new Route(method, path, handler, allowHead, name);
    }

    private static void checkName(String name) {
        boolean ok = !name.isEmpty() && !Character.isDigit(name.charAt(0));
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c < 128 && Character.isLetterOrDigit(c)) || c == '_' || c == '-' || c == '.' || c == ':';
        }
        if (!ok) {
            throw new IllegalArgumentException("Route.named(): \"" + name + "\" is not a route name; use letters, "
                    + "digits, '_', '-', '.' and ':', not starting with a digit (aiohttp's rule)");
        }
    }

    /** {@code <Route GET /users/{id}>}. asyncio: {@code repr(route_def)} */
    @Override
    public String toString() {
        return "<Route " + method + " " + path + (name != null ? " name=" + name : "") + ">";
    }
}
