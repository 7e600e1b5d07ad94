package io.asyncio4j.http.web;

/**
 * {@code 203 Non-Authoritative Information}: the body is
 * {@code "203: Non-Authoritative Information"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPNonAuthoritativeInformation}
 */
public class HttpNonAuthoritativeInformation extends HttpSuccessful {
    /**
     * A 203 with the body {@code "203: Non-Authoritative Information"}.
     * asyncio: {@code web.HTTPNonAuthoritativeInformation()}
     */
    public HttpNonAuthoritativeInformation() {
        this(null);
    }

    /**
     * A 203 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPNonAuthoritativeInformation(text=text)}
     */
    public HttpNonAuthoritativeInformation(String text) {
        super(203, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpNonAuthoritativeInformation().withReason("...")}). asyncio: {@code web.HTTPNonAuthoritativeInformation(reason=...)}
     */
    @Override
    public HttpNonAuthoritativeInformation withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
