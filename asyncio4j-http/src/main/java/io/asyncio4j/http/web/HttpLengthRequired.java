package io.asyncio4j.http.web;

/**
 * {@code 411 Length Required}: the body is {@code "411: Length Required"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPLengthRequired}
 */
public class HttpLengthRequired extends HttpClientError {
    /**
     * A 411 with the body {@code "411: Length Required"}.
     * asyncio: {@code web.HTTPLengthRequired()}
     */
    public HttpLengthRequired() {
        this(null);
    }

    /**
     * A 411 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPLengthRequired(text=text)}
     */
    public HttpLengthRequired(String text) {
        super(411, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpLengthRequired().withReason("...")}). asyncio: {@code web.HTTPLengthRequired(reason=...)}
     */
    @Override
    public HttpLengthRequired withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
