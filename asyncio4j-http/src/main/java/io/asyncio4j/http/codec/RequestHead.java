package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

/**
 * A request's start line and header fields, as parsed ({@link HeadParser#parseRequest}) or to be
 * written ({@link HeadWriter#writeRequestHead}).
 *
 * @param method  the method, case as sent ({@code GET})
 * @param target  the request target as sent: origin form {@code /path?query}, absolute form,
 *                {@code *} or authority form
 * @param version the protocol version
 * @param headers the header fields in order
 * <p>
 * asyncio: aiohttp's {@code RawRequestMessage}
 */
public record RequestHead(String method, String target, HttpVersion version, Headers headers) {
}
