package io.asyncio4j.http.web;

/**
 * {@code 204 No Content}, which carries no body (so no text to give).
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNoContent}
 */
public class HttpNoContent extends HttpSuccessful {
    /** A 204, without a body. asyncio: {@code web.HTTPNoContent()} */
    public HttpNoContent() {
        super(204, null);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNoContent().withReason("...")}). asyncio: {@code web.HTTPNoContent(reason=...)}
     */
    @Override
    public HttpNoContent withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
