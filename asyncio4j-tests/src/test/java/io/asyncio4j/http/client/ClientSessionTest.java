package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ClientSession and ClientResponse: what goes out, and every way a response body is framed and read. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientSessionTest {

    @Test
    void aGetReturnsTheStatusReasonHeadersAndBody() throws Exception {
        try (TestServer server = TestServer.answering(r -> response(200, "OK", "hello", "X-Thing: 1"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertEquals(200, resp.status());
            assertEquals("OK", resp.reason());
            assertTrue(resp.ok());
            assertEquals(HttpVersion.HTTP_1_1, resp.version());
            assertEquals("1", resp.headers().get("x-thing"));
            assertEquals("GET", resp.method());
            assertEquals(server.url("/"), resp.url().toString());
            assertEquals("hello", resp.text());
            assertEquals(List.of(), resp.history());
        }
    }

    @Test
    void theServerSeesTheRequestLineHostWithItsPortUserAgentAndAccept() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.get(server.url("/a/b?x=1&y=2#frag")).release();
            TestServer.Request r = server.requests.get(0);
            assertEquals("GET", r.method());
            assertEquals("/a/b?x=1&y=2", r.target(), "the query is sent, the fragment is not");
            assertEquals("127.0.0.1:" + server.port(), r.header("Host"));
            assertEquals("asyncio4j-http/0.1", r.header("User-Agent"));
            assertEquals("*/*", r.header("Accept"));
            assertNull(r.header("Content-Length"), "a GET without a body says nothing of one");
            assertEquals("gzip, deflate", r.header("Accept-Encoding"), "as aiohttp: compressed bodies are welcome, and decoded");
        }
    }

    @Test
    void aUrlWithoutAPathRequestsTheRootAndNonAsciiIsPercentEncoded() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.get("http://127.0.0.1:" + server.port()).release();
            session.get(server.url("/caf\u00e9")).release();
            assertEquals("/", server.requests.get(0).target());
            assertEquals("/caf%C3%A9", server.requests.get(1).target());
        }
    }

    @Test
    void aStringBodyIsPostedAsUtf8TextWithItsContentLength() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("got " + r.text()));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.post(server.url("/submit"), "h\u00e9llo")) {
            assertEquals("got h\u00e9llo", resp.text());
            TestServer.Request r = server.requests.get(0);
            assertEquals("POST", r.method());
            assertEquals("6", r.header("Content-Length"));
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
            assertEquals("h\u00e9llo", r.text());
        }
    }

    @Test
    void aBytesBodyIsPutAsAnOctetStream() throws Exception {
        byte[] data = {0, 1, 2, (byte) 0xFF, '\r', '\n'};
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.put(server.url("/blob"), data).release();
            TestServer.Request r = server.requests.get(0);
            assertEquals("PUT", r.method());
            assertEquals("application/octet-stream", r.header("Content-Type"));
            assertEquals("6", r.header("Content-Length"));
            assertArrayEquals(data, r.body());
        }
    }

    @Test
    void aPatchSendsItsBodyWithThePatchMethod() throws Exception {
        // aiohttp 3.8.4: session.patch(url, data=b"abc") sends PATCH, Content-Length: 3,
        // Content-Type: application/octet-stream
        try (TestServer server = TestServer.answering(r -> ok("got " + r.text()));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.patch(server.url("/item"), "abc".getBytes(StandardCharsets.US_ASCII))) {
            assertEquals("got abc", resp.text());
            TestServer.Request r = server.requests.get(0);
            assertEquals("PATCH", r.method());
            assertEquals("3", r.header("Content-Length"));
            assertEquals("application/octet-stream", r.header("Content-Type"));
        }
    }

    @Test
    void aPatchWithoutABodySendsContentLengthZero() throws Exception {
        // aiohttp 3.8.4: session.patch(url) sends Content-Length: 0 and Content-Type: application/octet-stream
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.patch(server.url("/item")).release();
            assertEquals("PATCH", server.requests.get(0).method());
            assertEquals("0", server.requests.get(0).header("Content-Length"));
            assertEquals("application/octet-stream", server.requests.get(0).header("Content-Type"));
        }
    }

    @Test
    void postPutAndPatchWithoutABodySayOctetStreamAndTheOthersNoType() throws Exception {
        // aiohttp 3.8.4 (its POST_METHODS): POST, PUT, PATCH without data send
        // Content-Type: application/octet-stream; DELETE, GET, OPTIONS send none
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            for (String m : List.of("POST", "PUT", "PATCH", "DELETE", "GET", "OPTIONS")) {
                session.request(m, server.url("/"), RequestOptions.defaults()).release();
            }
            List<String> types = new ArrayList<>();
            for (TestServer.Request r : server.requests) {
                types.add(r.method() + " " + r.header("Content-Type"));
            }
            assertEquals(List.of("POST application/octet-stream", "PUT application/octet-stream",
                    "PATCH application/octet-stream", "DELETE null", "GET null", "OPTIONS null"), types);
        }
    }

    @Test
    void aPatchWithOptionsSendsTheirBodyAndFields() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.patch(server.url("/item"), RequestOptions.defaults().withJson(Map.of("a", 1))
                    .withHeader("If-Match", "\"v1\"")).release();
            TestServer.Request r = server.requests.get(0);
            assertEquals("PATCH", r.method());
            assertEquals("{\"a\": 1}", r.text(), "as json.dumps writes it");
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("\"v1\"", r.header("If-Match"));
        }
    }

    @Test
    void optionsSendsTheOptionsMethodWithoutABody() throws Exception {
        // aiohttp 3.8.4: session.options(url) sends OPTIONS with neither Content-Length nor Content-Type
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.options(server.url("/o")).release();
            session.options(server.url("/o"), RequestOptions.defaults().withHeader("Origin", "http://a")).release();
            TestServer.Request r = server.requests.get(0);
            assertEquals("OPTIONS", r.method());
            assertNull(r.header("Content-Length"));
            assertNull(r.header("Content-Type"));
            assertEquals("http://a", server.requests.get(1).header("Origin"));
        }
    }

    @Test
    void aHeadWithOptionsSendsTheirFields() throws Exception {
        try (TestServer server = TestServer.answering(r -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
             ClientSession session = new ClientSession();
             ClientResponse r = session.head(server.url("/h"), RequestOptions.defaults().withHeader("X-A", "1"))) {
            assertEquals(200, r.status());
            assertEquals("HEAD", server.requests.get(0).method());
            assertEquals("1", server.requests.get(0).header("X-A"));
        }
    }

    @Test
    void aPostWithoutABodySendsContentLengthZero() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.request("post", server.url("/")).release();
            assertEquals("POST", server.requests.get(0).method(), "the method is upper-cased, as aiohttp does");
            assertEquals("0", server.requests.get(0).header("Content-Length"));
        }
    }

    @Test
    void requestHeadersOverrideTheSessionsWhichOverrideTheDefaults() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession(Headers.of("User-Agent", "session-agent", "X-Session", "s",
                     "Accept", "text/html"))) {
            session.get(server.url("/"), RequestOptions.defaults().withHeader("user-agent", "request-agent")
                    .withHeader("X-Multi", "1").withHeader("X-Multi", "2")).release();
            TestServer.Request r = server.requests.get(0);
            assertEquals(List.of("request-agent"), r.headers().getAll("User-Agent"));
            assertEquals("s", r.header("X-Session"));
            assertEquals("text/html", r.header("Accept"));
            assertEquals(List.of("1", "2"), r.headers().getAll("X-Multi"));
        }
    }

    @Test
    void aContentTypeHeaderOverridesTheBodysDefault() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.post(server.url("/"), RequestOptions.defaults().withBody("{}")
                    .withHeader("Content-Type", "application/json")).release();
            assertEquals(List.of("application/json"), server.requests.get(0).headers().getAll("Content-Type"));
        }
    }

    @Test
    void aContentLengthThatDisagreesWithTheBodyIsRefused() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> session.post(
                    server.url("/"), RequestOptions.defaults().withBody("abc").withHeader("Content-Length", "5")));
            assertTrue(e.getMessage().contains("leave Content-Length out"), e.getMessage());
            assertTrue(server.requests.isEmpty());
        }
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthorization() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.get("http://user:pass@127.0.0.1:" + server.port() + "/").release();
            assertEquals("Basic dXNlcjpwYXNz", server.requests.get(0).header("Authorization"));
            assertEquals("127.0.0.1:" + server.port(), server.requests.get(0).header("Host"));
        }
    }

    @Test
    void aChunkedResponseBodyIsReassembled() throws Exception {
        try (TestServer server = TestServer.answering(r -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n" + "1\r\n,\r\n" + "6\r\n world\r\n" + "0\r\nX-Trailer: yes\r\n\r\n");
             ClientSession session = new ClientSession()) {
            try (ClientResponse resp = session.get(server.url("/1"))) {
                assertEquals("hello, world", resp.text());
                assertEquals(ClientResponse.State.COMPLETE, resp.state());
            }
            try (ClientResponse resp = session.get(server.url("/2"))) {
                assertEquals("hello, world", resp.text(), "the trailer was consumed: the next response starts right");
            }
            assertEquals(1, server.connections());
        }
    }

    private static byte[] megabyte() {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 9));
        }
        return data;
    }

    @Test
    void aMegabyteBodyArrivesIntact() throws Exception {
        byte[] data = megabyte();
        try (TestServer server = TestServer.start(conn -> {
            while (conn.readRequest() != null) {
                conn.send(("HTTP/1.1 200 OK\r\nContent-Length: " + data.length + "\r\n\r\n").getBytes());
                conn.send(data);
            }
        }); ClientSession session = new ClientSession()) {
            try (ClientResponse resp = session.get(server.url("/whole"))) {
                assertArrayEquals(data, resp.read());
            }
            try (ClientResponse resp = session.get(server.url("/streamed"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                resp.content().transferTo(all);
                assertArrayEquals(data, all.toByteArray());
            }
            assertEquals(1, server.connections());
        }
    }

    @Test
    void aMegabyteChunkedBodyArrivesIntact() throws Exception {
        byte[] data = megabyte();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes());
            for (int off = 0; off < data.length; off += 100_000) {
                int n = Math.min(100_000, data.length - off);
                conn.send((Integer.toHexString(n) + "\r\n").getBytes());
                conn.send(java.util.Arrays.copyOfRange(data, off, off + n));
                conn.send("\r\n".getBytes());
            }
            conn.send("0\r\n\r\n".getBytes());
            conn.awaitClientClose();
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertArrayEquals(data, resp.read());
        }
    }

    @Test
    void aBodyDelimitedByTheConnectionsCloseIsReadToTheEnd() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\n\r\nuntil the end"); // and the handler's end closes
        });
             ClientSession session = new ClientSession()) {
            try (ClientResponse resp = session.get(server.url("/"))) {
                assertEquals("until the end", resp.text());
            }
            try (ClientResponse resp = session.get(server.url("/"))) {
                assertEquals("until the end", resp.text());
            }
            assertEquals(2, server.connections(), "a close-delimited body leaves nothing to reuse");
        }
    }

    @Test
    void aHeadResponseHasNoBodyEvenWithAContentLength() throws Exception {
        try (TestServer server = TestServer.answering(r -> r.method().equals("HEAD")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" : ok("after"));
             ClientSession session = new ClientSession()) {
            ClientResponse head = session.head(server.url("/"));
            assertEquals(ClientResponse.State.COMPLETE, head.state(), "no body: complete at once");
            assertEquals("1000", head.headers().get("Content-Length"));
            assertArrayEquals(new byte[0], head.read());
            try (ClientResponse next = session.get(server.url("/"))) {
                assertEquals("after", next.text());
            }
            assertEquals(1, server.connections());
        }
    }

    @Test
    void a204AndA304HaveNoBodyAndKeepTheConnection() throws Exception {
        try (TestServer server = TestServer.answering(r -> switch (r.target()) {
            case "/204" -> "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n";
            case "/304" -> "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n";
            default -> ok("last");
        }); ClientSession session = new ClientSession()) {
            ClientResponse r204 = session.get(server.url("/204"));
            ClientResponse r304 = session.get(server.url("/304"));
            assertEquals(204, r204.status());
            assertEquals(304, r304.status());
            assertEquals("", r204.text());
            assertEquals("", r304.text());
            try (ClientResponse last = session.get(server.url("/last"))) {
                assertEquals("last", last.text());
            }
            assertEquals(1, server.connections());
        }
    }

    @Test
    void interimResponsesBeforeTheFinalOneAreSkipped() throws Exception {
        try (TestServer server = TestServer.answering(r -> "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n" + ok("final"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertEquals(200, resp.status());
            assertEquals("final", resp.text());
        }
    }

    @Test
    void textDecodesWithTheCharsetOfContentType() throws Exception {
        byte[] latin1 = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=\"ISO-8859-1\"\r\nContent-Length: 4\r\n\r\ncaf\u00e9"
                .getBytes(StandardCharsets.ISO_8859_1);
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(latin1);
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertEquals("ISO-8859-1", resp.charset());
            assertEquals("text/plain", resp.contentType());
            assertEquals("caf\u00e9", resp.text());
            // an explicit charset wins, strictly: aiohttp 3.8.4's await resp.text("utf-8") of b"caf\xe9" raises
            // UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 3: unexpected end of data
            ClientPayloadException e = assertThrows(ClientPayloadException.class, () -> resp.text(StandardCharsets.UTF_8));
            assertTrue(e.getMessage().contains("is not valid UTF-8: byte 0xe9 at offset 3"), e.getMessage());
            assertEquals("caf\ufffd", new String(resp.read(), StandardCharsets.UTF_8), "errors=\"replace\" by hand");
        }
    }

    @Test
    void textDefaultsToUtf8() throws Exception {
        try (TestServer server = TestServer.answering(r -> response(200, "OK", "\u00fcber \u2603",
                "Content-Type: text/plain"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertNull(resp.charset());
            assertEquals("\u00fcber \u2603", resp.text());
        }
    }

    @Test
    void readChunkStreamsTheBodyInPiecesThenGivesAnEmptyArray() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("0123456789"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                byte[] piece = resp.readChunk(3);
                assertTrue(piece.length <= 3);
                if (piece.length == 0) {
                    break;
                }
                all.writeBytes(piece);
            }
            assertEquals("0123456789", all.toString(StandardCharsets.UTF_8));
            assertEquals(ClientResponse.State.COMPLETE, resp.state());
        }
    }

    @Test
    void contentIsAnInputStreamOverTheBody() throws Exception {
        try (TestServer server = TestServer.answering(r -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n");
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"));
             InputStream in = resp.content()) {
            assertEquals('a', in.read());
            assertEquals("bcdef", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void readGivesTheSameBodyAgain() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("once"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            byte[] first = resp.read();
            assertSame(first, resp.read());
            assertEquals("once", resp.text());
        }
    }

    @Test
    void raiseForStatusThrowsForA404WithItsStatusAndUrl() throws Exception {
        try (TestServer server = TestServer.answering(r -> response(404, "Not Found", "no such page"));
             ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/missing"));
            assertFalse(resp.ok());
            ClientResponseException e = assertThrows(ClientResponseException.class, resp::raiseForStatus);
            assertEquals(404, e.status());
            assertEquals("Not Found", e.reason());
            assertEquals(server.url("/missing"), e.url().toString());
            assertTrue(e.getMessage().contains("404 Not Found"), e.getMessage());
            assertTrue(e.getMessage().contains(server.url("/missing")), e.getMessage());
            assertTrue(resp.state() != ClientResponse.State.OPEN, "raiseForStatus releases the response");
        }
    }

    @Test
    void raiseForStatusDoesNothingBelow400() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("fine"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            resp.raiseForStatus();
            assertEquals("fine", resp.text());
        }
    }

    @Test
    void toStringShowsTheUrlTheStatusAndTheState() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("x"));
             ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/page"));
            assertEquals("<ClientResponse(" + server.url("/page") + ") [200 OK] OPEN>", resp.toString());
            resp.read();
            assertEquals("<ClientResponse(" + server.url("/page") + ") [200 OK] COMPLETE>", resp.toString());
            assertTrue(session.toString().startsWith("<ClientSession OPEN"), session.toString());
        }
    }

    @Test
    void readingAResponseReleasedBeforeItsBodyIsRefused() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("unread"));
             ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/"));
            resp.release();
            assertEquals(ClientResponse.State.RELEASED, resp.state());
            IllegalStateException e = assertThrows(IllegalStateException.class, resp::read);
            assertTrue(e.getMessage().contains("released before its body was read"), e.getMessage());
        }
    }

    @Test
    void aClosedSessionRefusesRequests() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""))) {
            ClientSession session = new ClientSession();
            session.get(server.url("/")).release();
            session.close();
            assertTrue(session.isClosed());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.get(server.url("/")));
            assertTrue(e.getMessage().startsWith("ClientSession.request(): the session is closed"), e.getMessage());
            assertTrue(e.getMessage().contains("create a new ClientSession"), e.getMessage());
            session.close(); // idempotent
        }
    }
}
