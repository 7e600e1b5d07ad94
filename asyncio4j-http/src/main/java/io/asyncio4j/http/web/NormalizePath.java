package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The middleware of {@link Web#normalizePathMiddleware}: a request whose path no route takes (a
 * 404 or 405 from the router, not from a handler) is redirected to the first of these variants
 * of its path that a route does take with the request's method — its slashes merged, a slash
 * appended (or removed), both — keeping the query string. Any other request goes on unchanged.
 * The variants are aiohttp's, in its order, built on the path as sent (percent-escapes kept) and
 * looked up decoded, from the served application down through its sub-applications.
 * <p>
 * Threading: immutable; runs in the task serving the request.
 * <p>
 * aiohttp: the middleware {@code web.normalize_path_middleware(...)} returns
 */
final class NormalizePath implements Middleware {
    private static final Pattern SLASHES = Pattern.compile("//+");
    private static final Pattern LEADING_SLASHES = Pattern.compile("^//+");

    private final boolean appendSlash;
    private final boolean removeSlash;
    private final boolean mergeSlashes;
    private final int redirectStatus;

    NormalizePath(boolean appendSlash, boolean removeSlash, boolean mergeSlashes, int redirectStatus) {
        if (appendSlash && removeSlash) {
            throw new IllegalArgumentException("Web.normalizePathMiddleware(): appendSlash and removeSlash are both "
                    + "true; a path cannot both gain and lose its trailing slash, choose one (aiohttp asserts "
                    + "\"Cannot both remove and append slash\")");
        }
        if (redirectStatus != 301 && redirectStatus != 302 && redirectStatus != 303 && redirectStatus != 307
                && redirectStatus != 308) {
            throw new IllegalArgumentException("Web.normalizePathMiddleware(): " + redirectStatus + " is not a "
                    + "redirect status; use 301, 302, 303, 307 or 308 (the default, aiohttp's HTTPPermanentRedirect)");
        }
        this.appendSlash = appendSlash;
        this.removeSlash = removeSlash;
        this.mergeSlashes = mergeSlashes;
        this.redirectStatus = redirectStatus;
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        Application served = request.served();
        if (request.routeError() != null) { // routed before the middlewares ran: a 404 or 405 to come
            String query = request.target().indexOf('?') >= 0 ? "?" + request.rawQueryString() : "";
            for (String candidate : candidates(request.rawPath(), request.path().endsWith("/"))) {
                // a path starting // would be read by a browser as another host (aiohttp's GHSA-v6wp-4m6f-gcjg)
                String path = LEADING_SLASHES.matcher(candidate).replaceFirst("/");
                if (served.resolves(request.method(), UrlCoding.decodePath(path))) {
                    throw HttpException.redirect(redirectStatus, path + query);
                }
            }
        }
        return next.handle(request);
    }

    /** The variants of {@code raw} to try, in aiohttp's order. */
    private List<String> candidates(String raw, boolean endsWithSlash) {
        List<String> paths = new ArrayList<>(3);
        if (mergeSlashes) {
            paths.add(merged(raw));
        }
        if (appendSlash && !endsWithSlash) {
            paths.add(raw + "/");
        }
        if (removeSlash && endsWithSlash) {
            paths.add(raw.substring(0, raw.length() - 1));
        }
        if (mergeSlashes && appendSlash) {
            paths.add(merged(raw + "/"));
        }
        if (mergeSlashes && removeSlash) {
            String m = merged(raw);
            paths.add(m.substring(0, m.length() - 1));
        }
        return paths;
    }

    private static String merged(String path) {
        return SLASHES.matcher(path).replaceAll("/");
    }

    @Override
    public String toString() {
        return "<normalizePathMiddleware appendSlash=" + appendSlash + " removeSlash=" + removeSlash + " mergeSlashes="
                + mergeSlashes + " redirect=" + redirectStatus + ">";
    }
}
