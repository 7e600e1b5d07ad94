package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

/**
 * A response's status line and header fields, as parsed ({@link HeadParser#parseResponse}) or to
 * be written ({@link HeadWriter#writeResponseHead}).
 * <p>
 * Threading: the record is immutable but its {@link Headers} are not; the task handling the
 * message.
 * <p>
 * asyncio: aiohttp's {@code RawResponseMessage}
 *
 * @param version the protocol version
 * @param status  the three-digit status code
 * @param reason  the reason phrase (may be empty)
 * @param headers the header fields in order
 */
public record ResponseHead(HttpVersion version, int status, String reason, Headers headers) {
}
