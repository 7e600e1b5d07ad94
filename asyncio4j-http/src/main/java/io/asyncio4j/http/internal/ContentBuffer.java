package io.asyncio4j.http.internal;

import io.asyncio4j.streams.IncompleteReadException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A message body read as it arrives, as aiohttp's {@code StreamReader} reads it: the reading
 * behind both {@code web.RequestContent} (a request's {@code content}) and
 * {@code client.ResponseContent} (a response's), which add the names, the documentation and
 * the error each side raises. The bytes come from a {@link Source} (the connection's body
 * reader, so framing is handled below); what was taken and not yet handed out waits here.
 * <p>
 * Threading: the one task reading the body; reads may suspend.
 * <p>
 * asyncio: aiohttp's {@code StreamReader} (its buffer)
 */
public final class ContentBuffer {
    /** What a read takes from the source when it needs more: 64 KiB. */
    public static final int PIECE = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];

    /** Where the bytes come from. */
    public interface Source {
        /** The next piece of the body, at most {@code max} bytes; empty at its end. May suspend. */
        byte[] readSome(int max) throws IOException;

        /** Whether the body has been read to its end. */
        boolean isDone();
    }

    private final Source source;
    // bytes taken from the source and not yet handed out: buf[pos, lim)
    private byte[] buf = EMPTY;
    private int pos;
    private int lim;
    private long handedOut;

    public ContentBuffer(Source source) {
        this.source = source;
    }

    /** Up to {@code n} bytes as soon as one has arrived; {@code n < 0}: all until the end; empty at the end. */
    public byte[] read(int n) throws IOException {
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buf, pos, lim - pos);
            pos = lim;
            while (true) {
                byte[] piece = source.readSome(PIECE);
                if (piece.length == 0) {
                    break;
                }
                all.write(piece, 0, piece.length);
            }
            return counted(all.toByteArray());
        }
        if (pos < lim) {
            return take(Math.min(n, lim - pos));
        }
        return counted(source.readSome(n));
    }

    /** The bytes already taken, or else the next piece as it arrives; empty at the end. */
    public byte[] readany() throws IOException {
        if (pos < lim) {
            return take(lim - pos);
        }
        return counted(source.readSome(PIECE));
    }

    /**
     * The bytes up to and including {@code sep}, or what is left at the end of the body; null if
     * no separator comes within {@code limit} bytes (they stay buffered). May suspend.
     */
    public byte[] readuntil(byte[] sep, int limit) throws IOException {
        int from = 0;
        while (true) {
            int i = indexOf(sep, from);
            if (i >= 0) {
                return i + sep.length > limit ? null : take(i + sep.length);
            }
            if (lim - pos > limit) {
                return null;
            }
            from = Math.max(0, lim - pos - sep.length + 1);
            if (!fill(PIECE)) {
                return take(lim - pos);
            }
        }
    }

    /** Exactly {@code n} bytes, or IncompleteReadException with what was left if the body ends first. */
    public byte[] readexactly(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill(Math.max(PIECE, n - (lim - pos)))) {
                throw new IncompleteReadException(take(lim - pos), n);
            }
        }
        return take(n);
    }

    /** Whether the whole body has been handed out. */
    public boolean atEof() {
        return pos == lim && source.isDone();
    }

    /** Bytes handed out so far. */
    public long bytesRead() {
        return handedOut;
    }

    /** Bytes taken from the body and not yet handed out. */
    public int buffered() {
        return lim - pos;
    }

    /**
     * Reads one more piece of the body (at least {@code want} bytes asked for) behind the buffered
     * ones; false at the end of the body. May suspend.
     */
    public boolean fill(int want) throws IOException {
        byte[] piece = source.readSome(Math.max(want, 1));
        if (piece.length == 0) {
            return false;
        }
        if (pos == lim) {
            buf = piece; // nothing buffered: the piece becomes the buffer, no copy
            pos = 0;
            lim = piece.length;
            return true;
        }
        int size = lim - pos;
        if (buf.length - lim < piece.length) {
            byte[] bigger = buf.length - size >= piece.length && pos > 0 ? buf
                    : new byte[Math.max(buf.length * 2, size + piece.length)];
            System.arraycopy(buf, pos, bigger, 0, size);
            buf = bigger;
            pos = 0;
            lim = size;
        }
        System.arraycopy(piece, 0, buf, lim, piece.length);
        lim += piece.length;
        return true;
    }

    /** Fills until at least {@code n} bytes are buffered; false if the body ends first. May suspend. */
    public boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill(PIECE)) {
                return false;
            }
        }
        return true;
    }

    /** Index (from the first buffered byte) of {@code pattern} at or after {@code from}, or -1. */
    public int indexOf(byte[] pattern, int from) {
        byte first = pattern[0];
        int last = lim - pattern.length;
        outer:
        for (int i = pos + Math.max(from, 0); i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < pattern.length; k++) {
                if (buf[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i - pos;
        }
        return -1;
    }

    /** Whether the buffered bytes start with {@code prefix} (as many of them as are buffered). */
    public boolean bufferedStartsWith(byte[] prefix) {
        return lim - pos >= prefix.length && Arrays.equals(buf, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    /** The first {@code n} buffered bytes, handed out. */
    public byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = pos == 0 && n == buf.length && lim == buf.length ? buf : Arrays.copyOfRange(buf, pos, pos + n);
        skip(n);
        return counted(out);
    }

    /** Drops the first {@code n} buffered bytes. */
    public void skip(int n) {
        pos += n;
        if (pos == lim) {
            buf = EMPTY;
            pos = 0;
            lim = 0;
        }
    }

    private byte[] counted(byte[] b) {
        handedOut += b.length;
        return b;
    }

    /** {@code read=12 buffered=3 eof}, for the owners' toString. */
    public String describe() {
        return "read=" + handedOut + (lim > pos ? " buffered=" + (lim - pos) : "") + (atEof() ? " eof" : "");
    }
}
