package io.asyncio4j.http.web;

/**
 * A callback run just before a response's head goes out, with the request it answers: the place
 * for fields every response should carry (security headers, CORS) whoever made the response — a
 * handler, a middleware, an {@link HttpException}, the router's 404. It may change the status,
 * the fields and the cookies; they go out as it leaves them. See
 * {@link Application#onResponsePrepare()} for which responses it sees and what a failure does.
 * <pre>{@code
 * app.onResponsePrepare().add((request, response) -> response.header("X-Frame-Options", "DENY"));
 * }</pre>
 * <p>
 * Threading: runs in the task serving the connection, and may suspend.
 * <p>
 * aiohttp: a coroutine in {@code app.on_response_prepare}, {@code async def hook(request, response)}
 */
@FunctionalInterface
public interface ResponsePrepareHook {
    /**
     * Runs for {@code response}, about to answer {@code request}; may suspend.
     * aiohttp: {@code await hook(request, response)}
     */
    void run(Request request, Response response) throws Exception;
}
