package io.asyncio4j.http.web;

/**
 * {@code 500 Internal Server Error}: the body is
 * {@code "500: Internal Server Error"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPInternalServerError}
 */
public class HttpInternalServerError extends HttpServerError {
    /**
     * A 500 with the body {@code "500: Internal Server Error"}.
     * asyncio: {@code web.HTTPInternalServerError()}
     */
    public HttpInternalServerError() {
        this(null);
    }

    /**
     * A 500 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPInternalServerError(text=text)}
     */
    public HttpInternalServerError(String text) {
        super(500, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpInternalServerError().withReason("...")}). asyncio: {@code web.HTTPInternalServerError(reason=...)}
     */
    @Override
    public HttpInternalServerError withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
