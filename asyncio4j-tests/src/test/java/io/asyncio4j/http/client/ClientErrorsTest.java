package io.asyncio4j.http.client;

import io.asyncio4j.http.IncompleteBodyException;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;

import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the client raises when the URL, the network or the server's bytes are wrong. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientErrorsTest {

    @Test
    void aBodyCutShortRaisesClientPayloadExceptionWithTheCounts() throws Exception {
        // aiohttp: ClientPayloadError("Response payload is not completed"), a ClientError
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            ClientPayloadException p = assertThrows(ClientPayloadException.class, resp::read);
            assertTrue(p.getMessage().startsWith("Response payload is not completed"), p.getMessage());
            IncompleteBodyException e = assertInstanceOf(IncompleteBodyException.class, p.getCause());
            assertEquals(10, e.received());
            assertEquals(100, e.expected());
            assertEquals(ClientResponse.State.FAILED, resp.state());
            ClientPayloadException again = assertThrows(ClientPayloadException.class, resp::read);
            assertTrue(again.getMessage().contains("failed earlier"), again.getMessage());
        }
    }

    @Test
    void aChunkedBodyWithoutItsLastChunkRaisesClientPayloadException() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            IncompleteBodyException e = assertInstanceOf(IncompleteBodyException.class,
                    assertThrows(ClientPayloadException.class, resp::read).getCause());
            assertEquals(5, e.received());
            assertEquals(-1, e.expected());
        }
    }

    @Test
    void aServerClosingBeforeTheHeadRaisesServerDisconnected() throws Exception {
        try (TestServer server = TestServer.start(conn -> conn.readRequest());
             ClientSession session = new ClientSession()) {
            ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class,
                    () -> session.get(server.url("/")));
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertEquals(1, server.connections(), "a fresh connection is not retried");
        }
    }

    @Test
    void aServerClosingInTheMiddleOfTheHeadRaisesServerDisconnected() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Le");
        }); ClientSession session = new ClientSession()) {
            ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class,
                    () -> session.get(server.url("/")));
            assertTrue(e.getMessage().contains("27 bytes"), e.getMessage());
        }
    }

    @Test
    void aGarbageStatusLineRaisesAClientExceptionCausedByAParseError() throws Exception {
        try (TestServer server = TestServer.answering(r -> "HELLO THERE\r\n\r\n");
             ClientSession session = new ClientSession()) {
            ClientException e = assertThrows(ClientException.class, () -> session.get(server.url("/")));
            HttpParseException cause = assertInstanceOf(HttpParseException.class, e.getCause());
            assertTrue(cause.getMessage().contains("HELLO"), cause.getMessage());
            assertTrue(e.getMessage().startsWith("Malformed HTTP response from http://127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void aResponseFieldValueOver8190BytesRaisesAClientExceptionWithAiohttpsText() throws Exception {
        // aiohttp 3.8.4's client, a raw server answering "X-A: " + 8191 bytes:
        //   ClientResponseError(..., status=400,
        //       message='Got more than 8190 bytes (8191) when reading Header value is too long.')
        try (TestServer server = TestServer.answering(r -> "HTTP/1.1 200 OK\r\nX-A: " + "b".repeat(8191)
                + "\r\nContent-Length: 2\r\n\r\nok");
             ClientSession session = new ClientSession()) {
            ClientException e = assertThrows(ClientException.class, () -> session.get(server.url("/")));
            HttpParseException cause = assertInstanceOf(HttpParseException.class, e.getCause());
            assertEquals("Got more than 8190 bytes (8191) when reading Header value is too long.", cause.getMessage());
        }
    }

    @Test
    void aChunkedResponseWithBareLineFeedsRaisesClientPayloadException() throws Exception {
        // aiohttp 3.8.4's client, a raw server answering chunked "5\nhello\n0\n\n":
        //   ClientResponseError(..., status=400, message='Invalid character in chunk size')
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\n0\n\n");
        }); ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            ClientPayloadException p = assertThrows(ClientPayloadException.class, resp::read);
            assertTrue(p.getMessage().contains("a chunk size line must end in CRLF"), p.getMessage());
        }
    }

    @Test
    void somethingElseThanHttpCutShortIsMalformedNotADisconnect() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("SSH-2.0-OpenSSH_9.6\r\n");
        }); ClientSession session = new ClientSession()) {
            ClientException e = assertThrows(ClientException.class, () -> session.get(server.url("/")));
            assertInstanceOf(HttpParseException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("SSH-2.0"), e.getCause().getMessage());
        }
    }

    @Test
    void aBadContentLengthRaisesAClientExceptionCausedByAParseError() throws Exception {
        try (TestServer server = TestServer.answering(r -> "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n");
             ClientSession session = new ClientSession()) {
            ClientException e = assertThrows(ClientException.class, () -> session.get(server.url("/")));
            assertInstanceOf(HttpParseException.class, e.getCause());
        }
    }

    @Test
    void aMalformedChunkSizeRaisesAClientPayloadException() throws Exception {
        try (TestServer server = TestServer.answering(r ->
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            ClientPayloadException e = assertThrows(ClientPayloadException.class, resp::read);
            assertInstanceOf(HttpParseException.class, e.getCause());
            assertEquals(ClientResponse.State.FAILED, resp.state());
        }
    }

    @Test
    void aBodyLargerThanTheReadLimitRaisesAClientPayloadException() throws Exception {
        try (TestServer server = TestServer.answering(r -> r.target().equals("/length") ? ok("0123456789")
                : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\n\r\n");
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withReadLimit(5))) {
            for (String path : new String[] {"/length", "/chunked"}) {
                try (ClientResponse resp = session.get(server.url(path))) {
                    ClientPayloadException e = assertThrows(ClientPayloadException.class, resp::read);
                    assertTrue(e.getMessage().contains("read limit of 5 bytes"), e.getMessage());
                }
            }
            try (ClientResponse resp = session.get(server.url("/length"))) {
                assertEquals("0123456789", new String(resp.content().readAllBytes()), "streaming has no limit");
            }
        }
    }

    @Test
    void aRefusedConnectionRaisesClientConnectorException() throws Exception {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        try (ClientSession session = new ClientSession()) {
            int p = port;
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://127.0.0.1:" + p + "/"));
            assertEquals("127.0.0.1", e.host());
            assertEquals(port, e.port());
            assertInstanceOf(ConnectException.class, e.getCause());
            assertTrue(e.getMessage().startsWith("Cannot connect to host 127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void anUnknownHostRaisesClientConnectorException() throws Exception {
        try (ClientSession session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://no-such-host.invalid/"));
            assertEquals("no-such-host.invalid", e.host());
            assertEquals(80, e.port());
            assertInstanceOf(UnknownHostException.class, e.getCause());
            assertTrue(e.getMessage().contains("check the host name"), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://example.com/file     | the scheme \"ftp\" is not supported",
        "example.com/page           | it has no scheme",
        "/relative/path             | it has no scheme",
        "http:///no-host            | it has no host",
        "http:opaque                | it has no host",
        "http://exa mple.com/       | Illegal character",
        "http://example.com:99999/  | out of range",
        "http://bad_host.com/       | is not a valid host",
    })
    void aUrlThatCannotBeFetchedRaisesInvalidUrlException(String url, String problem) throws Exception {
        try (ClientSession session = new ClientSession()) {
            InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> session.get(url));
            assertEquals(url, e.url());
            assertTrue(e.getMessage().startsWith("Invalid URL \"" + url + "\": "), e.getMessage());
            assertTrue(e.getMessage().contains(problem), e.getMessage());
        }
    }
}
