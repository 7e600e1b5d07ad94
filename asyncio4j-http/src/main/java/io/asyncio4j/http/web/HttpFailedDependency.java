package io.asyncio4j.http.web;

/**
 * {@code 424 Failed Dependency}: the body is {@code "424: Failed Dependency"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPFailedDependency}
 */
public class HttpFailedDependency extends HttpClientError {
    /**
     * A 424 with the body {@code "424: Failed Dependency"}.
     * asyncio: {@code web.HTTPFailedDependency()}
     */
    public HttpFailedDependency() {
        this(null);
    }

    /**
     * A 424 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPFailedDependency(text=text)}
     */
    public HttpFailedDependency(String text) {
        super(424, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpFailedDependency().withReason("...")}). asyncio: {@code web.HTTPFailedDependency(reason=...)}
     */
    @Override
    public HttpFailedDependency withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
