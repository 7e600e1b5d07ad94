package io.asyncio4j.http.web;

/**
 * {@code 302 Found} to a location, sent in the {@code Location} field; the body is
 * {@code "302: Found"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPFound}
 */
public class HttpFound extends HttpMove {
    /**
     * A 302 to {@code location} (a path or a URL).
     * asyncio: {@code web.HTTPFound(location)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpFound(String location) {
        this(location, null);
    }

    /**
     * A 302 to {@code location} with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPFound(location, text=text)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpFound(String location, String text) {
        super(302, location, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpFound().withReason("...")}). asyncio: {@code web.HTTPFound(reason=...)}
     */
    @Override
    public HttpFound withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
