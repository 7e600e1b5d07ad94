package io.asyncio4j.http.web;

/**
 * What answers a request: takes the {@link Request}, returns the {@link Response}. Runs in the
 * task serving the connection and may suspend (await other tasks, sleep, read the body, call
 * other services). Throwing an {@link HttpException} answers with it; any other exception
 * answers 500, is reported to the loop's exception handler, and closes the connection after the
 * response (as aiohttp does). An {@code IOException} from reading a body the peer cut short may
 * be let through: the peer is gone, and nothing is answered or reported.
 * <p>
 * asyncio: an aiohttp handler, {@code async def handler(request) -> web.Response}
 */
@FunctionalInterface
public interface Handler {
    /** The response to {@code request}; may suspend. asyncio: {@code await handler(request)} */
    Response handle(Request request) throws Exception;
}
