package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

/**
 * A response's status line and header fields, as parsed ({@link HeadParser#parseResponse}) or to
 * be written ({@link HeadWriter#writeResponseHead}).
 *
 * @param version the protocol version
 * @param status  the three-digit status code
 * @param reason  the reason phrase (may be empty)
 * @param headers the header fields in order
 * <p>
 * asyncio: aiohttp's {@code RawResponseMessage}
 */
public record ResponseHead(HttpVersion version, int status, String reason, Headers headers) {
}
