package io.asyncio4j.http.client;

import io.asyncio4j.net.TestCerts;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;

import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate pinning, aiohttp's {@code ssl=Fingerprint(sha256_digest)}, against a test server
 * whose self-signed certificate no context trusts. aiohttp 3.8.4 against an aiohttp server with
 * an openssl-made self-signed certificate (/tmp probe, 2026-11-23):
 * <pre>
 * Fingerprint(b'x'*16), (b'x'*20) -> ValueError: md5 and sha1 are insecure and not supported. Use sha256.
 * Fingerprint(b'x'*31), (b'x'*64) -> ValueError: fingerprint has invalid length
 * get('https://localhost:port/', ssl=Fingerprint(sha256(der)))  -> 200 (the certificate is not otherwise checked)
 * get(..., ssl=Fingerprint(b'\0'*32)) -> ServerFingerprintMismatch(expected=b'\0'*32, got=sha256(der),
 *                                         host='127.0.0.1', port=port)   (the peer's address, not the URL's name)
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientFingerprintTest {
    static SSLContext serverCtx;
    static SSLContext strangerCtx;
    static byte[] serverDigest;
    static byte[] strangerDigest;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        serverCtx = TestCerts.server();
        strangerCtx = TestCerts.strangerServer();
        serverDigest = Fingerprint.digestOf(TestCerts.serverCertificate());
        strangerDigest = Fingerprint.digestOf(TestCerts.strangerCertificate());
    }

    private static TestServer selfSigned(SSLContext ctx) throws Exception {
        return TestServer.answering(r -> ok("pinned " + r.target()), ServerOptions.defaults().withSsl(ctx));
    }

    private static String url(TestServer server, String path) {
        return "https://localhost:" + server.port() + path;
    }

    private static RequestOptions pinned(byte[] digest) {
        return RequestOptions.defaults().withFingerprint(new Fingerprint(digest));
    }

    @Test
    void aRequestPinningTheServersCertificateReachesItThoughNoContextTrustsIt() throws Exception {
        try (TestServer server = selfSigned(serverCtx); ClientSession session = new ClientSession();
             ClientResponse r = session.get(url(server, "/a"), pinned(serverDigest))) {
            assertEquals("pinned /a", r.text());
        }
    }

    @Test
    void aCertificateOtherThanThePinnedOneRaisesServerFingerprintMismatch() throws Exception {
        try (TestServer server = selfSigned(strangerCtx); ClientSession session = new ClientSession()) {
            ServerFingerprintMismatchException e = assertThrows(ServerFingerprintMismatchException.class,
                    () -> session.get(url(server, "/"), pinned(serverDigest)));
            assertArrayEquals(serverDigest, e.expected());
            assertArrayEquals(strangerDigest, e.got());
            assertEquals("127.0.0.1", e.host(), "the peer's address, as aiohttp's peername");
            assertEquals(server.port(), e.port());
            assertTrue(e.getMessage().contains("Fingerprint.digestOf"), e.getMessage());
            assertEquals(0, server.requests.size(), "no request went over the connection");
        }
    }

    @Test
    void aSessionsPinAppliesToEveryRequest() throws Exception {
        try (TestServer good = selfSigned(serverCtx); TestServer other = selfSigned(strangerCtx);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withFingerprint(new Fingerprint(serverDigest)))) {
            try (ClientResponse r = session.get(url(good, "/s"))) {
                assertEquals("pinned /s", r.text());
            }
            assertThrows(ServerFingerprintMismatchException.class, () -> session.get(url(other, "/s")));
        }
    }

    @Test
    void aRequestsPinReplacesTheSessions() throws Exception {
        try (TestServer other = selfSigned(strangerCtx);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withFingerprint(new Fingerprint(serverDigest)));
             ClientResponse r = session.get(url(other, "/r"), pinned(strangerDigest))) {
            assertEquals("pinned /r", r.text());
        }
    }

    @Test
    void theSessionsPinStillAppliesToARequestThatSkipsVerification() throws Exception {
        // aiohttp's _get_fingerprint: the request's Fingerprint, else the connector's, whatever else ssl= is
        try (TestServer other = selfSigned(strangerCtx);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withFingerprint(new Fingerprint(serverDigest)))) {
            assertThrows(ServerFingerprintMismatchException.class,
                    () -> session.get(url(other, "/"), RequestOptions.defaults().withVerifySsl(false)));
        }
    }

    @Test
    void pinnedConnectionsArePooledApartFromUnpinnedOnes() throws Exception {
        try (TestServer server = selfSigned(serverCtx); ClientSession session = new ClientSession()) {
            RequestOptions unverified = RequestOptions.defaults().withVerifySsl(false);
            for (RequestOptions o : new RequestOptions[] {unverified, pinned(serverDigest), unverified,
                    pinned(serverDigest)}) {
                try (ClientResponse r = session.get(url(server, "/"), o)) {
                    r.read();
                }
            }
            assertEquals(2, server.connections(), "one of each kind, each reused once");
        }
    }

    @Test
    void anUnpinnedConnectionIsNotReusedForARequestPinningAnotherCertificate() throws Exception {
        try (TestServer server = selfSigned(serverCtx); ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(url(server, "/1"), RequestOptions.defaults().withVerifySsl(false))) {
                r.read();
            }
            assertThrows(ServerFingerprintMismatchException.class,
                    () -> session.get(url(server, "/2"), pinned(strangerDigest)));
            assertEquals(1, server.requests.size(), "the pinned request was never sent");
        }
    }

    @Test
    void thePinIsCheckedThroughAProxysTunnelToo() throws Exception {
        // aiohttp 3.8.4 checks the pin only on direct connections; through a tunnel, where a
        // man in the middle is likeliest, it is checked here too
        try (TestProxy proxy = TestProxy.start(); TestServer other = selfSigned(strangerCtx);
             TestServer good = selfSigned(serverCtx); ClientSession session = new ClientSession()) {
            ServerFingerprintMismatchException e = assertThrows(ServerFingerprintMismatchException.class,
                    () -> session.get(url(other, "/"), pinned(serverDigest).withProxy(proxy.url())));
            assertEquals("localhost", e.host(), "the server's name: the tunnel's peer is the proxy");
            try (ClientResponse r = session.get(url(good, "/p"), pinned(serverDigest).withProxy(proxy.url()))) {
                assertEquals("pinned /p", r.text());
            }
        }
    }

    @Test
    void md5AndSha1LengthDigestsAreRefusedAsAiohttpRefusesThem() {
        for (int n : new int[] {16, 20}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Fingerprint(new byte[n]));
            assertTrue(e.getMessage().contains("md5 and sha1 are insecure and not supported. Use sha256."),
                    e.getMessage());
        }
    }

    @Test
    void aDigestOfAnyOtherLengthThanSha256IsRefused() {
        for (int n : new int[] {0, 31, 33, 64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Fingerprint(new byte[n]));
            assertTrue(e.getMessage().contains("fingerprint has invalid length"), e.getMessage());
        }
    }

    @Test
    void fingerprintsWithTheSameDigestAreEqualAndKeepTheirOwnCopy() {
        byte[] d = serverDigest.clone();
        Fingerprint f = new Fingerprint(d);
        d[0] ^= 1;
        assertEquals(new Fingerprint(serverDigest), f);
        assertNotEquals(new Fingerprint(strangerDigest), f);
        assertArrayEquals(serverDigest, f.fingerprint());
    }

    @Test
    void aPinAndAnotherTlsChoiceOnOneRequestOrSessionAreRefused() throws Exception {
        Fingerprint f = new Fingerprint(serverDigest);
        assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.defaults().withVerifySsl(false).withFingerprint(f));
        assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.defaults().withFingerprint(f).withSslContext(serverCtx));
        assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withSslContext(serverCtx).withFingerprint(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withVerifySsl(false).withFingerprint(f));
        assertTrue(e.getMessage().contains("one choice"), e.getMessage());
    }
}
