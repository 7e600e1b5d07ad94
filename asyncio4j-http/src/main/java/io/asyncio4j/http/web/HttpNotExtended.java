package io.asyncio4j.http.web;

/**
 * {@code 510 Not Extended}: the body is {@code "510: Not Extended"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNotExtended}
 */
public class HttpNotExtended extends HttpServerError {
    /**
     * A 510 with the body {@code "510: Not Extended"}.
     * asyncio: {@code web.HTTPNotExtended()}
     */
    public HttpNotExtended() {
        this(null);
    }

    /**
     * A 510 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPNotExtended(text=text)}
     */
    public HttpNotExtended(String text) {
        super(510, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNotExtended().withReason("...")}). asyncio: {@code web.HTTPNotExtended(reason=...)}
     */
    @Override
    public HttpNotExtended withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
