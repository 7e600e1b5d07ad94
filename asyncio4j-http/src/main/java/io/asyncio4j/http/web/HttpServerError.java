package io.asyncio4j.http.web;

/**
 * The 5xx answers (HttpInternalServerError, HttpServiceUnavailable, ...): catch it to handle every
 * one of them at once, as {@code except web.HTTPServerError:} does. Abstract: throw one of its
 * subclasses, or make your own for a status between 500 and 599 that aiohttp does not name.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPServerError}
 */
public abstract class HttpServerError extends HttpError {
    /**
     * An answer with {@code status} (500 to 599) and {@code text} as its body (null: the default).
     * asyncio: {@code class MyError(web.HTTPServerError): status_code = ...}
     *
     * @throws IllegalArgumentException for a status outside 500 to 599
     */
    protected HttpServerError(int status, String text) {
        super(checkRange("HttpServerError", status, 500, 599), text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * (a subclass without its own override gives an HttpServerError). asyncio: {@code web.HTTPServerError(reason=...)}
     */
    @Override
    public HttpServerError withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
