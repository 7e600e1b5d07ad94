package io.asyncio4j.http.codec;

import java.io.IOException;

/**
 * Bytes that are not a well-formed HTTP/1.x message: the message names what is wrong, and
 * {@link #status()} is the status a server answers with (400, 413, 431, 501 or 505) before it
 * closes the connection. Checked, as an {@code IOException}: bad bytes from a peer are an I/O
 * outcome a caller must plan for, not a programming error.
 * <p>
 * asyncio: aiohttp's {@code http_exceptions.BadHttpMessage} and its subclasses ({@code LineTooLong},
 * {@code BadStatusLine}, {@code InvalidHeader}, ...)
 */
public final class HttpParseException extends IOException {
    private final int status;

    /**
     * A parse failure a server answers with {@code status}.
     * asyncio: {@code BadHttpMessage(message)} (its {@code code})
     */
    public HttpParseException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status a server sends back for this failure. asyncio: {@code BadHttpMessage.code} */
    public int status() {
        return status;
    }
}
