package io.asyncio4j.streams;

import java.net.SocketException;

/**
 * The connection was lost while writing or draining: the peer reset it or it was closed.
 * <p>
 * asyncio: {@code ConnectionResetError}
 */
public class ConnectionResetException extends SocketException {
    private static final long serialVersionUID = 1L;

    public ConnectionResetException(String message) {
        super(message);
    }
}
