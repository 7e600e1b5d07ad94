package io.asyncio4j.http.web;

/**
 * {@code 422 Unprocessable Entity}: the body is
 * {@code "422: Unprocessable Entity"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPUnprocessableEntity}
 */
public class HttpUnprocessableEntity extends HttpClientError {
    /**
     * A 422 with the body {@code "422: Unprocessable Entity"}.
     * asyncio: {@code web.HTTPUnprocessableEntity()}
     */
    public HttpUnprocessableEntity() {
        this(null);
    }

    /**
     * A 422 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPUnprocessableEntity(text=text)}
     */
    public HttpUnprocessableEntity(String text) {
        super(422, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpUnprocessableEntity().withReason("...")}). asyncio: {@code web.HTTPUnprocessableEntity(reason=...)}
     */
    @Override
    public HttpUnprocessableEntity withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
