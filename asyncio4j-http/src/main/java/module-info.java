/**
 * HTTP/1.1 for asyncio4j, as aiohttp is for asyncio: {@code io.asyncio4j.http.web} serves
 * (aiohttp.web), {@code io.asyncio4j.http.client} fetches (aiohttp.ClientSession), both on
 * asyncio4j streams; {@code io.asyncio4j.http.codec} is the sans-I/O part (heads parsed from and
 * written to bytes, body framing), usable on its own; {@code io.asyncio4j.http} holds what they
 * all share (header fields, versions, status reasons). Depends on the core module only.
 */
module io.asyncio4j.http {
    requires transitive io.asyncio4j;

    exports io.asyncio4j.http;
    exports io.asyncio4j.http.codec;
    exports io.asyncio4j.http.web;
    exports io.asyncio4j.http.client;
    // io.asyncio4j.http.internal (body reading, the Date header's clock) is not exported.
}
