package io.asyncio4j.http.client;

import io.asyncio4j.AsyncGenerator;
import io.asyncio4j.http.AiohttpWire;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.testutils.TestClient;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streamed request bodies (aiohttp's data=open(file), data=async_generator, data=MultipartWriter):
 * the framing and bytes on the wire, compared with aiohttp 3.8.4's ({@link AiohttpWire}), and
 * round trips to our server.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class StreamingRequestBodyTest {
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** A server that records each request, a chunked one's body raw (with its framing), and answers 200. */
    private static TestServer recording(List<String> bodies) throws IOException {
        return TestServer.start(conn -> {
            while (true) {
                TestServer.Request req;
                try {
                    req = conn.readRequest();
                } catch (io.asyncio4j.streams.IncompleteReadException e) {
                    return; // a body the client gave up on (the length tests)
                }
                if (req == null) {
                    return;
                }
                String body = req.header("Transfer-Encoding") != null
                        ? new String(conn.reader.readuntil(LAST_CHUNK), StandardCharsets.ISO_8859_1)
                        : new String(req.body(), StandardCharsets.ISO_8859_1);
                bodies.add(body);
                conn.send(ok("ok"));
            }
        });
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aFileGoesWithItsSizeAsContentLengthAsAiohttpSendsIt() throws Exception {
        Path f = dir.resolve("upload.bin");
        Files.write(f, AiohttpWire.file());
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession();
             ClientResponse resp = session.post(server.url("/"), RequestOptions.defaults().withBody(f))) {
            assertEquals("ok", resp.text());
            TestServer.Request req = server.requests.get(0);
            assertEquals(AiohttpWire.F_CONTENT_TYPE, req.header("Content-Type"));
            assertEquals(Long.toString(AiohttpWire.F_CONTENT_LENGTH), req.header("Content-Length"));
            assertNull(req.header("Transfer-Encoding"));
            assertArrayEquals(AiohttpWire.bytes(AiohttpWire.F), req.body());
        }
    }

    @Test
    void aFilesTypeComesFromItsNameUnlessGiven() throws Exception {
        Path f = dir.resolve("data.json");
        Files.writeString(f, "{}");
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession()) {
            session.post(server.url("/"), RequestOptions.defaults().withBody(f)).close();
            session.post(server.url("/"), RequestOptions.defaults().withBody(f, "text/x-mine")).close();
            session.post(server.url("/"), RequestOptions.defaults().withBody(f).withHeader("Content-Type", "a/b")).close();
            assertEquals("application/json", server.requests.get(0).header("Content-Type"));
            assertEquals("text/x-mine", server.requests.get(1).header("Content-Type"));
            assertEquals("a/b", server.requests.get(2).header("Content-Type"));
        }
    }

    @Test
    void aGeneratorsChunksGoChunkedAsAiohttpSendsThem() throws Exception {
        AsyncGenerator<byte[]> gen = generator((AsyncGenerator.Yield<byte[]> out) -> {
            out.yield(b("hello "));
            sleep(0.01);
            out.yield(new byte[0]); // skipped: an empty chunk would end the body
            out.yield(b("world"));
        });
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession();
             ClientResponse resp = session.post(server.url("/"), RequestOptions.defaults().withBody(gen))) {
            assertEquals("ok", resp.text());
            TestServer.Request req = server.requests.get(0);
            assertEquals(AiohttpWire.E_CONTENT_TYPE, req.header("Content-Type"));
            assertEquals("chunked", req.header("Transfer-Encoding"));
            assertNull(req.header("Content-Length"));
            assertEquals(AiohttpWire.E, bodies.get(0));
        }
    }

    @Test
    void aMultipartOfUnknownSizeGoesChunkedPieceByPieceAsAiohttpSendsIt() throws Exception {
        MultipartWriter w = new MultipartWriter("form-data", "XyZ");
        w.append(List.of(b("abc"), new byte[0], b("defg"))).setContentDisposition("form-data", Map.of("name", "stream"));
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession();
             ClientResponse resp = session.post(server.url("/"), RequestOptions.defaults().withMultipart(w))) {
            assertEquals("ok", resp.text());
            assertEquals(AiohttpWire.D_CONTENT_TYPE, server.requests.get(0).header("Content-Type"));
            assertEquals("chunked", server.requests.get(0).header("Transfer-Encoding"));
            assertEquals(AiohttpWire.D, bodies.get(0));
        }
    }

    @Test
    void aFormWithFilesGoesWithItsWholeLengthAsAiohttpSendsIt() throws Exception {
        Path upload = dir.resolve("upload.bin");
        Files.write(upload, AiohttpWire.file());
        FormDataWriter form = new FormDataWriter().boundary(AiohttpWire.BOUNDARY)
                .addField("title", "Grüße")
                .addFile("upload", b("line 1\r\nline 2"), "notes.txt", "text/plain")
                .addField("say \"hi\"", "x")
                .addFile("file", upload, "my file ü.bin", "application/octet-stream")
                .addFile("doc", upload, "a.txt", null);
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession();
             ClientResponse resp = session.post(server.url("/"), RequestOptions.defaults().withFormData(form))) {
            assertEquals("ok", resp.text());
            TestServer.Request req = server.requests.get(0);
            assertEquals(AiohttpWire.A_CONTENT_TYPE, req.header("Content-Type"));
            assertEquals(Long.toString(AiohttpWire.A_CONTENT_LENGTH), req.header("Content-Length"));
            assertArrayEquals(AiohttpWire.bytes(AiohttpWire.A), req.body());
        }
    }

    @Test
    void aTextOnlyFormGoesUrlEncoded() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession();
             ClientResponse resp = session.post(server.url("/"), RequestOptions.defaults()
                     .withFormData(new FormDataWriter().addField("a", "1 2").addField("é", "ü&=~*")))) {
            assertEquals("ok", resp.text());
            assertEquals(AiohttpWire.B_CONTENT_TYPE, server.requests.get(0).header("Content-Type"));
            assertEquals(AiohttpWire.B, bodies.get(0));
        }
    }

    @Test
    void chunksWithAGivenContentLengthGoUnframed() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession();
             ClientResponse resp = session.post(server.url("/"), RequestOptions.defaults()
                     .withBody(List.of(b("ab"), b("cde"))).withHeader("Content-Length", "5"))) {
            assertEquals("ok", resp.text());
            assertNull(server.requests.get(0).header("Transfer-Encoding"));
            assertEquals("abcde", bodies.get(0));
        }
    }

    @Test
    void chunksThatDoNotAddUpToTheGivenLengthFailTheRequest() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer server = recording(bodies); ClientSession session = new ClientSession()) {
            IOException e = assertThrows(IOException.class, () -> session.post(server.url("/"), RequestOptions.defaults()
                    .withBody(List.of(b("ab"))).withHeader("Content-Length", "5")));
            assertTrue(e.getMessage().contains("Content-Length: 5 but held 2 bytes"), e.getMessage());
            IOException more = assertThrows(IOException.class, () -> session.post(server.url("/"), RequestOptions.defaults()
                    .withBody(List.of(b("abcdef"))).withHeader("Content-Length", "5")));
            assertTrue(more.getMessage().contains("holds more than that"), more.getMessage());
        }
    }

    @Test
    void aFailingProducerFailsTheRequestAndItsConnectionCloses() throws Exception {
        AsyncGenerator<byte[]> gen = generator((AsyncGenerator.Yield<byte[]> out) -> {
            out.yield(b("partial"));
            throw new IllegalStateException("the producer broke");
        });
        List<String> seen = new ArrayList<>();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            seen.add(new String(conn.reader.read(), StandardCharsets.ISO_8859_1)); // until the client closes
        }); ClientSession session = new ClientSession()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> session.post(server.url("/"), RequestOptions.defaults().withBody(gen)));
            assertEquals("the producer broke", e.getMessage());
            for (int i = 0; i < 200 && seen.isEmpty(); i++) {
                sleep(0.01);
            }
            assertEquals(List.of("7\r\npartial\r\n"), seen); // no last chunk: the server sees the body cut short
        }
    }

    @Test
    void aMissingFileFailsTheRequestBeforeAnythingIsSent() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("")); ClientSession session = new ClientSession()) {
            assertThrows(NoSuchFileException.class, () -> session.post(server.url("/"),
                    RequestOptions.defaults().withBody(dir.resolve("nope.bin"))));
            assertEquals(0, server.connections());
        }
    }

    @Test
    void aTransferEncodingFieldIsStillRefused() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("")); ClientSession session = new ClientSession()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> session.post(server.url("/"),
                    RequestOptions.defaults().withBody(List.of(b("x"))).withHeader("Transfer-Encoding", "chunked")));
            assertTrue(e.getMessage().contains("frames the body itself"), e.getMessage());
        }
    }

    @Test
    void a307ToAGeneratorBodyIsReturnedAsItIsAFilesIsFollowed() throws Exception {
        Path f = dir.resolve("f.txt");
        Files.writeString(f, "file body");
        List<String> bodies = new ArrayList<>();
        try (TestServer server = TestServer.start(conn -> {
            while (true) {
                TestServer.Request req = conn.readRequest();
                if (req == null) {
                    return;
                }
                String body = req.header("Transfer-Encoding") != null
                        ? new String(conn.reader.readuntil(LAST_CHUNK), StandardCharsets.ISO_8859_1) : req.text();
                bodies.add(req.target() + " " + body);
                conn.send(req.target().equals("/a") ? response(307, "Temporary Redirect", "", "Location: /b") : ok("at b"));
            }
        }); ClientSession session = new ClientSession()) {
            try (ClientResponse resp = session.post(server.url("/a"), RequestOptions.defaults().withBody(List.of(b("x"))))) {
                assertEquals(307, resp.status());
            }
            try (ClientResponse resp = session.post(server.url("/a"), RequestOptions.defaults().withBody(f))) {
                assertEquals(200, resp.status());
                assertEquals("at b", resp.text());
            }
            assertEquals(List.of("/a 1\r\nx\r\n0\r\n\r\n", "/a file body", "/b file body"), bodies);
        }
    }

    @Test
    void theOptionsSayWhatBodyTheyCarry() {
        assertEquals("<RequestOptions headers=0 body=chunks allowRedirects=true>",
                RequestOptions.defaults().withBody(List.of(b("x"))).toString());
        assertEquals("<RequestOptions headers=0 body=file x.bin allowRedirects=true>",
                RequestOptions.defaults().withBody(Path.of("x.bin")).toString());
        assertNull(RequestOptions.defaults().withBody(Path.of("x.bin")).body());
        assertEquals("application/octet-stream", RequestOptions.defaults().withBody(Path.of("x.bin")).contentType());
    }

    // ---- round trips to our server ------------------------------------------------------------

    @Test
    void aFileStreamsToOurServersContent() throws Exception {
        int size = 3 * 1024 * 1024 + 17;
        Path f = dir.resolve("big.bin");
        CRC32 crc = new CRC32();
        try (OutputStream out = Files.newOutputStream(f)) {
            byte[] block = new byte[size];
            for (int i = 0; i < size; i++) {
                block[i] = (byte) (i * 7 + (i >>> 12));
            }
            out.write(block);
            crc.update(block);
        }
        Application app = new Application();
        app.addRoutes(Web.put("/up", r -> {
            CRC32 got = new CRC32();
            long n = 0;
            for (byte[] chunk : r.content().iterChunked(100_000)) {
                got.update(chunk);
                n += chunk.length;
            }
            return Response.text(r.contentLength() + "|" + n + "|" + Long.toHexString(got.getValue()));
        }));
        try (TestClient client = TestClient.start(app);
             ClientResponse resp = client.put("/up", RequestOptions.defaults().withBody(f))) {
            assertEquals(size + "|" + size + "|" + Long.toHexString(crc.getValue()), resp.text());
        }
    }

    @Test
    void aGeneratorsChunksArriveAtOurServerAsTheyAreProduced() throws Exception {
        AsyncGenerator<byte[]> gen = generator((AsyncGenerator.Yield<byte[]> out) -> {
            for (int i = 0; i < 5; i++) {
                out.yield(b("piece " + i + ";"));
                sleep(0.005);
            }
        });
        Application app = new Application();
        app.addRoutes(Web.post("/g", r -> {
            List<String> pieces = new ArrayList<>();
            for (byte[] p : r.content().iterAny()) {
                pieces.add(new String(p, StandardCharsets.ISO_8859_1));
            }
            return Response.text(r.headers().get("Transfer-Encoding") + "|" + String.join("", pieces) + "|"
                    + (pieces.size() > 1));
        }));
        try (TestClient client = TestClient.start(app);
             ClientResponse resp = client.post("/g", RequestOptions.defaults().withBody(gen))) {
            assertEquals("chunked|piece 0;piece 1;piece 2;piece 3;piece 4;|true", resp.text());
        }
    }

    @Test
    void ourServersEarly413ReachesAClientStillSendingAFile() throws Exception {
        Path f = dir.resolve("big.bin");
        Files.write(f, new byte[4 * 1024 * 1024]);
        Application app = new Application().clientMaxSize(1024);
        app.addRoutes(Web.post("/up", r -> Response.text(r.read().length + " bytes")));
        try (TestClient client = TestClient.start(app);
             ClientResponse resp = client.post("/up", RequestOptions.defaults().withBody(f))) {
            assertEquals(413, resp.status());
        }
    }
}
