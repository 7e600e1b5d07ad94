package io.asyncio4j.http.web;

/**
 * {@code 402 Payment Required}: the body is {@code "402: Payment Required"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPPaymentRequired}
 */
public class HttpPaymentRequired extends HttpClientError {
    /**
     * A 402 with the body {@code "402: Payment Required"}.
     * asyncio: {@code web.HTTPPaymentRequired()}
     */
    public HttpPaymentRequired() {
        this(null);
    }

    /**
     * A 402 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPPaymentRequired(text=text)}
     */
    public HttpPaymentRequired(String text) {
        super(402, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpPaymentRequired().withReason("...")}). asyncio: {@code web.HTTPPaymentRequired(reason=...)}
     */
    @Override
    public HttpPaymentRequired withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
