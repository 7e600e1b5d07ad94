package io.asyncio4j.http;

import java.io.IOException;

/**
 * The peer broke the WebSocket protocol (RFC 6455), or sent a message over the size limit:
 * {@link #code()} is the close code the connection is closed with. A {@code receive()} reports
 * it as an {@link WsMsgType#ERROR} message rather than throwing it.
 * <p>
 * asyncio: {@code aiohttp.WebSocketError}
 */
public final class WebSocketException extends IOException {
    private final int code;

    /** A violation closed with {@code code} ({@link WsCloseCode}). asyncio: {@code WebSocketError(code, message)} */
    public WebSocketException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The close code for it, such as {@link WsCloseCode#PROTOCOL_ERROR}. asyncio: {@code WebSocketError.code} */
    public int code() {
        return code;
    }
}
