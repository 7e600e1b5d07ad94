package io.asyncio4j.http;

/**
 * The status codes of a close frame (RFC 6455 §7.4.1), as {@code int}s so that application codes
 * (3000-4999) pass through as they are.
 * <p>
 * asyncio: {@code aiohttp.WSCloseCode}
 */
public final class WsCloseCode {
    /** Normal closure. asyncio: {@code WSCloseCode.OK} */
    public static final int OK = 1000;
    /** The endpoint is going away (a server shutting down, a page left). asyncio: {@code WSCloseCode.GOING_AWAY} */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol. asyncio: {@code WSCloseCode.PROTOCOL_ERROR} */
    public static final int PROTOCOL_ERROR = 1002;
    /** A kind of data the endpoint cannot accept. asyncio: {@code WSCloseCode.UNSUPPORTED_DATA} */
    public static final int UNSUPPORTED_DATA = 1003;
    /**
     * Never sent: the close frame carried no code. asyncio: none (aiohttp reports 0 for it; RFC 6455
     * §7.1.5 names 1005)
     */
    public static final int NO_STATUS_RECEIVED = 1005;
    /**
     * Never sent: the connection ended without a close handshake (or timed out in it).
     * asyncio: {@code WSCloseCode.ABNORMAL_CLOSURE}
     */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** A text message that is not UTF-8. asyncio: {@code WSCloseCode.INVALID_TEXT} */
    public static final int INVALID_TEXT = 1007;
    /** A message against the endpoint's policy. asyncio: {@code WSCloseCode.POLICY_VIOLATION} */
    public static final int POLICY_VIOLATION = 1008;
    /** A message over the endpoint's size limit. asyncio: {@code WSCloseCode.MESSAGE_TOO_BIG} */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The client needed an extension the server did not agree to. asyncio: {@code WSCloseCode.MANDATORY_EXTENSION} */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server failed. asyncio: {@code WSCloseCode.INTERNAL_ERROR} */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is restarting. asyncio: {@code WSCloseCode.SERVICE_RESTART} */
    public static final int SERVICE_RESTART = 1012;
    /** Try again later. asyncio: {@code WSCloseCode.TRY_AGAIN_LATER} */
    public static final int TRY_AGAIN_LATER = 1013;
    /** A gateway's upstream failed. asyncio: {@code WSCloseCode.BAD_GATEWAY} */
    public static final int BAD_GATEWAY = 1014;

    private WsCloseCode() {
    }

    /**
     * Whether {@code code} may travel in a close frame: the defined codes but 1004-1006 and 1015,
     * and 3000-4999 (registered and private). asyncio: aiohttp's {@code ALLOWED_CLOSE_CODES} check
     */
    public static boolean isSendable(int code) {
        return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006
                || code >= 3000 && code <= 4999;
    }
}
