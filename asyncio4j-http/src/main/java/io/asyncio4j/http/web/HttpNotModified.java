package io.asyncio4j.http.web;

/**
 * {@code 304 Not Modified}, which carries no body (so no text to give).
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNotModified}
 */
public class HttpNotModified extends HttpRedirection {
    /** A 304, without a body. asyncio: {@code web.HTTPNotModified()} */
    public HttpNotModified() {
        super(304, null);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNotModified().withReason("...")}). asyncio: {@code web.HTTPNotModified(reason=...)}
     */
    @Override
    public HttpNotModified withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
