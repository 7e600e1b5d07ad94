package io.asyncio4j.http.web;

/**
 * {@code 401 Unauthorized}: the body is {@code "401: Unauthorized"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPUnauthorized}
 */
public class HttpUnauthorized extends HttpClientError {
    /**
     * A 401 with the body {@code "401: Unauthorized"}.
     * asyncio: {@code web.HTTPUnauthorized()}
     */
    public HttpUnauthorized() {
        this(null);
    }

    /**
     * A 401 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPUnauthorized(text=text)}
     */
    public HttpUnauthorized(String text) {
        super(401, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpUnauthorized().withReason("...")}). asyncio: {@code web.HTTPUnauthorized(reason=...)}
     */
    @Override
    public HttpUnauthorized withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
