package io.asyncio4j.http.web;

/**
 * {@code 205 Reset Content}, which carries no body (so no text to give).
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPResetContent}
 */
public class HttpResetContent extends HttpSuccessful {
    /** A 205, without a body. asyncio: {@code web.HTTPResetContent()} */
    public HttpResetContent() {
        super(205, null);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpResetContent().withReason("...")}). asyncio: {@code web.HTTPResetContent(reason=...)}
     */
    @Override
    public HttpResetContent withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
