package io.asyncio4j.http.client;

/**
 * A connection was made, then the server failed it: it closed before answering
 * ({@link ServerDisconnectedException}), stayed silent past a limit
 * ({@link ServerTimeoutException}), or presented a certificate other than the pinned one
 * ({@link ServerFingerprintMismatchException}).
 * <p>
 * asyncio: {@code aiohttp.ServerConnectionError}
 */
public class ServerConnectionException extends ClientConnectionException {
    private static final long serialVersionUID = 1L;

    /** A server-side connection failure described by {@code message}. asyncio: {@code aiohttp.ServerConnectionError(message)} */
    public ServerConnectionException(String message) {
        super(message);
    }

    /**
     * A server-side connection failure described by {@code message}, caused by {@code cause}.
     * asyncio: {@code raise ServerConnectionError(...) from cause}
     */
    public ServerConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
