package io.asyncio4j.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WsMessage and WsMsgType: what each kind of message carries, and the accessors that refuse the wrong kind. */
class WsMessageTest {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    private static void assertWrongType(String message, Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertEquals(message, e.getMessage());
    }

    // ---- what each kind carries ---------------------------------------------------------------

    @Test
    void aTextMessageCarriesItsText() {
        WsMessage m = WsMessage.text("hi");
        assertEquals(WsMsgType.TEXT, m.type());
        assertEquals("hi", m.text());
        assertEquals("hi", m.data());
        assertNull(m.extra());
        assertNull(m.exception());
    }

    @Test
    void aBinaryMessageCarriesItsArrayItself() {
        WsMessage m = WsMessage.binary(ABC);
        assertEquals(WsMsgType.BINARY, m.type());
        assertSame(ABC, m.bytes());
        assertSame(ABC, m.data());
        assertNull(m.extra());
    }

    @Test
    void aPingCarriesItsPayloadAndAnEmptyExtra() {
        WsMessage m = WsMessage.ping(ABC);
        assertEquals(WsMsgType.PING, m.type());
        assertSame(ABC, m.bytes());
        assertEquals("", m.extra());
    }

    @Test
    void aPongCarriesItsPayloadAndAnEmptyExtra() {
        WsMessage m = WsMessage.pong(ABC);
        assertEquals(WsMsgType.PONG, m.type());
        assertSame(ABC, m.bytes());
        assertEquals("", m.extra());
    }

    @Test
    void aCloseMessageCarriesItsCodeAsDataAndItsReasonAsExtra() {
        WsMessage m = WsMessage.close(1001, "going away");
        assertEquals(WsMsgType.CLOSE, m.type());
        assertEquals(1001, m.closeCode());
        assertEquals(1001, m.data());
        assertEquals("going away", m.extra());
    }

    @Test
    void anErrorMessageCarriesItsException() {
        IOException e = new IOException("lost");
        WsMessage m = WsMessage.error(e);
        assertEquals(WsMsgType.ERROR, m.type());
        assertSame(e, m.exception());
        assertSame(e, m.data());
    }

    @Test
    void closedAndClosingCarryNothing() {
        assertEquals(WsMsgType.CLOSED, WsMessage.CLOSED.type());
        assertEquals(WsMsgType.CLOSING, WsMessage.CLOSING.type());
        for (WsMessage m : new WsMessage[] {WsMessage.CLOSED, WsMessage.CLOSING}) {
            assertNull(m.data());
            assertNull(m.extra());
            assertNull(m.exception());
        }
    }

    @Test
    void aNullTextOrBinaryIsRefused() {
        assertThrows(NullPointerException.class, () -> WsMessage.text(null));
        assertThrows(NullPointerException.class, () -> WsMessage.binary(null));
    }

    // ---- the wrong accessor -------------------------------------------------------------------

    @Test
    void textOfANonTextMessageThrows() {
        assertWrongType("WsMessage.text(): this is a BINARY message, not a TEXT one; check type() first",
                () -> WsMessage.binary(ABC).text());
        assertThrows(IllegalStateException.class, () -> WsMessage.ping(ABC).text());
        assertThrows(IllegalStateException.class, () -> WsMessage.close(1000, "").text());
        assertThrows(IllegalStateException.class, () -> WsMessage.CLOSED.text());
    }

    @Test
    void bytesOfAMessageWithoutBytesThrows() {
        assertWrongType("WsMessage.bytes(): this is a TEXT message, not a BINARY, PING or PONG one; check type() first",
                () -> WsMessage.text("hi").bytes());
        assertThrows(IllegalStateException.class, () -> WsMessage.close(1000, "").bytes());
        assertThrows(IllegalStateException.class, () -> WsMessage.error(new IOException()).bytes());
        assertThrows(IllegalStateException.class, () -> WsMessage.CLOSING.bytes());
    }

    @Test
    void closeCodeOfANonCloseMessageThrows() {
        assertWrongType("WsMessage.closeCode(): this is a CLOSED message, not a CLOSE one; check type() first",
                () -> WsMessage.CLOSED.closeCode());
        assertThrows(IllegalStateException.class, () -> WsMessage.text("1000").closeCode());
        assertThrows(IllegalStateException.class, () -> WsMessage.ping(ABC).closeCode());
        assertThrows(IllegalStateException.class, () -> WsMessage.error(new IOException()).closeCode());
    }

    @Test
    void exceptionOfANonErrorMessageIsNull() {
        assertNull(WsMessage.text("x").exception());
        assertNull(WsMessage.close(1000, "x").exception());
    }

    // ---- equality and text --------------------------------------------------------------------

    @Test
    void binaryMessagesAreEqualByContent() {
        WsMessage a = WsMessage.binary(ABC);
        WsMessage b = WsMessage.binary(ABC.clone());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, WsMessage.binary(new byte[] {1}));
    }

    @Test
    void messagesOfDifferentKindsWithTheSameDataDiffer() {
        assertNotEquals(WsMessage.ping(ABC), WsMessage.pong(ABC));
        assertNotEquals(WsMessage.ping(ABC), WsMessage.binary(ABC));
    }

    @Test
    void closeMessagesDifferByCodeAndByReason() {
        assertEquals(WsMessage.close(1000, "bye"), WsMessage.close(1000, "bye"));
        assertNotEquals(WsMessage.close(1000, "bye"), WsMessage.close(1001, "bye"));
        assertNotEquals(WsMessage.close(1000, "bye"), WsMessage.close(1000, "ciao"));
    }

    @Test
    void aMessageReadsAsItsKindAndContent() {
        assertEquals("WsMessage(TEXT, \"hi\")", WsMessage.text("hi").toString());
        assertEquals("WsMessage(BINARY, 3 bytes \"abc\")", WsMessage.binary(ABC).toString());
        assertEquals("WsMessage(BINARY, 17 bytes)", WsMessage.binary(new byte[17]).toString());
        assertEquals("WsMessage(CLOSE, 1000, \"bye\")", WsMessage.close(1000, "bye").toString());
        assertEquals("WsMessage(CLOSED)", WsMessage.CLOSED.toString());
    }

    @Test
    void aLongTextReadsCutAt60Chars() {
        assertEquals("WsMessage(TEXT, \"" + "x".repeat(60) + "...\")", WsMessage.text("x".repeat(61)).toString());
    }

    // ---- WsMsgType ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = WsMsgType.class, names = {"CLOSE", "CLOSING", "CLOSED"})
    void aReceiveLoopEndsOnCloseClosingAndClosed(WsMsgType t) {
        assertTrue(t.endsReceiving());
    }

    @ParameterizedTest
    @EnumSource(value = WsMsgType.class, names = {"TEXT", "BINARY", "PING", "PONG", "ERROR"})
    void aReceiveLoopGoesOnAfterDataPingsPongsAndErrors(WsMsgType t) {
        assertFalse(t.endsReceiving());
    }

    @Test
    void aWebSocketExceptionCarriesItsCloseCode() {
        WebSocketException e = new WebSocketException(WsCloseCode.MESSAGE_TOO_BIG, "too big");
        assertEquals(1009, e.code());
        assertEquals("too big", e.getMessage());
        assertArrayEquals(new Object[0], e.getSuppressed());
    }
}
