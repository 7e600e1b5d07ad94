/**
 * HTTP/1.1 and WebSockets for asyncio4j, as aiohttp is for asyncio: {@code io.asyncio4j.http.web}
 * serves (aiohttp.web, WebSocketResponse), {@code io.asyncio4j.http.client} fetches
 * (aiohttp.ClientSession, ws_connect), both on asyncio4j streams; {@code io.asyncio4j.http.codec}
 * is the sans-I/O part (heads parsed from and written to bytes, body framing, WebSocket frames and
 * handshake), usable on its own; {@code io.asyncio4j.http} holds what they all share (header
 * fields, versions, status reasons, the WebSocket interface and its messages);
 * {@code io.asyncio4j.http.testutils} serves an application for a test and sends it requests by
 * path (aiohttp.test_utils). Depends on the
 * core module, and on Jackson for JSON.
 */
module io.asyncio4j.http {
    requires transitive io.asyncio4j;
    // JSON: request.json(), Web.jsonResponse(), ClientResponse.json(), WebSocket.sendJson() take and
    // give Jackson's JsonNode, so a user of those has Jackson too
    requires transitive com.fasterxml.jackson.databind;

    exports io.asyncio4j.http;
    exports io.asyncio4j.http.codec;
    exports io.asyncio4j.http.web;
    exports io.asyncio4j.http.client;
    exports io.asyncio4j.http.testutils;
    // io.asyncio4j.http.internal (body reading, the Date header's clock, the WebSocket protocol's
    // channel) is not exported.
}
