package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WsCloseCode;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the peer's permessage-deflate messages (RFC 7692 §7.2.2), without I/O: the
 * message's payload (its fragments joined) with {@code 00 00 ff ff} appended is raw DEFLATE,
 * inflated with a window that runs on from message to message (context takeover) or starts
 * afresh for each ({@code noContextTakeover}). Any window up to 15 bits is read. The size limit
 * holds while inflating: output stops one byte past it, so a small message that inflates to
 * gigabytes (a decompression bomb) costs at most the limit in memory.
 * <p>
 * A message that ends the DEFLATE stream (a block with BFINAL set, RFC 7692 §7.2.3.4) is read,
 * what follows that block ignored, and the next message starts a new stream. An empty payload
 * is taken as an empty message and leaves the window as it was (RFC 7692 §7.2.1 wants at least
 * the byte {@code 00}, but a compressor on the JDK's Deflater writes nothing for an empty message
 * after another unless it adds that block; appending the tail to nothing would leave the Inflater
 * inside a stored block's header and break the next message, as it does in aiohttp 3.8).
 * <p>
 * The {@link Inflater} is made at the first compressed message and freed by {@link #end()}; a
 * WebSocket ends its decompressor when it closes. After a {@link WebSocketException} the
 * decompressor's window is undefined: the connection is to fail (as a WebSocket does).
 * <p>
 * States: FRESH (no Inflater yet) ──decompress──▶ RUNNING ──end──▶ ENDED; FRESH ──end──▶ ENDED.
 * <p>
 * Threading: one thread at a time (the connection's receiving task).
 * <p>
 * asyncio: the decompressing half of aiohttp's {@code WebSocketReader._feed_data}
 * ({@code zlib.decompressobj(wbits=-15).decompress(payload + tail, max_msg_size)})
 */
public final class WsDecompressor {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final int KEEP_MAX = 16 * 1024; // a larger output array is not kept for the next message (memory per idle connection)
    private static final int INITIAL = 1024;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final boolean noContextTakeover;
    private Inflater inflater;
    private boolean ended;
    private byte[] kept = new byte[0];   // the output array reused from message to message
    private byte[] last = kept;          // the array the last message went to

    /** A decompressor for a peer that starts each message afresh when {@code noContextTakeover}. asyncio: none */
    public WsDecompressor(boolean noContextTakeover) {
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Decompresses one message's payload {@code data[off, off + len)}: the message is
     * {@link #output()}'s first bytes, as many as returned, at most {@code limit}.
     * asyncio: {@code decompressobj.decompress(payload + _WS_DEFLATE_TRAILING, max_msg_size)}
     *
     * @throws WebSocketException 1009 ({@link WsCloseCode#MESSAGE_TOO_BIG}) for a message that
     *         inflates to more than {@code limit} bytes (found after limit + 1 of them);
     *         1007 ({@link WsCloseCode#INVALID_TEXT}) for data that is not DEFLATE
     * @throws IllegalStateException after {@link #end()}
     */
    public int decompress(byte[] data, int off, int len, long limit) throws WebSocketException {
        if (len == 0) {
            last = kept;
            return 0;
        }
        Inflater f = inflater;
        if (f == null) {
            if (ended) {
                throw new IllegalStateException("WsDecompressor.decompress(): the decompressor was ended "
                        + "(its WebSocket is closed)");
            }
            f = inflater = new Inflater(true);
        }
        int cap = (int) Math.min(Math.max(limit, 0), MAX_ARRAY - 1) + 1; // one byte past the limit tells "too big"
        byte[] b = kept;
        if (b.length < INITIAL || b.length < Math.min(cap, 4L * len)) {
            b = new byte[(int) Math.min(cap, Math.max(INITIAL, 4L * len))];
        }
        int end = Math.min(b.length, cap);
        int n = 0;
        boolean tailGiven = false;
        f.setInput(data, off, len);
        try {
            while (true) {
                if (n == end) {
                    if (n == cap) {
                        throw new WebSocketException(WsCloseCode.MESSAGE_TOO_BIG, "Decompressed message size exceeds limit "
                                + limit + " (WebSocketOptions.maxMessageSize); stopped after " + n + " bytes");
                    }
                    if (end == b.length) {
                        b = Arrays.copyOf(b, (int) Math.min(cap, 2L * b.length));
                    }
                    end = Math.min(b.length, cap);
                }
                int before = f.getRemaining();
                int k = f.inflate(b, n, end - n);
                n += k;
                if (k == 0) {
                    if (f.finished()) {
                        break; // BFINAL: what follows the block (the tail at least) is ignored
                    }
                    if (f.needsInput()) {
                        if (tailGiven) {
                            break;
                        }
                        f.setInput(TAIL);
                        tailGiven = true;
                    } else if (f.needsDictionary() || f.getRemaining() == before) {
                        throw notDeflate("the Inflater made no progress");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw notDeflate(e.getMessage());
        }
        if (noContextTakeover || f.finished()) {
            f.reset();
        }
        if (b.length <= KEEP_MAX) {
            kept = b;
        }
        last = b;
        return n;
    }

    private static WebSocketException notDeflate(String why) {
        return new WebSocketException(WsCloseCode.INVALID_TEXT,
                "WebSocket: a compressed message is not valid DEFLATE data (" + why + ")");
    }

    /**
     * The array the last {@link #decompress} wrote to. A small one is reused by the next call;
     * one over 16 KiB is not. asyncio: none
     */
    public byte[] output() {
        return last;
    }

    /** Frees the Inflater's native memory; later calls to {@link #decompress} fail. Idempotent. asyncio: none (left to the GC) */
    public void end() {
        ended = true;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        kept = last = new byte[0];
    }

    /** Whether {@link #end()} was called. asyncio: none */
    public boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return "<WsDecompressor " + (ended ? "ENDED" : inflater == null ? "FRESH" : "RUNNING")
                + (noContextTakeover ? " no_context_takeover" : "") + ">";
    }
}
