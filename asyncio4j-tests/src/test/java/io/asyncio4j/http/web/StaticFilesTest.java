package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.HttpDate;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;

import static io.asyncio4j.http.web.Web.staticFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static files (aiohttp's web.static / add_static): what is served, and what is not. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class StaticFilesTest {
    @TempDir
    Path dir;

    private static final long MODIFIED = 1_700_000_000L; // 2023-11-14T22:13:20Z

    private Path file(String name, byte[] content) throws Exception {
        Path p = dir.resolve("public").resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(MODIFIED)));
        return p;
    }

    private Served serve() throws Exception {
        Files.createDirectories(dir.resolve("public"));
        return Served.routes(staticFiles("/static", dir.resolve("public")));
    }

    @Test
    void aFileIsServedWithItsTypeLengthAndLastModified() throws Exception {
        file("a/style.css", "body { color: red }".getBytes(StandardCharsets.UTF_8));
        try (Served s = serve()) {
            Reply r = s.get("/static/a/style.css");
            assertEquals(200, r.status());
            assertEquals("text/css", r.header("Content-Type"));
            assertEquals("19", r.header("Content-Length"));
            assertEquals(HttpDate.format(MODIFIED), r.header("Last-Modified"));
            assertEquals("body { color: red }", r.text());
        }
    }

    @Test
    void aMissingFileAnswers404() throws Exception {
        try (Served s = serve()) {
            assertEquals(404, s.get("/static/nope.txt").status());
        }
    }

    @Test
    void aPathClimbingOutOfTheDirectoryAnswers404() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "secret");
        try (Served s = serve()) {
            assertEquals(404, s.get("/static/../secret.txt").status());
            assertEquals(404, s.get("/static/%2e%2e/secret.txt").status());
            assertEquals(404, s.get("/static/a/../../secret.txt").status());
        }
    }

    @Test
    void aSymbolicLinkPointingOutOfTheDirectoryAnswers404() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createDirectories(dir.resolve("public"));
        Files.createSymbolicLink(dir.resolve("public/link.txt"), secret);
        try (Served s = serve()) {
            assertEquals(404, s.get("/static/link.txt").status());
        }
    }

    @Test
    void aDirectoryAnswers403() throws Exception {
        file("sub/x.txt", new byte[] {'x'});
        try (Served s = serve()) {
            assertEquals(403, s.get("/static/sub").status());
        }
    }

    @Test
    void aLargeFileIsStreamedIntactWithItsLengthDeclared() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 7];
        new Random(42).nextBytes(big);
        file("big.bin", big);
        try (Served s = serve(); RawHttp c = s.connect()) {
            Reply r = c.exchange(RawHttp.get("/static/big.bin"));
            assertEquals(String.valueOf(big.length), r.header("Content-Length"));
            assertEquals("application/octet-stream", r.header("Content-Type"));
            assertArrayEquals(big, r.body());
            assertEquals(200, c.exchange(RawHttp.get("/static/big.bin")).status(), "the connection goes on");
        }
    }

    @Test
    void anIfModifiedSinceNotOlderThanTheFileAnswers304() throws Exception {
        file("x.txt", "x".getBytes(StandardCharsets.UTF_8));
        try (Served s = serve()) {
            Reply same = s.request("GET /static/x.txt HTTP/1.1\r\nIf-Modified-Since: " + HttpDate.format(MODIFIED)
                    + "\r\n\r\n");
            assertEquals(304, same.status());
            assertEquals(0, same.body().length);
            Reply older = s.request("GET /static/x.txt HTTP/1.1\r\nIf-Modified-Since: "
                    + HttpDate.format(MODIFIED - 1) + "\r\n\r\n");
            assertEquals(200, older.status());
            Reply garbage = s.request("GET /static/x.txt HTTP/1.1\r\nIf-Modified-Since: yesterday\r\n\r\n");
            assertEquals(200, garbage.status(), "a date that cannot be read is ignored");
        }
    }

    @Test
    void aHeadRequestGetsTheHeadersOfTheGetWithoutTheBody() throws Exception {
        file("small.txt", "hello".getBytes(StandardCharsets.UTF_8));
        file("big.bin", new byte[2 * 1024 * 1024]);
        try (Served s = serve(); RawHttp c = s.connect()) {
            Reply small = c.send("HEAD /static/small.txt HTTP/1.1\r\n\r\n").readHead();
            assertEquals("5", small.header("Content-Length"));
            Reply big = c.send("HEAD /static/big.bin HTTP/1.1\r\n\r\n").readHead();
            assertEquals(String.valueOf(2 * 1024 * 1024), big.header("Content-Length"));
            assertEquals("hello", c.exchange(RawHttp.get("/static/small.txt")).text(), "no body bytes came before");
        }
    }

    @Test
    void aPrefixNotFromTheRootOrAMissingDirectoryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> staticFiles("static", dir));
        assertTrue(e.getMessage().startsWith("Web.staticFiles(): the prefix static does not start with '/'"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> staticFiles("/static", dir.resolve("missing")));
        assertTrue(missing.getMessage().contains("cannot be served"), missing.getMessage());
    }
}
