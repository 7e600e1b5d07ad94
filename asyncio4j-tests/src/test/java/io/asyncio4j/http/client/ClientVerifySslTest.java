package io.asyncio4j.http.client;

import io.asyncio4j.net.TestCerts;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skipping the server's certificate check (aiohttp's {@code TCPConnector(ssl=False)} and
 * {@code session.get(url, ssl=False)}) and a request's own context ({@code ssl=context}), against
 * a test server with a self-signed certificate. The outcomes are aiohttp 3.8.4's for the same
 * server (an aiohttp server with an openssl-made self-signed certificate): refused by default
 * (ClientConnectorCertificateError), reached with ssl=False, and a later default request on the
 * same session refused again, its pool keyed by the ssl setting too.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientVerifySslTest {
    static SSLContext serverCtx;
    static SSLContext clientCtx;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        serverCtx = TestCerts.server();
        clientCtx = TestCerts.client();
    }

    private static TestServer selfSigned() throws Exception {
        return TestServer.answering(r -> ok("secret " + r.target()), ServerOptions.defaults().withSsl(serverCtx));
    }

    private static String url(TestServer server, String path) {
        return "https://localhost:" + server.port() + path;
    }

    private static final RequestOptions UNVERIFIED = RequestOptions.defaults().withVerifySsl(false);

    @Test
    void aSelfSignedServerIsRefusedByDefault() throws Exception {
        try (TestServer server = selfSigned(); ClientSession session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get(url(server, "/")));
            assertInstanceOf(SSLHandshakeException.class, e.getCause());
            assertTrue(e.getMessage().contains("withVerifySsl(false)"), e.getMessage());
        }
    }

    @Test
    void aSessionThatDoesNotVerifyReachesASelfSignedServer() throws Exception {
        try (TestServer server = selfSigned();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withVerifySsl(false));
             ClientResponse r = session.get(url(server, "/s"))) {
            assertEquals("secret /s", r.text());
        }
    }

    @Test
    void aRequestThatDoesNotVerifyReachesASelfSignedServerFromAVerifyingSession() throws Exception {
        try (TestServer server = selfSigned(); ClientSession session = new ClientSession();
             ClientResponse r = session.get(url(server, "/r"), UNVERIFIED)) {
            assertEquals("secret /r", r.text());
        }
    }

    @Test
    void anUnverifiedConnectionIsNotReusedForARequestThatVerifies() throws Exception {
        // aiohttp 3.8.4: after get(url, ssl=False) (pool key ssl=False), get(url) still raises
        // ClientConnectorCertificateError
        try (TestServer server = selfSigned(); ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(url(server, "/1"), UNVERIFIED)) {
                assertEquals("secret /1", r.text());
            }
            assertThrows(ClientConnectorException.class, () -> session.get(url(server, "/2")));
            assertEquals(1, server.requests.size(), "the verifying request was never sent");
        }
    }

    @Test
    void unverifiedConnectionsArePooledForUnverifiedRequests() throws Exception {
        try (TestServer server = selfSigned(); ClientSession session = new ClientSession()) {
            for (String path : new String[] {"/1", "/2"}) {
                try (ClientResponse r = session.get(url(server, path), UNVERIFIED)) {
                    assertEquals("secret " + path, r.text());
                }
            }
            assertEquals(1, server.connections());
        }
    }

    @Test
    void verifiedAndUnverifiedRequestsToOneHostUseConnectionsOfTheirOwn() throws Exception {
        try (TestServer server = selfSigned();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx))) {
            for (RequestOptions o : new RequestOptions[] {UNVERIFIED, RequestOptions.defaults(), UNVERIFIED,
                    RequestOptions.defaults()}) {
                try (ClientResponse r = session.get(url(server, "/"), o)) {
                    r.read();
                }
            }
            assertEquals(2, server.connections(), "one of each kind, each reused once");
        }
    }

    @Test
    void aRequestThatVerifiesIsRefusedByASessionThatDoesNot() throws Exception {
        // aiohttp 3.9's ssl=True (3.8.4 takes a request's ssl=True as unverified, a bug later fixed)
        try (TestServer server = selfSigned();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withVerifySsl(false))) {
            assertThrows(ClientConnectorException.class,
                    () -> session.get(url(server, "/"), RequestOptions.defaults().withVerifySsl(true)));
        }
    }

    @Test
    void aRequestsOwnContextIsUsedOverTheSessionsDefault() throws Exception {
        try (TestServer server = selfSigned(); ClientSession session = new ClientSession();
             ClientResponse r = session.get(url(server, "/own"), RequestOptions.defaults().withSslContext(clientCtx))) {
            assertEquals("secret /own", r.text());
        }
    }

    @Test
    void aRequestsOwnContextIsUsedOverASessionThatDoesNotVerify() throws Exception {
        // aiohttp 3.8.4: TCPConnector(ssl=False), then get(url, ssl=create_default_context()) raises
        // ClientConnectorCertificateError: the request's context wins
        try (TestServer server = selfSigned();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withVerifySsl(false))) {
            SSLContext jdkDefault = SSLContext.getDefault();
            assertThrows(ClientConnectorException.class,
                    () -> session.get(url(server, "/"), RequestOptions.defaults().withSslContext(jdkDefault)));
        }
    }

    @Test
    void anUnverifiedTunnelThroughAProxySkipsTheHostNameCheck() throws Exception {
        // the proxy takes every name to this machine: the certificate names localhost, not this
        try (TestProxy proxy = TestProxy.start(); TestServer server = selfSigned();
             ClientSession session = new ClientSession();
             ClientResponse r = session.get("https://not-in-the-certificate.test:" + server.port() + "/t",
                     UNVERIFIED.withProxy(proxy.url()))) {
            assertEquals("secret /t", r.text());
            assertEquals("CONNECT", proxy.seen.get(0).method());
        }
    }

    @Test
    void aSessionContextAndNoVerificationAreRefusedTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withSslContext(clientCtx).withVerifySsl(false));
        assertTrue(e.getMessage().contains("one choice"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withVerifySsl(false).withSslContext(clientCtx));
    }

    @Test
    void aRequestContextAndNoVerificationAreRefusedTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.defaults().withSslContext(clientCtx).withVerifySsl(false));
        assertTrue(e.getMessage().contains("one choice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UNVERIFIED.withSslContext(clientCtx));
    }

    @Test
    void aRequestLeavesTheSessionsChoiceUntilItGivesOne() {
        RequestOptions o = RequestOptions.defaults();
        assertNull(o.verifySsl());
        assertNull(o.sslContext());
        assertEquals(Boolean.FALSE, UNVERIFIED.verifySsl());
        assertSame(clientCtx, o.withSslContext(clientCtx).sslContext());
        assertTrue(ClientSessionOptions.defaults().verifySsl());
    }
}
