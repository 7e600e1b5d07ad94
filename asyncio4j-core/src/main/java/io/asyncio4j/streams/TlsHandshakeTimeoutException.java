package io.asyncio4j.streams;

import javax.net.ssl.SSLHandshakeException;

/**
 * The TLS handshake did not finish within the handshake timeout; the connection was aborted.
 * An {@link SSLHandshakeException}, so one {@code catch (SSLException e)} covers every
 * handshake failure (bad certificate, hostname mismatch, timeout).
 * <p>
 * asyncio: the {@code ConnectionAbortedError("SSL handshake is taking longer than ...")} of {@code sslproto}
 */
public class TlsHandshakeTimeoutException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the timeout that passed. */
    public TlsHandshakeTimeoutException(String message) {
        super(message);
    }
}
