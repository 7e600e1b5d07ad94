package io.asyncio4j.http.web;

/**
 * {@code 421 Misdirected Request}: the body is
 * {@code "421: Misdirected Request"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPMisdirectedRequest}
 */
public class HttpMisdirectedRequest extends HttpClientError {
    /**
     * A 421 with the body {@code "421: Misdirected Request"}.
     * asyncio: {@code web.HTTPMisdirectedRequest()}
     */
    public HttpMisdirectedRequest() {
        this(null);
    }

    /**
     * A 421 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPMisdirectedRequest(text=text)}
     */
    public HttpMisdirectedRequest(String text) {
        super(421, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpMisdirectedRequest().withReason("...")}). asyncio: {@code web.HTTPMisdirectedRequest(reason=...)}
     */
    @Override
    public HttpMisdirectedRequest withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
