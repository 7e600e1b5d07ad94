package io.asyncio4j.http.client;

import java.io.IOException;

/**
 * The base of everything the HTTP client raises about a request that went wrong on the network
 * or on the wire; catch it to handle any client failure in one place. A malformed response
 * (garbage instead of a status line, a bad Content-Length) is a plain {@code ClientException}
 * whose cause is the {@link io.asyncio4j.http.codec.HttpParseException} that says what was wrong.
 * <p>
 * A truncated body is a {@link ClientPayloadException} (as aiohttp's ClientPayloadError) whose
 * cause is the {@link io.asyncio4j.http.IncompleteBodyException} the server side raises itself.
 * Not every client failure is one: a bad URL is an {@link InvalidUrlException} (an argument
 * error), a cancelled request a {@link io.asyncio4j.CancelledError}.
 * <p>
 * asyncio: {@code aiohttp.ClientError}
 */
public class ClientException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. asyncio: {@code aiohttp.ClientError(message)} */
    public ClientException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. asyncio: {@code raise ClientError(...) from cause} */
    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
