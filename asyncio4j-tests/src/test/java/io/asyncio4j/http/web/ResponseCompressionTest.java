package io.asyncio4j.http.web;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.RequestOptions;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Response.enableCompression(): gzip / deflate bodies, chosen as aiohttp chooses (resp.enable_compression()). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResponseCompressionTest {
    private static final String TEXT = "compress me, ".repeat(400);

    private static String request(String acceptEncoding) {
        return "GET /t HTTP/1.1\r\nHost: test\r\n" + (acceptEncoding == null ? "" : "Accept-Encoding: " + acceptEncoding
                + "\r\n") + "\r\n";
    }

    private static Reply ask(Handler h, String request) throws Exception {
        try (Served s = Served.routes(get("/t", h))) {
            return s.request(request);
        }
    }

    private static String inflate(byte[] zlib) throws Exception {
        return new String(new InflaterInputStream(new ByteArrayInputStream(zlib)).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] gz) throws Exception {
        return new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aClientAcceptingGzipAndDeflateGetsDeflateAsFromAiohttp() throws Exception {
        Reply r = ask(req -> Response.text(TEXT).enableCompression(), request("gzip, deflate"));
        assertEquals("deflate", r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        assertEquals(String.valueOf(r.body().length), r.header("Content-Length"), "the compressed length");
        assertTrue(r.body().length < TEXT.length() / 10, "compressed: " + r.body().length);
        assertEquals(TEXT, inflate(r.body()));
    }

    @Test
    void aClientAcceptingGzipOnlyGetsGzip() throws Exception {
        Reply r = ask(req -> Response.text(TEXT).enableCompression(), request("gzip"));
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals(TEXT, gunzip(r.body()));
    }

    @Test
    void aClientAcceptingNeitherGetsTheBodyAsItIs() throws Exception {
        for (String accept : new String[] {null, "identity", "br"}) {
            Reply r = ask(req -> Response.text(TEXT).enableCompression(), request(accept));
            assertNull(r.header("Content-Encoding"), String.valueOf(accept));
            assertEquals(TEXT, r.text());
        }
    }

    @Test
    void aForcedCodingIsUsedWhateverTheClientSaysAndNeedsNoVary() throws Exception {
        Reply r = ask(req -> Response.text(TEXT).enableCompression("gzip"), request(null));
        assertEquals("gzip", r.header("Content-Encoding"));
        assertNull(r.header("Vary"));
        assertEquals(TEXT, gunzip(r.body()));
    }

    @Test
    void anUnknownForcedCodingIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Response.text("x").enableCompression("br"));
        assertTrue(e.getMessage().contains("\"br\""), e.getMessage());
    }

    @Test
    void anEmptyBodyIsSentAsItIs() throws Exception {
        Reply r = ask(req -> new Response(200).enableCompression(), request("gzip"));
        assertNull(r.header("Content-Encoding"));
        assertEquals("0", r.header("Content-Length"));
    }

    @Test
    void aHeadAnswerCarriesTheCompressedLengthAndNoBody() throws Exception {
        try (Served s = Served.routes(get("/t", req -> Response.text(TEXT).enableCompression()));
             RawHttp c = s.connect()) {
            Reply got = c.exchange(request("gzip"));
            c.send("HEAD /t HTTP/1.1\r\nHost: test\r\nAccept-Encoding: gzip\r\n\r\n");
            Reply head = c.readHead();
            assertEquals("gzip", head.header("Content-Encoding"));
            assertEquals(got.header("Content-Length"), head.header("Content-Length"));
        }
    }

    @Test
    void ourClientReadsACompressedResponseAsItsText() throws Exception {
        try (Served s = Served.routes(get("/t", req -> Response.text(TEXT).enableCompression()));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get("http://127.0.0.1:" + s.port() + "/t")) {
            assertEquals("deflate", r.headers().get("Content-Encoding"));
            assertEquals(TEXT, r.text());
        }
    }

    @Test
    void aStreamedBodyIsCompressedInChunksAndEachWriteReachesTheClientAtOnce() throws Exception {
        Event firstSeen = new Event();
        Handler h = req -> {
            StreamResponse r = new StreamResponse().enableCompression();
            r.contentLength(9999); // dropped: the compressed length is not known ahead
            r.prepare(req);
            r.write("first;");
            timeout(10.0, () -> {
                firstSeen.await();
                return null;
            }); // reached only if "first;" was flushed to the client
            r.write("second");
            r.writeEof();
            return r;
        };
        try (Served s = Served.routes(get("/t", h));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get("http://127.0.0.1:" + s.port() + "/t",
                     RequestOptions.defaults().withHeaders(Headers.of("Accept-Encoding", "gzip")))) {
            assertEquals("gzip", r.headers().get("Content-Encoding"));
            assertEquals("chunked", r.headers().get("Transfer-Encoding"));
            assertNull(r.headers().get("Content-Length"));
            assertArrayEquals("first;".getBytes(StandardCharsets.UTF_8), r.readChunk(1000));
            firstSeen.set();
            assertEquals("second", new String(r.read(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void compressionCannotBeEnabledAfterTheHeadWentOut() throws Exception {
        Reply r = ask(req -> {
            StreamResponse s = new StreamResponse().contentLength(7);
            s.prepare(req);
            IllegalStateException e = assertThrows(IllegalStateException.class, s::enableCompression);
            s.write(e.getMessage().contains("before prepare()") ? "refused" : "allowed");
            return s;
        }, request("gzip"));
        assertEquals(200, r.status());
        assertEquals("refused", r.text());
    }
}
