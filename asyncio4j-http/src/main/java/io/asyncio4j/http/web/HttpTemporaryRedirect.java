package io.asyncio4j.http.web;

/**
 * {@code 307 Temporary Redirect} to a location, sent in the {@code Location} field; the body is
 * {@code "307: Temporary Redirect"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPTemporaryRedirect}
 */
public class HttpTemporaryRedirect extends HttpMove {
    /**
     * A 307 to {@code location} (a path or a URL).
     * asyncio: {@code web.HTTPTemporaryRedirect(location)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpTemporaryRedirect(String location) {
        this(location, null);
    }

    /**
     * A 307 to {@code location} with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPTemporaryRedirect(location, text=text)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpTemporaryRedirect(String location, String text) {
        super(307, location, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpTemporaryRedirect().withReason("...")}). asyncio: {@code web.HTTPTemporaryRedirect(reason=...)}
     */
    @Override
    public HttpTemporaryRedirect withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
