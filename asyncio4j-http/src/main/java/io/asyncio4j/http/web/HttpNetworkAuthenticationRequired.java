package io.asyncio4j.http.web;

/**
 * {@code 511 Network Authentication Required}: the body is
 * {@code "511: Network Authentication Required"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNetworkAuthenticationRequired}
 */
public class HttpNetworkAuthenticationRequired extends HttpServerError {
    /**
     * A 511 with the body {@code "511: Network Authentication Required"}.
     * asyncio: {@code web.HTTPNetworkAuthenticationRequired()}
     */
    public HttpNetworkAuthenticationRequired() {
        this(null);
    }

    /**
     * A 511 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPNetworkAuthenticationRequired(text=text)}
     */
    public HttpNetworkAuthenticationRequired(String text) {
        super(511, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNetworkAuthenticationRequired().withReason("...")}). asyncio: {@code web.HTTPNetworkAuthenticationRequired(reason=...)}
     */
    @Override
    public HttpNetworkAuthenticationRequired withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
