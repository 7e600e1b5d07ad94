package io.asyncio4j.streams;

import java.nio.ByteBuffer;

/**
 * A stream protocol: receives the bytes of a connection as they arrive.
 * <p>
 * Order of calls: {@code connectionMade}, then {@code dataReceived}* (and
 * {@code pauseWriting}/{@code resumeWriting}), then at most one {@code eofReceived}, then
 * {@code connectionLost}. Loop thread only; no method may suspend.
 * <p>
 * asyncio: {@code asyncio.Protocol}
 */
public interface Protocol extends BaseProtocol {

    /** The connection is ready; keep the transport to write. asyncio: {@code connection_made(transport)} */
    default void connectionMade(Transport transport) {
    }

    /**
     * Bytes arrived. {@code data} is valid only during this call (the transport reuses it):
     * copy what you keep. asyncio: {@code data_received(data)}
     */
    default void dataReceived(ByteBuffer data) {
    }

    /**
     * The peer closed its write side. Return true to keep the connection half-open (you close
     * it later), false to let the transport close itself. asyncio: {@code eof_received()}
     */
    default boolean eofReceived() {
        return false;
    }
}
