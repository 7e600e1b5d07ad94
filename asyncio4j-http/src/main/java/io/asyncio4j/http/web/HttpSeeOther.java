package io.asyncio4j.http.web;

/**
 * {@code 303 See Other} to a location, sent in the {@code Location} field; the body is
 * {@code "303: See Other"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPSeeOther}
 */
public class HttpSeeOther extends HttpMove {
    /**
     * A 303 to {@code location} (a path or a URL).
     * asyncio: {@code web.HTTPSeeOther(location)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpSeeOther(String location) {
        this(location, null);
    }

    /**
     * A 303 to {@code location} with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPSeeOther(location, text=text)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpSeeOther(String location, String text) {
        super(303, location, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpSeeOther().withReason("...")}). asyncio: {@code web.HTTPSeeOther(reason=...)}
     */
    @Override
    public HttpSeeOther withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
