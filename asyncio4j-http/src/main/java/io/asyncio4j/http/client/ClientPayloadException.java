package io.asyncio4j.http.client;

/**
 * A response body could not be read: the connection ended before it did ("Response payload is
 * not completed": the cause is an {@link io.asyncio4j.http.IncompleteBodyException} with the
 * counts), it is malformed (a bad chunk-size line: the cause is the
 * {@link io.asyncio4j.http.codec.HttpParseException}), larger than the session's read limit, or
 * its reading failed earlier (the cause is that failure). Either way the connection is closed,
 * never reused.
 * <p>
 * asyncio: {@code aiohttp.ClientPayloadError}
 */
public class ClientPayloadException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** A body failure described by {@code message}, caused by {@code cause}. asyncio: {@code ClientPayloadError(message)} */
    public ClientPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
