package io.asyncio4j.http.client;

import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP proxies (aiohttp's {@code proxy=}, {@code proxy_auth=}, {@code proxy_headers=}) against
 * {@link TestProxy}, on loopback: plain http URLs asked of the proxy in absolute form, https URLs
 * through a CONNECT tunnel with TLS to the target over it, what each side sees, how tunnels are
 * pooled, and the failures. Heads and fields checked against what aiohttp 3.8.4 sends to a proxy.
 * On the virtual clock; the autojump threshold lets loopback bytes (and TLS handshakes) arrive
 * before a pending timer is jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientProxyTest {
    static SSLContext serverCtx;
    static SSLContext strangerCtx;
    static SSLContext clientCtx;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        serverCtx = TestCerts.server();
        strangerCtx = TestCerts.strangerServer();
        clientCtx = TestCerts.client();
    }

    private static ClientSession trusting() {
        return new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx));
    }

    private static TestServer tlsServer() throws Exception {
        return TestServer.answering(r -> ok("secret " + r.target()), ServerOptions.defaults().withSsl(serverCtx));
    }

    private static RequestOptions via(TestProxy proxy) {
        return RequestOptions.defaults().withProxy(proxy.url());
    }

    // ---- plain http: the request goes to the proxy ------------------------------------------------

    @Test
    void aPlainRequestGoesToTheProxyWithTheAbsoluteFormTarget() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = TestServer.answering(r -> ok("hi " + r.target()));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/x?a=1"), via(proxy))) {
            assertEquals("hi /x?a=1", r.text());
            TestProxy.Seen seen = proxy.seen.get(0);
            assertEquals("GET", seen.method());
            assertEquals("http://127.0.0.1:" + server.port() + "/x?a=1", seen.target());
            assertEquals("127.0.0.1:" + server.port(), seen.header("Host"));
        }
    }

    @Test
    void proxyAuthIsSentToTheProxyAsProxyAuthorizationBesideTheTargetsOwnAuthorization() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = TestServer.answering(r -> ok("hi"));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"), via(proxy).withProxyAuth(BasicAuth.of("u", "p"))
                     .withAuth(BasicAuth.of("tu", "tp")))) {
            r.read();
            TestProxy.Seen seen = proxy.seen.get(0);
            assertEquals("Basic dTpw", seen.header("Proxy-Authorization"));
            assertEquals("Basic dHU6dHA=", seen.header("Authorization"));
        }
    }

    @Test
    void credentialsInTheProxyUrlBecomeProxyAuthorization() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = TestServer.answering(r -> ok("hi"));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"), RequestOptions.defaults()
                     .withProxy("http://u:p@127.0.0.1:" + proxy.port()))) {
            r.read();
            assertEquals("Basic dTpw", proxy.seen.get(0).header("Proxy-Authorization"));
        }
    }

    @Test
    void proxyAuthWinsOverCredentialsInTheProxyUrl() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = TestServer.answering(r -> ok("hi"));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"), RequestOptions.defaults()
                     .withProxy("http://url:creds@127.0.0.1:" + proxy.port()).withProxyAuth(BasicAuth.of("u", "p")))) {
            r.read();
            assertEquals("Basic dTpw", proxy.seen.get(0).header("Proxy-Authorization"));
        }
    }

    @Test
    void proxyHeadersGoToTheProxyWithAPlainRequest() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = TestServer.answering(r -> ok("hi"));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"), via(proxy).withProxyHeaders(Headers.of("X-Proxy", "1")))) {
            r.read();
            assertEquals("1", proxy.seen.get(0).header("X-Proxy"));
        }
    }

    @Test
    void aPlainRequestThroughAProxyIsNotKeptAliveAsInAiohttp() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = TestServer.answering(r -> ok("hi"));
             ClientSession session = new ClientSession()) {
            for (int i = 0; i < 2; i++) {
                try (ClientResponse r = session.get(server.url("/"), via(proxy))) {
                    assertEquals("hi", r.text());
                }
            }
            assertEquals(2, proxy.connections());
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }

    @Test
    void aRedirectIsFollowedThroughTheProxyToo() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TestServer server = TestServer.answering(r -> r.target().equals("/a")
                     ? TestServer.response(302, "Found", "", "Location: /b") : ok("at " + r.target()));
             ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/a"), via(proxy))) {
            assertEquals("at /b", r.text());
            assertEquals(List.of(server.url("/a"), server.url("/b")),
                    proxy.seen.stream().map(TestProxy.Seen::target).toList());
        }
    }

    // ---- https: a CONNECT tunnel, TLS with the target over it -------------------------------------

    @Test
    void anHttpsRequestGoesThroughAConnectTunnelWithTlsToTheTarget() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer(); ClientSession session = trusting();
             ClientResponse r = session.get("https://localhost:" + server.port() + "/secret", via(proxy))) {
            assertEquals("secret /secret", r.text());
            TestProxy.Seen seen = proxy.seen.get(0);
            assertEquals("CONNECT", seen.method());
            assertEquals("localhost:" + server.port(), seen.target());
            assertEquals("localhost:" + server.port(), seen.header("Host"));
            assertEquals(1, proxy.seen.size(), "the request itself went inside the tunnel");
        }
    }

    @Test
    void theConnectCarriesTheProxysCredentialsAndFieldsButNothingOfTheRequest() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer(); ClientSession session = trusting();
             ClientResponse r = session.get("https://localhost:" + server.port() + "/", via(proxy)
                     .withProxyAuth(BasicAuth.of("u", "p")).withProxyHeaders(Headers.of("X-Proxy", "1"))
                     .withAuth(BasicAuth.of("tu", "tp")).withHeader("X-Target", "t")
                     .withCookies(java.util.Map.of("c", "1")))) {
            r.read();
            TestProxy.Seen connect = proxy.seen.get(0);
            assertEquals("Basic dTpw", connect.header("Proxy-Authorization"));
            assertEquals("1", connect.header("X-Proxy"));
            assertNull(connect.header("Authorization"));
            assertNull(connect.header("X-Target"));
            assertNull(connect.header("Cookie"));
        }
    }

    @Test
    void insideTheTunnelTheTargetGetsItsOwnFieldsAndNoneOfTheProxys() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer(); ClientSession session = trusting();
             ClientResponse r = session.get("https://localhost:" + server.port() + "/", via(proxy)
                     .withProxyAuth(BasicAuth.of("u", "p")).withProxyHeaders(Headers.of("X-Proxy", "1"))
                     .withAuth(BasicAuth.of("tu", "tp")))) {
            r.read();
            TestServer.Request seen = server.requests.get(0);
            assertEquals("/", seen.target());
            assertEquals("Basic dHU6dHA=", seen.header("Authorization"));
            assertNull(seen.header("Proxy-Authorization"));
            assertNull(seen.header("X-Proxy"));
        }
    }

    @Test
    void theTunnelChecksTheCertificateAgainstTheTargetsName() throws Exception {
        // the proxy takes every name to this machine: the server's certificate names localhost, not this
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer(); ClientSession session = trusting()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("https://not-in-the-certificate.test:" + server.port() + "/", via(proxy)));
            assertInstanceOf(SSLHandshakeException.class, e.getCause());
            assertEquals("not-in-the-certificate.test", e.host());
            assertTrue(e.ssl());
            assertEquals("CONNECT", proxy.seen.get(0).method());
        }
    }

    @Test
    void theTunnelRefusesACertificateTheSessionDoesNotTrust() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TestServer server = TestServer.answering(r -> ok("never"), ServerOptions.defaults().withSsl(strangerCtx));
             ClientSession session = trusting()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("https://localhost:" + server.port() + "/", via(proxy)));
            assertInstanceOf(SSLHandshakeException.class, e.getCause());
            assertTrue(server.requests.isEmpty());
        }
    }

    @Test
    void aTunnelIsReusedForTheNextRequestThroughTheSameProxyToTheSameServer() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer(); ClientSession session = trusting()) {
            for (String path : new String[] {"/1", "/2"}) {
                try (ClientResponse r = session.get("https://localhost:" + server.port() + path, via(proxy))) {
                    assertEquals("secret " + path, r.text());
                }
            }
            assertEquals(1, proxy.connections());
            assertEquals(1, server.connections());
        }
    }

    @Test
    void aTunnelIsNotReusedForADirectRequest() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer(); ClientSession session = trusting()) {
            String url = "https://localhost:" + server.port() + "/";
            try (ClientResponse r = session.get(url, via(proxy))) {
                r.read();
            }
            try (ClientResponse r = session.get(url)) {
                r.read();
            }
            assertEquals(2, server.connections());
            assertEquals(1, proxy.connections());
        }
    }

    @Test
    void aTunnelIsNotReusedThroughAnotherProxy() throws Exception {
        try (TestProxy a = TestProxy.start(); TestProxy b = TestProxy.start(); TestServer server = tlsServer();
             ClientSession session = trusting()) {
            String url = "https://localhost:" + server.port() + "/";
            try (ClientResponse r = session.get(url, via(a))) {
                r.read();
            }
            try (ClientResponse r = session.get(url, via(b))) {
                r.read();
            }
            assertEquals(1, b.connections());
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aTunnelIsNotReusedWithOtherProxyCredentials() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer(); ClientSession session = trusting()) {
            String url = "https://localhost:" + server.port() + "/";
            try (ClientResponse r = session.get(url, via(proxy).withProxyAuth(BasicAuth.of("alice", "1")))) {
                r.read();
            }
            try (ClientResponse r = session.get(url, via(proxy).withProxyAuth(BasicAuth.of("bob", "2")))) {
                r.read();
            }
            assertEquals(2, proxy.connections());
            assertEquals("Basic Ym9iOjI=", proxy.seen.get(1).header("Proxy-Authorization"));
        }
    }

    @Test
    void aRequestWaitingForATunnelNamesTheProxyButNeverItsCredentials() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = tlsServer();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx)
                     .withLimit(1))) {
            String url = "https://localhost:" + server.port() + "/";
            RequestOptions secretly = RequestOptions.defaults().withProxy("http://u:secret@127.0.0.1:" + proxy.port());
            ClientResponse held = session.get(url, secretly); // the only slot: its body is unread
            Task<ClientResponse> waiting = createTask(() -> session.get(url, secretly));
            sleep(0.1);
            session.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, waiting::await);
            assertTrue(e.getMessage().contains("waited for a connection to https://localhost:" + server.port()
                    + " via http://127.0.0.1:" + proxy.port() + " "), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            held.close();
        }
    }

    // ---- failures ----------------------------------------------------------------------------------

    @Test
    void aRefusedConnectRaisesClientHttpProxyExceptionWithTheProxysStatus() throws Exception {
        try (TestProxy proxy = TestProxy.answeringConnect("HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n");
             TestServer server = tlsServer(); ClientSession session = trusting()) {
            String url = "https://localhost:" + server.port() + "/";
            ClientHttpProxyException e = assertThrows(ClientHttpProxyException.class, () -> session.get(url, via(proxy)));
            assertEquals(407, e.status());
            assertEquals("Proxy Authentication Required", e.reason());
            assertEquals("Basic realm=\"p\"", e.headers().get("Proxy-Authenticate"));
            assertEquals("CONNECT", e.method());
            assertEquals(url, e.url().toString());
            assertTrue(e.getMessage().startsWith("The proxy " + proxy.url() + " answered 407 Proxy Authentication "
                    + "Required to CONNECT localhost:" + server.port()), e.getMessage());
            assertInstanceOf(ClientResponseException.class, e);
            assertTrue(server.requests.isEmpty());
            assertTrue(session.toString().contains("open=0"), "the connection to the proxy is closed: " + session);
        }
    }

    @Test
    void aProxyThatRefusesTheConnectionRaisesClientProxyConnectionException() throws Exception {
        int closedPort;
        try (TestProxy gone = TestProxy.start()) {
            closedPort = gone.port();
        }
        try (TestServer server = TestServer.answering(r -> ok("never")); ClientSession session = new ClientSession()) {
            ClientProxyConnectionException e = assertThrows(ClientProxyConnectionException.class,
                    () -> session.get(server.url("/"), RequestOptions.defaults()
                            .withProxy("http://127.0.0.1:" + closedPort)));
            assertEquals("127.0.0.1", e.host());
            assertEquals(closedPort, e.port());
            assertInstanceOf(java.net.ConnectException.class, e.getCause());
            // aiohttp 3.8.4: "Cannot connect to host 127.0.0.1:1 ssl:default [Connect call failed ('127.0.0.1', 1)]"
            assertTrue(e.getMessage().startsWith("Cannot connect to host 127.0.0.1:" + closedPort + " ssl:default"),
                    e.getMessage());
            assertTrue(server.requests.isEmpty());
        }
    }

    @Test
    void aProxyThatNeverAnswersTheConnectIsBoundByTheConnectTimeout(io.asyncio4j.EventLoop loop) throws Exception {
        try (TestProxy proxy = TestProxy.silentOnConnect(); TestServer server = tlsServer();
             ClientSession session = trusting()) {
            double start = loop.time();
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class,
                    () -> session.get("https://localhost:" + server.port() + "/", via(proxy)
                            .withTimeout(ClientTimeout.none().withConnect(Duration.ofSeconds(3)))));
            assertEquals(3.0, loop.time() - start, 0.2);
            assertTrue(e.getMessage().contains("to the proxy, its CONNECT"), e.getMessage());
        }
    }

    @Test
    void socksAndHttpsProxiesAreRefusedNamingWhatIsSupported() {
        for (String url : new String[] {"socks5://127.0.0.1:1080", "https://proxy.example:3128"}) {
            InvalidUrlException e = assertThrows(InvalidUrlException.class,
                    () -> RequestOptions.defaults().withProxy(url));
            assertTrue(e.getMessage().contains("is not supported: only HTTP proxies are (http://host:port"),
                    e.getMessage());
        }
    }

    @Test
    void proxyCredentialsWithoutAProxyAreRefused() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("never")); ClientSession session = new ClientSession()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> session.get(server.url("/"),
                    RequestOptions.defaults().withProxyAuth(BasicAuth.of("u", "p"))));
            assertEquals("ClientSession.request(): proxy credentials (withProxyAuth) without a proxy; give its URL "
                    + "with RequestOptions.withProxy (or the session's with ClientSessionOptions.withProxy), or leave "
                    + "them out", e.getMessage());
            assertTrue(server.requests.isEmpty());
        }
    }
}
