package io.asyncio4j.http.web;

/**
 * Whether a request can become a WebSocket, and the subprotocol it would get.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: aiohttp's {@code WebSocketReady}
 *
 * @param ok       whether the request is a valid WebSocket handshake
 * @param protocol the subprotocol that would be agreed, or null
 */
public record WebSocketReady(boolean ok, String protocol) {
}
