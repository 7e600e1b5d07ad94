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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** https: TLS with the session's SSLContext, against a test server with a self-signed certificate. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientTlsTest {
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

    @Test
    void anHttpsGetGoesThroughTlsWithTheSessionsContext() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("secret " + r.header("Host")),
                ServerOptions.defaults().withSsl(serverCtx));
             ClientSession session = trusting();
             ClientResponse resp = session.get("https://localhost:" + server.port() + "/private")) {
            assertEquals("secret localhost:" + server.port(), resp.text());
            assertEquals("/private", server.requests.get(0).target());
        }
    }

    @Test
    void httpsConnectionsArePooledToo() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()), ServerOptions.defaults().withSsl(serverCtx));
             ClientSession session = trusting()) {
            for (String path : new String[] {"/1", "/2", "/3"}) {
                try (ClientResponse resp = session.get("https://127.0.0.1:" + server.port() + path)) {
                    assertEquals(path, resp.text());
                }
            }
            assertEquals(1, server.connections());
        }
    }

    @Test
    void anUntrustedCertificateRaisesClientConnectorException() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("never"), ServerOptions.defaults().withSsl(strangerCtx));
             ClientSession session = trusting()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("https://localhost:" + server.port() + "/"));
            assertInstanceOf(SSLHandshakeException.class, e.getCause());
            assertTrue(e.ssl());
            // aiohttp 3.8.4's ClientConnectorCertificateError: "Cannot connect to host localhost:PORT ssl:True [...]"
            assertTrue(e.getMessage().contains("ssl:True"), e.getMessage());
            assertTrue(e.getMessage().contains("withSslContext"), e.getMessage());
        }
    }

    @Test
    void theDefaultContextDoesNotTrustASelfSignedCertificate() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("never"), ServerOptions.defaults().withSsl(serverCtx));
             ClientSession session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("https://localhost:" + server.port() + "/"));
            assertInstanceOf(SSLHandshakeException.class, e.getCause());
        }
    }
}
