/**
 * What HTTP's server and client share: {@link io.asyncio4j.http.Headers}, versions, status
 * reasons, and the exceptions both raise.
 * <p>
 * asyncio: {@code aiohttp} (its top-level names), {@code multidict}
 */
package io.asyncio4j.http;
