package io.asyncio4j.http.web;

/**
 * {@code 505 HTTP Version Not Supported}: the body is
 * {@code "505: HTTP Version Not Supported"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPVersionNotSupported}
 */
public class HttpVersionNotSupported extends HttpServerError {
    /**
     * A 505 with the body {@code "505: HTTP Version Not Supported"}.
     * asyncio: {@code web.HTTPVersionNotSupported()}
     */
    public HttpVersionNotSupported() {
        this(null);
    }

    /**
     * A 505 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPVersionNotSupported(text=text)}
     */
    public HttpVersionNotSupported(String text) {
        super(505, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpVersionNotSupported().withReason("...")}). asyncio: {@code web.HTTPVersionNotSupported(reason=...)}
     */
    @Override
    public HttpVersionNotSupported withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
