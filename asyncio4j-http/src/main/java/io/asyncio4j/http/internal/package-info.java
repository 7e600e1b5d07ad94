/**
 * What the server and the client share but do not publish (the module does not export it):
 * {@link io.asyncio4j.http.internal.BodyReader}, which reads one message's body off a stream as
 * its framing says; {@link io.asyncio4j.http.internal.ContentType}, which reads a Content-Type
 * field's media type and charset; and {@link io.asyncio4j.http.internal.HttpDate}, the
 * {@code Date} field's once-a-second clock and its parser; and
 * {@link io.asyncio4j.http.internal.WebSocketChannel}, the WebSocket protocol both sides delegate to;
 * {@link io.asyncio4j.http.internal.ContentDisposition}, a multipart part's Content-Disposition read
 * and written as aiohttp does. (For-each over reads that suspend uses the core's
 * {@code io.asyncio4j.internal.util.SuspendingIterator}.)
 * <p>
 * asyncio: aiohttp's {@code HttpPayloadParser} ({@code http_parser.py}) and the cached date of
 * {@code web_protocol.RequestHandler}; the shared half of {@code WebSocketResponse} and
 * {@code ClientWebSocketResponse}
 */
package io.asyncio4j.http.internal;
