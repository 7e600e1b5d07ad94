package io.asyncio4j.http.codec;

/**
 * A WebSocket frame's opcode (RFC 6455 §5.2); the reserved ones (3-7, 11-15) have none.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: aiohttp's {@code WSMsgType} values below 0x100
 */
public enum WsOpcode {
    /** The next fragment of a message. asyncio: {@code WSMsgType.CONTINUATION} */
    CONTINUATION(0x0),
    /** The first frame of a text message. asyncio: {@code WSMsgType.TEXT} */
    TEXT(0x1),
    /** The first frame of a binary message. asyncio: {@code WSMsgType.BINARY} */
    BINARY(0x2),
    /** Close (control). asyncio: {@code WSMsgType.CLOSE} */
    CLOSE(0x8),
    /** Ping (control). asyncio: {@code WSMsgType.PING} */
    PING(0x9),
    /** Pong (control). asyncio: {@code WSMsgType.PONG} */
    PONG(0xA);

    private static final WsOpcode[] BY_CODE = new WsOpcode[16];

    static {
        for (WsOpcode o : values()) {
            BY_CODE[o.code] = o;
        }
    }

    private final int code;

    WsOpcode(int code) {
        this.code = code;
    }

    /** Its 4-bit value. asyncio: {@code int(WSMsgType.X)} */
    public int code() {
        return code;
    }

    /** Whether it is a control frame's (close, ping, pong): at most 125 bytes, never fragmented. asyncio: none */
    public boolean isControl() {
        return code >= 0x8;
    }

    /** The opcode with 4-bit value {@code code}, or null for a reserved one. asyncio: {@code WSMsgType(code)} */
    public static WsOpcode of(int code) {
        return code >= 0 && code < 16 ? BY_CODE[code] : null;
    }
}
