package io.asyncio4j.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WsCloseCode: the codes of RFC 6455 §7.4.1, and which of them may travel in a close frame. */
class WsCloseCodeTest {

    @Test
    void theCodesHaveTheirRfc6455Values() {
        assertEquals(1000, WsCloseCode.OK);
        assertEquals(1001, WsCloseCode.GOING_AWAY);
        assertEquals(1002, WsCloseCode.PROTOCOL_ERROR);
        assertEquals(1003, WsCloseCode.UNSUPPORTED_DATA);
        assertEquals(1005, WsCloseCode.NO_STATUS_RECEIVED);
        assertEquals(1006, WsCloseCode.ABNORMAL_CLOSURE);
        assertEquals(1007, WsCloseCode.INVALID_TEXT);
        assertEquals(1008, WsCloseCode.POLICY_VIOLATION);
        assertEquals(1009, WsCloseCode.MESSAGE_TOO_BIG);
        assertEquals(1010, WsCloseCode.MANDATORY_EXTENSION);
        assertEquals(1011, WsCloseCode.INTERNAL_ERROR);
        assertEquals(1012, WsCloseCode.SERVICE_RESTART);
        assertEquals(1013, WsCloseCode.TRY_AGAIN_LATER);
        assertEquals(1014, WsCloseCode.BAD_GATEWAY);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void theDefinedCodesAndTheRegisteredAndPrivateRangesMayBeSent(int code) {
        assertTrue(WsCloseCode.isSendable(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535,
            Integer.MAX_VALUE})
    void reservedCodesAndCodesOutsideTheRangesMayNotBeSent(int code) {
        assertFalse(WsCloseCode.isSendable(code));
    }

    @Test
    void everyCodeFrom1000To4999IsSendableExactlyWhenOutsideTheReservedOnes() {
        for (int code = 1000; code <= 4999; code++) {
            boolean expected = code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000;
            assertEquals(expected, WsCloseCode.isSendable(code), "code " + code);
        }
    }
}
