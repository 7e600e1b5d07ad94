package io.asyncio4j.http.client;

import java.io.IOException;

/**
 * The server closed (or reset) the connection before a complete response head arrived: it
 * crashed, refused the request without a word, or timed out an idle kept-alive connection just
 * as it was reused. For an idempotent request (GET, HEAD, PUT, DELETE, ...) the session already
 * retried once on a fresh connection where that was the likely cause (see {@link ClientSession});
 * this is what is left. A POST is never sent twice by the session: the server may have acted on it.
 * <p>
 * asyncio: {@code aiohttp.ServerDisconnectedError}
 */
public class ServerDisconnectedException extends ServerConnectionException {
    private static final long serialVersionUID = 1L;
    // Whether not one byte of a response had arrived: only then may the request be sent again on
    // a fresh connection (the server did not answer it, so it most likely never saw it).
    private final boolean beforeAnyResponseByte;

    /**
     * The connection to {@code origin} ended after {@code received} bytes of a response head.
     * asyncio: {@code ServerDisconnectedError(message)}
     */
    public ServerDisconnectedException(String origin, long received, IOException cause) {
        super("Server disconnected: " + origin + " closed the connection before a complete response head ("
                + received + " bytes of it received" + (cause == null || cause instanceof java.io.EOFException
                        ? "" : "; " + cause) + "); the server crashed or refused the request: check its logs, "
                + "or retry", cause);
        this.beforeAnyResponseByte = received == 0;
    }

    /** Whether the connection ended before any byte of a response arrived. */
    boolean beforeAnyResponseByte() {
        return beforeAnyResponseByte;
    }
}
