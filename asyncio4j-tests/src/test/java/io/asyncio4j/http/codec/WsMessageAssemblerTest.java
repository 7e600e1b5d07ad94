package io.asyncio4j.http.codec;

import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.asyncio4j.http.codec.HttpTesting.assertIllegal;
import static io.asyncio4j.http.codec.WsTesting.assertViolation;
import static io.asyncio4j.http.codec.WsTesting.concat;
import static io.asyncio4j.http.codec.WsTesting.hex;
import static io.asyncio4j.http.codec.WsTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** WsMessageAssembler: frames to messages (RFC 6455 §5.4-5.6) — fragments, control frames between them, the size limit, UTF-8, close frames. */
class WsMessageAssemblerTest {
    private final WsMessageAssembler assembler = new WsMessageAssembler(0);

    private static WsFrameHeader header(WsOpcode op, boolean fin, long length) {
        return new WsFrameHeader(fin, op, false, length, 0, 2);
    }

    /** One frame through {@code a}, as a reader does it: admit the header, then accept the payload. */
    private static WsMessage feed(WsMessageAssembler a, WsOpcode op, boolean fin, byte[] payload)
            throws WebSocketException {
        WsFrameHeader h = header(op, fin, payload.length);
        a.admit(h);
        return a.accept(h, payload);
    }

    private WsMessage feed(WsOpcode op, boolean fin, byte[] payload) throws WebSocketException {
        return feed(assembler, op, fin, payload);
    }

    private WsMessage close(byte[] payload) throws WebSocketException {
        return feed(WsOpcode.CLOSE, true, payload);
    }

    // ---- whole messages -----------------------------------------------------------------------

    @Test
    void aTextFrameWithFinIsATextMessage() throws WebSocketException {
        assertEquals(WsMessage.text("Hello"), feed(WsOpcode.TEXT, true, utf8("Hello")));
        assertEquals(WsMessageAssembler.State.BETWEEN, assembler.state());
    }

    @Test
    void aBinaryFrameWithFinIsABinaryMessage() throws WebSocketException {
        assertEquals(WsMessage.binary(hex("00 ff 80")), feed(WsOpcode.BINARY, true, hex("00 ff 80")));
    }

    @Test
    void anEmptyTextFrameIsAnEmptyTextMessage() throws WebSocketException {
        assertEquals(WsMessage.text(""), feed(WsOpcode.TEXT, true, new byte[0]));
    }

    @Test
    void aBinaryMessageMayHoldBytesThatAreNotUtf8() throws WebSocketException {
        assertArrayEquals(hex("ed a0 80 c0 af"), feed(WsOpcode.BINARY, true, hex("ed a0 80 c0 af")).bytes());
    }

    @Test
    void aTextMessageDecodesMultiByteUtf8() throws WebSocketException {
        assertEquals("h\u00e9llo \u20ac \ud83d\ude00", feed(WsOpcode.TEXT, true, utf8("h\u00e9llo \u20ac \ud83d\ude00")).text());
    }

    // ---- fragments ----------------------------------------------------------------------------

