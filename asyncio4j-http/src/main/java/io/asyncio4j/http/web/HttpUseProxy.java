package io.asyncio4j.http.web;

/**
 * {@code 305 Use Proxy} to a location, sent in the {@code Location} field; the body is
 * {@code "305: Use Proxy"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPUseProxy}
 */
public class HttpUseProxy extends HttpMove {
    /**
     * A 305 to {@code location} (a path or a URL).
     * asyncio: {@code web.HTTPUseProxy(location)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpUseProxy(String location) {
        this(location, null);
    }

    /**
     * A 305 to {@code location} with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPUseProxy(location, text=text)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpUseProxy(String location, String text) {
        super(305, location, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpUseProxy().withReason("...")}). asyncio: {@code web.HTTPUseProxy(reason=...)}
     */
    @Override
    public HttpUseProxy withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
