package io.asyncio4j.http.web;

/**
 * {@code 406 Not Acceptable}: the body is {@code "406: Not Acceptable"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNotAcceptable}
 */
public class HttpNotAcceptable extends HttpClientError {
    /**
     * A 406 with the body {@code "406: Not Acceptable"}.
     * asyncio: {@code web.HTTPNotAcceptable()}
     */
    public HttpNotAcceptable() {
        this(null);
    }

    /**
     * A 406 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPNotAcceptable(text=text)}
     */
    public HttpNotAcceptable(String text) {
        super(406, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNotAcceptable().withReason("...")}). asyncio: {@code web.HTTPNotAcceptable(reason=...)}
     */
    @Override
    public HttpNotAcceptable withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
