package io.asyncio4j.http.web;

/**
 * {@code 200 OK}: the body is {@code "200: OK"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPOk}
 */
public class HttpOk extends HttpSuccessful {
    /**
     * A 200 with the body {@code "200: OK"}.
     * asyncio: {@code web.HTTPOk()}
     */
    public HttpOk() {
        this(null);
    }

    /**
     * A 200 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPOk(text=text)}
     */
    public HttpOk(String text) {
        super(200, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpOk().withReason("...")}). asyncio: {@code web.HTTPOk(reason=...)}
     */
    @Override
    public HttpOk withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
