package io.asyncio4j.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An {@link InputStream} over a body read in pieces (a read of at most n bytes that gives an
 * empty array at the end): the java.io view of a request's or response's {@code BodyStream} and
 * of a multipart part. Its reads suspend the calling task as the pieces do.
 * <p>
 * Threading: the task reading the body.
 * <p>
 * asyncio: none (Python code reads the stream itself)
 */
public final class ChunkInputStream extends InputStream {
    /** A read of at most {@code max} bytes; empty at the end. May suspend. */
    @FunctionalInterface
    public interface Pieces {
        byte[] read(int max) throws IOException;
    }

    private final Pieces pieces;
    private final Runnable onClose;
    private final Object source;

    /** A stream over {@code pieces}; {@code onClose} runs on {@link #close()}; {@code source} names it. */
    public ChunkInputStream(Pieces pieces, Runnable onClose, Object source) {
        this.pieces = pieces;
        this.onClose = onClose;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = pieces.read(1);
        return one.length == 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        byte[] piece = pieces.read(len);
        if (piece.length == 0) {
            return -1;
        }
        System.arraycopy(piece, 0, b, off, piece.length);
        return piece.length;
    }

    @Override
    public void close() {
        onClose.run();
    }

    @Override
    public String toString() {
        return "<InputStream of " + source + ">";
    }
}
