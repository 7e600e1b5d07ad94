package io.asyncio4j.http.web;

/**
 * {@code 426 Upgrade Required}: the body is {@code "426: Upgrade Required"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPUpgradeRequired}
 */
public class HttpUpgradeRequired extends HttpClientError {
    /**
     * A 426 with the body {@code "426: Upgrade Required"}.
     * asyncio: {@code web.HTTPUpgradeRequired()}
     */
    public HttpUpgradeRequired() {
        this(null);
    }

    /**
     * A 426 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPUpgradeRequired(text=text)}
     */
    public HttpUpgradeRequired(String text) {
        super(426, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpUpgradeRequired().withReason("...")}). asyncio: {@code web.HTTPUpgradeRequired(reason=...)}
     */
    @Override
    public HttpUpgradeRequired withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
