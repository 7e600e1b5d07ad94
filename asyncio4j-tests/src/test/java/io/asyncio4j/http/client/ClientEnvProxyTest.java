package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.net.TestNames;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proxies from the environment (aiohttp's {@code trust_env=True}, with an environment given as a
 * map), the session's own proxy (aiohttp 3.10's {@code ClientSession(proxy=, proxy_auth=)}), how
 * they and a request's proxy take precedence, and WebSockets through a proxy. Against
 * {@link TestProxy} on loopback; aiohttp 3.8.4 was run against a recording proxy for the
 * precedence (a request's proxy wins over the environment and its NO_PROXY; the environment's
 * credentials go to its proxy) and for WebSockets (wss in a CONNECT tunnel; ws asked of the proxy
 * as {@code GET ws://...}, where we tunnel as RFC 6455 asks). On the virtual clock; the autojump
 * threshold lets loopback bytes arrive before a pending timer is jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientEnvProxyTest {
    static SSLContext serverCtx;
    static SSLContext clientCtx;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        serverCtx = TestCerts.server();
        clientCtx = TestCerts.client();
    }

    private static ClientSession trustingEnv(Map<String, String> env) {
        return new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx).withTrustEnv(env));
    }

    private static TestServer hello() throws Exception {
        return TestServer.answering(r -> ok("hi " + r.target()));
    }

    private static String text(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    // ---- the environment ------------------------------------------------------------------------------

    @Test
    void withoutTrustEnvTheEnvironmentsProxyIsNotUsed() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = new ClientSession()) {
            assertEquals("hi /", text(session, server.url("/")));
            assertEquals(0, proxy.connections());
            assertTrue(!session.sessionOptions().trustEnv());
        }
    }

    @Test
    void aPlainRequestGoesThroughTheEnvironmentsHttpProxy() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = trustingEnv(Map.of("HTTP_PROXY", proxy.url()))) {
            assertEquals("hi /x", text(session, server.url("/x")));
            assertEquals(server.url("/x"), proxy.seen.get(0).target());
        }
    }

    @Test
    void anHttpsRequestGoesThroughTheEnvironmentsHttpsProxyInATunnel() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TestServer server = TestServer.answering(r -> ok("secret"), ServerOptions.defaults().withSsl(serverCtx));
             ClientSession session = trustingEnv(Map.of("HTTPS_PROXY", proxy.url(), "HTTP_PROXY", "http://nowhere:1"))) {
            assertEquals("secret", text(session, "https://localhost:" + server.port() + "/"));
            assertEquals("CONNECT", proxy.seen.get(0).method());
            assertEquals("localhost:" + server.port(), proxy.seen.get(0).target());
        }
    }

    @Test
    void aHostNoProxyNamesGoesDirect() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = trustingEnv(Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "127.0.0.1"))) {
            assertEquals("hi /", text(session, server.url("/")));
            assertEquals(0, proxy.connections());
        }
    }

    @Test
    void theEnvironmentsCredentialsGoToItsProxy() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = trustingEnv(Map.of("http_proxy", "http://u:p@127.0.0.1:" + proxy.port()))) {
            text(session, server.url("/"));
            assertEquals("Basic dTpw", proxy.seen.get(0).header("Proxy-Authorization"));
            assertNull(server.requests.get(0).header("Proxy-Authorization"), "dropped by the proxy, never sent on");
        }
    }

    @Test
    void aRedirectIsRoutedForItsOwnUrlSoANoProxyHostGoesDirect() throws Exception {
        String name = "env-direct.asyncio4j.test";
        TestNames.define(name, InetAddress.ofLiteral("127.0.0.1"));
        try (TestProxy proxy = TestProxy.start();
             TestServer server = TestServer.answering(r -> r.target().equals("/a")
                     ? TestServer.response(302, "Found", "", "Location: http://" + name + ":" + r.header("Host")
                     .substring(r.header("Host").indexOf(':') + 1) + "/b") : ok("at " + r.target()));
             ClientSession session = trustingEnv(Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", name))) {
            // aiohttp 3.8.4 keeps the first hop's proxy for the redirects: it would ask the proxy for /b too
            assertEquals("at /b", text(session, server.url("/a")));
            assertEquals(List.of(server.url("/a")), proxy.seen.stream().map(TestProxy.Seen::target).toList());
        } finally {
            TestNames.forget(name);
        }
    }

    @Test
    void aWsUrlTakesWsProxyAndNotHttpProxy() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestProxy other = TestProxy.start(); EchoSite site = new EchoSite(null);
             ClientSession session = trustingEnv(Map.of("WS_PROXY", proxy.url(), "HTTP_PROXY", other.url()));
             ClientWebSocketResponse ws = session.wsConnect(site.url("ws"))) {
            ws.sendStr("hi");
            assertEquals("echo hi", ws.receiveStr());
            assertEquals("CONNECT", proxy.seen.get(0).method());
            assertEquals(0, other.connections());
        }
    }

    @Test
    void aWsUrlWithoutWsProxyGoesDirectEvenWithHttpProxy() throws Exception {
        try (TestProxy other = TestProxy.start(); EchoSite site = new EchoSite(null);
             ClientSession session = trustingEnv(Map.of("HTTP_PROXY", other.url()));
             ClientWebSocketResponse ws = session.wsConnect(site.url("ws"))) {
            ws.sendStr("hi");
            assertEquals("echo hi", ws.receiveStr());
            assertEquals(0, other.connections());
        }
    }

    // ---- netrc credentials for the environment's proxy (aiohttp 3.8.4: the proxy's host only) ------

    @TempDir
    Path dir;

    /** The environment naming {@code proxy} for http and a netrc file of {@code netrc}. */
    private Map<String, String> withNetrc(TestProxy proxy, String netrc) throws IOException {
        Path f = Files.writeString(dir.resolve("netrc"), netrc);
        return Map.of("HTTP_PROXY", proxy.url(), "NETRC", f.toString());
    }

    @Test
    void theNetrcEntryForTheProxysHostGivesItsCredentials() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = trustingEnv(withNetrc(proxy, "machine 127.0.0.1 login u password p\n"))) {
            assertEquals("hi /", text(session, server.url("/")));
            assertEquals("Basic dTpw", proxy.seen.get(0).header("Proxy-Authorization"));
        }
    }

    @Test
    void theRequestsOwnHostTakesNoCredentialsFromNetrc() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = trustingEnv(withNetrc(proxy, "default login u password p\n"))) {
            text(session, server.url("/"));
            assertEquals("Basic dTpw", proxy.seen.get(0).header("Proxy-Authorization"));
            assertNull(server.requests.get(0).header("Authorization"), "aiohttp 3.9 would send it; 3.8.4 does not");
        }
    }

    @Test
    void aMalformedNetrcLeavesTheProxyInUseWithoutCredentials() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = trustingEnv(withNetrc(proxy, "machine 127.0.0.1 login u bogus p\n"))) {
            assertEquals("hi /", text(session, server.url("/")));
            assertEquals(1, proxy.seen.size());
            assertNull(proxy.seen.get(0).header("Proxy-Authorization"));
        }
    }

    // ---- the session's proxy ------------------------------------------------------------------------

    @Test
    void theSessionsProxyServesEveryRequestThatGivesNone() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withProxy(proxy.url()))) {
            text(session, server.url("/1"));
            text(session, server.url("/2"));
            assertEquals(List.of(server.url("/1"), server.url("/2")),
                    proxy.seen.stream().map(TestProxy.Seen::target).toList());
        }
    }

    @Test
    void theSessionsProxyWinsOverTheEnvironmentAndItsNoProxy() throws Exception {
        try (TestProxy mine = TestProxy.start(); TestProxy env = TestProxy.start(); TestServer server = hello();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withProxy(mine.url())
                     .withTrustEnv(Map.of("HTTP_PROXY", env.url(), "NO_PROXY", "127.0.0.1")))) {
            text(session, server.url("/"));
            assertEquals(1, mine.connections());
            assertEquals(0, env.connections());
        }
    }

    @Test
    void aRequestsProxyWinsOverTheSessionsAndTheEnvironments() throws Exception {
        try (TestProxy mine = TestProxy.start(); TestProxy sessions = TestProxy.start(); TestProxy env = TestProxy.start();
             TestServer server = hello();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withProxy(sessions.url())
                     .withTrustEnv(Map.of("HTTP_PROXY", env.url())));
             ClientResponse r = session.get(server.url("/"), RequestOptions.defaults().withProxy(mine.url()))) {
            r.read();
            assertEquals(1, mine.connections());
            assertEquals(0, sessions.connections());
            assertEquals(0, env.connections());
        }
    }

    @Test
    void theSessionsProxyAuthGoesToTheSessionsProxy() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withProxy(proxy.url())
                     .withProxyAuth(BasicAuth.of("u", "p")))) {
            text(session, server.url("/"));
            assertEquals("Basic dTpw", proxy.seen.get(0).header("Proxy-Authorization"));
        }
    }

    @Test
    void aRequestsProxyAuthAndFieldsGoToTheSessionsProxy() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = hello();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withProxy(proxy.url())
                     .withProxyAuth(BasicAuth.of("u", "p")));
             ClientResponse r = session.get(server.url("/"), RequestOptions.defaults()
                     .withProxyAuth(BasicAuth.of("bob", "2")).withProxyHeaders(Headers.of("X-Proxy", "1")))) {
            r.read();
            assertEquals("Basic Ym9iOjI=", proxy.seen.get(0).header("Proxy-Authorization"));
            assertEquals("1", proxy.seen.get(0).header("X-Proxy"));
        }
    }

    @Test
    void theSessionsProxyAuthIsNotGivenToARequestsOwnProxy() throws Exception {
        try (TestProxy sessions = TestProxy.start(); TestProxy mine = TestProxy.start(); TestServer server = hello();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withProxy(sessions.url())
                     .withProxyAuth(BasicAuth.of("u", "p")));
             ClientResponse r = session.get(server.url("/"), RequestOptions.defaults().withProxy(mine.url()))) {
            r.read();
            assertNull(mine.seen.get(0).header("Proxy-Authorization"));
        }
    }

    @Test
    void sessionProxyCredentialsWithoutASessionProxyAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientSession(
                ClientSessionOptions.defaults().withProxyAuth(BasicAuth.of("u", "p"))));
        assertEquals("ClientSession(): the options have proxy credentials (withProxyAuth) but no proxy; give its URL "
                + "with ClientSessionOptions.withProxy, or leave them out", e.getMessage());
    }

    @Test
    void anUnsupportedSessionProxyIsRefusedWhenTheOptionsAreMade() {
        InvalidUrlException e = assertThrows(InvalidUrlException.class,
                () -> ClientSessionOptions.defaults().withProxy("socks5://127.0.0.1:1080"));
        assertTrue(e.getMessage().contains("is not supported: only HTTP proxies are"), e.getMessage());
    }

    @Test
    void theOptionsNeverShowTheEnvironmentOrTheProxysCredentials() {
        String shown = ClientSessionOptions.defaults().withProxy("http://u:secret@proxy.example:3128")
                .withTrustEnv(Map.of("API_TOKEN", "hush", "HTTP_PROXY", "http://v:hush@p:1")).toString();
        assertTrue(shown.contains("proxy=http://proxy.example:3128, "), shown);
        assertTrue(shown.contains("environment=<2 variables>"), shown);
        assertTrue(!shown.contains("secret") && !shown.contains("hush"), shown);
    }

    // ---- WebSockets through a proxy --------------------------------------------------------------------

    /** A WebSocket echo at /ws, over TLS with {@code ssl} (null: plain); close() is the runner's cleanup. */
    private static final class EchoSite implements AutoCloseable {
        final AppRunner runner;
        final TcpSite site;
        final boolean tls;

        EchoSite(SSLContext ssl) throws Exception {
            runner = new AppRunner(new Application().addRoutes(get("/ws", r -> {
                WebSocketResponse ws = new WebSocketResponse();
                ws.prepare(r);
                ws.sendStr("echo " + ws.receiveStr());
                return ws;
            })), AppRunner.DEFAULT_SHUTDOWN_TIMEOUT, Duration.ZERO);
            runner.setup();
            tls = ssl != null;
            site = new TcpSite(runner, "127.0.0.1", 0,
                    tls ? ServerOptions.defaults().withSsl(ssl) : ServerOptions.defaults());
            site.start();
        }

        /** {@code scheme://host:port/ws}, localhost for TLS (the certificate's name). */
        String url(String scheme) {
            return scheme + "://" + (tls ? "localhost" : "127.0.0.1") + ":" + site.port() + "/ws";
        }

        @Override
        public void close() throws Exception {
            runner.cleanup();
        }
    }

    @Test
    void aPlainWebSocketGoesThroughAConnectTunnelAsRfc6455Asks() throws Exception {
        try (TestProxy proxy = TestProxy.start(); EchoSite site = new EchoSite(null);
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(site.url("ws"), WebSocketOptions.defaults(),
                     RequestOptions.defaults().withProxy(proxy.url()))) {
            ws.sendStr("through");
            assertEquals("echo through", ws.receiveStr());
            // aiohttp 3.8.4 sends "GET ws://127.0.0.1:port/ws HTTP/1.1" to the proxy instead
            assertEquals(List.of("CONNECT 127.0.0.1:" + site.site.port()),
                    proxy.seen.stream().map(s -> s.method() + " " + s.target()).toList());
        }
    }

    @Test
    void aSecureWebSocketGoesThroughATunnelWithTlsToTheServer() throws Exception {
        try (TestProxy proxy = TestProxy.start(); EchoSite site = new EchoSite(serverCtx);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx)
                     .withProxy(proxy.url()).withProxyAuth(BasicAuth.of("u", "p")));
             ClientWebSocketResponse ws = session.wsConnect(site.url("wss"))) {
            ws.sendStr("secret");
            assertEquals("echo secret", ws.receiveStr());
            assertEquals("CONNECT", proxy.seen.get(0).method());
            assertEquals("Basic dTpw", proxy.seen.get(0).header("Proxy-Authorization"));
            assertEquals(1, proxy.seen.size(), "the handshake went inside the tunnel");
        }
    }

    @Test
    void aWebSocketGivenAsAnHttpUrlTakesHttpProxyButIsTunnelledAllTheSame() throws Exception {
        try (TestProxy proxy = TestProxy.start(); EchoSite site = new EchoSite(null);
             ClientSession session = trustingEnv(Map.of("HTTP_PROXY", proxy.url()));
             ClientWebSocketResponse ws = session.wsConnect(site.url("http"))) {
            ws.sendStr("x");
            assertEquals("echo x", ws.receiveStr());
            assertEquals("CONNECT", proxy.seen.get(0).method());
        }
    }

    @Test
    void aWebSocketsTunnelIsNotPooledForAPlainRequestThroughTheSameProxy() throws Exception {
        // the handshake's redirect is read to its end and released: a kept-alive tunnel would go back to the pool
        try (TestProxy proxy = TestProxy.start();
             TestServer refusing = TestServer.answering(r -> TestServer.response(403, "Forbidden", "no"));
             TestServer server = TestServer.answering(r -> r.header("Upgrade") != null
                     ? TestServer.response(302, "Found", "moved", "Location: http://127.0.0.1:" + refusing.port() + "/ws")
                     : ok("plain " + r.target()));
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withProxy(proxy.url()))) {
            assertThrows(WsServerHandshakeException.class, () -> session.wsConnect("ws://127.0.0.1:" + server.port()
                    + "/ws"));
            assertEquals("plain /p", text(session, server.url("/p")));
            assertEquals(List.of("CONNECT", "CONNECT", "GET"), proxy.seen.stream().map(TestProxy.Seen::method).toList());
            assertEquals(server.url("/p"), proxy.seen.get(2).target(), "asked of the proxy, not sent down a tunnel");
        }
    }
}
