package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import static io.asyncio4j.http.codec.HttpTesting.assertMentions;
import static io.asyncio4j.http.codec.WsTesting.assertViolation;
import static io.asyncio4j.http.codec.WsTesting.concat;
import static io.asyncio4j.http.codec.WsTesting.hex;
import static io.asyncio4j.http.codec.WsTesting.hexOf;
import static io.asyncio4j.http.codec.WsTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * permessage-deflate's codec (RFC 7692 §6-7.2): {@link WsCompressor} and {@link WsDecompressor},
 * frames with RSV1 ({@link WsFrames}, {@link WsFrameHeader}), compressed messages through
 * {@link WsMessageAssembler} — the examples of §7.2.3 byte for byte, context takeover or not, the
 * size limit on the decompressed size (a decompression bomb), UTF-8 after decompressing, and the
 * native memory's end.
 */
class WsDeflateTest {
    private static final boolean FROM_SERVER = false;

    /**
     * A client's reader with permessage-deflate: takes the server's frames, as bytes, and gives the
     * messages they complete, each frame's header parsed, admitted and accepted as
     * WebSocketChannel does it.
     */
    private static final class Reader {
        final WsDecompressor decompressor;
        final WsMessageAssembler assembler;

        Reader(long limit, boolean noContextTakeover) {
            decompressor = new WsDecompressor(noContextTakeover);
            assembler = new WsMessageAssembler(limit, decompressor);
        }

        Reader() {
            this(0, false);
        }

        List<WsMessage> read(byte[] bytes) throws WebSocketException {
            List<WsMessage> out = new ArrayList<>();
            int p = 0;
            while (p < bytes.length) {
                WsFrameHeader h = WsFrameHeader.parse(bytes, p, FROM_SERVER, true);
                p += h.headerLength();
                assembler.admit(h);
                byte[] payload = Arrays.copyOfRange(bytes, p, p + (int) h.payloadLength());
                p += payload.length;
                WsMessage m = assembler.accept(h, payload);
                if (m != null) {
                    out.add(m);
                }
            }
            return out;
        }

        WsMessage one(String hexFrames) throws WebSocketException {
            List<WsMessage> m = read(hex(hexFrames));
            assertEquals(1, m.size(), m.toString());
            return m.getFirst();
        }
    }

    /** {@code text}'s compressed payload as {@code c} makes it, in hex. */
    private static String compressed(WsCompressor c, String text) {
        byte[] b = utf8(text);
        int n = c.compress(b, 0, b.length);
        return hexOf(Arrays.copyOf(c.output(), n));
    }

    /** A whole compressed TEXT frame of {@code text} from a server: RSV1 set, unmasked. */
    private static String frameOf(WsCompressor c, String text) {
        byte[] b = utf8(text);
        int n = c.compress(b, 0, b.length);
        return hexOf(WsFrames.frame(WsOpcode.TEXT, true, true, c.output(), 0, n, false, 0));
    }

    // ---- RFC 7692 §7.2.3: the examples ----------------------------------------------------------

    @Test
    void helloCompressesToTheRfcsFrameByteForByte() {
        // §7.2.3.1: "Hello" in one compressed DEFLATE block
        assertEquals("c1 07 f2 48 cd c9 c9 07 00", frameOf(new WsCompressor(false), "Hello"));
    }

    @Test
    void withContextTakeoverTheSecondHelloRefersToTheFirst() {
        // §7.2.3.2: sharing the LZ77 sliding window
        WsCompressor c = new WsCompressor(false);
        assertEquals("c1 07 f2 48 cd c9 c9 07 00", frameOf(c, "Hello"));
        assertEquals("c1 05 f2 00 11 00 00", frameOf(c, "Hello"));
    }

    @Test
    void withoutContextTakeoverEachHelloStartsAfresh() {
        WsCompressor c = new WsCompressor(true);
        assertEquals("c1 07 f2 48 cd c9 c9 07 00", frameOf(c, "Hello"));
        assertEquals("c1 07 f2 48 cd c9 c9 07 00", frameOf(c, "Hello"));
        assertEquals("c1 07 f2 48 cd c9 c9 07 00", frameOf(c, "Hello"));
    }

    @Test
    void theRfcsHelloFrameDecompresses() throws WebSocketException {
        assertEquals(WsMessage.text("Hello"), new Reader().one("c1 07 f2 48 cd c9 c9 07 00"));
    }

