package io.asyncio4j.http.web;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StreamResponse: a body written while the handler runs (aiohttp's web.StreamResponse). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class StreamResponseTest {

    /** A handler streaming {@code parts} in chunks. */
    private static Handler streaming(String... parts) {
        return req -> {
            StreamResponse r = new StreamResponse();
            r.header("Content-Type", "text/plain");
            r.prepare(req);
            for (String p : parts) {
                r.write(p);
            }
            r.writeEof();
            return r;
        };
    }

    @Test
    void aStreamedBodyGoesOutInChunksAndTheConnectionStaysOpen() throws Exception {
        try (Served s = Served.routes(get("/", streaming("hello", "world!")), get("/next", req -> Response.text("ok")));
             RawHttp c = s.connect()) {
            Reply r = c.send(RawHttp.get("/")).readHead();
            assertEquals(200, r.status());
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertNull(r.header("Content-Length"));
            assertNull(r.header("Connection"));
            String wire = "5\r\nhello\r\n6\r\nworld!\r\n0\r\n\r\n";
            assertEquals(wire, c.readExactly(wire.length()));
            assertEquals("ok", c.exchange(RawHttp.get("/next")).text());
        }
    }

    @Test
    void aStreamedBodyOfNoDeclaredTypeIsSentAsBytes() throws Exception {
        // aiohttp: StreamResponse sets Content-Type: application/octet-stream by default
        Handler h = req -> {
            StreamResponse r = new StreamResponse().contentLength(5);
            r.prepare(req);
            r.write("hello");
            r.writeEof();
            return r;
        };
        try (Served s = Served.routes(get("/", h))) {
            Reply r = s.get("/");
            assertEquals("application/octet-stream", r.header("Content-Type"));
            assertEquals("hello", r.text());
        }
    }

    @Test
    void aDeclaredLengthGoesOutAsIsWithoutChunks() throws Exception {
        Handler h = req -> {
            StreamResponse r = new StreamResponse().contentLength(11);
            r.prepare(req);
            r.write("hello ");
            r.write("world");
            r.writeEof();
            return r;
        };
        try (Served s = Served.routes(get("/", h)); RawHttp c = s.connect()) {
            Reply r = c.exchange(RawHttp.get("/"));
            assertEquals("11", r.header("Content-Length"));
            assertNull(r.header("Transfer-Encoding"));
            assertEquals("hello world", r.text());
            assertEquals("hello world", c.exchange(RawHttp.get("/")).text(), "kept alive");
        }
    }

    @Test
    void writingPastTheDeclaredLengthIsRefused() throws Exception {
        AtomicReference<String> refused = new AtomicReference<>();
        Handler h = req -> {
            StreamResponse r = new StreamResponse().contentLength(3);
            r.prepare(req);
            r.write("abc");
            try {
                r.write("d");
            } catch (IllegalStateException e) {
                refused.set(e.getMessage());
            }
            r.writeEof();
            return r;
        };
        try (Served s = Served.routes(get("/", h))) {
            assertEquals("abc", s.get("/").text());
        }
        assertEquals("StreamResponse.write(): 4 bytes would exceed the declared contentLength 3; write no more than "
                + "declared, or declare no length to send the body in chunks", refused.get());
    }

    @Test
    void endingShortOfTheDeclaredLengthClosesTheConnection(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        Handler h = req -> {
            StreamResponse r = new StreamResponse().contentLength(10);
            r.prepare(req);
            r.write("abc");
            return r; // the server's writeEof finds 3 of 10 bytes
        };
        try (Served s = Served.routes(get("/", h)); RawHttp c = s.connect()) {
            Reply r = c.send(RawHttp.get("/")).readHead();
            assertEquals("10", r.header("Content-Length"));
            assertEquals("abc", new String(c.rest(), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).exception().getMessage().startsWith(
                "StreamResponse.writeEof(): 3 bytes written of the declared contentLength 10"), errors.toString());
    }

    @Test
    void anUnpreparedStreamResponseReturnedByTheHandlerGoesOutWithAnEmptyBody() throws Exception {
        try (Served s = Served.routes(get("/", req -> new StreamResponse(202))); RawHttp c = s.connect()) {
            Reply r = c.send(RawHttp.get("/")).readHead();
            assertEquals(202, r.status());
            assertEquals("0\r\n\r\n", c.readExactly(5));
        }
    }

    @Test
    void theServerEndsABodyTheHandlerLeftOpen() throws Exception {
        Handler h = req -> {
            StreamResponse r = new StreamResponse();
            r.prepare(req);
            r.write("x");
            return r;
        };
        try (Served s = Served.routes(get("/", h)); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/")).readHead();
            assertEquals("1\r\nx\r\n0\r\n\r\n", c.readExactly(11));
        }
    }

    @Test
    void anHttp10PeerGetsTheBodyUntilTheConnectionCloses() throws Exception {
        try (Served s = Served.routes(get("/", streaming("old", "school"))); RawHttp c = s.connect()) {
            Reply r = c.send("GET / HTTP/1.0\r\n\r\n").readHead();
            assertEquals("HTTP/1.0", r.version());
            assertNull(r.header("Transfer-Encoding"));
            assertNull(r.header("Content-Length"));
            // aiohttp 3.8.4: HTTP/1.0 200 OK / Content-Type / Date / Server, no Connection field
            assertNull(r.header("Connection"));
            assertEquals("oldschool", new String(c.rest(), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aHeadRequestGetsTheHeadAloneAndTheConnectionGoesOn() throws Exception {
        try (Served s = Served.routes(get("/", streaming("body"))); RawHttp c = s.connect()) {
            Reply r = c.send("HEAD / HTTP/1.1\r\nHost: test\r\n\r\n").readHead();
            assertEquals(200, r.status());
            assertEquals("chunked", r.header("Transfer-Encoding"));
            c.send(RawHttp.get("/")).readHead();
            assertEquals("4\r\nbody\r\n0\r\n\r\n", c.readExactly(14), "the HEAD answer had no body bytes");
        }
    }

    @Test
    void aHandlerFailingAfterPrepareEndsTheConnectionWithoutTheLastChunkAndIsReported(EventLoop loop)
            throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        Handler h = req -> {
            StreamResponse r = new StreamResponse();
            r.prepare(req);
            r.write("a");
            throw new IllegalArgumentException("broken halfway");
        };
        try (Served s = Served.routes(get("/", h)); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/")).readHead();
            assertEquals("1\r\na\r\n", new String(c.rest(), java.nio.charset.StandardCharsets.ISO_8859_1),
                    "no last chunk: the client can tell the body is cut short");
        }
        assertEquals(1, errors.size());
        assertEquals("broken halfway", errors.get(0).exception().getMessage());
    }

    @Test
    void fourMibStreamedInPiecesArriveIntactThroughTheClient() throws Exception {
        byte[] piece = new byte[64 * 1024];
        Handler h = req -> {
            StreamResponse r = new StreamResponse();
            r.prepare(req);
            for (int i = 0; i < 64; i++) {
                Arrays.fill(piece, (byte) i);
                r.write(piece); // drains: the connection's buffer stays bounded
            }
            r.writeEof();
            return r;
        };
        try (Served s = Served.routes(get("/", h)); ClientSession session = new ClientSession();
             ClientResponse r = session.get("http://127.0.0.1:" + s.port() + "/")) {
            byte[] body = r.read();
            assertEquals(64 * 64 * 1024, body.length);
            for (int i = 0; i < 64; i++) {
                byte[] want = new byte[64 * 1024];
                Arrays.fill(want, (byte) i);
                assertArrayEquals(want, Arrays.copyOfRange(body, i * 65536, (i + 1) * 65536), "piece " + i);
            }
        }
    }

    @Test
    void writingBeforePrepareIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new StreamResponse().write("x"));
        assertEquals("StreamResponse.write(): the response is NEW; call write() after prepare() and before writeEof()",
                e.getMessage());
    }

    // aiohttp 3.8.4: prepare(); prepare(); write(b"x"); write_eof() sends one head and the chunk
    // "1\r\nx\r\n" (/tmp/httpdiff "twice"); its prepare() returns the writer it already has.
    // This used to be refused; a helper that prepares defensively works in aiohttp, so here too.
    @Test
    void preparingTwiceSendsTheHeadOnce() throws Exception {
        Handler h = req -> {
            StreamResponse r = new StreamResponse();
            r.prepare(req);
            r.prepare(req);
            r.write("x");
            r.writeEof();
            r.prepare(req);
            return r;
        };
        try (Served s = Served.routes(get("/", h)); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/")).readHead();
            assertEquals("1\r\nx\r\n0\r\n\r\n", c.readExactly(11));
        }
    }

    @Test
    void aStreamResponseHasNoBodyToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StreamResponse().body(new byte[1]));
        assertTrue(e.getMessage().startsWith("StreamResponse.body(): a streaming response has no body to set"));
    }
}
