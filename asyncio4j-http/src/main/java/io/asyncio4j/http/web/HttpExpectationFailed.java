package io.asyncio4j.http.web;

/**
 * {@code 417 Expectation Failed}: the body is {@code "417: Expectation Failed"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPExpectationFailed}
 */
public class HttpExpectationFailed extends HttpClientError {
    /**
     * A 417 with the body {@code "417: Expectation Failed"}.
     * asyncio: {@code web.HTTPExpectationFailed()}
     */
    public HttpExpectationFailed() {
        this(null);
    }

    /**
     * A 417 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPExpectationFailed(text=text)}
     */
    public HttpExpectationFailed(String text) {
        super(417, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpExpectationFailed().withReason("...")}). asyncio: {@code web.HTTPExpectationFailed(reason=...)}
     */
    @Override
    public HttpExpectationFailed withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
