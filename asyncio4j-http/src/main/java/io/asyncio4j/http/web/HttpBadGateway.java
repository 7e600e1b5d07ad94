package io.asyncio4j.http.web;

/**
 * {@code 502 Bad Gateway}: the body is {@code "502: Bad Gateway"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPBadGateway}
 */
public class HttpBadGateway extends HttpServerError {
    /**
     * A 502 with the body {@code "502: Bad Gateway"}.
     * asyncio: {@code web.HTTPBadGateway()}
     */
    public HttpBadGateway() {
        this(null);
    }

    /**
     * A 502 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPBadGateway(text=text)}
     */
    public HttpBadGateway(String text) {
        super(502, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpBadGateway().withReason("...")}). asyncio: {@code web.HTTPBadGateway(reason=...)}
     */
    @Override
    public HttpBadGateway withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
