package io.asyncio4j.http.web;

/**
 * Wraps every handler of an application: sees the request first, calls {@code next} (or not),
 * sees or replaces the response. Middlewares run in the order given, the first outermost.
 * <p>
 * Threading: runs in the task serving the connection, as the handler it wraps does.
 * <p>
 * asyncio: an aiohttp middleware, {@code @web.middleware async def mw(request, handler)}
 */
@FunctionalInterface
public interface Middleware {
    /**
     * The response to {@code request}, usually from {@code next.handle(request)}; may suspend.
     * asyncio: {@code await middleware(request, handler)}
     */
    Response handle(Request request, Handler next) throws Exception;
}
