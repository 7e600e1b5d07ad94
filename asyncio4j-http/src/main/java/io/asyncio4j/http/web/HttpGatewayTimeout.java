package io.asyncio4j.http.web;

/**
 * {@code 504 Gateway Timeout}: the body is {@code "504: Gateway Timeout"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPGatewayTimeout}
 */
public class HttpGatewayTimeout extends HttpServerError {
    /**
     * A 504 with the body {@code "504: Gateway Timeout"}.
     * asyncio: {@code web.HTTPGatewayTimeout()}
     */
    public HttpGatewayTimeout() {
        this(null);
    }

    /**
     * A 504 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPGatewayTimeout(text=text)}
     */
    public HttpGatewayTimeout(String text) {
        super(504, text);
    }
}
