package io.asyncio4j.http.codec;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses one side's messages for permessage-deflate (RFC 7692 §7.2.1), without I/O: raw
 * DEFLATE at level 1 (aiohttp's {@code Z_BEST_SPEED}), each message ended with a sync flush whose
 * empty stored block's {@code 00 00 ff ff} is then cut off. With context takeover the LZ77 window
 * runs on from message to message; without it ({@code noContextTakeover}) each message starts
 * afresh. The window is always 15 bits (the JDK's {@link Deflater} knows no other; see
 * {@link WsDeflateParams}).
 * <p>
 * The {@link Deflater} (about 256 KiB of native memory) is made at the first message, not
 * before, and freed by {@link #end()}; a WebSocket ends its compressor when it closes.
 * <p>
 * States: FRESH (no Deflater yet) ──compress──▶ RUNNING ──end──▶ ENDED; FRESH ──end──▶ ENDED.
 * <p>
 * Threading: one thread at a time (the connection's loop).
 * <p>
 * asyncio: the compressing half of aiohttp's {@code WebSocketWriter._send_frame}
 * ({@code zlib.compressobj(level=Z_BEST_SPEED, wbits=-15)}; {@code Z_SYNC_FLUSH}, or
 * {@code Z_FULL_FLUSH} without context takeover)
 */
public final class WsCompressor {
    /** The compression level: aiohttp's. asyncio: {@code zlib.Z_BEST_SPEED} */
    public static final int LEVEL = Deflater.BEST_SPEED;

    /**
     * Without context takeover, messages shorter than this go uncompressed ({@link #worthCompressing}).
     * Measured on JSON-like text: DEFLATE without earlier messages in its window does not make
     * such a message smaller (it grows by a byte or two), and costs 3 to 7 µs a message, the
     * Deflater's reset included; with context takeover the same messages shrink to a third or
     * so, and all are compressed. asyncio: none (aiohttp compresses every message)
     */
    public static final int NO_TAKEOVER_MIN_SIZE = 64;

    private static final int KEEP_MAX = 16 * 1024; // a larger output array is not kept for the next message (memory per idle connection)
    private static final int INITIAL = 1024;

    private final boolean noContextTakeover;
    private Deflater deflater;
    private boolean ended;
    private byte[] kept = new byte[0];   // the output array reused from message to message
    private byte[] last = kept;          // the array the last message went to

    /** A compressor starting each message afresh when {@code noContextTakeover}. asyncio: {@code WebSocketWriter(compress=15, notakeover=)} */
    public WsCompressor(boolean noContextTakeover) {
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Whether a message of {@code len} bytes is to be compressed: always with context takeover
     * (as aiohttp); without it, from {@link #NO_TAKEOVER_MIN_SIZE} bytes. A message not
     * compressed goes with RSV1 clear, as RFC 7692 §6 allows. asyncio: none
     */
    public boolean worthCompressing(int len) {
        return !noContextTakeover || len >= NO_TAKEOVER_MIN_SIZE;
    }

    /**
     * Whether a message of {@code len} bytes that compressed to {@code compressedLen} goes better
     * uncompressed: when it did not shrink, and only without context takeover (with it, the
     * peer's window must hold every message this compressor has seen). asyncio: none
     */
    public boolean sendUncompressed(int compressedLen, int len) {
        return noContextTakeover && compressedLen >= len;
    }

    /**
     * Compresses the message {@code data[off, off + len)}: its payload is {@link #output()}'s
     * first bytes, as many as returned (an empty message gives one byte, {@code 00}, an empty
     * stored block without its tail). asyncio: {@code compressobj.compress(message) + compressobj.flush(Z_SYNC_FLUSH)}, tail cut
     *
     * @throws IllegalStateException after {@link #end()}
     */
    public int compress(byte[] data, int off, int len) {
        Deflater d = deflater;
        if (d == null) {
            if (ended) {
                throw new IllegalStateException("WsCompressor.compress(): the compressor was ended (its WebSocket is closed)");
            }
            d = deflater = new Deflater(LEVEL, true);
        }
        // room for the worst case without a second round: stored blocks add 5 bytes per 16 KiB
        // or so, the flush 5 more; a larger message's array is not kept past the next call
        int bound = len + (len >> 10) + 64;
        byte[] b = kept;
        if (b.length < bound) {
            b = new byte[Math.max(bound, INITIAL)];
        }
        d.setInput(data, off, len);
        int n = 0;
        while (true) {
            n += d.deflate(b, n, b.length - n, Deflater.SYNC_FLUSH);
            if (n < b.length) {
                break;
            }
            b = Arrays.copyOf(b, b.length * 2); // full: the flush may not be complete (Deflater's rule)
        }
        if (b.length <= KEEP_MAX) {
            kept = b;
        }
        last = b;
        if (noContextTakeover) {
            d.reset();
        }
        if (n >= 4 && b[n - 4] == 0 && b[n - 3] == 0 && b[n - 2] == (byte) 0xff && b[n - 1] == (byte) 0xff) {
            return n - 4;
        }
        if (n == 0) {
            // nothing pending after the previous message's flush: zlib writes no block at all;
            // RFC 7692 §7.2.1 then appends an empty stored block, whose first byte is this
            b[0] = 0;
            return 1;
        }
        throw new IllegalStateException("WsCompressor: the Deflater's sync flush did not end in 00 00 ff ff");
    }

    /**
     * The array the last {@link #compress} wrote to. A small one is reused by the next call; one
     * over 16 KiB is not, and is the caller's. asyncio: none
     */
    public byte[] output() {
        return last;
    }

    /** Frees the Deflater's native memory; later calls to {@link #compress} fail. Idempotent. asyncio: none (left to the GC) */
    public void end() {
        ended = true;
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
        kept = last = new byte[0];
    }

    /** Whether {@link #end()} was called. asyncio: none */
    public boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return "<WsCompressor " + (ended ? "ENDED" : deflater == null ? "FRESH" : "RUNNING")
                + (noContextTakeover ? " no_context_takeover" : "") + ">";
    }
}
