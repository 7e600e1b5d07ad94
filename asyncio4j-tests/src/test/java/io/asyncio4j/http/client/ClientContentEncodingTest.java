package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compressed bodies (Content-Encoding gzip and deflate) come out of a response decoded, as
 * aiohttp's {@code auto_decompress}: whole, piece by piece, and refused clearly when corrupt,
 * cut short, or inflating past the read limit.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientContentEncodingTest {
    private static final byte[] TEXT = ("asyncio4j ".repeat(5000) + "end").getBytes(StandardCharsets.UTF_8);

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(data);
        }
        return b.toByteArray();
    }

    /** zlib-wrapped deflate (what "deflate" means in HTTP), or raw deflate when {@code raw}. */
    static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    /** A server answering every request with {@code body} under {@code Content-Encoding: coding}. */
    static TestServer serving(String coding, byte[] body) throws IOException {
        return TestServer.start(conn -> {
            while (conn.readRequest() != null) {
                conn.send(("HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + "\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                conn.send(body);
            }
        });
    }

    @Test
    void aGzipBodyIsReadDecoded() throws Exception {
        try (TestServer server = serving("gzip", gzip(TEXT));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            assertArrayEquals(TEXT, r.read());
            assertEquals("gzip", r.headers().get("Content-Encoding"), "the field stays, as in aiohttp");
        }
    }

    @Test
    void aZlibDeflateBodyIsReadDecoded() throws Exception {
        try (TestServer server = serving("deflate", deflate(TEXT, false));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            assertArrayEquals(TEXT, r.read());
        }
    }

    @Test
    void aRawDeflateBodyUnderTheNameDeflateIsReadDecodedToo() throws Exception {
        try (TestServer server = serving("deflate", deflate(TEXT, true));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            assertArrayEquals(TEXT, r.read());
        }
    }

    @Test
    void aChunkedGzipBodyIsDecodedPieceByPieceWithinEachPiecesLimit() throws Exception {
        byte[] z = gzip(TEXT);
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < z.length; i += 7) { // tiny chunks: the gzip header itself is split
                int n = Math.min(7, z.length - i);
                conn.send(Integer.toHexString(n) + "\r\n");
                conn.send(Arrays.copyOfRange(z, i, i + n));
                conn.send("\r\n");
            }
            conn.send("0\r\n\r\n");
        });
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] piece;
            while ((piece = r.readChunk(1000)).length > 0) {
                assertTrue(piece.length <= 1000, "at most max bytes: " + piece.length);
                got.writeBytes(piece);
            }
            assertArrayEquals(TEXT, got.toByteArray());
        }
    }

    @Test
    void readAfterSomeChunksReturnsTheRestDecoded() throws Exception {
        try (TestServer server = serving("gzip", gzip(TEXT));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            byte[] first = r.readChunk(10);
            byte[] rest = r.read();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(first);
            all.writeBytes(rest);
            assertArrayEquals(TEXT, all.toByteArray());
        }
    }

    @Test
    void aCorruptGzipBodyFailsWithAClientPayloadExceptionNamingTheCoding() throws Exception {
        byte[] z = gzip(TEXT);
        z[z.length / 2] ^= 0x55;
        try (TestServer server = serving("gzip", z);
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            ClientPayloadException e = assertThrows(ClientPayloadException.class, r::read);
            assertTrue(e.getMessage().contains("Can not decode content-encoding: gzip"), e.getMessage());
            assertEquals(ClientResponse.State.FAILED, r.state());
        }
    }

    @Test
    void aGzipBodyCutShortBeforeItsTrailerIsRefused() throws Exception {
        byte[] z = gzip(TEXT);
        try (TestServer server = serving("gzip", Arrays.copyOf(z, z.length - 4));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            ClientPayloadException e = assertThrows(ClientPayloadException.class, r::read);
            assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        }
    }

    @Test
    void aGzipBodyWhoseTrailerDisagreesIsRefused() throws Exception {
        byte[] z = gzip(TEXT);
        z[z.length - 8] ^= 1; // the CRC-32
        try (TestServer server = serving("gzip", z);
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            ClientPayloadException e = assertThrows(ClientPayloadException.class, r::read);
            assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
        }
    }

    @Test
    void aSmallBodyThatInflatesPastTheReadLimitIsRefusedNotHeld() throws Exception {
        byte[] zeros = new byte[4 << 20];
        try (TestServer server = serving("gzip", gzip(zeros));
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withReadLimit(1 << 20));
             ClientResponse r = session.get(server.url("/"))) {
            ClientPayloadException e = assertThrows(ClientPayloadException.class, r::read);
            assertTrue(e.getMessage().contains("more than 1048576 bytes"), e.getMessage());
        }
    }

    @Test
    void aHeadAnswerWithAContentEncodingHasAnEmptyBody() throws Exception {
        try (TestServer server = TestServer.answering(req -> "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: 1234\r\n\r\n");
             ClientSession session = new ClientSession();
             ClientResponse r = session.head(server.url("/"))) {
            assertEquals(0, r.read().length);
        }
    }

    @Test
    void anUnknownCodingIsHandedOutAsItCame() throws Exception {
        byte[] body = {1, 2, 3, 4};
        try (TestServer server = serving("br", body);
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"))) {
            assertArrayEquals(body, r.read());
        }
    }

    @Test
    void theRequestsOwnAcceptEncodingReplacesTheDefault() throws Exception {
        try (TestServer server = TestServer.answering(req -> TestServer.ok("plain"));
             ClientSession session = new ClientSession()) {
            session.get(server.url("/"), RequestOptions.defaults().withHeaders(Headers.of("Accept-Encoding", "identity")))
                    .release();
            assertEquals("identity", server.requests.get(0).header("Accept-Encoding"));
        }
    }

    @Test
    void theConnectionIsReusedAfterADecodedBody() throws Exception {
        try (TestServer server = serving("gzip", gzip(TEXT));
             ClientSession session = new ClientSession()) {
            for (int i = 0; i < 3; i++) {
                try (ClientResponse r = session.get(server.url("/"))) {
                    assertArrayEquals(TEXT, r.read());
                }
            }
            assertEquals(1, server.connections());
        }
    }
}
