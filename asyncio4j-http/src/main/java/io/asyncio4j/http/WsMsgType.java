package io.asyncio4j.http;

/**
 * What a {@link WsMessage} carries. The first five are frames of the protocol (RFC 6455 §5.2);
 * {@code CLOSING}, {@code CLOSED} and {@code ERROR} are the receiving side's own signals, as in
 * aiohttp.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: {@code aiohttp.WSMsgType}
 */
public enum WsMsgType {
    /** A text message; {@link WsMessage#text()} is its content. asyncio: {@code WSMsgType.TEXT} */
    TEXT,
    /** A binary message; {@link WsMessage#bytes()} is its content. asyncio: {@code WSMsgType.BINARY} */
    BINARY,
    /**
     * A ping with its payload; answered by a pong before it is seen when {@code autoping} is on.
     * asyncio: {@code WSMsgType.PING}
     */
    PING,
    /** A pong; not seen when {@code autoping} is on. asyncio: {@code WSMsgType.PONG} */
    PONG,
    /**
     * The peer's close frame: {@link WsMessage#closeCode()} and its reason in {@link WsMessage#extra()}.
     * asyncio: {@code WSMsgType.CLOSE}
     */
    CLOSE,
    /** This side is closing (another task called {@code close()}). asyncio: {@code WSMsgType.CLOSING} */
    CLOSING,
    /** The WebSocket is closed: nothing more will arrive. asyncio: {@code WSMsgType.CLOSED} */
    CLOSED,
    /**
     * Receiving failed (a protocol violation, a message over the size limit, the connection lost);
     * {@link WsMessage#exception()} says why. The WebSocket is then closed. asyncio: {@code WSMsgType.ERROR}
     */
    ERROR;

    /** Whether a receive loop ends on it: CLOSE, CLOSING, CLOSED (as aiohttp's {@code async for}). asyncio: none */
    public boolean endsReceiving() {
        return this == CLOSE || this == CLOSING || this == CLOSED;
    }
}
