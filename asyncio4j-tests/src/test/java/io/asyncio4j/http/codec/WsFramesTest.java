package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static io.asyncio4j.http.codec.HttpTesting.assertIllegal;
import static io.asyncio4j.http.codec.WsTesting.concat;
import static io.asyncio4j.http.codec.WsTesting.hex;
import static io.asyncio4j.http.codec.WsTesting.hexOf;
import static io.asyncio4j.http.codec.WsTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** WsFrames: frames written byte for byte as RFC 6455 §5.7 shows them, header lengths, masking, and close payloads. */
class WsFramesTest {
    private static final byte[] HELLO = utf8("Hello");
    private static final int RFC_MASK = 0x37fa213d;

    private static byte[] frame(WsOpcode op, boolean fin, byte[] payload) {
        return WsFrames.frame(op, fin, payload, 0, payload.length, false, 0);
    }

    private static byte[] maskedFrame(WsOpcode op, byte[] payload, int maskKey) {
        return WsFrames.frame(op, true, payload, 0, payload.length, true, maskKey);
    }

    /** {@code n} bytes counting up from 0, wrapping at 256. */
    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** The mask applied the obvious way: byte i XOR the mask's byte (i mod 4), most significant first. */
    private static void naiveMask(byte[] b, int off, int len, int maskKey) {
        for (int i = 0; i < len; i++) {
            b[off + i] ^= (byte) (maskKey >>> (24 - 8 * (i % 4)));
        }
    }

    // ---- RFC 6455 §5.7 examples ---------------------------------------------------------------

    @Test
    void theUnmaskedHelloTextFrameIsWrittenAsInRfc6455() {
        assertEquals("81 05 48 65 6c 6c 6f", hexOf(frame(WsOpcode.TEXT, true, HELLO)));
    }

    @Test
    void theMaskedHelloTextFrameIsWrittenAsInRfc6455() {
        assertEquals("81 85 37 fa 21 3d 7f 9f 4d 51 58", hexOf(maskedFrame(WsOpcode.TEXT, HELLO, RFC_MASK)));
    }

    @Test
    void maskingAFrameLeavesTheCallersPayloadAlone() {
        byte[] payload = utf8("Hello");
        maskedFrame(WsOpcode.TEXT, payload, RFC_MASK);
        assertArrayEquals(HELLO, payload);
    }

    @Test
    void theFragmentedHelloIsWrittenAsInRfc6455() {
        assertEquals("01 03 48 65 6c", hexOf(frame(WsOpcode.TEXT, false, utf8("Hel"))));
        assertEquals("80 02 6c 6f", hexOf(frame(WsOpcode.CONTINUATION, true, utf8("lo"))));
    }

    @Test
    void theUnmaskedPingIsWrittenAsInRfc6455() {
        assertEquals("89 05 48 65 6c 6c 6f", hexOf(frame(WsOpcode.PING, true, HELLO)));
    }

    @Test
    void theMaskedPongIsWrittenAsInRfc6455() {
        assertEquals("8a 85 37 fa 21 3d 7f 9f 4d 51 58", hexOf(maskedFrame(WsOpcode.PONG, HELLO, RFC_MASK)));
    }

    @Test
    void the256ByteBinaryFrameHasThe16BitLengthOfRfc6455() {
        byte[] payload = counting(256);
        byte[] f = frame(WsOpcode.BINARY, true, payload);
        assertArrayEquals(concat(hex("82 7e 01 00"), payload), f);
    }

    @Test
    void the64KiBBinaryFrameHasThe64BitLengthOfRfc6455() {
        byte[] payload = counting(65536);
        byte[] f = frame(WsOpcode.BINARY, true, payload);
        assertArrayEquals(concat(hex("82 7f 00 00 00 00 00 01 00 00"), payload), f);
    }

    @Test
    void theRfc6455MaskedHelloParsesAndUnmasksToHello() throws WebSocketException {
        byte[] f = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        WsFrameHeader h = WsFrameHeader.parse(f, 0, true);
        WsFrames.mask(f, h.headerLength(), (int) h.payloadLength(), h.maskKey());
        assertArrayEquals(HELLO, Arrays.copyOfRange(f, h.headerLength(), f.length));
    }

    // ---- frame() ------------------------------------------------------------------------------

