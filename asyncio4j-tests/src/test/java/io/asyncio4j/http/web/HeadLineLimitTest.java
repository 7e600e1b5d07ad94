package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-line limits of a request head: aiohttp's {@code max_line_size} and
 * {@code max_field_size} (8190 bytes each), answered with its 400 and its words. aiohttp 3.8.4
 * (C parser), an echo handler, a raw socket client sending each request in one write:
 * <pre>
 * GET /{8189 a} HTTP/1.1          (target 8190)   200, connection open
 * GET /{8190 a} HTTP/1.1          (target 8191)   400, "Got more than 8190 bytes (8191) when reading Status line is too long.", closed
 * GET /{8180 a}?q={7 x} HTTP/1.1  (target 8191)   400, the same text (the query counts)
 * {8190 X}: v                                     200
 * {8191 X}: v   /   {8191 X}:                     400, "Got more than 8190 bytes (8191) when reading Header name is too long."
 * X-A: {8190 b}                                   200
 * X-A: {8191 b}                                   400, "Got more than 8190 bytes (8191) when reading Header value is too long."
 * X-A: {8190 b}{SP}                               400, the same (8191: trailing blanks count)
 * X-A:{3 SP}{8190 b}                              200 (leading blanks do not)
 * </pre>
 * The 400s come with "Connection: close" here as there (aiohttp's status line says HTTP/1.0).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class HeadLineLimitTest {
    private static Served server() throws Exception {
        return Served.routes(route("*", "/{tail:.*}", r -> Response.text("ok " + r.rawPath().length())));
    }

    private static Reply refusedWith(String request, String text) throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange(request);
            assertEquals(400, r.status(), r.headText());
            assertEquals("Bad Request", r.reason());
            assertEquals(text, r.text());
            assertEquals("close", r.header("Connection"));
            c.assertClosedByServer();
            return r;
        }
    }

    private static void served(String request) throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange(request);
            assertEquals(200, r.status(), r.text());
            assertEquals(null, r.header("Connection"), "the connection stays open");
        }
    }

    @Test
    void aTargetOf8190BytesIsServed() throws Exception {
        served("GET /" + "a".repeat(8189) + " HTTP/1.1\r\n\r\n");
    }

    @Test
    void aTargetOver8190BytesAnswersAiohttps400() throws Exception {
        refusedWith("GET /" + "a".repeat(8190) + " HTTP/1.1\r\n\r\n",
                "Got more than 8190 bytes (8191) when reading Status line is too long.");
        refusedWith("GET /" + "a".repeat(8180) + "?q=" + "x".repeat(7) + " HTTP/1.1\r\n\r\n",
                "Got more than 8190 bytes (8191) when reading Status line is too long.");
    }

    @Test
    void aFieldNameOf8190BytesIsServed() throws Exception {
        served("GET / HTTP/1.1\r\n" + "X".repeat(8190) + ": v\r\n\r\n");
    }

    @Test
    void aFieldNameOver8190BytesAnswersAiohttps400() throws Exception {
        refusedWith("GET / HTTP/1.1\r\n" + "X".repeat(8191) + ": v\r\n\r\n",
                "Got more than 8190 bytes (8191) when reading Header name is too long.");
        refusedWith("GET / HTTP/1.1\r\n" + "X".repeat(8191) + ":\r\n\r\n",
                "Got more than 8190 bytes (8191) when reading Header name is too long.");
    }

    @Test
    void aFieldValueOf8190BytesIsServedWhateverBlanksLeadIt() throws Exception {
        served("GET / HTTP/1.1\r\nX-A: " + "b".repeat(8190) + "\r\n\r\n");
        served("GET / HTTP/1.1\r\nX-A:   " + "b".repeat(8190) + "\r\n\r\n");
    }

    @Test
    void aFieldValueOver8190BytesTrailingBlanksIncludedAnswersAiohttps400() throws Exception {
        refusedWith("GET / HTTP/1.1\r\nX-A: " + "b".repeat(8191) + "\r\n\r\n",
                "Got more than 8190 bytes (8191) when reading Header value is too long.");
        refusedWith("GET / HTTP/1.1\r\nX-A: " + "b".repeat(8190) + " \r\n\r\n",
                "Got more than 8190 bytes (8191) when reading Header value is too long.");
    }
}
