/**
 * An HTTP/1.1 client on asyncio4j streams, shaped like aiohttp's: a
 * {@link io.asyncio4j.http.client.ClientSession} keeps connections alive between requests,
 * a request returns a {@link io.asyncio4j.http.client.ClientResponse} whose body is read on
 * demand. Every call that waits for the network suspends the calling task.
 * <p>
 * asyncio: {@code aiohttp.ClientSession}
 */
package io.asyncio4j.http.client;
