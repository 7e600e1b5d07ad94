package io.asyncio4j.http.web;

/**
 * {@code 428 Precondition Required}: the body is
 * {@code "428: Precondition Required"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPPreconditionRequired}
 */
public class HttpPreconditionRequired extends HttpClientError {
    /**
     * A 428 with the body {@code "428: Precondition Required"}.
     * asyncio: {@code web.HTTPPreconditionRequired()}
     */
    public HttpPreconditionRequired() {
        this(null);
    }

    /**
     * A 428 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPPreconditionRequired(text=text)}
     */
    public HttpPreconditionRequired(String text) {
        super(428, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpPreconditionRequired().withReason("...")}). asyncio: {@code web.HTTPPreconditionRequired(reason=...)}
     */
    @Override
    public HttpPreconditionRequired withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
