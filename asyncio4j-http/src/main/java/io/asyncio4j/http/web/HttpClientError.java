package io.asyncio4j.http.web;

/**
 * The 4xx answers (HttpBadRequest, HttpNotFound, ...): catch it to handle every one of them at
 * once, as {@code except web.HTTPClientError:} does. Abstract: throw one of its subclasses, or
 * make your own for a status between 400 and 499 that aiohttp does not name.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPClientError}
 */
public abstract class HttpClientError extends HttpError {
    /**
     * An answer with {@code status} (400 to 499) and {@code text} as its body (null: the default).
     * asyncio: {@code class MyError(web.HTTPClientError): status_code = ...}
     *
     * @throws IllegalArgumentException for a status outside 400 to 499
     */
    protected HttpClientError(int status, String text) {
        super(checkRange("HttpClientError", status, 400, 499), text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * (a subclass without its own override gives an HttpClientError). asyncio: {@code web.HTTPClientError(reason=...)}
     */
    @Override
    public HttpClientError withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
