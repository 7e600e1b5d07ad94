package io.asyncio4j.http.web;

/**
 * {@code 429 Too Many Requests}: the body is {@code "429: Too Many Requests"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPTooManyRequests}
 */
public class HttpTooManyRequests extends HttpClientError {
    /**
     * A 429 with the body {@code "429: Too Many Requests"}.
     * asyncio: {@code web.HTTPTooManyRequests()}
     */
    public HttpTooManyRequests() {
        this(null);
    }

    /**
     * A 429 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPTooManyRequests(text=text)}
     */
    public HttpTooManyRequests(String text) {
        super(429, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpTooManyRequests().withReason("...")}). asyncio: {@code web.HTTPTooManyRequests(reason=...)}
     */
    @Override
    public HttpTooManyRequests withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
