package io.asyncio4j.http.web;

/**
 * {@code 431 Request Header Fields Too Large}: the body is
 * {@code "431: Request Header Fields Too Large"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPRequestHeaderFieldsTooLarge}
 */
public class HttpRequestHeaderFieldsTooLarge extends HttpClientError {
    /**
     * A 431 with the body {@code "431: Request Header Fields Too Large"}.
     * asyncio: {@code web.HTTPRequestHeaderFieldsTooLarge()}
     */
    public HttpRequestHeaderFieldsTooLarge() {
        this(null);
    }

    /**
     * A 431 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPRequestHeaderFieldsTooLarge(text=text)}
     */
    public HttpRequestHeaderFieldsTooLarge(String text) {
        super(431, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpRequestHeaderFieldsTooLarge().withReason("...")}). asyncio: {@code web.HTTPRequestHeaderFieldsTooLarge(reason=...)}
     */
    @Override
    public HttpRequestHeaderFieldsTooLarge withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
