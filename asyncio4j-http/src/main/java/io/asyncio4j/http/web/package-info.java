/**
 * An HTTP/1.1 server on asyncio4j streams, shaped like aiohttp.web: an {@link
 * io.asyncio4j.http.web.Application} holds routes to handlers, a handler takes a
 * {@link io.asyncio4j.http.web.Request} and returns a {@link io.asyncio4j.http.web.Response}
 * (or a {@link io.asyncio4j.http.web.StreamResponse} it writes as it goes), or throws an
 * {@link io.asyncio4j.http.web.HttpException} to answer with a status (one of aiohttp's typed
 * family: {@link io.asyncio4j.http.web.HttpNotFound}, {@link io.asyncio4j.http.web.HttpFound}, ...,
 * which a middleware catches by class or category), or upgrades the connection
 * to a WebSocket ({@link io.asyncio4j.http.web.WebSocketResponse});
 * {@link io.asyncio4j.http.web.Web#runApp} serves until interrupted, {@link
 * io.asyncio4j.http.web.AppRunner} and a {@link io.asyncio4j.http.web.TcpSite} or
 * {@link io.asyncio4j.http.web.UnixSite} serve inside a program. Each connection is served by one task; a handler runs in it and may suspend. A
 * request's body is read whole ({@link io.asyncio4j.http.web.Request#read()}), as a stream
 * ({@link io.asyncio4j.http.web.RequestContent}) or part by part
 * ({@link io.asyncio4j.http.web.MultipartReader}).
 * <p>
 * asyncio: {@code aiohttp.web}
 */
package io.asyncio4j.http.web;
