package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WsCloseCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.asyncio4j.http.codec.WsTesting.assertViolation;
import static io.asyncio4j.http.codec.WsTesting.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WsFrameHeader: the header's length from its first two bytes, and parsing it (RFC 6455 §5.2, §5.7) with its protocol errors. */
class WsFrameHeaderTest {
    private static final boolean FROM_CLIENT = true;
    private static final boolean FROM_SERVER = false;

    /** Parses a header written in hex, as a server (client frames) or a client (server frames) would. */
    private static WsFrameHeader parse(String hex, boolean fromClient) throws WebSocketException {
        byte[] b = hex(hex);
        assertEquals(b.length, WsFrameHeader.length(b[0], b[1]), "the test's header is not whole");
        return WsFrameHeader.parse(b, 0, fromClient);
    }

    private static void assertProtocolError(String problem, String hex, boolean fromClient) {
        assertViolation(WsCloseCode.PROTOCOL_ERROR, problem, () -> WsFrameHeader.parse(hex(hex), 0, fromClient));
    }

    // ---- RFC 6455 §5.7 examples ---------------------------------------------------------------

    @Test
    void theUnmaskedHelloTextFrameOfRfc6455Parses() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.TEXT, false, 5, 0, 2), parse("81 05", FROM_SERVER));
    }

    @Test
    void theMaskedHelloTextFrameOfRfc6455ParsesWithItsMaskKeyBigEndian() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.TEXT, true, 5, 0x37fa213d, 6),
                parse("81 85 37 fa 21 3d", FROM_CLIENT));
    }

    @Test
    void theFirstFragmentOfTheRfc6455FragmentedHelloIsATextFrameWithoutFin() throws WebSocketException {
        assertEquals(new WsFrameHeader(false, WsOpcode.TEXT, false, 3, 0, 2), parse("01 03", FROM_SERVER));
    }

    @Test
    void theLastFragmentOfTheRfc6455FragmentedHelloIsAContinuationWithFin() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.CONTINUATION, false, 2, 0, 2), parse("80 02", FROM_SERVER));
    }

    @Test
    void theUnmaskedPingOfRfc6455Parses() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.PING, false, 5, 0, 2), parse("89 05", FROM_SERVER));
    }

    @Test
    void theMaskedPongOfRfc6455Parses() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.PONG, true, 5, 0x37fa213d, 6),
                parse("8a 85 37 fa 21 3d", FROM_CLIENT));
    }

    @Test
    void the256ByteBinaryFrameOfRfc6455HasA16BitLength() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.BINARY, false, 256, 0, 4), parse("82 7e 01 00", FROM_SERVER));
    }

    @Test
    void the64KiBBinaryFrameOfRfc6455HasA64BitLength() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.BINARY, false, 65536, 0, 10),
                parse("82 7f 00 00 00 00 00 01 00 00", FROM_SERVER));
    }

    // ---- header length ------------------------------------------------------------------------

    @ParameterizedTest(name = "b1 = {0} -> {1} bytes")
    @CsvSource({
            "0x00, 2", "0x05, 2", "0x7d, 2",       // 0..125 inline
            "0x7e, 4", "0x7f, 10",                 // 16-bit, 64-bit length
            "0x80, 6", "0x85, 6", "0xfd, 6",       // masked, inline
            "0xfe, 8", "0xff, 14"})                // masked, extended
    void theHeaderLengthFollowsFromTheSecondByte(String b1, int length) {
        assertEquals(length, WsFrameHeader.length((byte) 0x81, (byte) Integer.decode(b1).intValue()));
    }

    @Test
    void theHeaderLengthDoesNotDependOnTheFirstByte() {
        for (int b0 = 0; b0 < 256; b0++) {
            assertEquals(4, WsFrameHeader.length((byte) b0, (byte) 0x7e), "b0 = " + b0);
        }
    }

    // ---- lengths at the boundaries ------------------------------------------------------------

    @Test
    void aLengthOf125IsWrittenInline() throws WebSocketException {
        WsFrameHeader h = parse("82 7d", FROM_SERVER);
        assertEquals(125, h.payloadLength());
        assertEquals(2, h.headerLength());
    }

    @Test
    void aLengthOf126TakesThe16BitForm() throws WebSocketException {
        WsFrameHeader h = parse("82 7e 00 7e", FROM_SERVER);
        assertEquals(126, h.payloadLength());
        assertEquals(4, h.headerLength());
    }

    @Test
    void the16BitLengthIsUnsignedUpTo65535() throws WebSocketException {
        assertEquals(65535, parse("82 7e ff ff", FROM_SERVER).payloadLength());
    }

    @Test
    void the16BitLengthIsBigEndian() throws WebSocketException {
        assertEquals(0x1234, parse("82 7e 12 34", FROM_SERVER).payloadLength());
    }

    @Test
    void the64BitLengthIsBigEndianOverAllEightBytes() throws WebSocketException {
        assertEquals(0x0102030405060708L, parse("82 7f 01 02 03 04 05 06 07 08", FROM_SERVER).payloadLength());
    }

    @Test
    void theLargest64BitLengthWithTheTopBitClearIsAccepted() throws WebSocketException {
        assertEquals(Long.MAX_VALUE, parse("82 7f 7f ff ff ff ff ff ff ff", FROM_SERVER).payloadLength());
    }

    @Test
    void aMaskedFrameWithA64BitLengthHasA14ByteHeaderAndItsMaskAfterTheLength() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.BINARY, true, 65536, 0x01020304, 14),
                parse("82 ff 00 00 00 00 00 01 00 00 01 02 03 04", FROM_CLIENT));
    }

    @Test
    void aMaskedFrameWithA16BitLengthHasAn8ByteHeader() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.BINARY, true, 126, 0xfffefdfc, 8),
                parse("82 fe 00 7e ff fe fd fc", FROM_CLIENT));
    }

    @Test
    void aHeaderIsParsedAtTheOffsetGiven() throws WebSocketException {
        byte[] b = hex("ff ff ff 82 fe 01 00 0a 0b 0c 0d ff");
        assertEquals(new WsFrameHeader(true, WsOpcode.BINARY, true, 256, 0x0a0b0c0d, 8), WsFrameHeader.parse(b, 3, FROM_CLIENT));
    }

    @Test
    void theFinBitIsReadFromTheTopBitOfTheFirstByte() throws WebSocketException {
        assertTrue(parse("82 00", FROM_SERVER).fin());
        assertFalse(parse("02 00", FROM_SERVER).fin());
    }

    @Test
    void anEmptyCloseFrameParses() throws WebSocketException {
        assertEquals(new WsFrameHeader(true, WsOpcode.CLOSE, false, 0, 0, 2), parse("88 00", FROM_SERVER));
    }

    @Test
    void aControlFrameOf125BytesIsAccepted() throws WebSocketException {
        assertEquals(125, parse("89 7d", FROM_SERVER).payloadLength());
    }

    // ---- protocol errors (1002) ---------------------------------------------------------------

    @ParameterizedTest(name = "first byte {0}")
    @ValueSource(strings = {"c1", "a1", "91", "f1", "41"})
    void aFrameWithAReservedBitSetIsAProtocolError(String b0) {
        assertProtocolError("reserved bits set", b0 + " 00", FROM_SERVER);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf})
    void aFrameWithAReservedOpcodeIsAProtocolError(int opcode) {
        assertProtocolError("reserved opcode 0x" + Integer.toHexString(opcode),
                String.format("%02x 00", 0x80 | opcode), FROM_SERVER);
    }

    @Test
    void aClientsFrameThatIsNotMaskedIsAProtocolError() {
        assertProtocolError("a client's frame is not masked", "81 05", FROM_CLIENT);
    }

    @Test
    void aServersFrameThatIsMaskedIsAProtocolError() {
        assertProtocolError("a server's frame is masked", "81 85 37 fa 21 3d", FROM_SERVER);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(strings = {"08", "09", "0a"})
    void aFragmentedControlFrameIsAProtocolError(String b0) {
        assertProtocolError("control frames are never fragmented", b0 + " 00", FROM_SERVER);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(strings = {"88", "89", "8a"})
    void aControlFrameOver125BytesIsAProtocolError(String b0) {
        assertProtocolError("frame of 126 bytes (control frames carry at most 125)", b0 + " 7e 00 7e", FROM_SERVER);
    }

    @Test
    void aControlFrameWithA64BitLengthOver125IsAProtocolError() {
        assertProtocolError("control frames carry at most 125", "89 7f 00 00 00 00 00 01 00 00", FROM_SERVER);
    }

    @Test
    void a64BitLengthWithItsTopBitSetIsAProtocolError() {
        assertProtocolError("a 64-bit payload length with its most significant bit set",
                "82 7f 80 00 00 00 00 00 00 00", FROM_SERVER);
    }

    @Test
    void a64BitLengthOfAllOnesIsAProtocolError() {
        assertProtocolError("most significant bit set", "82 7f ff ff ff ff ff ff ff ff", FROM_SERVER);
    }

    @Test
    void aProtocolErrorsMessageSaysItIsOne() {
        assertProtocolError("WebSocket protocol error: ", "c1 00", FROM_SERVER);
    }

    // ---- opcodes ------------------------------------------------------------------------------

    @Test
    void everyOpcodeRoundTripsThroughItsCode() {
        for (WsOpcode o : WsOpcode.values()) {
            assertEquals(o, WsOpcode.of(o.code()));
        }
    }

    @Test
    void onlyCloseAndPingAndPongAreControlOpcodes() {
        for (WsOpcode o : WsOpcode.values()) {
            assertEquals(o == WsOpcode.CLOSE || o == WsOpcode.PING || o == WsOpcode.PONG, o.isControl(), o.name());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x7, 0xb, 0xf, -1, 16})
    void aReservedOrOutOfRangeCodeHasNoOpcode(int code) {
        assertNull(WsOpcode.of(code));
    }
}
