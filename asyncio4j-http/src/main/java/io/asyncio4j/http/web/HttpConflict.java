package io.asyncio4j.http.web;

/**
 * {@code 409 Conflict}: the body is {@code "409: Conflict"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPConflict}
 */
public class HttpConflict extends HttpClientError {
    /**
     * A 409 with the body {@code "409: Conflict"}.
     * asyncio: {@code web.HTTPConflict()}
     */
    public HttpConflict() {
        this(null);
    }

    /**
     * A 409 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPConflict(text=text)}
     */
    public HttpConflict(String text) {
        super(409, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpConflict().withReason("...")}). asyncio: {@code web.HTTPConflict(reason=...)}
     */
    @Override
    public HttpConflict withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