    @Test
    void theRfcsFragmentedHelloDecompresses() throws WebSocketException {
        // §7.2.3.1: the same payload in two fragments, RSV1 on the first only
        assertEquals(WsMessage.text("Hello"), new Reader().one("41 03 f2 48 cd  80 04 c9 c9 07 00"));
    }

    @Test
    void theRfcsSharedWindowPairDecompresses() throws WebSocketException {
        assertEquals(List.of(WsMessage.text("Hello"), WsMessage.text("Hello")),
                new Reader().read(hex("c1 07 f2 48 cd c9 c9 07 00  c1 05 f2 00 11 00 00")));
    }

    @Test
    void theRfcsDeflateBlockWithNoCompressionDecompresses() throws WebSocketException {
        // §7.2.3.3
        assertEquals(WsMessage.text("Hello"), new Reader().one("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"));
    }

    @Test
    void theRfcsBlockWithBfinalSetDecompressesAndTheNextMessageStartsANewStream() throws WebSocketException {
        // §7.2.3.4: BFINAL set, one byte after the final block; the next message is a new DEFLATE stream
        Reader r = new Reader();
        assertEquals(WsMessage.text("Hello"), r.one("c1 08 f3 48 cd c9 c9 07 00 00"));
        assertEquals(WsMessage.text("Hello"), r.one("c1 07 f2 48 cd c9 c9 07 00"));
        assertEquals(WsMessage.text("Hello"), r.one("c1 08 f3 48 cd c9 c9 07 00 00"));
    }

    @Test
    void theRfcsTwoBlocksInOneMessageDecompress() throws WebSocketException {
        // §7.2.3.5: "He" flushed, then "llo"
        assertEquals(WsMessage.text("Hello"), new Reader().one("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00"));
    }

    @Test
    void aMessageFlushedAtEachOfThreeFragmentsDecompresses() throws WebSocketException {
        // each fragment ends in a sync flush's 00 00 ff ff; only the message's last has it cut
        assertEquals(WsMessage.text("Hello World!"), new Reader().one(
                "41 0c f2 48 cd c9 c9 57 00 00 00 00 ff ff  00 0b 0a cf 2f ca 49 01 00 00 00 ff ff  80 03 52 04 00"));
    }

    @Test
    void anUncompressedMessageStillPassesWithTheExtensionOn() throws WebSocketException {
        // RSV1 clear: the message was sent as is (RFC 7692 §6)
        Reader r = new Reader();
        assertEquals(WsMessage.text("Hello"), r.one("81 05 48 65 6c 6c 6f"));
        assertEquals(WsMessage.text("Hello"), r.one("01 02 48 65  80 03 6c 6c 6f"));
        assertEquals(WsMessage.text("Hello"), r.one("c1 07 f2 48 cd c9 c9 07 00"), "the window was not touched");
    }

    // ---- the compressor --------------------------------------------------------------------------

    @Test
    void anEmptyMessageIsTheByteZeroEvenAfterAnotherWithTheWindowKept() throws WebSocketException {
        // RFC 7692 §7.2.1: a compressor that writes nothing gets an empty stored block appended, tail cut: 00
        WsCompressor c = new WsCompressor(false);
        assertEquals("00", compressed(c, ""));
        assertEquals("f2 48 cd c9 c9 07 00", compressed(c, "Hello"));
        assertEquals("00", compressed(c, ""));
        assertEquals("f2 00 11 00 00", compressed(c, "Hello"), "the window still holds the first Hello");
        Reader r = new Reader();
        assertEquals(List.of(WsMessage.text(""), WsMessage.text("Hello"), WsMessage.text(""), WsMessage.text("Hello")),
                r.read(hex("c1 01 00  c1 07 f2 48 cd c9 c9 07 00  c1 01 00  c1 05 f2 00 11 00 00")));
    }