    @Test
    void aFrameTakesOnlyTheSliceOfThePayloadGiven() {
        byte[] payload = utf8("xxHelloyy");
        assertEquals("81 05 48 65 6c 6c 6f", hexOf(WsFrames.frame(WsOpcode.TEXT, true, payload, 2, 5, false, 0)));
    }

    @Test
    void anEmptyFrameIsJustItsHeader() {
        assertEquals("88 00", hexOf(frame(WsOpcode.CLOSE, true, new byte[0])));
        assertEquals("8a 80 01 02 03 04", hexOf(maskedFrame(WsOpcode.PONG, new byte[0], 0x01020304)));
    }

    @Test
    void aFrameMaskedWithAZeroKeyCarriesTheMaskBitAndFourZeroBytes() {
        assertEquals("82 82 00 00 00 00 ab cd", hexOf(maskedFrame(WsOpcode.BINARY, hex("ab cd"), 0)));
    }

    // ---- header lengths at the boundaries -----------------------------------------------------

    @ParameterizedTest(name = "{0} bytes -> header of {1}")
    @CsvSource({"0, 2", "1, 2", "125, 2", "126, 4", "127, 4", "65535, 4", "65536, 10", "4294967296, 10",
            "9223372036854775807, 10"})
    void theHeaderLengthGrowsAt126AndAt65536(long length, int header) {
        assertEquals(header, WsFrames.headerLength(length, false));
        assertEquals(header + 4, WsFrames.headerLength(length, true));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({
            "125, 82 7d",
            "126, 82 7e 00 7e",
            "65535, 82 7e ff ff",
            "65536, 82 7f 00 00 00 00 00 01 00 00",
            "4294967301, 82 7f 00 00 00 01 00 00 00 05",
            "9223372036854775807, 82 7f 7f ff ff ff ff ff ff ff"})
    void aHeaderCarriesItsLengthInTheShortestForm(long length, String header) {
        byte[] f = new byte[14];
        int n = WsFrames.writeHeader(f, WsOpcode.BINARY, true, length, false, 0);
        assertEquals(header, hexOf(Arrays.copyOf(f, n)));
        assertEquals(WsFrames.headerLength(length, false), n);
    }

    @Test
    void aMaskedHeaderEndsWithTheMaskKeyBigEndian() {
        byte[] f = new byte[14];
        int n = WsFrames.writeHeader(f, WsOpcode.TEXT, false, 126, true, 0xcafebabe);
        assertEquals("01 fe 00 7e ca fe ba be", hexOf(Arrays.copyOf(f, n)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void anUnmaskedFrameParsesBackToItsHeaderAndPayload(int length) throws WebSocketException {
        byte[] payload = counting(length);
        byte[] f = frame(WsOpcode.BINARY, true, payload);
        WsFrameHeader h = WsFrameHeader.parse(f, 0, false);
        assertEquals(new WsFrameHeader(true, WsOpcode.BINARY, false, length, 0, WsFrames.headerLength(length, false)), h);
        assertEquals(f.length, h.headerLength() + length);
        assertArrayEquals(payload, Arrays.copyOfRange(f, h.headerLength(), f.length));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void aMaskedFrameParsesBackToItsHeaderAndUnmasksToItsPayload(int length) throws WebSocketException {
        byte[] payload = counting(length);
        byte[] f = WsFrames.frame(WsOpcode.TEXT, false, payload, 0, length, true, 0x9abcdef1);
        WsFrameHeader h = WsFrameHeader.parse(f, 0, true);
        assertEquals(new WsFrameHeader(false, WsOpcode.TEXT, true, length, 0x9abcdef1, WsFrames.headerLength(length, true)), h);
        WsFrames.mask(f, h.headerLength(), length, h.maskKey());
        assertArrayEquals(payload, Arrays.copyOfRange(f, h.headerLength(), f.length));
    }

    @Test
    void aMaskedFramesPayloadDiffersFromThePlainOne() {
        byte[] payload = counting(64);
        byte[] f = WsFrames.frame(WsOpcode.BINARY, true, payload, 0, 64, true, 0x01010101);
        byte[] expected = counting(64);
        naiveMask(expected, 0, 64, 0x01010101);
        assertArrayEquals(expected, Arrays.copyOfRange(f, 6, f.length));
    }

    // ---- mask() -------------------------------------------------------------------------------

    @Test
    void maskingEqualsTheNaiveXorForEveryLengthUpTo40AtSeveralOffsets() {
        Random random = new Random(6455);
        int[] keys = {0x37fa213d, 0x80000001, 0xffffffff, 0x00ff00ff, 0x01020304, random.nextInt()};
        for (int key : keys) {
            for (int off : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 13}) {
                for (int len = 0; len <= 40; len++) {
                    byte[] original = new byte[off + len + 9];
                    random.nextBytes(original);
                    byte[] expected = original.clone();
                    naiveMask(expected, off, len, key);
                    byte[] actual = original.clone();
                    WsFrames.mask(actual, off, len, key);
                    String where = "key " + Integer.toHexString(key) + ", offset " + off + ", length " + len;
                    assertEquals(hexOf(expected), hexOf(actual), where);
                }
            }
        }
    }

    @Test
    void maskingTwiceRestoresTheBytesForEveryLengthUpTo40AtSeveralOffsets() {
        Random random = new Random(1);
        for (int off : new int[] {0, 1, 3, 6, 11}) {
            for (int len = 0; len <= 40; len++) {
                byte[] original = new byte[off + len + 3];
                random.nextBytes(original);
                byte[] b = original.clone();
                int key = random.nextInt();
                WsFrames.mask(b, off, len, key);
                WsFrames.mask(b, off, len, key);
                assertArrayEquals(original, b, "offset " + off + ", length " + len);
            }
        }
    }

    @Test
    void maskingTouchesNoByteOutsideItsRange() {
        byte[] b = new byte[30];
        WsFrames.mask(b, 5, 17, 0xffffffff);
        byte[] expected = new byte[30];
        Arrays.fill(expected, 5, 22, (byte) 0xff);
        assertArrayEquals(expected, b);
    }

    @Test
    void theMasksFirstByteFallsOnTheFirstByteOfTheRangeWhateverTheOffset() {
        byte[] b = new byte[12];
        WsFrames.mask(b, 3, 9, 0x11223344);
        assertEquals("00 00 00 11 22 33 44 11 22 33 44 11", hexOf(b));
    }

    @Test
    void maskingWithAZeroKeyChangesNothing() {
        byte[] b = counting(33);
        WsFrames.mask(b, 0, 33, 0);
        assertArrayEquals(counting(33), b);
    }

    @Test
    void aLongPayloadIsMaskedAsTheNaiveXor() {
        byte[] b = counting(100_003);
        byte[] expected = counting(100_003);
        naiveMask(expected, 1, 100_001, 0xdeadbeef);
        WsFrames.mask(b, 1, 100_001, 0xdeadbeef);
        assertArrayEquals(expected, b);
    }

    // ---- closePayload() -----------------------------------------------------------------------

    @Test
    void aClosePayloadIsTheCodeBigEndianThenTheReasonInUtf8() {
        assertEquals("03 e8 62 79 65", hexOf(WsFrames.closePayload(1000, "bye")));
    }

    @Test
    void aClosePayloadWithoutReasonIsJustTheCode() {
        assertEquals("03 e8", hexOf(WsFrames.closePayload(1000, null)));
        assertEquals("13 87", hexOf(WsFrames.closePayload(4999, "")));
    }

    @Test
    void aClosePayloadsReasonIsEncodedInUtf8() {
        assertEquals("0b b8 c3 a9 e2 82 ac", hexOf(WsFrames.closePayload(3000, "\u00e9\u20ac")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999})
    void aSendableCodeMakesAClosePayload(int code) {
        byte[] p = WsFrames.closePayload(code, "");
        assertEquals(code, ((p[0] & 0xff) << 8) | (p[1] & 0xff));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535, -1})
    void aCodeThatMayNotBeSentIsRefused(int code) {
        assertIllegal(code + " is not a close code that may be sent", () -> WsFrames.closePayload(code, "x"));
    }

    @Test
    void aReasonOf123BytesFitsAndMakesA125BytePayload() {
        assertEquals(125, WsFrames.closePayload(1000, "r".repeat(123)).length);
    }

    @Test
    void aReasonOver123BytesIsRefused() {
        assertIllegal("the reason is 124 bytes in UTF-8; a close frame holds at most 123",
                () -> WsFrames.closePayload(1000, "r".repeat(124)));
    }

    @Test
    void theReasonLimitCountsUtf8BytesNotChars() {
        assertEquals(125, WsFrames.closePayload(1000, "\u20ac".repeat(41)).length); // 41 x 3 = 123 bytes
        assertIllegal("the reason is 124 bytes in UTF-8", () -> WsFrames.closePayload(1000, "\u00e9".repeat(62)));
    }
}
