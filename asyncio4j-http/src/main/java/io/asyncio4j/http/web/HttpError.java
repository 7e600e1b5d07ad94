package io.asyncio4j.http.web;

/**
 * The error answers, 4xx and 5xx (HttpClientError and HttpServerError): catch it to handle every
 * one of them at once, as {@code except web.HTTPError:} does. Abstract: throw one of its
 * subclasses, or make your own for a status between 400 and 599 that aiohttp does not name.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPError}
 */
public abstract class HttpError extends HttpException {
    /**
     * An answer with {@code status} (400 to 599) and {@code text} as its body (null: the default).
     * asyncio: {@code class MyError(web.HTTPError): status_code = ...}
     *
     * @throws IllegalArgumentException for a status outside 400 to 599
     */
    protected HttpError(int status, String text) {
        super(checkRange("HttpError", status, 400, 599), text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * (a subclass without its own override gives an HttpError). asyncio: {@code web.HTTPError(reason=...)}
     */
    @Override
    public HttpError withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
