package io.asyncio4j.http.web;

/**
 * {@code 400 Bad Request}: the body is {@code "400: Bad Request"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPBadRequest}
 */
public class HttpBadRequest extends HttpClientError {
    /**
     * A 400 with the body {@code "400: Bad Request"}.
     * asyncio: {@code web.HTTPBadRequest()}
     */
    public HttpBadRequest() {
        this(null);
    }

    /**
     * A 400 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPBadRequest(text=text)}
     */
    public HttpBadRequest(String text) {
        super(400, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpBadRequest().withReason("...")}). asyncio: {@code web.HTTPBadRequest(reason=...)}
     */
    @Override
    public HttpBadRequest withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
