package io.asyncio4j.http.web;

/**
 * {@code 301 Moved Permanently} to a location, sent in the {@code Location} field; the body is
 * {@code "301: Moved Permanently"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPMovedPermanently}
 */
public class HttpMovedPermanently extends HttpMove {
    /**
     * A 301 to {@code location} (a path or a URL).
     * asyncio: {@code web.HTTPMovedPermanently(location)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpMovedPermanently(String location) {
        this(location, null);
    }

    /**
     * A 301 to {@code location} with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPMovedPermanently(location, text=text)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpMovedPermanently(String location, String text) {
        super(301, location, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpMovedPermanently().withReason("...")}). asyncio: {@code web.HTTPMovedPermanently(reason=...)}
     */
    @Override
    public HttpMovedPermanently withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
