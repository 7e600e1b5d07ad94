package io.asyncio4j.http.web;

import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.internal.BodyReader;

import java.io.IOException;
import java.util.Arrays;

/**
 * One exchange's request body as read so far: the reader on the connection, the bytes
 * {@link Request#read()} returned, what reading failed with, the stream {@link Request#content()}
 * hands out. A request and its clones ({@link Request#cloneWith}) share one (the request's, made
 * when the body is first read), so the body is read once whichever of them reads it, and the
 * server sees a failure whichever met it.
 * <p>
 * Threading: the task serving the connection.
 */
final class RequestBody {
    private final BodyReader reader;
    private final Application served; // its clientMaxSize bounds read(), in a sub-application too
    private byte[] bytes;
    private IOException failure;
    private long tooLargeAt = -1; // the bytes read() had gathered when they crossed the limit (aiohttp's actual_size)
    private RequestContent content; // made on first asking; read() takes what it buffered

    RequestBody(BodyReader reader, Application served) {
        this.reader = reader;
        this.served = served;
    }

    /** See {@link Request#read()}. May suspend. */
    byte[] read() throws IOException {
        if (bytes == null) {
            if (failure == null) {
                long limit = served.clientMaxSize();
                // aiohttp refuses a body of the limit or more ("if body_size >= self._client_max_size"),
                // and a limit of 0 checks nothing ("if self._client_max_size:")
                long max = limit == 0 ? Long.MAX_VALUE : limit - 1;
                byte[] head = content == null || content.buffered() == 0 ? null : content.take(content.buffered());
                long before = reader.received();
                try {
                    if (head != null && head.length > max) {
                        tooLargeAt = head.length;
                        throw new HttpParseException(413, "The body is " + limit + " bytes or more");
                    }
                    byte[] rest = reader.readAll(head == null ? max : max - head.length);
                    bytes = head == null ? rest : concat(head, rest);
                    return bytes;
                } catch (IOException e) {
                    failure = e;
                    // nothing read means the reader refused a declared length it cannot hold (2 GiB), not the limit
                    if (e instanceof HttpParseException p && p.status() == 413 && tooLargeAt < 0
                            && reader.received() > before) {
                        tooLargeAt = (head == null ? 0 : head.length) + reader.received() - before;
                    }
                }
            }
            throw failureAsThrown();
        }
        return bytes;
    }

    /** The failure as a handler should see it: kept like the body, a second read fails as the first did. */
    private IOException failureAsThrown() {
        if (failure instanceof HttpParseException e) {
            throw tooLargeAt >= 0 ? new HttpRequestEntityTooLarge(served.clientMaxSize(), tooLargeAt)
                    : HttpErrors.of(e.status(), e.getMessage());
        }
        return failure;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** See {@link Request#content()}. */
    RequestContent content() {
        if (content == null) {
            content = new RequestContent(new io.asyncio4j.http.internal.ContentBuffer.Source() {
                @Override
                public byte[] readSome(int max) throws IOException {
                    if (failure != null) {
                        throw failureAsThrown();
                    }
                    try {
                        return reader.readSome(max);
                    } catch (IOException e) {
                        failure = e;
                        throw failureAsThrown();
                    }
                }

                @Override
                public boolean isDone() {
                    return reader.isDone();
                }
            });
        }
        return content;
    }

    /** The bytes {@link #read()} returned, or null if it was not called (or failed). */
    byte[] bytesRead() {
        return bytes;
    }

        /** What reading failed with (too large, malformed, cut short), or null. */
    IOException failure() {
        return failure;
    }

    /** Whether read() refused a body over the limit: the reader's framing is intact, the rest can be skipped. */
    boolean tooLarge() {
        return tooLargeAt >= 0;
    }
}