    @Test
    void anEmptyCompressedPayloadIsAnEmptyMessageAndLeavesTheWindowAlone() throws WebSocketException {
        Reader r = new Reader();
        assertEquals(List.of(WsMessage.text("Hello"), WsMessage.text(""), WsMessage.text("Hello")),
                r.read(hex("c1 07 f2 48 cd c9 c9 07 00  c1 00  c1 05 f2 00 11 00 00")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void messagesOfEverySizeRoundTripWithAndWithoutContextTakeover(boolean noContextTakeover) throws WebSocketException {
        WsCompressor c = new WsCompressor(noContextTakeover);
        WsDecompressor d = new WsDecompressor(noContextTakeover);
        Random rnd = new Random(7);
        for (int size : new int[] {0, 1, 100, 16 * 1024, 70_000, 1 << 20, 0, 5}) {
            for (boolean random : new boolean[] {false, true}) {
                byte[] m = new byte[size];
                if (random) {
                    rnd.nextBytes(m); // does not compress: stored blocks
                } else {
                    for (int i = 0; i < size; i++) {
                        m[i] = (byte) ("the quick brown fox ".charAt(i % 20) + (i / 1000) % 3);
                    }
                }
                int n = c.compress(m, 0, m.length);
                byte[] payload = Arrays.copyOf(c.output(), n);
                int k = d.decompress(payload, 0, payload.length, 4 << 20);
                assertArrayEquals(m, Arrays.copyOf(d.output(), k), size + " bytes, random " + random);
                if (random && size >= 16 * 1024) {
                    assertTrue(n <= size + (size >> 10) + 64, n + " bytes for " + size + ": within the assembler's room");
                }
            }
        }
    }

    @Test
    void withoutContextTakeoverShortMessagesAndOnesThatDidNotShrinkAreToGoAsTheyAre() {
        WsCompressor fresh = new WsCompressor(true);
        assertFalse(fresh.worthCompressing(0));
        assertFalse(fresh.worthCompressing(WsCompressor.NO_TAKEOVER_MIN_SIZE - 1));
        assertTrue(fresh.worthCompressing(WsCompressor.NO_TAKEOVER_MIN_SIZE));
        assertTrue(fresh.sendUncompressed(100, 100));
        assertFalse(fresh.sendUncompressed(99, 100));
        WsCompressor kept = new WsCompressor(false);
        assertTrue(kept.worthCompressing(0), "with context takeover every message is compressed, as aiohttp does");
        assertFalse(kept.sendUncompressed(200, 100), "the peer's window must see every message compressed");
    }

    @Test
    void theSecondOfTwoEqualMessagesIsSmallerWithContextTakeoverOnly() {
        String text = "{\"type\":\"quote\",\"symbol\":\"ACME\",\"price\":101.25,\"currency\":\"EUR\"}";
        WsCompressor kept = new WsCompressor(false);
        WsCompressor fresh = new WsCompressor(true);
        String first = compressed(kept, text);
        assertEquals(first, compressed(fresh, text));
        String second = compressed(kept, text);
        assertTrue(second.length() < first.length() / 3, second + " vs " + first);
        assertEquals(first, compressed(fresh, text), "no takeover: the same bytes each time");
    }

    @Test
    void aDecompressorWithoutContextTakeoverForgetsTheWindow() throws WebSocketException {
        // the shared-window Hello refers 5 bytes back: a decompressor that resets cannot read it
        Reader r = new Reader(0, true);
        assertEquals(WsMessage.text("Hello"), r.one("c1 07 f2 48 cd c9 c9 07 00"));
        assertEquals(WsMessage.text("Hello"), r.one("c1 07 f2 48 cd c9 c9 07 00"));
        assertViolation(WsCloseCode.INVALID_TEXT, "not valid DEFLATE data", () -> r.read(hex("c1 05 f2 00 11 00 00")));
    }

    // ---- what the peer may not send ------------------------------------------------------------

    @Test
    void rsv1IsAllowedOnTheFirstDataFrameOnly() throws WebSocketException {
        assertTrue(WsFrameHeader.parse(hex("c1 05"), 0, FROM_SERVER, true).rsv1());
        assertTrue(WsFrameHeader.parse(hex("42 05"), 0, FROM_SERVER, true).rsv1());
        assertFalse(WsFrameHeader.parse(hex("81 05"), 0, FROM_SERVER, true).rsv1());
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "RSV1 set on a continuation frame",
                () -> WsFrameHeader.parse(hex("c0 05"), 0, FROM_SERVER, true));
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "RSV1 set on a continuation frame",
                () -> WsFrameHeader.parse(hex("40 05"), 0, FROM_SERVER, true));
        for (String control : new String[] {"c8 02", "c9 00", "ca 00"}) {
            assertViolation(WsCloseCode.PROTOCOL_ERROR, "permessage-deflate never compresses control frames",
                    () -> WsFrameHeader.parse(hex(control), 0, FROM_SERVER, true));
        }
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "RSV2 or RSV3",
                () -> WsFrameHeader.parse(hex("e1 05"), 0, FROM_SERVER, true));
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "RSV2 or RSV3",
                () -> WsFrameHeader.parse(hex("91 05"), 0, FROM_SERVER, true));
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "reserved opcode 0x3",
                () -> WsFrameHeader.parse(hex("c3 05"), 0, FROM_SERVER, true));
    }

    @Test
    void rsv1WithoutTheExtensionIsStillAProtocolError() {
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "reserved bits set (RSV1-3 = 4) with no extension agreed",
                () -> WsFrameHeader.parse(hex("c1 05"), 0, FROM_SERVER));
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "with no extension agreed",
                () -> WsFrameHeader.parse(hex("c1 05"), 0, FROM_SERVER, false));
    }

    @Test
    void compressedTextThatIsNotUtf8AfterDecompressingCloses1007() throws WebSocketException {
        WsCompressor c = new WsCompressor(false);
        byte[] bad = {'o', 'k', (byte) 0xc3, (byte) 0x28};
        int n = c.compress(bad, 0, bad.length);
        byte[] frame = WsFrames.frame(WsOpcode.TEXT, true, true, c.output(), 0, n, false, 0);
        assertViolation(WsCloseCode.INVALID_TEXT, "Invalid UTF-8 text message", () -> new Reader().read(frame));
        // the compressed bytes themselves need not be UTF-8: only the text is checked
        assertEquals(WsMessage.text("é"), new Reader().one(frameOf(new WsCompressor(false), "é")));
    }

    @Test
    void compressedBinaryIsDecompressed() throws WebSocketException {
        WsCompressor c = new WsCompressor(false);
        byte[] b = {0, 1, 2, (byte) 0xff, 0, 1, 2, (byte) 0xff};
        int n = c.compress(b, 0, b.length);
        byte[] frame = WsFrames.frame(WsOpcode.BINARY, true, true, c.output(), 0, n, false, 0);
        assertEquals(0xc2, frame[0] & 0xff);
        assertEquals(WsMessage.binary(b), new Reader().read(frame).getFirst());
    }

    @Test
    void dataThatIsNotDeflateCloses1007() {
        // BTYPE 11 is reserved
        assertViolation(WsCloseCode.INVALID_TEXT, "not valid DEFLATE data", () -> new Reader().read(hex("c1 02 ff ff")));
        assertViolation(WsCloseCode.INVALID_TEXT, "not valid DEFLATE data", () -> new Reader().read(hex("c2 02 07 00")));
    }

    // ---- the size limit -------------------------------------------------------------------------

    @Test
    void theLimitHoldsForTheDecompressedSize() throws WebSocketException {
        WsCompressor c = new WsCompressor(false);
        String ten = "aaaaaaaaaa";
        assertEquals(WsMessage.text(ten), new Reader(10, false).one(frameOf(c, ten)));
        String eleven = frameOf(new WsCompressor(false), ten + "a");
        assertTrue(hex(eleven).length < 11, "a frame smaller than the message: " + eleven);
        WebSocketException e = assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Decompressed message size exceeds limit 10",
                () -> new Reader(10, false).read(hex(eleven)));
        assertMentions("stopped after 11 bytes", e);
    }

    @Test
    void theLimitHoldsForAFragmentedCompressedMessageToo() {
        // 100 bytes of 'a' compressed, split over two frames
        WsCompressor c = new WsCompressor(false);
        byte[] m = new byte[100];
        Arrays.fill(m, (byte) 'a');
        int n = c.compress(m, 0, m.length);
        byte[] p = Arrays.copyOf(c.output(), n);
        byte[] frames = concat(WsFrames.frame(WsOpcode.TEXT, false, true, p, 0, 2, false, 0),
                WsFrames.frame(WsOpcode.CONTINUATION, true, false, p, 2, n - 2, false, 0));
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Decompressed message size exceeds limit 99",
                () -> new Reader(99, false).read(frames));
        assertDoesNotFail(() -> assertEquals(1, new Reader(100, false).read(frames).size()));
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void assertDoesNotFail(Check c) {
        try {
            c.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCompressedPayloadMayExceedTheLimitByDeflatesOverheadOnly() throws WebSocketException {
        WsMessageAssembler a = new WsMessageAssembler(1000, new WsDecompressor(false));
        a.admit(new WsFrameHeader(true, WsOpcode.BINARY, false, 1000 + 64, 0, 4, true));
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Compressed message size 1065 exceeds limit 1000",
                () -> a.admit(new WsFrameHeader(true, WsOpcode.BINARY, false, 1000 + 65, 0, 4, true)));
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Message size 1001 exceeds limit 1000",
                () -> a.admit(new WsFrameHeader(true, WsOpcode.BINARY, false, 1001, 0, 4, false)));
        a.admit(new WsFrameHeader(false, WsOpcode.TEXT, false, 1000, 0, 4, true));
        a.accept(new WsFrameHeader(false, WsOpcode.TEXT, false, 1000, 0, 4, true), new byte[1000]);
        a.admit(new WsFrameHeader(true, WsOpcode.CONTINUATION, false, 64, 0, 2, false));
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Compressed message size 1065",
                () -> a.admit(new WsFrameHeader(true, WsOpcode.CONTINUATION, false, 65, 0, 2, false)));
        WsMessageAssembler plain = new WsMessageAssembler(1000);
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Message size 1001",
                () -> plain.admit(new WsFrameHeader(true, WsOpcode.BINARY, false, 1001, 0, 4, true)));
    }

    @Test
    void aDecompressionBombIsRefusedWith1009AfterTheLimitNotInflatedWhole() throws WebSocketException {
        // 64 MiB of zeros in under 300 KiB of DEFLATE; the limit is 1 MiB
        Deflater bomb = new Deflater(Deflater.BEST_SPEED, true);
        byte[] zeros = new byte[1 << 20];
        byte[] out = new byte[1 << 20];
        int n = 0;
        for (int i = 0; i < 64; i++) {
            bomb.setInput(zeros);
            while (!bomb.needsInput() && n < out.length) {
                n += bomb.deflate(out, n, out.length - n, Deflater.NO_FLUSH);
            }
        }
        n += bomb.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
        bomb.end();
        assertTrue(n < 300 << 10, n + " bytes");
        byte[] payload = Arrays.copyOf(out, n - 4);
        byte[] frame = WsFrames.frame(WsOpcode.BINARY, true, true, payload, 0, payload.length, false, 0);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        WebSocketException e = assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Decompressed message size exceeds limit 1048576",
                () -> new Reader(1 << 20, false).read(frame));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertMentions("stopped after 1048577 bytes", e);
        assertTrue(allocated < 8 << 20, allocated + " bytes allocated for a 64 MiB bomb under a 1 MiB limit");
    }

    @Test
    void withNoLimitAMessageStillInflatesWhole() throws WebSocketException {
        WsCompressor c = new WsCompressor(false);
        byte[] m = new byte[3 << 20];
        Arrays.fill(m, (byte) 'x');
        int n = c.compress(m, 0, m.length);
        byte[] frame = WsFrames.frame(WsOpcode.BINARY, true, true, c.output(), 0, n, false, 0);
        assertArrayEquals(m, new Reader(0, false).read(frame).getFirst().bytes());
    }

    // ---- native memory ----------------------------------------------------------------------------

    @Test
    void endFreesTheNativeMemoryOnceAndAfterItNothingRuns() throws WebSocketException {
        WsCompressor c = new WsCompressor(false);
        WsDecompressor d = new WsDecompressor(false);
        assertTrue(c.toString().contains("FRESH"), "no Deflater before the first message: " + c);
        assertTrue(d.toString().contains("FRESH"), d.toString());
        c.compress(utf8("Hello"), 0, 5);
        d.decompress(hex("f2 48 cd c9 c9 07 00"), 0, 7, 100);
        assertTrue(c.toString().contains("RUNNING"), c.toString());
        assertTrue(d.toString().contains("RUNNING"), d.toString());
        c.end();
        d.end();
        c.end();
        d.end();
        assertTrue(c.isEnded() && d.isEnded());
        assertTrue(c.toString().contains("ENDED"), c.toString());
        assertThrows(IllegalStateException.class, () -> c.compress(utf8("Hello"), 0, 5));
        assertThrows(IllegalStateException.class, () -> d.decompress(hex("f2 48 cd c9 c9 07 00"), 0, 7, 100));
        WsCompressor unused = new WsCompressor(false);
        unused.end();
        assertThrows(IllegalStateException.class, () -> unused.compress(new byte[1], 0, 1), "ended before its first message");
    }

    @Test
    void anAssemblerWithoutTheExtensionHandsRsv1PayloadsOnUntouched() throws WebSocketException {
        // the header parser refuses RSV1 first; the assembler alone does not decompress without a decompressor
        WsMessageAssembler plain = new WsMessageAssembler(0);
        WsFrameHeader h = new WsFrameHeader(true, WsOpcode.BINARY, false, 2, 0, 2, true);
        plain.admit(h);
        assertEquals(WsMessage.binary(hex("f2 48")), plain.accept(h, hex("f2 48")));
    }
}
