package io.asyncio4j.http.web;

/**
 * {@code 410 Gone}: the body is {@code "410: Gone"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPGone}
 */
public class HttpGone extends HttpClientError {
    /**
     * A 410 with the body {@code "410: Gone"}.
     * asyncio: {@code web.HTTPGone()}
     */
    public HttpGone() {
        this(null);
    }

    /**
     * A 410 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPGone(text=text)}
     */
    public HttpGone(String text) {
        super(410, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpGone().withReason("...")}). asyncio: {@code web.HTTPGone(reason=...)}
     */
    @Override
    public HttpGone withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
