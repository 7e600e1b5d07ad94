package io.asyncio4j.http.client;

/**
 * The server kept the client waiting past one of the request's {@link ClientTimeout} limits:
 * <ul>
 * <li>{@code connect} — the wait for a connection slot, the connect and the TLS handshake took
 *     longer ("Connection timeout to host ..."); the request was not sent;</li>
 * <li>{@code sockConnect} — one connect attempt (and its handshake) took longer (the same words);</li>
 * <li>{@code sockRead} — nothing arrived from the server for that long while the client waited for
 *     the response's head or body ("Timeout on reading data from socket"); the connection was
 *     closed and the response, if it had come, is failed.</li>
 * </ul>
 * The {@code total} limit raises {@link io.asyncio4j.TimeoutException} instead, as aiohttp raises
 * {@code asyncio.TimeoutError}.
 * <p>
 * asyncio: {@code aiohttp.ServerTimeoutError}
 */
public class ServerTimeoutException extends ServerConnectionException {
    private static final long serialVersionUID = 1L;

    /** A timeout described by {@code message}, caused by the loop's {@code cause}. asyncio: {@code ServerTimeoutError(msg)} */
    public ServerTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