    @Test
    void theFragmentsOfATextMessageAreJoined() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, utf8("Hel")));
        assertEquals(WsMessageAssembler.State.FRAGMENTED, assembler.state());
        assertEquals(WsMessage.text("Hello"), feed(WsOpcode.CONTINUATION, true, utf8("lo")));
        assertEquals(WsMessageAssembler.State.BETWEEN, assembler.state());
    }

    @Test
    void theFragmentsOfABinaryMessageAreJoinedInOrder() throws WebSocketException {
        assertNull(feed(WsOpcode.BINARY, false, hex("01 02")));
        assertNull(feed(WsOpcode.CONTINUATION, false, hex("03")));
        assertNull(feed(WsOpcode.CONTINUATION, false, new byte[0]));
        assertNull(feed(WsOpcode.CONTINUATION, false, hex("04 05 06 07 08 09")));
        assertEquals(WsMessage.binary(hex("01 02 03 04 05 06 07 08 09 0a")), feed(WsOpcode.CONTINUATION, true, hex("0a")));
    }

    @Test
    void emptyFragmentsMakeAnEmptyMessage() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, new byte[0]));
        assertEquals(WsMessage.text(""), feed(WsOpcode.CONTINUATION, true, new byte[0]));
    }

    @Test
    void aMessageAfterAFragmentedOneStartsAfresh() throws WebSocketException {
        feed(WsOpcode.BINARY, false, hex("01 02 03"));
        feed(WsOpcode.CONTINUATION, true, hex("04"));
        assertEquals(WsMessage.text("x"), feed(WsOpcode.TEXT, true, utf8("x")));
        assertNull(feed(WsOpcode.TEXT, false, utf8("a")));
        assertEquals(WsMessage.text("ab"), feed(WsOpcode.CONTINUATION, true, utf8("b")));
    }

    @Test
    void manyFragmentsAddUpToTheWholeMessage() throws WebSocketException {
        StringBuilder expected = new StringBuilder();
        assertNull(feed(WsOpcode.TEXT, false, utf8("0")));
        expected.append('0');
        for (int i = 1; i < 1000; i++) {
            String piece = Integer.toString(i);
            expected.append(piece);
            assertNull(feed(WsOpcode.CONTINUATION, false, utf8(piece)));
        }
        assertEquals(expected.toString(), feed(WsOpcode.CONTINUATION, true, new byte[0]).text());
    }

    @Test
    void aPingBetweenFragmentsComesOutAtOnceAndTheMessageStillCompletes() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, utf8("Hel")));
        assertEquals(WsMessage.ping(utf8("p")), feed(WsOpcode.PING, true, utf8("p")));
        assertEquals(WsMessageAssembler.State.FRAGMENTED, assembler.state());
        assertEquals(WsMessage.text("Hello"), feed(WsOpcode.CONTINUATION, true, utf8("lo")));
    }

    @Test
    void aPongBetweenFragmentsComesOutAtOnceAndTheMessageStillCompletes() throws WebSocketException {
        assertNull(feed(WsOpcode.BINARY, false, hex("01")));
        assertEquals(WsMessage.pong(hex("aa bb")), feed(WsOpcode.PONG, true, hex("aa bb")));
        assertNull(feed(WsOpcode.CONTINUATION, false, hex("02")));
        assertEquals(WsMessage.binary(hex("01 02 03")), feed(WsOpcode.CONTINUATION, true, hex("03")));
    }

    @Test
    void aCloseBetweenFragmentsComesOutAtOnceAndLeavesTheMessageOpen() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, utf8("Hel")));
        assertEquals(WsMessage.close(1000, "bye"), close(concat(hex("03 e8"), utf8("bye"))));
        assertEquals(WsMessageAssembler.State.FRAGMENTED, assembler.state());
        assertEquals(WsMessage.text("Hello"), feed(WsOpcode.CONTINUATION, true, utf8("lo")));
    }

    @Test
    void aPingOutsideAMessageKeepsItsPayload() throws WebSocketException {
        WsMessage m = feed(WsOpcode.PING, true, utf8("Hello"));
        assertEquals(WsMessage.ping(utf8("Hello")), m);
        assertEquals(WsMessageAssembler.State.BETWEEN, assembler.state());
    }

    @Test
    void aContinuationWithNoMessageToContinueIsAProtocolError() {
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "a continuation frame with no message to continue",
                () -> assembler.admit(header(WsOpcode.CONTINUATION, true, 1)));
    }

    @Test
    void aContinuationAfterACompletedMessageIsAProtocolError() throws WebSocketException {
        feed(WsOpcode.TEXT, false, utf8("a"));
        feed(WsOpcode.CONTINUATION, true, utf8("b"));
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "no message to continue",
                () -> assembler.admit(header(WsOpcode.CONTINUATION, false, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TEXT", "BINARY"})
    void aNewDataFrameBeforeTheLastFragmentIsAProtocolError(WsOpcode op) throws WebSocketException {
        feed(WsOpcode.TEXT, false, utf8("Hel"));
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "a new " + op + " frame before the last fragment of the TEXT message",
                () -> assembler.admit(header(op, true, 2)));
    }

    // ---- size limit (admit) -------------------------------------------------------------------

    @Test
    void aFrameAsLargeAsTheLimitIsAdmitted() throws WebSocketException {
        WsMessageAssembler a = new WsMessageAssembler(10);
        assertEquals(WsMessage.binary(new byte[10]), feed(a, WsOpcode.BINARY, true, new byte[10]));
    }

    @Test
    void aFrameOverTheLimitIsRefusedWith1009BeforeItsPayloadIsRead() {
        WsMessageAssembler a = new WsMessageAssembler(10);
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Message size 11 exceeds limit 10",
                () -> a.admit(header(WsOpcode.TEXT, true, 11)));
    }

    @Test
    void aHugeFrameHeaderIsRefusedWithoutItsPayload() {
        WsMessageAssembler a = new WsMessageAssembler(4 << 20);
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "exceeds limit",
                () -> a.admit(header(WsOpcode.BINARY, true, Long.MAX_VALUE)));
    }

    @Test
    void fragmentsThatTogetherExceedTheLimitAreRefusedWith1009() throws WebSocketException {
        WsMessageAssembler a = new WsMessageAssembler(10);
        assertNull(feed(a, WsOpcode.BINARY, false, new byte[6]));
        assertViolation(WsCloseCode.MESSAGE_TOO_BIG, "Message size 11 exceeds limit 10",
                () -> a.admit(header(WsOpcode.CONTINUATION, true, 5)));
    }

    @Test
    void fragmentsThatTogetherReachTheLimitAreAdmitted() throws WebSocketException {
        WsMessageAssembler a = new WsMessageAssembler(10);
        assertNull(feed(a, WsOpcode.BINARY, false, new byte[4]));
        assertNull(feed(a, WsOpcode.CONTINUATION, false, new byte[3]));
        assertEquals(10, feed(a, WsOpcode.CONTINUATION, true, new byte[3]).bytes().length);
    }

    @Test
    void theLimitCountsEachMessageOnItsOwn() throws WebSocketException {
        WsMessageAssembler a = new WsMessageAssembler(10);
        feed(a, WsOpcode.BINARY, false, new byte[5]);
        feed(a, WsOpcode.CONTINUATION, true, new byte[5]);
        assertNull(feed(a, WsOpcode.BINARY, false, new byte[5]));
        assertEquals(10, feed(a, WsOpcode.CONTINUATION, true, new byte[5]).bytes().length);
    }

    @Test
    void controlFramesAreNotHeldToTheMessageLimit() throws WebSocketException {
        WsMessageAssembler a = new WsMessageAssembler(1);
        assertEquals(WsMessage.ping(utf8("Hello")), feed(a, WsOpcode.PING, true, utf8("Hello")));
    }

    @Test
    void aLimitOfZeroMeansNoLimit() {
        assertDoesNotThrow(() -> assembler.admit(header(WsOpcode.BINARY, true, 1L << 30)));
    }

    @Test
    void aLimitOfZeroStillAdmitsLargeFragmentsOneAfterAnother() throws WebSocketException {
        assertNull(feed(WsOpcode.BINARY, false, new byte[1 << 16]));
        assertDoesNotThrow(() -> assembler.admit(header(WsOpcode.CONTINUATION, true, 1L << 30)));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertIllegal("maxMessageSize is -1", () -> new WsMessageAssembler(-1));
    }

    // ---- UTF-8 --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "c0 af",             // overlong '/'
            "c1 bf",             // overlong
            "e0 80 af",          // overlong, 3 bytes
            "f0 80 80 af",       // overlong, 4 bytes
            "ed a0 80",          // encoded surrogate U+D800
            "ed bf bf",          // encoded surrogate U+DFFF
            "ed a0 bd ed b8 80", // a surrogate pair encoded as two (CESU-8)
            "e2 82",             // truncated at the end
            "61 c3",             // truncated after ASCII
            "e2 28 a1",          // broken in the middle
            "80",                // a lone continuation byte
            "f4 90 80 80",       // above U+10FFFF
            "fe", "ff"})
    void aTextMessageThatIsNotUtf8IsRefusedWith1007(String bytes) {
        assertViolation(WsCloseCode.INVALID_TEXT, "Invalid UTF-8 text message",
                () -> feed(WsOpcode.TEXT, true, hex(bytes)));
    }

    @Test
    void aFragmentedTextMessageThatIsNotUtf8IsRefusedWith1007() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, utf8("ok ")));
        assertViolation(WsCloseCode.INVALID_TEXT, "Invalid UTF-8 text message",
                () -> feed(WsOpcode.CONTINUATION, true, hex("ed a0 80")));
    }

    @Test
    void aTextMessageEndingInTheMiddleOfACharacterIsRefusedWith1007() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, hex("e2")));
        assertViolation(WsCloseCode.INVALID_TEXT, "Invalid UTF-8",
                () -> feed(WsOpcode.CONTINUATION, true, hex("82")));
    }

    @Test
    void aCharacterSplitAcrossFragmentsIsFine() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, hex("e2")));
        assertEquals(WsMessage.text("\u20ac"), feed(WsOpcode.CONTINUATION, true, hex("82 ac")));
    }

    @Test
    void aFourByteCharacterSplitOverThreeFragmentsIsFine() throws WebSocketException {
        assertNull(feed(WsOpcode.TEXT, false, hex("61 f0 9f")));
        assertNull(feed(WsOpcode.CONTINUATION, false, hex("98")));
        assertEquals(WsMessage.text("a\ud83d\ude00"), feed(WsOpcode.CONTINUATION, true, hex("80")));
    }

    @Test
    void theLargestCodePointIsValidText() throws WebSocketException {
        assertEquals(WsMessage.text(new String(Character.toChars(0x10ffff))), feed(WsOpcode.TEXT, true, hex("f4 8f bf bf")));
    }

    // ---- close frames -------------------------------------------------------------------------

    @Test
    void anEmptyCloseFrameGivesCode1005AndNoReason() throws WebSocketException {
        WsMessage m = close(new byte[0]);
        assertEquals(WsMessage.close(WsCloseCode.NO_STATUS_RECEIVED, ""), m);
        assertEquals(1005, m.closeCode());
    }

    @Test
    void aCloseFrameOfOneByteIsAProtocolError() {
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "a close frame with a 1-byte payload", () -> close(hex("03")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535})
    void aCloseFrameWithACodeThatMayNotBeSentIsAProtocolError(int code) {
        assertViolation(WsCloseCode.PROTOCOL_ERROR, "Invalid close code: " + code,
                () -> close(new byte[] {(byte) (code >>> 8), (byte) code}));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999})
    void aCloseFrameWithASendableCodeGivesTheCodeAndReason(int code) throws WebSocketException {
        byte[] payload = concat(new byte[] {(byte) (code >>> 8), (byte) code}, utf8("going"));
        assertEquals(WsMessage.close(code, "going"), close(payload));
    }

    @Test
    void aCloseFrameWithOnlyACodeHasAnEmptyReason() throws WebSocketException {
        assertEquals(WsMessage.close(1000, ""), close(hex("03 e8")));
    }

    @Test
    void aCloseReasonIsDecodedAsUtf8() throws WebSocketException {
        assertEquals("caf\u00e9 \u20ac", close(concat(hex("03 e8"), utf8("caf\u00e9 \u20ac"))).extra());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0 af", "ed a0 80", "e2 82", "ff"})
    void aCloseReasonThatIsNotUtf8IsRefusedWith1007(String reason) {
        assertViolation(WsCloseCode.INVALID_TEXT, "Invalid UTF-8 close reason",
                () -> close(concat(hex("03 e8"), hex(reason))));
    }

    @Test
    void aClosePayloadWrittenByWsFramesReadsBack() throws WebSocketException {
        assertEquals(WsMessage.close(4001, "r\u00e9sum\u00e9"), close(WsFrames.closePayload(4001, "r\u00e9sum\u00e9")));
    }
}
