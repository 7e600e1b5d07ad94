package io.asyncio4j.http.web;

/**
 * The 2xx answers thrown as exceptions (HttpOk, HttpCreated, ...): catch it to handle every one of
 * them at once, as {@code except web.HTTPSuccessful:} does. Abstract: throw one of its subclasses,
 * or make your own for a status between 200 and 299 that aiohttp does not name.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPSuccessful}
 */
public abstract class HttpSuccessful extends HttpException {
    /**
     * An answer with {@code status} (200 to 299) and {@code text} as its body (null: the default).
     * asyncio: {@code class MyError(web.HTTPSuccessful): status_code = ...}
     *
     * @throws IllegalArgumentException for a status outside 200 to 299
     */
    protected HttpSuccessful(int status, String text) {
        super(checkRange("HttpSuccessful", status, 200, 299), text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * (a subclass without its own override gives an HttpSuccessful). asyncio: {@code web.HTTPSuccessful(reason=...)}
     */
    @Override
    public HttpSuccessful withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
