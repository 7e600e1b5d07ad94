package io.asyncio4j.http.web;

/**
 * {@code 416 Requested Range Not Satisfiable}: the body is
 * {@code "416: Requested Range Not Satisfiable"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPRequestRangeNotSatisfiable}
 */
public class HttpRequestRangeNotSatisfiable extends HttpClientError {
    /**
     * A 416 with the body {@code "416: Requested Range Not Satisfiable"}.
     * asyncio: {@code web.HTTPRequestRangeNotSatisfiable()}
     */
    public HttpRequestRangeNotSatisfiable() {
        this(null);
    }

    /**
     * A 416 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPRequestRangeNotSatisfiable(text=text)}
     */
    public HttpRequestRangeNotSatisfiable(String text) {
        super(416, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpRequestRangeNotSatisfiable().withReason("...")}). asyncio: {@code web.HTTPRequestRangeNotSatisfiable(reason=...)}
     */
    @Override
    public HttpRequestRangeNotSatisfiable withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
