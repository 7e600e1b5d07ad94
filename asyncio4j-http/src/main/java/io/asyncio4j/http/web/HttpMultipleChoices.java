package io.asyncio4j.http.web;

/**
 * {@code 300 Multiple Choices} to a location, sent in the {@code Location} field; the body is
 * {@code "300: Multiple Choices"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPMultipleChoices}
 */
public class HttpMultipleChoices extends HttpMove {
    /**
     * A 300 to {@code location} (a path or a URL).
     * asyncio: {@code web.HTTPMultipleChoices(location)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpMultipleChoices(String location) {
        this(location, null);
    }

    /**
     * A 300 to {@code location} with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPMultipleChoices(location, text=text)}
     *
     * @throws IllegalArgumentException for a null or empty location
     */
    public HttpMultipleChoices(String location, String text) {
        super(300, location, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpMultipleChoices().withReason("...")}). asyncio: {@code web.HTTPMultipleChoices(reason=...)}
     */
    @Override
    public HttpMultipleChoices withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
