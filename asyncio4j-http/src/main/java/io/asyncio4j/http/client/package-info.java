/**
 * An HTTP/1.1 client on asyncio4j streams, shaped like aiohttp's: a
 * {@link io.asyncio4j.http.client.ClientSession} keeps connections alive between requests,
 * a request returns a {@link io.asyncio4j.http.client.ClientResponse} whose body is read on
 * demand, a body goes from memory, a file, chunks or a multipart writer
 * ({@link io.asyncio4j.http.client.RequestOptions}, {@link io.asyncio4j.http.client.MultipartWriter},
 * {@link io.asyncio4j.http.client.FormDataWriter}), {@link io.asyncio4j.http.client.ClientSession#wsConnect} opens a WebSocket
 * ({@link io.asyncio4j.http.client.ClientWebSocketResponse}), a {@link io.asyncio4j.http.client.ClientTimeout}
 * bounds a request, {@link io.asyncio4j.http.client.RequestOptions#withProxy} (or the session's proxy,
 * or the environment's) sends it through an HTTP proxy, a
 * {@link io.asyncio4j.http.client.TraceConfig} follows each step of it, a session may connect to a
 * Unix-domain socket instead of the URL's host, and what goes wrong is a
 * {@link io.asyncio4j.http.client.ClientException} (or one of its subclasses, nested as aiohttp's:
 * {@link io.asyncio4j.http.client.ClientConnectionException} for a connection that could not be
 * made or that the server failed, whose messages start as {@code str()} of aiohttp 3.8.4's). Every call that waits for the network suspends the calling task; a session
 * and its responses belong to the loop of the session's first request.
 * <p>
 * asyncio: aiohttp's client: {@code aiohttp.ClientSession}, {@code aiohttp.ClientResponse} and
 * the {@code aiohttp.ClientError} family
 */
package io.asyncio4j.http.client;
