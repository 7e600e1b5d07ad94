package io.asyncio4j.http;

import java.io.IOException;

/**
 * The connection ended before the message's body did: fewer bytes than its Content-Length, or
 * no final chunk. The connection is not reused. Raised by the server's reads
 * ({@code Request.read()}); the client's reads raise a {@code ClientPayloadException} with this
 * as its cause, as aiohttp's client raises {@code ClientPayloadError}.
 * <p>
 * asyncio: aiohttp's "Response payload is not completed"
 */
public final class IncompleteBodyException extends IOException {
    private final long received;
    private final long expected;

    /**
     * {@code received} bytes arrived of {@code expected} ({@code -1}: chunked, length unknown).
     * asyncio: {@code ClientPayloadError("Response payload is not completed")}
     */
    public IncompleteBodyException(long received, long expected) {
        super(expected >= 0
                ? "The connection ended " + (expected - received) + " bytes before the body's end (" + received
                        + " of " + expected + " received)"
                : "The connection ended before the chunked body's last chunk (" + received + " bytes received)");
        this.received = received;
        this.expected = expected;
    }

    /** Body bytes received before the end. asyncio: none (aiohttp's message holds no counts) */
    public long received() {
        return received;
    }

    /** The body's declared length, or -1 for a chunked body. asyncio: none (see {@link #received()}) */
    public long expected() {
        return expected;
    }
}
