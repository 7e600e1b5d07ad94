package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

/**
 * A request's start line and header fields, as parsed ({@link HeadParser#parseRequest}) or to be
 * written ({@link HeadWriter#writeRequestHead}).
 * <p>
 * Threading: the record is immutable but its {@link Headers} are not; the task handling the
 * message.
 * <p>
 * asyncio: aiohttp's {@code RawRequestMessage}
 *
 * @param method  the method, case as sent ({@code GET})
 * @param target  the request target as sent: origin form {@code /path?query}, absolute form,
 *                {@code *} or authority form
 * @param version the protocol version
 * @param headers the header fields in order
 */
public record RequestHead(String method, String target, HttpVersion version, Headers headers) {
}
