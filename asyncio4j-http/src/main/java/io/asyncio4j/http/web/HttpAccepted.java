package io.asyncio4j.http.web;

/**
 * {@code 202 Accepted}: the body is {@code "202: Accepted"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPAccepted}
 */
public class HttpAccepted extends HttpSuccessful {
    /**
     * A 202 with the body {@code "202: Accepted"}.
     * asyncio: {@code web.HTTPAccepted()}
     */
    public HttpAccepted() {
        this(null);
    }

    /**
     * A 202 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPAccepted(text=text)}
     */
    public HttpAccepted(String text) {
        super(202, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpAccepted().withReason("...")}). asyncio: {@code web.HTTPAccepted(reason=...)}
     */
    @Override
    public HttpAccepted withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
