/**
 * HTTP/1.1 without I/O, in the manner of h11: message heads parsed from bytes
 * ({@link io.asyncio4j.http.codec.HeadParser}) and written to bytes
 * ({@link io.asyncio4j.http.codec.HeadWriter}), how a body is delimited
 * ({@link io.asyncio4j.http.codec.BodyFraming}); and WebSocket frames (RFC 6455) read
 * ({@link io.asyncio4j.http.codec.WsFrameHeader}, {@link io.asyncio4j.http.codec.WsMessageAssembler}),
 * written ({@link io.asyncio4j.http.codec.WsFrames}) and opened ({@link io.asyncio4j.http.codec.WsHandshake}), and
 * compressed with permessage-deflate (RFC 7692: {@link io.asyncio4j.http.codec.WsDeflateParams},
 * {@link io.asyncio4j.http.codec.WsCompressor}, {@link io.asyncio4j.http.codec.WsDecompressor}). The server and
 * client sit on top; anything that moves bytes can use it.
 * <p>
 * asyncio: aiohttp's {@code http_parser.py} / {@code http_writer.py} / {@code http_websocket.py}, h11, wsproto
 */
package io.asyncio4j.http.codec;
