package io.asyncio4j.http.web;

/**
 * The 3xx answers (the redirects of HttpMove and HttpNotModified): catch it to handle every one of
 * them at once, as {@code except web.HTTPRedirection:} does. Abstract: throw one of its
 * subclasses, or make your own for a status between 300 and 399 that aiohttp does not name.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPRedirection}
 */
public abstract class HttpRedirection extends HttpException {
    /**
     * An answer with {@code status} (300 to 399) and {@code text} as its body (null: the default).
     * asyncio: {@code class MyError(web.HTTPRedirection): status_code = ...}
     *
     * @throws IllegalArgumentException for a status outside 300 to 399
     */
    protected HttpRedirection(int status, String text) {
        super(checkRange("HttpRedirection", status, 300, 399), text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * (a subclass without its own override gives an HttpRedirection). asyncio: {@code web.HTTPRedirection(reason=...)}
     */
    @Override
    public HttpRedirection withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
