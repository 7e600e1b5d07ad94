package io.asyncio4j.http.codec;

import java.util.Arrays;

/**
 * A growable byte array a message is written into, so that a head and its body leave in one
 * write. A server connection keeps one and clears it for each response, so a response costs
 * no new array.
 * <p>
 * Threading: the one task writing the message; unsynchronized (unlike
 * {@code ByteArrayOutputStream}), since nothing else touches it.
 * <p>
 * asyncio: the {@code bytearray} aiohttp's {@code StreamWriter} buffers into
 */
public final class ByteSink {
    private byte[] buf;
    private int size;

    /** An empty sink with room for {@code capacity} bytes before it grows. asyncio: {@code bytearray()} */
    public ByteSink(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    /** Appends one byte. asyncio: {@code buf.append(b)} */
    public ByteSink write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}. asyncio: {@code buf += b[off:off + len]} */
    public ByteSink write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Appends all of {@code b}. asyncio: {@code buf += b} */
    public ByteSink write(byte[] b) {
        return write(b, 0, b.length);
    }

    /**
     * Appends {@code s} as ISO-8859-1, one byte per char; the caller guarantees every char is
     * below 256 (header text checked by {@code Headers} is). asyncio: {@code buf += s.encode("latin-1")}
     */
    public ByteSink writeLatin1(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size + i] = (byte) s.charAt(i);
        }
        size += n;
        return this;
    }

    /** Appends {@code v} in decimal. asyncio: {@code buf += str(v).encode()} */
    public ByteSink writeDecimal(long v) {
        return writeLatin1(Long.toString(v));
    }

    /** Appends CR LF. asyncio: {@code buf += b"\r\n"} */
    public ByteSink crlf() {
        ensure(2);
        buf[size++] = '\r';
        buf[size++] = '\n';
        return this;
    }

    /** Empties the sink, keeping its array for the next message. asyncio: {@code buf.clear()} */
    public ByteSink clear() {
        size = 0;
        return this;
    }

    /** Bytes written so far. asyncio: {@code len(buf)} */
    public int size() {
        return size;
    }

    /**
     * The backing array, not a copy: its first {@link #size()} bytes are the content, valid until
     * the next write or {@link #clear()}. asyncio: {@code memoryview(buf)}
     */
    public byte[] array() {
        return buf;
    }

    /** A copy of the content. asyncio: {@code bytes(buf)} */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /** {@code <ByteSink size=N>}. asyncio: none */
    @Override
    public String toString() {
        return "<ByteSink size=" + size + ">";
    }
}
