package io.asyncio4j.http.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * A response body as an {@link InputStream}, for code written against java.io
 * ({@code transferTo}, parsers): each read is a {@link ClientResponse#readChunk(int)}, so it
 * suspends the calling task until bytes arrive. Closing it releases the response.
 * <p>
 * Threading: a task of the session's loop (never a plain thread: a read would wait on the loop).
 * <p>
 * asyncio: {@code ClientResponse.content} ({@code aiohttp.StreamReader})
 */
final class ResponseBodyStream extends InputStream {
    private final ClientResponse response;

    ResponseBodyStream(ClientResponse response) {
        this.response = response;
    }

    /** The next byte, or -1 at the body's end. May suspend. asyncio: {@code await resp.content.read(1)} */
    @Override
    public int read() throws IOException {
        byte[] one = response.readChunk(1);
        return one.length == 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Up to {@code len} bytes, as soon as some have arrived; -1 at the body's end. May suspend.
     * asyncio: {@code await resp.content.read(n)}
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        byte[] piece = response.readChunk(len);
        if (piece.length == 0) {
            return -1;
        }
        System.arraycopy(piece, 0, b, off, piece.length);
        return piece.length;
    }

    /** Releases the response ({@link ClientResponse#release()}); never suspends. asyncio: {@code resp.release()} */
    @Override
    public void close() {
        response.release();
    }

    @Override
    public String toString() {
        return "<ResponseBodyStream of " + response + ">";
    }
}
