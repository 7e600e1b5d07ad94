package io.asyncio4j.http.web;

/**
 * {@code 503 Service Unavailable}: the body is
 * {@code "503: Service Unavailable"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPServiceUnavailable}
 */
public class HttpServiceUnavailable extends HttpServerError {
    /**
     * A 503 with the body {@code "503: Service Unavailable"}.
     * asyncio: {@code web.HTTPServiceUnavailable()}
     */
    public HttpServiceUnavailable() {
        this(null);
    }

    /**
     * A 503 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPServiceUnavailable(text=text)}
     */
    public HttpServiceUnavailable(String text) {
        super(503, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpServiceUnavailable().withReason("...")}). asyncio: {@code web.HTTPServiceUnavailable(reason=...)}
     */
    @Override
    public HttpServiceUnavailable withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
