package io.asyncio4j.http.client;

import io.asyncio4j.http.BodyStream;
import io.asyncio4j.http.internal.ContentBuffer;
import io.asyncio4j.streams.LimitOverrunException;

/**
 * A response's body as a stream ({@link ClientResponse#contentReader()}), read as it arrives
 * without being held whole: {@code for (byte[] line : resp.contentReader())} reads it line by
 * line, {@code iterChunked(n)} by pieces; the reads are {@link BodyStream}'s. The bytes are the
 * decoded body (after gzip or deflate), read through {@link ClientResponse#readChunk(int)}, so a
 * failure is the response's own ({@link ClientPayloadException} for a body cut short), and the
 * response's connection goes back to the pool once the body has been read to its end.
 * <p>
 * Threading: a task of the session's loop, one read at a time; reads may suspend.
 * <p>
 * asyncio: aiohttp's {@code ClientResponse.content} (a {@code StreamReader})
 */
public final class ResponseContent extends BodyStream {

    private final ClientResponse response;

    ResponseContent(ClientResponse response) {
        super(new ContentBuffer.Source() {
            @Override
            public byte[] readSome(int max) throws java.io.IOException {
                return response.readChunk(max);
            }

            @Override
            public boolean isDone() {
                return response.bodyDone();
            }
        });
        this.response = response;
    }

    /** Closing the {@link #asInputStream()} view releases the response. asyncio: {@code resp.release()} */
    @Override
    protected void closedAsInputStream() {
        response.release();
    }

    /** aiohttp's client raises ValueError("Chunk too big") here: an argument-kind error. */
    @Override
    protected LimitOverrunException lineTooLong(String what) {
        return new LimitOverrunException("ResponseContent." + what + ": the response body has a line longer than "
                + LINE_LIMIT + " bytes (aiohttp's \"Chunk too big\"); read it with read(n) instead", LINE_LIMIT);
    }
}
