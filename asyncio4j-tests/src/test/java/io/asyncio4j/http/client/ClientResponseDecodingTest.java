package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * text(), json() and url() of a response as aiohttp 3.8.4 gives them: strict decoding in a named
 * charset, JSON of an empty body, the URL without its fragment and the real URL with it. Each
 * expectation was printed by aiohttp 3.8.4 against an aiohttp server (/tmp probe, 2026-11-23).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientResponseDecodingTest {

    /** A server answering every request with {@code head} then {@code body}, bytes as they are. */
    private static TestServer answering(String head, byte[] body) throws Exception {
        byte[] h = (head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return TestServer.start(conn -> {
            while (conn.readRequest() != null) {
                conn.send(all);
            }
        });
    }

    @Test
    void textOfABodyNotInTheNamedCharsetRaisesWhereTheBadByteIs() throws Exception {
        try (TestServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n",
                new byte[] {'a', 'b', (byte) 0xff});
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            // aiohttp: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte
            ClientPayloadException e = assertThrows(ClientPayloadException.class, resp::text);
            assertTrue(e.getMessage().contains("is not valid UTF-8: byte 0xff at offset 2"), e.getMessage());
            assertEquals(3, resp.read().length, "the bytes are still there");
        }
    }

    @Test
    void aReplacementCharacterSentAsSuchIsText() throws Exception {
        try (TestServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n",
                "a\ufffdb".getBytes(StandardCharsets.UTF_8));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertEquals("a\ufffdb", resp.text()); // valid UTF-8: aiohttp gives 'a\ufffdb'
        }
    }

    @Test
    void textWithoutACharsetDecodesUtf8LenientlyWhereAiohttpGuesses() throws Exception {
        try (TestServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n",
                "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            // aiohttp guesses with chardet ('café au lait', windows-1250) and so never raises; no guessing here
            assertEquals("caf\ufffd au lait", resp.text());
        }
    }

    @Test
    void jsonOfAnEmptyBodyIsNull() throws Exception {
        try (TestServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", new byte[0]);
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            assertNull(resp.json()); // aiohttp: None
        }
    }

    @Test
    void urlDropsTheFragmentAndRealUrlKeepsIt() throws Exception {
        try (TestServer server = TestServer.answering(r -> TestServer.ok("x"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/echo#x"))) {
            // aiohttp: url http://127.0.0.1:PORT/echo, real_url http://127.0.0.1:PORT/echo#x
            assertEquals(server.url("/echo"), resp.url().toString());
            assertEquals(server.url("/echo#x"), resp.realUrl().toString());
        }
    }

    @Test
    void aRedirectsFragmentIsInRealUrlOnly() throws Exception {
        try (TestServer server = TestServer.answering(r -> r.target().equals("/rfrag")
                ? response(302, "Found", "", "Location: /echo#frag") : TestServer.ok("x"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/rfrag"))) {
            // aiohttp: frag http://h/echo http://h/echo#frag ['http://h/rfrag']
            assertEquals(server.url("/echo"), resp.url().toString());
            assertEquals(server.url("/echo#frag"), resp.realUrl().toString());
            assertEquals(server.url("/rfrag"), resp.history().get(0).url().toString());
        }
    }

    @Test
    void aBodyThatArrivedIsReadableAfterTheSessionClosed() throws Exception {
        try (TestServer server = TestServer.answering(r -> TestServer.ok("body"))) {
            ClientSession session = new ClientSession();
            ClientResponse resp = session.get(server.url("/"));
            io.asyncio4j.Asyncio.sleep(0.05); // the body is in, still unread
            session.close();
            assertEquals("body", resp.text()); // aiohttp: unread after close: b'body'
        }
    }

    @Test
    void aBodyReadBeforeTheSessionClosedIsStillThere() throws Exception {
        try (TestServer server = TestServer.answering(r -> TestServer.ok("body"))) {
            ClientSession session = new ClientSession();
            ClientResponse resp = session.get(server.url("/"));
            resp.read();
            session.close();
            assertEquals("body", resp.text()); // aiohttp: read after close: b'body'
        }
    }
}
