package io.asyncio4j.http.web;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes that are not a good request: answered with 400, 431 or 505 and {@code Connection: close}
 * (where the next request would start is unknown), or, for a peer that leaves mid-message, not
 * answered at all; the server goes on serving everyone else either way.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class BadRequestTest {

    /** GET / answers "ok"; POST /echo reads the body. */
    private static Served server() throws Exception {
        return Served.routes(get("/", r -> Response.text("ok")), post("/echo", r -> Response.text(r.text())));
    }

    /**
     * Sends {@code request} on a fresh connection; checks that the answer has {@code status}, says
     * {@code Connection: close} and that the server then closed, and that the server still serves
     * a good request. Returns the answer.
     */
    private static Reply refused(String request, int status) throws Exception {
        try (Served s = server()) {
            Reply r;
            try (RawHttp c = s.connect()) {
                r = c.exchange(request);
                assertEquals(status, r.status(), r.toString());
                assertEquals("close", r.header("Connection"));
                assertEquals("HTTP/1.1", r.version());
                c.assertClosedByServer();
            }
            assertEquals("ok", s.get("/").text(), "the server serves the next client");
            return r;
        }
    }

    @Test
    void aGarbageRequestLineAnswers400AndCloses() throws Exception {
        Reply r = refused("garbage\r\n\r\n", 400);
        assertEquals("Bad Request", r.reason());
        // the message alone is the body, as aiohttp's (it answers "GET / http/1.1" with the body
        // "Expected HTTP/", "get / HTTP/1.1" with "Bad status line 'Invalid method encountered'")
        assertEquals("Bad request line \"garbage\": expected METHOD SP target SP HTTP/1.x", r.text());
    }

    @Test
    void aRequestLineWithAControlCharacterInTheTargetAnswers400() throws Exception {
        refused("GET /a\u0001b HTTP/1.1\r\n\r\n", 400);
    }

    @Test
    void aMalformedFieldLineAnswers400() throws Exception {
        refused("GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400);
        refused("GET / HTTP/1.1\r\nX-A : 1\r\n\r\n", 400);
    }

    @Test
    void aHeadOverTheReadersLimitAnswers431() throws Exception {
        String big = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n";
        Reply r = refused(big, 431);
        assertEquals("Request Header Fields Too Large", r.reason());
        assertTrue(r.text().contains("the head exceeds 65536 bytes"), r.text());
    }

    @Test
    void aHeadOverTheLimitWithoutItsEndYetAnswers431() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nX-Big: " + "a".repeat(70 * 1024)); // no CRLF CRLF: still arriving
            Reply r = c.read();
            assertEquals(431, r.status());
            assertEquals("close", r.header("Connection"));
        }
    }

    @Test
    void aClientSendingAHugeHeadStillReadsThe431() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nX-Big: " + "a".repeat(8 * 1024 * 1024) + "\r\n\r\n");
            Reply r = c.read();
            assertEquals(431, r.status());
            c.assertClosedByServer();
            assertEquals("ok", s.get("/").text());
        }
    }

    @Test
    void tooManyFieldsAnswer431() throws Exception {
        StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 129; i++) {
            req.append("X-F").append(i).append(": v\r\n");
        }
        refused(req.append("\r\n").toString(), 431);
    }

    @Test
    void http20Answers505() throws Exception {
        Reply r = refused("GET / HTTP/2.0\r\n\r\n", 505);
        assertEquals("HTTP Version Not Supported", r.reason());
    }

    @Test
    void transferEncodingWithContentLengthAnswers400() throws Exception {
        Reply r = refused("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc", 400);
        assertTrue(r.text().contains("both Transfer-Encoding and Content-Length"), r.text());
    }

    @Test
    void conflictingOrMalformedContentLengthsAnswer400() throws Exception {
        refused("POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400);
        refused("POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400);
        refused("POST /echo HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", 400);
    }

    @Test
    void aTransferCodingThatIsNotChunkedAnswers400() throws Exception {
        refused("POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 400);
    }

    @Test
    void aMalformedChunkedBodyAnswers400AndCloses() throws Exception {
        refused("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void aPeerClosingMidHeadLeavesTheServerServingOthers(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        try (Served s = server()) {
            RawHttp c = s.connect();
            c.send("GET / HTTP/1.1\r\nHost: hal");
            c.close();
            assertEquals("ok", s.get("/").text());
            RawHttp aborted = s.connect();
            aborted.send("GET / HTT");
            aborted.abort();
            assertEquals("ok", s.get("/").text());
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aPeerClosingMidBodyWhileTheHandlerReadsItIsNotAServerError(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        Event reading = new Event();
        List<String> outcome = new ArrayList<>();
        try (Served s = Served.routes(get("/", r -> Response.text("ok")), post("/upload", r -> {
            reading.set();
            try {
                return Response.text(r.text());
            } catch (java.io.IOException e) {
                outcome.add(e.getClass().getSimpleName());
                throw e;
            }
        }))) {
            RawHttp c = s.connect();
            c.send("POST /upload HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part of it");
            reading.await();
            c.close();
            assertEquals("ok", s.get("/").text());
        }
        assertEquals(List.of("IncompleteBodyException"), outcome, "the handler learns the body is cut short");
        assertTrue(errors.isEmpty(), "a client going away is not the server's trouble: " + errors);
    }

    @Test
    void aPeerClosingMidBodyTheHandlerIgnoresLeavesTheServerServingOthers(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        Event answered = new Event();
        try (Served s = Served.routes(get("/", r -> Response.text("ok")), post("/ignore", r -> {
            answered.set();
            return Response.text("ignored");
        }))) {
            RawHttp c = s.connect();
            c.send("POST /ignore HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part of it");
            assertEquals("ignored", c.read().text());
            c.abort();
            assertEquals("ok", s.get("/").text());
            assertTrue(answered.isSet());
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
