package io.asyncio4j.files;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.util.SuspendingIterator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A file opened in binary mode ({@code "rb"}, {@code "wb"}, {@code "ab"}, {@code "r+b"}...) by
 * {@link AsyncFiles#openBinary}: reads and writes {@code byte[]}. For-each yields its lines
 * (each with its {@code \n}, the last one perhaps without).
 * <pre>{@code
 * try (AsyncBinaryFile f = AsyncFiles.openBinary(path, "rb")) {
 *     byte[] header = f.read(16);
 *     for (byte[] line : f) { ... }
 * }
 * }</pre>
 * Buffering, states and threading are {@link AsyncFile}'s.
 * <p>
 * asyncio: {@code aiofiles.open(path, 'rb')} ({@code AsyncBufferedReader}); Python's
 * {@code io.BufferedReader}/{@code BufferedWriter}/{@code BufferedRandom}
 */
public sealed class AsyncBinaryFile extends AsyncFile implements Iterable<byte[]> permits AsyncSpooledBinaryFile {

    AsyncBinaryFile(EventLoop loop, Path path, FileMode mode, FileChannel channel, long position) {
        super(loop, path, mode, channel, position);
    }

    @Override
    String kind() {
        return "AsyncBinaryFile";
    }

    /**
     * Up to {@code n} bytes: exactly {@code n} unless the file ends first; an empty array at
     * the end; everything left if {@code n < 0}. May suspend. asyncio: {@code await f.read(n)}
     */
    public byte[] read(int n) throws IOException {
        begin("read", true, false);
        try {
            if (n < 0) {
                return readAllLocked();
            }
            while (rend - rstart < n && fillMore()) {
                // fill until n bytes or the end
            }
            int k = Math.min(n, rend - rstart);
            byte[] out = Arrays.copyOfRange(rbuf, rstart, rstart + k);
            consume(k);
            return out;
        } finally {
            end();
        }
    }

    /** Everything from the position to the end. May suspend. asyncio: {@code await f.read()} */
    public byte[] read() throws IOException {
        return read(-1);
    }

    private byte[] readAllLocked() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            if (rend > rstart) {
                all.write(rbuf, rstart, rend - rstart);
                consume(rend - rstart);
            }
            if (!fillMore()) {
                return all.toByteArray();
            }
        }
    }

    /**
     * The next line, with its {@code \n}; the last line may lack it; an empty array at the
     * end. May suspend. asyncio: {@code await f.readline()}
     */
    public byte[] readline() throws IOException {
        return readline(-1);
    }

    /**
     * {@link #readline()}, but at most {@code size} bytes: the rest of a longer line is left for
     * the next read. {@code size < 0}: no limit; {@code 0}: an empty array. May suspend.
     * asyncio: {@code await f.readline(size)}
     */
    public byte[] readline(int size) throws IOException {
        begin("readline", true, false);
        try {
            int limit = size < 0 ? Integer.MAX_VALUE : size;
            int scanned = 0;
            while (true) {
                int have = Math.min(rend - rstart, limit);
                int nl = indexOf(rbuf, rstart + scanned, rstart + have, (byte) '\n');
                if (nl >= 0) {
                    return take(nl + 1 - rstart);
                }
                if (have == limit) {
                    return take(limit);
                }
                scanned = have;
                if (!fillMore()) {
                    return take(rend - rstart);
                }
            }
        } finally {
            end();
        }
    }

    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(rbuf, rstart, rstart + n);
        consume(n);
        return out;
    }

    static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** All the remaining lines. May suspend. asyncio: {@code await f.readlines()} */
    public List<byte[]> readlines() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (byte[] line : this) {
            lines.add(line);
        }
        return lines;
    }

    /**
     * Writes {@code data} (copied into the buffer) and returns its length. May suspend (when the
     * buffer is full and the previous write is still running). asyncio: {@code await f.write(data)}
     */
    public int write(byte[] data) throws IOException {
        return write(data, 0, data.length);
    }

    /** Writes {@code data[off..off+len)}; returns {@code len}. May suspend. */
    public int write(byte[] data, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        begin("write", false, true);
        try {
            writeBytes(data, off, len);
            return len;
        } finally {
            end();
        }
    }

    /** Writes each chunk in order. May suspend. asyncio: {@code await f.writelines(chunks)} */
    public void writelines(Iterable<byte[]> chunks) throws IOException {
        for (byte[] c : chunks) {
            write(c);
        }
    }

    /** The lines of the file from the position on, read with {@link #readline()} (suspending). asyncio: {@code async for line in f} */
    @Override
    public Iterator<byte[]> iterator() {
        return new SuspendingIterator<>(this::readline, l -> l.length == 0, "AsyncBinaryFile: the file has no more lines");
    }
}
