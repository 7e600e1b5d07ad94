package io.asyncio4j.http.web;

/**
 * {@code 507 Insufficient Storage}: the body is
 * {@code "507: Insufficient Storage"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPInsufficientStorage}
 */
public class HttpInsufficientStorage extends HttpServerError {
    /**
     * A 507 with the body {@code "507: Insufficient Storage"}.
     * asyncio: {@code web.HTTPInsufficientStorage()}
     */
    public HttpInsufficientStorage() {
        this(null);
    }

    /**
     * A 507 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPInsufficientStorage(text=text)}
     */
    public HttpInsufficientStorage(String text) {
        super(507, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpInsufficientStorage().withReason("...")}). asyncio: {@code web.HTTPInsufficientStorage(reason=...)}
     */
    @Override
    public HttpInsufficientStorage withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
