package io.asyncio4j.http.web;

/**
 * {@code 304 Not Modified}, which carries no body (so no text to give).
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNotModified}
 */
public class HttpNotModified extends HttpRedirection {
    /** A 304, without a body. asyncio: {@code web.HTTPNotModified()} */
    public HttpNotModified() {
        super(304, null);
    }
}
