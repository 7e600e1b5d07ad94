package io.asyncio4j.http.web;

/**
 * {@code 501 Not Implemented}: the body is {@code "501: Not Implemented"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNotImplemented}
 */
public class HttpNotImplemented extends HttpServerError {
    /**
     * A 501 with the body {@code "501: Not Implemented"}.
     * asyncio: {@code web.HTTPNotImplemented()}
     */
    public HttpNotImplemented() {
        this(null);
    }

    /**
     * A 501 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPNotImplemented(text=text)}
     */
    public HttpNotImplemented(String text) {
        super(501, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNotImplemented().withReason("...")}). asyncio: {@code web.HTTPNotImplemented(reason=...)}
     */
    @Override
    public HttpNotImplemented withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
