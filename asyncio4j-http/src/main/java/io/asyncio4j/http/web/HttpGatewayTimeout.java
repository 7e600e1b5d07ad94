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

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpGatewayTimeout().withReason("...")}). asyncio: {@code web.HTTPGatewayTimeout(reason=...)}
     */
    @Override
    public HttpGatewayTimeout withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
