package io.asyncio4j.http.client;

/**
 * The connection to the server failed: it could not be made ({@link ClientConnectorException}),
 * or the server ended or stalled it ({@link ServerConnectionException}: disconnected, timed out
 * on a read or a connect, a certificate not the pinned one). Catch it where aiohttp code catches
 * {@code ClientConnectionError}, to retry a request that never got an answer; a status the caller
 * rejects ({@link ClientResponseException}) and a body cut short ({@link ClientPayloadException})
 * are not among them.
 * <p>
 * asyncio: {@code aiohttp.ClientConnectionError}
 */
public class ClientConnectionException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** A connection failure described by {@code message}. asyncio: {@code aiohttp.ClientConnectionError(message)} */
    public ClientConnectionException(String message) {
        super(message);
    }

    /**
     * A connection failure described by {@code message}, caused by {@code cause}.
     * asyncio: {@code raise ClientConnectionError(...) from cause}
     */
    public ClientConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
