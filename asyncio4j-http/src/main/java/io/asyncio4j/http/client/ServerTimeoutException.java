package io.asyncio4j.http.client;

/**
 * The server did not let the client connect within the session's connect timeout
 * ({@link ClientSessionOptions#connectTimeout()}): the wait for a connection slot, the TCP
 * connect and the TLS handshake together took longer. The request was not sent.
 * <p>
 * asyncio: {@code aiohttp.ServerTimeoutError} ("Connection timeout to host ..."), raised for
 * {@code ClientTimeout(connect=...)}
 */
public class ServerTimeoutException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** A timeout described by {@code message}, caused by the loop's {@code cause}. asyncio: {@code ServerTimeoutError(msg)} */
    public ServerTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
