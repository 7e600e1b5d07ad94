package io.asyncio4j.http.web;

/**
 * {@code 412 Precondition Failed}: the body is
 * {@code "412: Precondition Failed"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPPreconditionFailed}
 */
public class HttpPreconditionFailed extends HttpClientError {
    /**
     * A 412 with the body {@code "412: Precondition Failed"}.
     * asyncio: {@code web.HTTPPreconditionFailed()}
     */
    public HttpPreconditionFailed() {
        this(null);
    }

    /**
     * A 412 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPPreconditionFailed(text=text)}
     */
    public HttpPreconditionFailed(String text) {
        super(412, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpPreconditionFailed().withReason("...")}). asyncio: {@code web.HTTPPreconditionFailed(reason=...)}
     */
    @Override
    public HttpPreconditionFailed withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
