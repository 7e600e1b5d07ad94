package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Request parsing side by side with aiohttp 3.8.4 (C parser): an echo handler reading the body,
 * a raw socket client sending each request in one write and reading until the server closes or
 * 0.6 s pass. What aiohttp answered (status, body, connection):
 * <pre>
 * "\r\n\r\nGET / HTTP/1.1\r\n\r\n"                                200, open
 * "GET / HTTP/1.1\nHost: x\n\n" (bare LF line ends)                200, open
 * POST, "Content-Length: 3" twice, "abc"                          400 "Duplicate Content-Length", closed
 * POST, "Content-Length: 3" and "Content-Length: 4"               400 "Duplicate Content-Length", closed
 * POST, "Content-Length: 3, 3"                                    400 "Invalid character in Content-Length", closed
 * POST chunked, "3\nabc\n0\n\n"                                   400 "Invalid character in chunk size", closed
 * POST chunked, "3;foo=bar\r\nabc\r\n0\r\n\r\n"                   200, body of 3, open
 * POST chunked, "3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"                 200, body of 3, open
 * GET http://example.com/a/b?x=1 HTTP/1.1                         200, path '/a/b', query_string 'x=1', open
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestParsingAiohttpTest {
    private static Served server() throws Exception {
        return Served.routes(route("*", "/{tail:.*}", r -> Response.text(r.method() + " " + r.path() + " qs="
                + r.queryString() + " body=" + r.read().length)));
    }

    private static void refused(String request, String text) throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange(request);
            assertEquals(400, r.status(), r.text());
            assertEquals(text, r.text());
            assertEquals("close", r.header("Connection"));
            c.assertClosedByServer();
        }
    }

    private static void served(String request, String text) throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange(request);
            assertEquals(200, r.status(), r.text());
            assertEquals(text, r.text());
            assertNull(r.header("Connection"), "the connection stays open");
            assertEquals("GET / qs= body=0", c.exchange("GET / HTTP/1.1\r\n\r\n").text(), "and serves the next");
        }
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreSkipped() throws Exception {
        served("\r\n\r\nGET /a HTTP/1.1\r\n\r\n", "GET /a qs= body=0");
        served("\r\nGET /b HTTP/1.1\r\n\r\n", "GET /b qs= body=0");
        served("\r\n\r\n\r\n\r\n\nGET /c HTTP/1.1\r\n\r\n", "GET /c qs= body=0");
    }

    @Test
    void aHeadWhoseLinesEndInBareLineFeedsIsServed() throws Exception {
        // it was never answered before: the server waited for a CRLF CRLF that was not coming
        served("GET /a HTTP/1.1\nHost: x\n\n", "GET /a qs= body=0");
        served("GET /b HTTP/1.1\nHost: x\r\n\r\n", "GET /b qs= body=0");
        served("GET /c HTTP/1.1\r\nHost: x\n\r\n", "GET /c qs= body=0");
    }

    @Test
    void aRepeatedContentLengthIsRefusedEvenWithTheSameValue() throws Exception {
        refused("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", "Duplicate Content-Length");
        refused("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "Duplicate Content-Length");
    }

    @Test
    void aListInContentLengthIsRefused() throws Exception {
        refused("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc",
                "Bad Content-Length \"3, 3\": expected decimal digits only");
    }

    @Test
    void aChunkedBodyWithBareLineFeedsIsRefused() throws Exception {
        refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n",
                "Bad chunked body: a chunk size line must end in CRLF, not a bare LF");
        refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n",
                "Bad chunked body: a chunk's data is not followed by CRLF");
    }

    @Test
    void chunkExtensionsAndTrailersAreAcceptedAndDropped() throws Exception {
        served("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;foo=bar\r\nabc\r\n0\r\n\r\n", "POST / qs= body=3");
        served("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", "POST / qs= body=3");
    }

    @Test
    void anAbsoluteFormTargetIsServedByItsPath() throws Exception {
        served("GET http://example.com/a/b?x=1 HTTP/1.1\r\nHost: y\r\n\r\n", "GET /a/b qs=x=1 body=0");
    }
}
