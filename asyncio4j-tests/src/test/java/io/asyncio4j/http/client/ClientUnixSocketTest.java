package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.HttpException;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.UnixSite;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.Server;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session on a Unix-domain socket (aiohttp's {@code UnixConnector(path)}): every connection goes
 * to the socket, the URL's host still names the server. Against {@code web.UnixSite} and a raw
 * stream server on the socket; what aiohttp 3.8.4 does (the Host field, cookies, redirects,
 * pooling by host, an https URL in plain text, its error) was checked with it against a UnixSite.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientUnixSocketTest {
    private Path dir;
    private Path socket;

    @BeforeEach
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("aio-cu"); // short: a socket path must be
        socket = dir.resolve("s.sock");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private ClientSession onSocket() {
        return new ClientSession(ClientSessionOptions.defaults().withUnixSocket(socket));
    }

    /** /who tells what the request said of itself and sets cookie c=1; /redir redirects to another host. */
    private AppRunner site() throws Exception {
        AppRunner runner = new AppRunner(new Application().addRoutes(
                get("/who", r -> Response.text("host=" + r.host() + " url=" + r.url() + " cookie="
                        + r.headers().get("Cookie")).setCookie("c", "1")),
                get("/redir", r -> {
                    throw HttpException.redirect(302, "http://other.example:8080/who");
                }),
                get("/ws", r -> {
                    WebSocketResponse ws = new WebSocketResponse();
                    ws.prepare(r);
                    ws.sendStr("echo " + ws.receiveStr());
                    return ws;
                })));
        runner.setup();
        new UnixSite(runner, socket).start();
        return runner;
    }

    private static String text(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    /** A raw server on the socket answering every request with its Host field; counts its connections. */
    private final class RawServer implements AutoCloseable {
        final List<String> seen = new ArrayList<>();
        int connections;
        final Server server;

        RawServer() throws IOException {
            server = Asyncio.startUnixServer((r, w) -> {
                connections++;
                try {
                    while (true) {
                        byte[] raw;
                        try {
                            raw = r.readuntil("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        } catch (IncompleteReadException e) {
                            return;
                        }
                        String first = new String(raw, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                        RequestHead head = HeadParser.parseRequest(raw);
                        seen.add(first);
                        String body = head.headers().get("Host");
                        w.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                                .getBytes(StandardCharsets.ISO_8859_1));
                        w.drain();
                    }
                } finally {
                    w.close();
                }
            }, socket);
        }

        @Override
        public void close() {
            server.close();
            server.waitClosed();
        }
    }

    @Test
    void aRequestGoesToTheSocketWithTheUrlsHostInTheHostField() throws Exception {
        try (AppRunner runner = site(); ClientSession session = onSocket()) {
            // aiohttp 3.8.4: host=example.com url=http://example.com/who
            assertEquals("host=example.com url=http://example.com/who cookie=null",
                    text(session, "http://example.com/who"));
        }
    }

    @Test
    void aPortOtherThanTheSchemesIsInTheHostField() throws Exception {
        try (AppRunner runner = site(); ClientSession session = onSocket()) {
            assertTrue(text(session, "http://example.com:81/who").startsWith("host=example.com:81 "));
        }
    }

    @Test
    void cookiesBelongToTheUrlsHost() throws Exception {
        try (AppRunner runner = site(); ClientSession session = onSocket()) {
            text(session, "http://example.com/who");
            assertTrue(text(session, "http://example.com/who").endsWith(" cookie=c=1"));
            assertEquals("1", session.cookieJar().filterCookies(URI.create("http://example.com/")).get("c").value());
            assertTrue(session.cookieJar().filterCookies(URI.create("http://other.example/")).isEmpty());
        }
    }

    @Test
    void aRedirectToAnotherHostStaysOnTheSocket() throws Exception {
        try (AppRunner runner = site(); ClientSession session = onSocket();
             ClientResponse r = session.get("http://example.com/redir")) {
            // aiohttp 3.8.4: 200 http://other.example:8080/who host=other.example:8080 ... cookie=None
            assertEquals(URI.create("http://other.example:8080/who"), r.url());
            assertEquals("host=other.example:8080 url=http://other.example:8080/who cookie=null", r.text());
        }
    }

    @Test
    void connectionsArePooledByTheUrlsHostAndPortAllToTheOneSocket() throws Exception {
        try (RawServer server = new RawServer(); ClientSession session = onSocket()) {
            assertEquals("example.com", text(session, "http://example.com/a"));
            assertEquals("example.com", text(session, "http://example.com/b"));
            assertEquals(1, server.connections, "kept alive and reused");
            assertEquals("example.com:81", text(session, "http://example.com:81/"));
            assertEquals("other.example", text(session, "http://other.example/"));
            assertEquals(3, server.connections, "one per scheme, host and port, as aiohttp's connection key");
        }
    }

    @Test
    void anHttpsUrlIsSentInPlainTextOverTheSocketAsAiohttpDoes() throws Exception {
        try (RawServer server = new RawServer(); ClientSession session = onSocket()) {
            assertEquals("example.com", text(session, "https://example.com/secure"));
            assertEquals(List.of("GET /secure HTTP/1.1"), server.seen);
        }
    }

    @Test
    void aMissingSocketRaisesUnixClientConnectorExceptionNamingThePath() throws Exception {
        try (ClientSession session = onSocket()) {
            UnixClientConnectorException e = assertThrows(UnixClientConnectorException.class,
                    () -> session.get("http://example.com/"));
            assertEquals(socket, e.path());
            assertEquals("example.com", e.host());
            assertEquals(80, e.port());
            assertFalse(e.ssl());
            // aiohttp 3.8.4: "Cannot connect to unix socket /tmp/.../s.sock ssl:default [No such file or directory]"
            assertTrue(e.getMessage().startsWith("Cannot connect to unix socket " + socket + " ssl:default "
                    + "[No such file or directory]; "), e.getMessage());
            assertInstanceOf(ClientConnectorException.class, e);
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }

    @Test
    void aRequestsProxyIsRefusedOnAUnixSocket() throws Exception {
        try (RawServer server = new RawServer(); ClientSession session = onSocket()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> session.get(
                    "http://example.com/", RequestOptions.defaults().withProxy("http://u:secret@proxy.example:3128")));
            assertEquals("ClientSession.request(): a proxy (http://proxy.example:3128) in a session on the Unix "
                    + "socket " + socket + ", where every request goes; leave the proxy out", e.getMessage());
            assertEquals(0, server.connections);
        }
    }

    @Test
    void aSessionProxyAndAUnixSocketAreRefusedTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientSessionOptions.defaults()
                .withUnixSocket(socket).withProxy("http://proxy.example:3128"));
        assertTrue(e.getMessage().contains("a proxy (http://proxy.example:3128) and a Unix socket"), e.getMessage());
    }

    @Test
    void theEnvironmentsProxiesAreNotLookedUpForAUnixSocket() throws Exception {
        try (RawServer server = new RawServer(); ClientSession session = new ClientSession(ClientSessionOptions
                .defaults().withUnixSocket(socket).withTrustEnv(Map.of("HTTP_PROXY", "http://proxy.example:3128")))) {
            assertEquals("example.com", text(session, "http://example.com/"));
            assertEquals(List.of("GET / HTTP/1.1"), server.seen, "origin form, to the socket");
        }
    }

    @Test
    void aWebSocketOpensOverTheSocket() throws Exception {
        try (AppRunner runner = site(); ClientSession session = onSocket();
             ClientWebSocketResponse ws = session.wsConnect("ws://example.com/ws")) {
            ws.sendStr("hi");
            assertEquals("echo hi", ws.receiveStr());
        }
    }

    @Test
    void aUnixConnectionIsTracedWithoutALookup() throws Exception {
        List<String> log = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onConnectionCreateStart().append((s, c, p) -> log.add("connection_create_start"));
        tc.onConnectionCreateEnd().append((s, c, p) -> log.add("connection_create_end"));
        tc.onDnsResolvehostStart().append((s, c, p) -> log.add("dns_resolvehost_start"));
        tc.onConnectionReuseconn().append((s, c, p) -> log.add("connection_reuseconn"));
        try (RawServer server = new RawServer(); ClientSession session = new ClientSession(ClientSessionOptions
                .defaults().withUnixSocket(socket).withTraceConfigs(List.of(tc)))) {
            text(session, "http://example.com/");
            text(session, "http://example.com/");
        }
        assertEquals(List.of("connection_create_start", "connection_create_end", "connection_reuseconn"), log);
    }

    @Test
    void theOptionsKeepTheSocketsPath() {
        ClientSessionOptions o = ClientSessionOptions.defaults().withUnixSocket(socket);
        assertEquals(socket, o.unixSocket());
        assertNull(ClientSessionOptions.defaults().unixSocket());
        assertNull(o.withUnixSocket(null).unixSocket());
    }
}
