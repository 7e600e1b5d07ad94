package io.asyncio4j.http.web;

/**
 * {@code 414 Request-URI Too Long}: the body is
 * {@code "414: Request-URI Too Long"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPRequestURITooLong}
 */
public class HttpRequestUriTooLong extends HttpClientError {
    /**
     * A 414 with the body {@code "414: Request-URI Too Long"}.
     * asyncio: {@code web.HTTPRequestURITooLong()}
     */
    public HttpRequestUriTooLong() {
        this(null);
    }

    /**
     * A 414 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPRequestURITooLong(text=text)}
     */
    public HttpRequestUriTooLong(String text) {
        super(414, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpRequestUriTooLong().withReason("...")}). asyncio: {@code web.HTTPRequestURITooLong(reason=...)}
     */
    @Override
    public HttpRequestUriTooLong withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
