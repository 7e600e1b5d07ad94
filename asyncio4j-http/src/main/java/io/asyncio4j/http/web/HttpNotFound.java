package io.asyncio4j.http.web;

/**
 * {@code 404 Not Found}: the body is {@code "404: Not Found"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNotFound}
 */
public class HttpNotFound extends HttpClientError {
    /**
     * A 404 with the body {@code "404: Not Found"}.
     * asyncio: {@code web.HTTPNotFound()}
     */
    public HttpNotFound() {
        this(null);
    }

    /**
     * A 404 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPNotFound(text=text)}
     */
    public HttpNotFound(String text) {
        super(404, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNotFound().withReason("...")}). asyncio: {@code web.HTTPNotFound(reason=...)}
     */
    @Override
    public HttpNotFound withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
