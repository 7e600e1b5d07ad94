package io.asyncio4j.streams;

import java.nio.ByteBuffer;

/**
 * A transport that sends data, buffering what the peer cannot take yet. When the buffer grows
 * past the high-water mark the protocol's {@code pauseWriting()} is called; when it drains to
 * the low-water mark, {@code resumeWriting()}. Loop thread only.
 * <p>
 * asyncio: {@code asyncio.WriteTransport}
 */
public interface WriteTransport extends BaseTransport {

    /**
     * Sets the water marks in bytes; {@code high} -1 picks the default (64 KiB), {@code low} -1
     * picks {@code high / 4}. asyncio: {@code set_write_buffer_limits(high, low)}
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    void setWriteBufferLimits(int high, int low);

    /** Bytes buffered and not yet sent. asyncio: {@code get_write_buffer_size()} */
    int getWriteBufferSize();

    /** The current water marks. asyncio: {@code get_write_buffer_limits()} */
    WriteBufferLimits getWriteBufferLimits();

    /**
     * Sends {@code data}, or buffers it; never blocks. The array may be reused after the call.
     * asyncio: {@code write(data)}
     */
    void write(byte[] data);

    /** Sends the remaining bytes of {@code data}; the buffer may be reused after the call. */
    void write(ByteBuffer data);

    /** Sends several chunks. asyncio: {@code writelines(list_of_data)} */
    default void writelines(Iterable<byte[]> chunks) {
        for (byte[] c : chunks) {
            write(c);
        }
    }

    /** Closes the write side after the buffer is sent. asyncio: {@code write_eof()} */
    void writeEof();

    /** True if {@link #writeEof()} is supported. asyncio: {@code can_write_eof()} */
    boolean canWriteEof();

    /** Closes at once, dropping buffered data. asyncio: {@code abort()} */
    void abort();

    /** The water marks of a write transport. */
    record WriteBufferLimits(int low, int high) {
    }
}
