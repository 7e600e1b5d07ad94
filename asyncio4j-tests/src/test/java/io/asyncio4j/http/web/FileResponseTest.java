package io.asyncio4j.http.web;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientSessionOptions;
import io.asyncio4j.http.internal.HttpDate;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FileResponse (aiohttp's web.FileResponse): whole files, ranges, conditional requests, gzip siblings. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class FileResponseTest {
    @TempDir
    Path dir;

    private static final long MODIFIED = 1_700_000_000L; // 2023-11-14T22:13:20Z
    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private Path file(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(MODIFIED, 250_000_000)));
        return p;
    }

    /** The ETag aiohttp gives the file: its mtime in nanoseconds and its size, in hex, quoted. */
    private static String etagOf(Path p) throws Exception {
        return "\"" + Long.toHexString(Files.getLastModifiedTime(p).to(TimeUnit.NANOSECONDS)) + "-"
                + Long.toHexString(Files.size(p)) + "\"";
    }

    /** Serves {@code p} at /f and sends {@code request} (fields after the request line, each ending CRLF). */
    private Reply ask(Path p, String method, String fields) throws Exception {
        return Served.ask(r -> new FileResponse(p), method + " /f HTTP/1.1\r\n" + fields + "\r\n");
    }

    private Reply ask(Path p, String fields) throws Exception {
        return ask(p, "GET", fields);
    }

    @Test
    void aFileIsSentWholeWithItsEtagLastModifiedTypeAndAcceptRanges() throws Exception {
        Path p = file("digits.txt", DIGITS);
        Reply r = ask(p, "");
        assertEquals(200, r.status());
        assertEquals("0123456789", r.text());
        assertEquals("10", r.header("Content-Length"));
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals(etagOf(p), r.header("ETag"));
        assertTrue(r.header("ETag").matches("\"[0-9a-f]+-a\""), r.header("ETag"));
        assertEquals(HttpDate.format(MODIFIED), r.header("Last-Modified"));
        assertEquals("bytes", r.header("Accept-Ranges"));
    }

    @Test
    void aRangeWithBothEndsAnswers206WithThatSliceAndItsContentRange() throws Exception {
        Reply r = ask(file("d.txt", DIGITS), "Range: bytes=2-5\r\n");
        assertEquals(206, r.status());
        assertEquals("2345", r.text());
        assertEquals("4", r.header("Content-Length"));
        assertEquals("bytes 2-5/10", r.header("Content-Range"));
    }

    @Test
    void anOpenEndedRangeRunsToTheEndOfTheFile() throws Exception {
        Reply r = ask(file("d.txt", DIGITS), "Range: bytes=7-\r\n");
        assertEquals(206, r.status());
        assertEquals("789", r.text());
        assertEquals("bytes 7-9/10", r.header("Content-Range"));
    }

    @Test
    void aRangeEndingPastTheFileIsCutAtItsLastByte() throws Exception {
        Reply r = ask(file("d.txt", DIGITS), "Range: bytes=8-100\r\n");
        assertEquals(206, r.status());
        assertEquals("89", r.text());
        assertEquals("bytes 8-9/10", r.header("Content-Range"));
    }

    @Test
    void aSuffixRangeGivesTheLastBytesAndAtMostTheWholeFile() throws Exception {
        Path p = file("d.txt", DIGITS);
        assertEquals("6789", ask(p, "Range: bytes=-4\r\n").text());
        Reply all = ask(p, "Range: bytes=-50\r\n");
        assertEquals(206, all.status());
        assertEquals("0123456789", all.text());
        assertEquals("bytes 0-9/10", all.header("Content-Range"));
    }

    @Test
    void aRangeStartingPastTheEndAnswers416WithTheFileSize() throws Exception {
        Reply r = ask(file("d.txt", DIGITS), "Range: bytes=10-12\r\n");
        assertEquals(416, r.status());
        assertEquals("bytes */10", r.header("Content-Range"));
        assertEquals(0, r.body().length);
    }

    @Test
    void severalRangesOrAMalformedRangeAreIgnoredAndTheWholeFileSent() throws Exception {
        Path p = file("d.txt", DIGITS);
        for (String range : new String[] {"bytes=0-1,4-5", "bytes=abc", "bytes=5-2", "items=0-3", "bytes=-"}) {
            Reply r = ask(p, "Range: " + range + "\r\n");
            assertEquals(200, r.status(), range);
            assertEquals("0123456789", r.text(), range);
            assertNull(r.header("Content-Range"), range);
        }
    }

    @Test
    void aMatchingIfNoneMatchAnswers304WithTheEtagAndNoBody() throws Exception {
        Path p = file("d.txt", DIGITS);
        String etag = etagOf(p);
        for (String inm : new String[] {etag, "\"other\", " + etag, "W/" + etag, "*"}) {
            Reply r = ask(p, "If-None-Match: " + inm + "\r\n");
            assertEquals(304, r.status(), inm);
            assertEquals(etag, r.header("ETag"), inm);
            assertEquals(HttpDate.format(MODIFIED), r.header("Last-Modified"), inm);
            assertEquals(0, r.body().length, inm);
        }
        assertEquals(200, ask(p, "If-None-Match: \"other\"\r\n").status());
    }

    @Test
    void anIfNoneMatchOutranksIfModifiedSince() throws Exception {
        Path p = file("d.txt", DIGITS);
        Reply r = ask(p, "If-None-Match: \"other\"\r\nIf-Modified-Since: " + HttpDate.format(MODIFIED + 10) + "\r\n");
        assertEquals(200, r.status(), "a tag that does not match wins over a date that would say 304");
    }

    @Test
    void anIfModifiedSinceNotOlderThanTheFileAnswers304() throws Exception {
        Path p = file("d.txt", DIGITS);
        assertEquals(304, ask(p, "If-Modified-Since: " + HttpDate.format(MODIFIED) + "\r\n").status());
        assertEquals(200, ask(p, "If-Modified-Since: " + HttpDate.format(MODIFIED - 1) + "\r\n").status());
    }

    @Test
    void aFailedIfMatchAnswers412AndAMatchingOneLetsTheFileThrough() throws Exception {
        Path p = file("d.txt", DIGITS);
        Reply failed = ask(p, "If-Match: \"other\"\r\n");
        assertEquals(412, failed.status());
        assertEquals(0, failed.body().length);
        assertEquals(412, ask(p, "If-Match: W/" + etagOf(p) + "\r\n").status(), "If-Match compares strongly");
        assertEquals(200, ask(p, "If-Match: " + etagOf(p) + "\r\n").status());
        assertEquals(200, ask(p, "If-Match: *\r\n").status());
    }

    @Test
    void anIfUnmodifiedSinceOlderThanTheFileAnswers412() throws Exception {
        Path p = file("d.txt", DIGITS);
        assertEquals(412, ask(p, "If-Unmodified-Since: " + HttpDate.format(MODIFIED - 1) + "\r\n").status());
        assertEquals(200, ask(p, "If-Unmodified-Since: " + HttpDate.format(MODIFIED) + "\r\n").status());
    }

    @Test
    void anIfNoneMatchOnAnotherMethodThanGetAnswers412() throws Exception {
        Path p = file("d.txt", DIGITS);
        Reply r = Served.ask(r2 -> new FileResponse(p), "POST /f HTTP/1.1\r\nContent-Length: 0\r\nIf-None-Match: *\r\n\r\n");
        assertEquals(412, r.status());
    }

    @Test
    void anIfRangeThatStillHoldsAppliesTheRangeAndAStaleOneSendsTheWholeFile() throws Exception {
        Path p = file("d.txt", DIGITS);
        assertEquals(206, ask(p, "Range: bytes=0-1\r\nIf-Range: " + etagOf(p) + "\r\n").status());
        assertEquals(206, ask(p, "Range: bytes=0-1\r\nIf-Range: " + HttpDate.format(MODIFIED) + "\r\n").status());
        Reply staleTag = ask(p, "Range: bytes=0-1\r\nIf-Range: \"old\"\r\n");
        assertEquals(200, staleTag.status());
        assertEquals("0123456789", staleTag.text());
        assertEquals(200, ask(p, "Range: bytes=0-1\r\nIf-Range: " + HttpDate.format(MODIFIED - 60) + "\r\n").status());
    }

    @Test
    void aGzipSiblingIsSentEncodedToAClientAcceptingGzip() throws Exception {
        Path p = file("page.html", "<p>hello</p>".getBytes(StandardCharsets.UTF_8));
        byte[] gz = gzip("<p>hello</p>".getBytes(StandardCharsets.UTF_8));
        file("page.html.gz", gz);
        Reply r = ask(p, "Accept-Encoding: deflate, gzip\r\n");
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        assertEquals("text/html", r.header("Content-Type"), "the type of the file asked for");
        assertArrayEquals(gz, r.body());
        assertEquals(etagOf(dir.resolve("page.html.gz")), r.header("ETag"));
    }

    @Test
    void aClientNotAcceptingGzipGetsTheFileItself() throws Exception {
        Path p = file("page.html", "<p>hello</p>".getBytes(StandardCharsets.UTF_8));
        file("page.html.gz", gzip("<p>hello</p>".getBytes(StandardCharsets.UTF_8)));
        for (String fields : new String[] {"", "Accept-Encoding: deflate\r\n", "Accept-Encoding: gzip;q=0\r\n"}) {
            Reply r = ask(p, fields);
            assertNull(r.header("Content-Encoding"), fields);
            assertEquals("<p>hello</p>", r.text(), fields);
        }
    }

    @Test
    void aMissingFileAnswers404AndADirectory403() throws Exception {
        assertEquals(404, ask(dir.resolve("nope.txt"), "").status());
        assertEquals(403, ask(dir, "").status());
    }

    @Test
    void aHeadRequestGetsTheFieldsOfTheGetWithoutTheBody() throws Exception {
        Path p = file("d.txt", DIGITS);
        try (Served s = Served.routes(Web.route("*", "/f", r -> new FileResponse(p))); RawHttp c = s.connect()) {
            Reply head = c.send("HEAD /f HTTP/1.1\r\n\r\n").readHead();
            assertEquals(200, head.status());
            assertEquals("10", head.header("Content-Length"));
            assertEquals(etagOf(p), head.header("ETag"));
            assertEquals("0123456789", c.exchange(RawHttp.get("/f")).text(), "no body bytes came before");
        }
    }

    @Test
    void aLargeFileAndARangeOfItGoIntactAndTheConnectionGoesOn() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024 + 3];
        new Random(7).nextBytes(big);
        Path p = file("big.bin", big);
        try (Served s = Served.routes(get("/f", r -> new FileResponse(p))); RawHttp c = s.connect()) {
            Reply whole = c.exchange(RawHttp.get("/f"));
            assertEquals("application/octet-stream", whole.header("Content-Type"));
            assertArrayEquals(big, whole.body());
            Reply part = c.exchange("GET /f HTTP/1.1\r\nRange: bytes=1000000-3999999\r\n\r\n");
            assertEquals(206, part.status());
            assertArrayEquals(Arrays.copyOfRange(big, 1_000_000, 4_000_000), part.body());
            assertEquals(200, c.exchange(RawHttp.get("/f")).status(), "the connection goes on");
        }
    }

    @Test
    void fieldsAndCookiesTheHandlerAndAMiddlewareSetGoOutWithTheFile() throws Exception {
        Path p = file("d.bin", DIGITS);
        Application app = new Application()
                .addMiddleware((request, next) -> next.handle(request).header("X-Middleware", "yes"))
                .addRoutes(get("/f", r -> new FileResponse(p).header("Cache-Control", "max-age=60")
                        .header("Content-Type", "text/x-digits").setCookie("seen", "1")));
        try (Served s = Served.start(app)) {
            Reply r = s.get("/f");
            assertEquals("max-age=60", r.header("Cache-Control"));
            assertEquals("yes", r.header("X-Middleware"));
            assertEquals("text/x-digits", r.header("Content-Type"), "a type the handler set is kept");
            assertEquals("seen=1; Path=/", r.header("Set-Cookie"));
            assertEquals("0123456789", r.text());
        }
    }

    @Test
    void withCompressionTheFileGoesInCompressedChunks() throws Exception {
        byte[] text = "all work and no play makes jack a dull boy\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        Path p = file("jack.txt", text);
        try (Served s = Served.routes(get("/f", req -> new FileResponse(p, 4096).enableCompression("gzip")));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get("http://127.0.0.1:" + s.port() + "/f")) {
            assertEquals(200, resp.status());
            assertEquals("gzip", resp.headers().get("Content-Encoding"));
            assertEquals("chunked", resp.headers().get("Transfer-Encoding"));
            assertNull(resp.headers().get("Content-Length"));
            assertArrayEquals(text, resp.read(), "decoded by the client, the file's bytes");
        }
    }

    @Test
    void overTlsTheFileGoesThroughTheReadAndWriteFallbackIntact() throws Exception {
        TestCerts.prepare();
        byte[] big = new byte[2 * 1024 * 1024 + 11];
        new Random(3).nextBytes(big);
        Path p = file("big.bin", big);
        AppRunner runner = new AppRunner(new Application().addRoutes(get("/f", r -> new FileResponse(p))));
        runner.setup();
        TcpSite site = new TcpSite(runner, "127.0.0.1", 0, ServerOptions.defaults().withSsl(TestCerts.server()));
        site.start();
        try (ClientSession session = new ClientSession(ClientSessionOptions.defaults().withSslContext(TestCerts.client()));
             ClientResponse resp = session.get("https://localhost:" + site.port() + "/f")) {
            assertEquals(200, resp.status());
            assertArrayEquals(big, resp.read());
        } finally {
            runner.cleanup();
        }
    }

    @Test
    void theBodyOfAFileResponseCannotBeReplaced() throws Exception {
        FileResponse r = new FileResponse(dir.resolve("x"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.body(new byte[1]));
        assertTrue(e.getMessage().contains("Response.bytes()"), e.getMessage());
        assertEquals("<FileResponse 200 OK " + dir.resolve("x") + ">", r.toString());
    }

    @Test
    void aNullPathOrANonPositiveChunkSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FileResponse(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FileResponse(dir, 0));
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

}
