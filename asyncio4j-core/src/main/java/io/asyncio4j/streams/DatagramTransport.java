package io.asyncio4j.streams;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A UDP endpoint: sends datagrams now when the socket takes them, else buffers them (with the
 * water marks of {@link WriteTransport}, counting each datagram's bytes). Loop thread only.
 * <p>
 * asyncio: {@code asyncio.DatagramTransport}
 */
public interface DatagramTransport extends BaseTransport {

    /**
     * Sends {@code data} to {@code addr}; on a connected endpoint {@code addr} must be null or the
     * remote address. The array may be reused after the call. asyncio: {@code sendto(data, addr)}
     *
     * @throws IllegalArgumentException if {@code addr} is not the connected remote address
     */
    void sendto(byte[] data, SocketAddress addr);

    /** {@link #sendto(byte[], SocketAddress)} with the remaining bytes of {@code data}. */
    void sendto(ByteBuffer data, SocketAddress addr);

    /** Sends to the connected remote address. asyncio: {@code sendto(data)} */
    default void sendto(byte[] data) {
        sendto(data, null);
    }

    /** Closes at once, dropping buffered datagrams. asyncio: {@code abort()} */
    void abort();

    /** Bytes buffered and not yet sent. asyncio: {@code get_write_buffer_size()} */
    int getWriteBufferSize();

    /** Sets the water marks; see {@link WriteTransport#setWriteBufferLimits}. */
    void setWriteBufferLimits(int high, int low);

    /** The current water marks. asyncio: {@code get_write_buffer_limits()} */
    WriteTransport.WriteBufferLimits getWriteBufferLimits();
}
