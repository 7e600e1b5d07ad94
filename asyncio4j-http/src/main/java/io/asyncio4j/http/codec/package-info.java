/**
 * HTTP/1.1 without I/O, in the manner of h11: message heads parsed from bytes
 * ({@link io.asyncio4j.http.codec.HeadParser}) and written to bytes
 * ({@link io.asyncio4j.http.codec.HeadWriter}), and how a body is delimited
 * ({@link io.asyncio4j.http.codec.BodyFraming}). The server and client sit on top; anything that
 * moves bytes can use it.
 * <p>
 * asyncio: aiohttp's {@code http_parser.py} / {@code http_writer.py}, h11
 */
package io.asyncio4j.http.codec;
