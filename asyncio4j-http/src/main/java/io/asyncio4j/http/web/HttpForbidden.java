package io.asyncio4j.http.web;

/**
 * {@code 403 Forbidden}: the body is {@code "403: Forbidden"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPForbidden}
 */
public class HttpForbidden extends HttpClientError {
    /**
     * A 403 with the body {@code "403: Forbidden"}.
     * asyncio: {@code web.HTTPForbidden()}
     */
    public HttpForbidden() {
        this(null);
    }

    /**
     * A 403 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPForbidden(text=text)}
     */
    public HttpForbidden(String text) {
        super(403, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpForbidden().withReason("...")}). asyncio: {@code web.HTTPForbidden(reason=...)}
     */
    @Override
    public HttpForbidden withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
