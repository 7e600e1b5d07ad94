package io.asyncio4j.http.web;

/**
 * {@code 205 Reset Content}, which carries no body (so no text to give).
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPResetContent}
 */
public class HttpResetContent extends HttpSuccessful {
    /** A 205, without a body. asyncio: {@code web.HTTPResetContent()} */
    public HttpResetContent() {
        super(205, null);
    }
}
