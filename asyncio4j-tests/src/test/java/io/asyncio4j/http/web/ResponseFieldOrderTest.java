package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fields of a response in the order aiohttp 3.8.4 sends them, byte for byte: the same app run
 * under aiohttp and here, fetched with a raw socket ({@code Connection: close} dropped from the
 * captures, as these requests keep the connection alive). aiohttp's order comes from where it
 * adds each field: the handler's fields, Content-Length (Response._start), Set-Cookie,
 * Content-Encoding, Transfer-Encoding, the default Content-Type, Date, Server (_prepare_headers).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResponseFieldOrderTest {
    @TempDir
    Path dir;

    private static Reply answer(Handler handler, String request) throws Exception {
        return Served.ask(handler, request);
    }

    private static Reply answer(Handler handler) throws Exception {
        return answer(handler, RawHttp.get("/"));
    }

    @Test
    void aBodyOfNoDeclaredTypeHasItsLengthBeforeTheDefaultContentType() throws Exception {
        // aiohttp: web.Response(body=b"ab") ->
        // Content-Length: 2 / Content-Type: application/octet-stream / Date / Server
        Reply r = answer(req -> new Response(200).body("ab".getBytes()));
        assertEquals(List.of("Content-Length", "Content-Type", "Date", "Server"), r.names());
    }

    @Test
    void theContentLengthGoesBeforeTheCookies() throws Exception {
        // aiohttp: Response(text="x", headers={"X-A": "1"}); set_cookie("k", "v", max_age=0); headers["X-B"] = "2" ->
        // X-A / Content-Type / X-B / Content-Length: 1 / Set-Cookie: k=v; Max-Age=0; Path=/ / Date / Server
        Reply r = answer(req -> new Response(200).header("X-A", "1").contentType("text/plain; charset=utf-8")
                .body("x".getBytes()).setCookie("k", "v", CookieOptions.defaults().withMaxAge(0)).header("X-B", "2"));
        assertEquals(List.of("X-A", "Content-Type", "X-B", "Content-Length", "Set-Cookie", "Date", "Server"), r.names());
        assertEquals("k=v; Max-Age=0; Path=/", r.header("Set-Cookie"));
    }

    @Test
    void aContentLengthFieldTheHandlerSetKeepsItsPlace() throws Exception {
        // aiohttp: Response(text="abc", headers={"X-A": "1", "Content-Length": "3", "X-B": "2"}) ->
        // X-A / Content-Length: 3 / X-B / Content-Type / Date / Server
        Reply r = answer(req -> new Response(200).header("X-A", "1").header("Content-Length", "3").header("X-B", "2")
                .contentType("text/plain; charset=utf-8").body("abc".getBytes()));
        assertEquals(List.of("X-A", "Content-Length", "X-B", "Content-Type", "Date", "Server"), r.names());
        assertEquals("3", r.header("Content-Length"));
    }

    @Test
    void aStreamedBodyHasCookiesThenTransferEncodingThenTheDefaultContentType() throws Exception {
        // aiohttp: StreamResponse(headers={"X-A": "1"}); set_cookie("k", "v"); prepare; write(b"z") ->
        // X-A / Set-Cookie: k=v; Path=/ / Transfer-Encoding: chunked / Content-Type: application/octet-stream / Date / Server
        try (Served s = Served.routes(get("/", req -> {
            StreamResponse x = new StreamResponse();
            x.header("X-A", "1");
            x.setCookie("k", "v");
            x.prepare(req);
            x.write("z".getBytes());
            return x;
        })); RawHttp c = s.connect()) {
            Reply r = c.send(RawHttp.get("/")).readHead();
            assertEquals(List.of("X-A", "Set-Cookie", "Transfer-Encoding", "Content-Type", "Date", "Server"), r.names());
            assertEquals("1\r\nz\r\n0\r\n\r\n", c.readExactly(11));
        }
    }

    @Test
    void theEntityTagFieldIsSpelledEtag() throws Exception {
        // aiohttp: resp = Response(text="e"); resp.etag = "xyz"; resp.last_modified = 1600000000 ->
        // Content-Type / Etag: "xyz" / Last-Modified: Sun, 13 Sep 2020 12:26:40 GMT / Content-Length: 1 / Date / Server
        Reply r = answer(req -> Response.text("e").etag("xyz").lastModified(Instant.ofEpochSecond(1600000000)));
        assertEquals(List.of("Content-Type", "Etag", "Last-Modified", "Content-Length", "Date", "Server"), r.names());
        assertEquals("\"xyz\"", r.header("Etag"));
    }

    private Path file() throws Exception {
        Path p = dir.resolve("a.txt");
        Files.writeString(p, "0123456789abcdefghij");
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(1600000000)));
        return p;
    }

    @Test
    void aFileHasItsLengthBetweenLastModifiedAndAcceptRanges() throws Exception {
        // aiohttp: web.static, GET /static/a.txt (20 bytes, mtime 1600000000) ->
        // Content-Type: text/plain / Etag: "16345785d8a00000-14" / Last-Modified: Sun, 13 Sep 2020 12:26:40 GMT /
        // Content-Length: 20 / Accept-Ranges: bytes / Date / Server
        Path p = file();
        Reply r = answer(req -> new FileResponse(p));
        assertEquals(List.of("Content-Type", "Etag", "Last-Modified", "Content-Length", "Accept-Ranges", "Date", "Server"),
                r.names());
        assertEquals("\"16345785d8a00000-14\"", r.header("Etag"));
    }

    @Test
    void aRangeOfAFileHasItsContentRangeAfterAcceptRanges() throws Exception {
        // aiohttp: Range: bytes=-5 -> 206, Content-Type / Etag / Last-Modified / Content-Length: 5 /
        // Accept-Ranges: bytes / Content-Range: bytes 15-19/20 / Date / Server; body fghij
        Path p = file();
        Reply r = answer(req -> new FileResponse(p), "GET / HTTP/1.1\r\nHost: test\r\nRange: bytes=-5\r\n\r\n");
        assertEquals(206, r.status());
        assertEquals(List.of("Content-Type", "Etag", "Last-Modified", "Content-Length", "Accept-Ranges", "Content-Range",
                "Date", "Server"), r.names());
        assertEquals("bytes 15-19/20", r.header("Content-Range"));
        assertEquals("fghij", r.text());
    }

    @Test
    void anHttp10AnswerThatClosesTheConnectionSaysNothingOfIt() throws Exception {
        // aiohttp: GET /text HTTP/1.0 (no keep-alive) -> HTTP/1.0 200 OK / Content-Type / Content-Length: 2 /
        // Date / Server, and no Connection field: closing is HTTP/1.0's default
        try (Served s = Served.routes(get("/", req -> Response.text("hi"))); RawHttp c = s.connect()) {
            Reply r = c.exchange("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0", r.version());
            assertEquals(List.of("Content-Type", "Content-Length", "Date", "Server"), r.names());
            c.assertClosedByServer();
        }
    }

    @Test
    void aCompressedBodyHasItsLengthBeforeItsContentEncoding() throws Exception {
        // aiohttp: Response(text="hello " * 100).enable_compression(), Accept-Encoding: gzip ->
        // Content-Type / Content-Length: 32 / Content-Encoding: gzip / Date / Server
        // (aiohttp 3.8.4 sends no Vary; this server adds Vary: Accept-Encoding, as RFC 9110 §12.5.5 asks)
        Reply r = answer(req -> Response.text("hello ".repeat(100)).enableCompression(),
                "GET / HTTP/1.1\r\nHost: test\r\nAccept-Encoding: gzip\r\n\r\n");
        assertEquals(List.of("Content-Type", "Content-Length", "Content-Encoding", "Vary", "Date", "Server"), r.names());
    }

    @Test
    void aWholeBodyIsGzippedToAiohttpsBytes() throws Exception {
        // aiohttp: the body of the response above, byte for byte (one deflate block, no flush
        // before the end; OS byte 3)
        Reply r = answer(req -> Response.text("hello ".repeat(100)).enableCompression(),
                "GET / HTTP/1.1\r\nHost: test\r\nAccept-Encoding: gzip\r\n\r\n");
        assertArrayEquals(HexFormat.of().parseHex("1f8b0800000000000003cb48cdc9c957c818254749aa9200f331a20d58020000"),
                r.body());
    }

    @Test
    void aWholeBodyIsDeflatedToAiohttpsBytes() throws Exception {
        // aiohttp: as above with Accept-Encoding: deflate -> Content-Length: 20, these bytes
        Reply r = answer(req -> Response.text("hello ".repeat(100)).enableCompression(),
                "GET / HTTP/1.1\r\nHost: test\r\nAccept-Encoding: deflate\r\n\r\n");
        assertArrayEquals(HexFormat.of().parseHex("789ccb48cdc9c957c818254749aa9200edd2dc51"), r.body());
    }
}
