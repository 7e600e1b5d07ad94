package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a body sent with {@code Content-Encoding: gzip} or {@code deflate}, piece by piece as it
 * arrives, with the JDK's {@link Inflater}: no I/O, no whole-body buffering. "deflate" is the zlib
 * format (RFC 9110 §8.4.1.2), but some servers send raw deflate data under that name; as aiohttp,
 * a first byte that is not a zlib header switches to raw. A gzip member's header is parsed here
 * (RFC 1952), and its trailer's CRC-32 and length are checked at the end.
 * <p>
 * States:
 * <pre>
 *   HEADER (gzip only) ──the whole header arrived──▶ DATA ──the deflate stream ended──▶ TRAILER (gzip) / DONE
 *   TRAILER ──8 bytes, CRC-32 and length right──▶ DONE
 * </pre>
 * Bytes after DONE are ignored (a second gzip member, padding), as zlib's decompressobj leaves
 * them unused in aiohttp.
 * <p>
 * Threading: one reader at a time (the task reading the body).
 * <p>
 * asyncio: aiohttp's {@code DeflateBuffer} ({@code http_parser.py})
 */
public final class ContentDecoder {
    /** See the class comment. */
    enum State { HEADER, DATA, TRAILER, DONE }

    private final boolean gzip;
    private final String encoding;
    private Inflater inflater;
    private State state;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(); // a gzip header or trailer so far
    private final CRC32 crc = new CRC32();
    private long produced;
    private final byte[] chunk = new byte[16 * 1024];

    private ContentDecoder(boolean gzip, String encoding) {
        this.gzip = gzip;
        this.encoding = encoding;
        this.state = gzip ? State.HEADER : State.DATA;
    }

    /**
     * A decoder for a {@code Content-Encoding} value, or null when the body is to be taken as it
     * is (none, {@code identity}, or a coding this client does not decode, such as {@code br}).
     */
    public static ContentDecoder forEncoding(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        String e = contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "gzip", "x-gzip" -> new ContentDecoder(true, e);
            case "deflate" -> new ContentDecoder(false, e);
            default -> null;
        };
    }

    /** The coding decoded, for messages. */
    public String encoding() {
        return encoding;
    }

    /**
     * The decoded bytes of the next {@code len} encoded ones (possibly none yet). {@code limit}:
     * the most decoded bytes the body may have in all (a small body that inflates to gigabytes
     * is refused, not held).
     *
     * @throws DataFormatException if the bytes are not valid data of the coding, or decode past
     *         {@code limit} (its message says which)
     */
    public byte[] decode(byte[] b, int off, int len, long limit) throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(Math.max(len * 4, 64), 1 << 20));
        int p = off;
        int end = off + len;
        while (p < end && state != State.DONE) {
            switch (state) {
                case HEADER -> {
                    pending.write(b[p++]);
                    int headerLength = gzipHeaderLength(pending.toByteArray());
                    if (headerLength > 0) {
                        pending.reset();
                        state = State.DATA;
                    }
                }
                case DATA -> {
                    if (inflater == null) {
                        // zlib's header: CM 8 in the low nibble (and the check bits); anything else is raw deflate
                        inflater = new Inflater(gzip || (b[p] & 0x0f) != 8);
                    }
                    inflater.setInput(b, p, end - p);
                    inflate(out, limit);
                    if (inflater.finished()) {
                        p = end - inflater.getRemaining();
                        state = gzip ? State.TRAILER : State.DONE;
                    } else {
                        p = end;
                    }
                }
                case TRAILER -> {
                    pending.write(b[p++]);
                    if (pending.size() == 8) {
                        checkTrailer(pending.toByteArray());
                        state = State.DONE;
                    }
                }
                case DONE -> {
                }
            }
        }
        return out.toByteArray();
    }

    private void inflate(ByteArrayOutputStream out, long limit) throws DataFormatException {
        while (!inflater.finished()) {
            int n = inflater.inflate(chunk);
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("the " + encoding + " data asks for a preset dictionary");
                }
                if (inflater.needsInput()) {
                    return;
                }
            }
            out.write(chunk, 0, n);
            crc.update(chunk, 0, n);
            produced += n;
            if (produced > limit) {
                throw new DataFormatException("the body decodes to more than " + limit + " bytes");
            }
        }
    }

    /**
     * Whether the encoded body ended where its data did; called once the body has been read.
     *
     * @throws DataFormatException if the body stopped before the end of the deflate data (or of
     *         the gzip trailer)
     */
    public void finish() throws DataFormatException {
        if (state != State.DONE) {
            throw new DataFormatException("the " + encoding + " data is cut short (" + state.name().toLowerCase(Locale.ROOT)
                    + " incomplete)");
        }
    }

    /** The gzip header's length if {@code h} holds all of it, else 0. RFC 1952 §2.3. */
    private static int gzipHeaderLength(byte[] h) throws DataFormatException {
        if (h.length >= 2 && ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b)) {
            throw new DataFormatException("not gzip data (no 1f 8b magic)");
        }
        if (h.length < 10) {
            return 0;
        }
        if (h[2] != 8) {
            throw new DataFormatException("gzip compression method " + h[2] + " (only 8, deflate, exists)");
        }
        int flags = h[3] & 0xff;
        int p = 10;
        if ((flags & 4) != 0) { // FEXTRA
            if (h.length < p + 2) {
                return 0;
            }
            p += 2 + ((h[p] & 0xff) | (h[p + 1] & 0xff) << 8);
        }
        for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
            if ((flags & bit) != 0) {
                while (true) {
                    if (h.length <= p) {
                        return 0;
                    }
                    if (h[p++] == 0) {
                        break;
                    }
                }
            }
        }
        if ((flags & 2) != 0) { // FHCRC
            p += 2;
        }
        return h.length >= p ? p : 0;
    }

    private void checkTrailer(byte[] t) throws DataFormatException {
        long want = (t[0] & 0xffL) | (t[1] & 0xffL) << 8 | (t[2] & 0xffL) << 16 | (t[3] & 0xffL) << 24;
        long size = (t[4] & 0xffL) | (t[5] & 0xffL) << 8 | (t[6] & 0xffL) << 16 | (t[7] & 0xffL) << 24;
        if (want != crc.getValue()) {
            throw new DataFormatException("gzip CRC-32 mismatch (the data is corrupt)");
        }
        if (size != (produced & 0xffffffffL)) {
            throw new DataFormatException("gzip length mismatch (" + produced + " bytes decoded, the trailer says "
                    + size + ")");
        }
    }

    /** Frees the inflater's native memory; the decoder cannot be used after. */
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
    }

    @Override
    public String toString() {
        return "<ContentDecoder " + encoding + " " + state + " " + produced + " bytes out>";
    }
}
