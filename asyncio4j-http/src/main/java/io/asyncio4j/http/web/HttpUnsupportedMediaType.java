package io.asyncio4j.http.web;

/**
 * {@code 415 Unsupported Media Type}: the body is
 * {@code "415: Unsupported Media Type"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPUnsupportedMediaType}
 */
public class HttpUnsupportedMediaType extends HttpClientError {
    /**
     * A 415 with the body {@code "415: Unsupported Media Type"}.
     * asyncio: {@code web.HTTPUnsupportedMediaType()}
     */
    public HttpUnsupportedMediaType() {
        this(null);
    }

    /**
     * A 415 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPUnsupportedMediaType(text=text)}
     */
    public HttpUnsupportedMediaType(String text) {
        super(415, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpUnsupportedMediaType().withReason("...")}). asyncio: {@code web.HTTPUnsupportedMediaType(reason=...)}
     */
    @Override
    public HttpUnsupportedMediaType withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
