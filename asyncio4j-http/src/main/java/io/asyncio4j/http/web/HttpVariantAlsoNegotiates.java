package io.asyncio4j.http.web;

/**
 * {@code 506 Variant Also Negotiates}: the body is
 * {@code "506: Variant Also Negotiates"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPVariantAlsoNegotiates}
 */
public class HttpVariantAlsoNegotiates extends HttpServerError {
    /**
     * A 506 with the body {@code "506: Variant Also Negotiates"}.
     * asyncio: {@code web.HTTPVariantAlsoNegotiates()}
     */
    public HttpVariantAlsoNegotiates() {
        this(null);
    }

    /**
     * A 506 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPVariantAlsoNegotiates(text=text)}
     */
    public HttpVariantAlsoNegotiates(String text) {
        super(506, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpVariantAlsoNegotiates().withReason("...")}). asyncio: {@code web.HTTPVariantAlsoNegotiates(reason=...)}
     */
    @Override
    public HttpVariantAlsoNegotiates withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
