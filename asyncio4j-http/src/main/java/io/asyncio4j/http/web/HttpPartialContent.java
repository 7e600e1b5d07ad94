package io.asyncio4j.http.web;

/**
 * {@code 206 Partial Content}: the body is {@code "206: Partial Content"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPPartialContent}
 */
public class HttpPartialContent extends HttpSuccessful {
    /**
     * A 206 with the body {@code "206: Partial Content"}.
     * asyncio: {@code web.HTTPPartialContent()}
     */
    public HttpPartialContent() {
        this(null);
    }

    /**
     * A 206 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPPartialContent(text=text)}
     */
    public HttpPartialContent(String text) {
        super(206, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpPartialContent().withReason("...")}). asyncio: {@code web.HTTPPartialContent(reason=...)}
     */
    @Override
    public HttpPartialContent withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
