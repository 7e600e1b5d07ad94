package io.asyncio4j.http.codec;

import java.util.Arrays;

/**
 * A growable byte array a message is written into, so that a head and its body leave in one
 * write. Unsynchronized (unlike {@code ByteArrayOutputStream}): one task writes one message.
 * <p>
 * asyncio: the {@code bytearray} aiohttp's {@code StreamWriter} buffers into
 */
public final class ByteSink {
    private byte[] buf;
    private int size;

    /** An empty sink with room for {@code capacity} bytes before it grows. */
    public ByteSink(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    /** Appends one byte. */
    public ByteSink write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}. */
    public ByteSink write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Appends all of {@code b}. */
    public ByteSink write(byte[] b) {
        return write(b, 0, b.length);
    }

    /** Appends {@code s} as ISO-8859-1 (every char must be below 256: header text is). */
    public ByteSink writeLatin1(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size + i] = (byte) s.charAt(i);
        }
        size += n;
        return this;
    }

    /** Appends {@code v} in decimal. */
    public ByteSink writeDecimal(long v) {
        return writeLatin1(Long.toString(v));
    }

    /** Appends CR LF. */
    public ByteSink crlf() {
        ensure(2);
        buf[size++] = '\r';
        buf[size++] = '\n';
        return this;
    }

    /** Empties the sink, keeping its array for the next message. */
    public ByteSink clear() {
        size = 0;
        return this;
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** The backing array; its first {@link #size()} bytes are the content. */
    public byte[] array() {
        return buf;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    @Override
    public String toString() {
        return "<ByteSink size=" + size + ">";
    }
}
