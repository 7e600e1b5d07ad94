package io.asyncio4j.http.web;

/**
 * {@code 308 Permanent Redirect} to a location, sent in the {@code Location} field; the body is
 * {@code "308: Permanent Redirect"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPPermanentRedirect}
 */
public class HttpPermanentRedirect extends HttpMove {
    /**
     * A 308 to {@code location} (a path or a URL).
     * asyncio: {@code web.HTTPPermanentRedirect(location)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpPermanentRedirect(String location) {
        this(location, null);
    }

    /**
     * A 308 to {@code location} with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPPermanentRedirect(location, text=text)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpPermanentRedirect(String location, String text) {
        super(308, location, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpPermanentRedirect().withReason("...")}). asyncio: {@code web.HTTPPermanentRedirect(reason=...)}
     */
    @Override
    public HttpPermanentRedirect withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
