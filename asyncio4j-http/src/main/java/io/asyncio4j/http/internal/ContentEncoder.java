package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses a response body for {@code Content-Encoding: gzip} or {@code deflate} (the zlib
 * format, RFC 9110 §8.4.1.2), whole or piece by piece, with the JDK's {@link Deflater}; the
 * server side of {@link ContentDecoder}. Piece by piece, each piece is flushed (SYNC_FLUSH) so
 * that what the handler wrote reaches the client now — a server-sent event is not held back in
 * the compressor (aiohttp holds it until enough has gathered).
 * <p>
 * States: OPEN ──{@link #finish}──▶ FINISHED (its native memory freed).
 * <p>
 * Threading: one writer at a time (the task writing the response).
 * <p>
 * asyncio: aiohttp's {@code StreamResponse._start_compression} / {@code ZLibCompressor}
 */
public final class ContentEncoder {
    /** No name, no mtime; OS 3 (Unix), as zlib writes it for aiohttp (wbits 16 + MAX_WBITS). */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

    private final boolean gzip;
    private final String coding;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private long consumed;
    private boolean started;
    private boolean finished;
    private final byte[] chunk = new byte[16 * 1024];

    private ContentEncoder(String coding) {
        this.coding = coding;
        this.gzip = coding.equals("gzip");
        // gzip: raw deflate framed here (header, CRC-32, length); deflate: the zlib format
        this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, gzip);
    }

    /** An encoder for {@code coding} ({@code gzip} or {@code deflate}), or null for any other. */
    public static ContentEncoder forCoding(String coding) {
        String c = coding == null ? "" : coding.strip().toLowerCase(Locale.ROOT);
        return c.equals("gzip") || c.equals("deflate") ? new ContentEncoder(c) : null;
    }

    /**
     * The coding a client asking with {@code acceptEncoding} gets, as aiohttp chooses it: deflate
     * if the field names it, else gzip if it does, else null (send as is).
     */
    public static String choose(String acceptEncoding) {
        String a = acceptEncoding == null ? "" : acceptEncoding.toLowerCase(Locale.ROOT);
        return a.contains("deflate") ? "deflate" : a.contains("gzip") ? "gzip" : null;
    }

    /** The coding, for the Content-Encoding field. */
    public String coding() {
        return coding;
    }

    /** {@code body} compressed whole. */
    public static byte[] encodeWhole(String coding, byte[] body) {
        ContentEncoder e = forCoding(coding);
        if (e == null) {
            throw new IllegalArgumentException("ContentEncoder: unknown coding " + coding + "; use gzip or deflate");
        }
        // no flush before the end: aiohttp's compress(body) + flush(), byte for byte (a sync flush
        // here would add 5-7 bytes the client gains nothing from)
        byte[] head = e.encode(body, Deflater.NO_FLUSH);
        byte[] tail = e.finish();
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** The compressed bytes for the next {@code data}, flushed so the client can decode them now. */
    public byte[] encode(byte[] data) {
        return encode(data, Deflater.SYNC_FLUSH);
    }

    private byte[] encode(byte[] data, int flush) {
        if (finished) {
            throw new IllegalStateException("ContentEncoder.encode(): already finished; nothing may follow the end");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        start(out);
        crc.update(data);
        consumed += data.length;
        deflater.setInput(data);
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, flush);
            out.write(chunk, 0, n);
        } while (n == chunk.length || !deflater.needsInput());
        return out.toByteArray();
    }

    /** The last compressed bytes (and a gzip trailer); frees the deflater. */
    public byte[] finish() {
        if (finished) {
            return new byte[0];
        }
        finished = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        start(out);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            out.write(chunk, 0, n);
        }
        deflater.end();
        if (gzip) {
            long c = crc.getValue();
            for (int i = 0; i < 4; i++) {
                out.write((int) (c >>> (8 * i)));
            }
            for (int i = 0; i < 4; i++) {
                out.write((int) (consumed >>> (8 * i)));
            }
        }
        return out.toByteArray();
    }

    private void start(ByteArrayOutputStream out) {
        if (!started) {
            started = true;
            if (gzip) {
                out.writeBytes(GZIP_HEADER);
            }
        }
    }

    @Override
    public String toString() {
        return "<ContentEncoder " + coding + (finished ? " FINISHED" : " OPEN") + " " + consumed + " bytes in>";
    }
}
