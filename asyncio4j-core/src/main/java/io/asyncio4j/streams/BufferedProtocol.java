package io.asyncio4j.streams;

import java.nio.ByteBuffer;

/**
 * A stream protocol that owns the receive buffer: the transport reads straight into the buffer
 * the protocol hands out, so there is no per-read copy.
 * <p>
 * asyncio: {@code asyncio.BufferedProtocol}
 */
public interface BufferedProtocol extends BaseProtocol {

    /** The connection is ready. asyncio: {@code connection_made(transport)} */
    default void connectionMade(Transport transport) {
    }

    /**
     * A buffer to read into: the transport fills it from its position up to its limit.
     * {@code sizeHint} is a suggestion (-1: any). asyncio: {@code get_buffer(sizehint)}
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * {@code nbytes} bytes were written into the buffer from {@link #getBuffer}, starting at its
     * position; the position is not moved. asyncio: {@code buffer_updated(nbytes)}
     */
    void bufferUpdated(int nbytes);

    /** As {@link Protocol#eofReceived()}. asyncio: {@code eof_received()} */
    default boolean eofReceived() {
        return false;
    }
}
