package io.asyncio4j.http.web;

/**
 * {@code 408 Request Timeout}: the body is {@code "408: Request Timeout"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPRequestTimeout}
 */
public class HttpRequestTimeout extends HttpClientError {
    /**
     * A 408 with the body {@code "408: Request Timeout"}.
     * asyncio: {@code web.HTTPRequestTimeout()}
     */
    public HttpRequestTimeout() {
        this(null);
    }

    /**
     * A 408 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPRequestTimeout(text=text)}
     */
    public HttpRequestTimeout(String text) {
        super(408, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpRequestTimeout().withReason("...")}). asyncio: {@code web.HTTPRequestTimeout(reason=...)}
     */
    @Override
    public HttpRequestTimeout withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
