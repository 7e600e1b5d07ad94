/**
 * What HTTP's server and client share: {@link io.asyncio4j.http.Headers}, versions
 * ({@link io.asyncio4j.http.HttpVersion}), status reasons ({@link io.asyncio4j.http.HttpStatus}),
 * and the exception both raise for a body cut short
 * ({@link io.asyncio4j.http.IncompleteBodyException}).
 * <p>
 * asyncio: {@code aiohttp} (its top-level names), {@code multidict}
 */
package io.asyncio4j.http;
