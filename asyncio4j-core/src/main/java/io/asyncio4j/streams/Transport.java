package io.asyncio4j.streams;

/**
 * A bidirectional stream transport: a TCP or Unix-domain connection, a pipe pair, TLS on top
 * of either. Loop thread only.
 * <p>
 * asyncio: {@code asyncio.Transport}
 */
public interface Transport extends ReadTransport, WriteTransport {
}
