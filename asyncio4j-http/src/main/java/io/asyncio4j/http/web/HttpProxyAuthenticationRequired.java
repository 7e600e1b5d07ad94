package io.asyncio4j.http.web;

/**
 * {@code 407 Proxy Authentication Required}: the body is
 * {@code "407: Proxy Authentication Required"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPProxyAuthenticationRequired}
 */
public class HttpProxyAuthenticationRequired extends HttpClientError {
    /**
     * A 407 with the body {@code "407: Proxy Authentication Required"}.
     * asyncio: {@code web.HTTPProxyAuthenticationRequired()}
     */
    public HttpProxyAuthenticationRequired() {
        this(null);
    }

    /**
     * A 407 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPProxyAuthenticationRequired(text=text)}
     */
    public HttpProxyAuthenticationRequired(String text) {
        super(407, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpProxyAuthenticationRequired().withReason("...")}). asyncio: {@code web.HTTPProxyAuthenticationRequired(reason=...)}
     */
    @Override
    public HttpProxyAuthenticationRequired withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
