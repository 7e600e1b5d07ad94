package io.asyncio4j.http.web;

/**
 * A multipart body that cannot be read: no boundary parameter, no starting or closing delimiter,
 * a part's header line too long or malformed, an unknown transfer encoding. An
 * {@link HttpBadRequest}: a handler that lets it through answers
 * {@code 400 Bad Request} with the message, which names what is wrong.
 * <p>
 * Threading: made and thrown by the task reading the body.
 * <p>
 * asyncio: the {@code ValueError}s (and {@code AssertionError}s) of aiohttp's
 * {@code MultipartReader}/{@code BodyPartReader}, which aiohttp lets through as a 500
 */
public class MultipartException extends HttpBadRequest {
    /** A 400 whose text is {@code "Malformed multipart body: " + what}. asyncio: {@code ValueError(what)} */
    public MultipartException(String what) {
        super("Malformed multipart body: " + what);
    }
}
