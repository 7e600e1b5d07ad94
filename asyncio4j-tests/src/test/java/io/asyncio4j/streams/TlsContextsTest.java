package io.asyncio4j.streams;

import io.asyncio4j.net.NetTesting;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import static io.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TlsContexts: contexts from the PEM files OpenSSL writes (fixtures in
 * {@code src/test/resources/io/asyncio4j/streams/tls}, made once by its {@code regenerate.sh}:
 * self-signed certificates for localhost and 127.0.0.1, and a CA with a leaf it signed).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class TlsContextsTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();

    @TempDir
    Path tmp;

    private static Path pem(String name) throws Exception {
        return Path.of(TlsContextsTest.class.getResource("tls/" + name).toURI());
    }

    /** Echoes a line over TLS to 127.0.0.1 (checked against the certificate's IP SAN); returns the server's certificate. */
    private static X509Certificate roundTrip(SSLContext server, SSLContext client) throws Exception {
        try (TrackedServer s = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(server))) {
            StreamPair c = openConnection("127.0.0.1", s.port(), ConnectOptions.defaults().withSsl(client));
            c.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("hello\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            X509Certificate peer = assertInstanceOf(X509Certificate.class, c.writer().getExtraInfo("peercert"));
            c.writer().close();
            c.writer().waitClosed();
            return peer;
        }
    }

    /** The exception a bad input raises, whose message must name the problem. */
    private static String failure(Executable call) {
        return assertThrows(SSLException.class, call).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected \"" + p + "\" in: " + message);
        }
    }

    @Test
    void aServerWithAPkcs8RsaKeyTalksTls() throws Exception {
        X509Certificate peer = roundTrip(TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-key.pem")),
                TlsContexts.clientContext(pem("rsa-cert.pem")));
        assertEquals("RSA", peer.getPublicKey().getAlgorithm());
    }

    @Test
    void aServerWithAPkcs1RsaKeyTalksTls() throws Exception {
        roundTrip(TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-pkcs1-key.pem")),
                TlsContexts.clientContext(pem("rsa-cert.pem")));
    }

    @Test
    void aServerWithASec1EcKeyAfterItsParametersBlockTalksTls() throws Exception {
        X509Certificate peer = roundTrip(TlsContexts.serverContext(pem("ec-cert.pem"), pem("ec-key.pem")),
                TlsContexts.clientContext(pem("ec-cert.pem")));
        assertEquals("EC", peer.getPublicKey().getAlgorithm());
    }

    @Test
    void aServerWithAPkcs8EcKeyTalksTls() throws Exception {
        roundTrip(TlsContexts.serverContext(pem("ec-cert.pem"), pem("ec-pkcs8-key.pem")),
                TlsContexts.clientContext(pem("ec-cert.pem")));
    }

    @Test
    void aServerWithAnEd25519KeyTalksTls() throws Exception {
        X509Certificate peer = roundTrip(TlsContexts.serverContext(pem("ed25519-cert.pem"), pem("ed25519-key.pem")),
                TlsContexts.clientContext(pem("ed25519-cert.pem")));
        assertTrue(peer.getPublicKey().getAlgorithm().startsWith("Ed"), peer.getPublicKey().getAlgorithm());
    }

    @Test
    void aServerWithAnEncryptedKeyAndItsPasswordTalksTls() throws Exception {
        roundTrip(TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-encrypted-key.pem"), PASSWORD),
                TlsContexts.clientContext(pem("rsa-cert.pem")));
    }

    @Test
    void aFileHoldingTheCertificateAndTheKeyNeedsNoKeyFile() throws Exception {
        roundTrip(TlsContexts.serverContext(pem("rsa-combined.pem"), null),
                TlsContexts.clientContext(pem("rsa-cert.pem")));
    }

    @Test
    void aClientTrustingACaAcceptsAServerCertificateTheCaSigned() throws Exception {
        X509Certificate peer = roundTrip(TlsContexts.serverContext(pem("leaf-chain.pem"), pem("leaf-key.pem")),
                TlsContexts.clientContext(pem("ca-cert.pem")));
        assertEquals("CN=asyncio4j test CA", peer.getIssuerX500Principal().getName());
    }

    @Test
    void aClientTrustingACaRejectsASelfSignedCertificateItDoesNotKnow() throws Exception {
        SSLContext server = TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-key.pem"));
        SSLContext client = TlsContexts.clientContext(pem("ca-cert.pem"));
        try (TrackedServer s = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(server))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> openConnection("127.0.0.1", s.port(), ConnectOptions.defaults().withSsl(client)));
            assertMentions(e.getMessage(), "PKIX");
        }
    }

    @Test
    void theDefaultClientContextRejectsASelfSignedServer() throws Exception {
        SSLContext server = TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-key.pem"));
        SSLContext client = TlsContexts.clientContext();
        try (TrackedServer s = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(server))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> openConnection("127.0.0.1", s.port(), ConnectOptions.defaults().withSsl(client)));
            assertMentions(e.getMessage(), "PKIX");
        }
    }

    @Test
    void aClientContextChecksTheServersName() throws Exception {
        SSLContext server = TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-key.pem"));
        SSLContext client = TlsContexts.clientContext(pem("rsa-cert.pem"));
        try (TrackedServer s = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(server))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> openConnection("127.0.0.1",
                    s.port(), ConnectOptions.defaults().withSsl(client).withServerHostname("example.com")));
            assertMentions(e.getMessage(), "example.com");
        }
    }

    @Test
    void aServerRequiringClientCertificatesAcceptsAClientWithOneItsCaSigned() throws Exception {
        roundTrip(TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-key.pem"), null, pem("ca-cert.pem")),
                TlsContexts.clientContext(pem("rsa-cert.pem"), pem("leaf-chain.pem"), pem("leaf-key.pem"), null));
    }

    @Test
    void aServerRequiringClientCertificatesRefusesAClientWithout() throws Exception {
        SSLContext server = TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-key.pem"), null,
                pem("ca-cert.pem"));
        SSLContext client = TlsContexts.clientContext(pem("rsa-cert.pem"));
        try (TrackedServer s = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(server))) {
            // TLS 1.3: the client's handshake is over before the server judges it; the refusal
            // arrives as an alert at the client's first read
            SSLException e = assertThrows(SSLException.class, () -> {
                StreamPair c = openConnection("127.0.0.1", s.port(), ConnectOptions.defaults().withSsl(client));
                c.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
                c.reader().readline();
            });
            assertMentions(e.getMessage(), "certificate_required");
        }
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        String m = failure(() -> TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-encrypted-key.pem"),
                "wrong".toCharArray()));
        assertMentions(m, "TlsContexts.serverContext()", "wrong password", "rsa-encrypted-key.pem");
    }

    @Test
    void anEncryptedKeyWithoutAPasswordAsksForOne() {
        String m = failure(() -> TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-encrypted-key.pem")));
        assertMentions(m, "is encrypted", "pass its password");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsAMismatch() {
        String m = failure(() -> TlsContexts.serverContext(pem("rsa-cert.pem"), pem("leaf-key.pem")));
        assertMentions(m, "KEY_VALUES_MISMATCH", "leaf-key.pem", "rsa-cert.pem");
    }

    @Test
    void anEcKeyOfAnotherEcCertificateIsAMismatch() {
        String m = failure(() -> TlsContexts.serverContext(pem("ec-cert.pem"), pem("ca-key.pem")));
        assertMentions(m, "KEY_VALUES_MISMATCH");
    }

    @Test
    void aKeyOfAnotherAlgorithmIsAMismatch() {
        String m = failure(() -> TlsContexts.serverContext(pem("rsa-cert.pem"), pem("ec-key.pem")));
        assertMentions(m, "KEY_VALUES_MISMATCH", "(EC)", "(RSA,");
    }

    @Test
    void aKeyFileWithoutAKeyNamesTheBlockItExpected() {
        String m = failure(() -> TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-cert.pem")));
        assertMentions(m, "TlsContexts.serverContext(): no private key in", "rsa-cert.pem", "BEGIN PRIVATE KEY");
    }

    @Test
    void aCertificateFileWithoutACertificateNamesTheBlockItExpected() {
        String m = failure(() -> TlsContexts.clientContext(pem("rsa-key.pem")));
        assertMentions(m, "TlsContexts.clientContext(): no certificate in", "rsa-key.pem", "BEGIN CERTIFICATE");
    }

    @Test
    void aBlockThatIsNotBase64IsReportedAsDamaged() throws Exception {
        Path f = Files.writeString(tmp.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nthis is *not* base64!\n-----END CERTIFICATE-----\n");
        assertMentions(failure(() -> TlsContexts.clientContext(f)), "garbage.pem", "not valid base64");
    }

    @Test
    void aBase64BlockThatIsNoCertificateIsReportedAsInvalid() throws Exception {
        Path f = Files.writeString(tmp.resolve("noise.pem"),
                "-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----\n");
        assertMentions(failure(() -> TlsContexts.clientContext(f)), "noise.pem", "not a valid X.509 certificate");
    }

    @Test
    void aBlockWithoutItsEndLineIsReportedAsTruncated() throws Exception {
        String cert = Files.readString(pem("rsa-cert.pem"));
        Path f = Files.writeString(tmp.resolve("cut.pem"), cert.substring(0, cert.length() / 2));
        assertMentions(failure(() -> TlsContexts.clientContext(f)), "cut.pem", "no matching END CERTIFICATE");
    }

    @Test
    void aKeyBlockThatIsNoKeyIsReportedAsInvalid() throws Exception {
        Path f = Files.writeString(tmp.resolve("bad-key.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----\n");
        assertMentions(failure(() -> TlsContexts.serverContext(pem("rsa-cert.pem"), f)), "bad-key.pem",
                "not a valid PKCS#8 key");
    }

    @Test
    void aDerFileIsToldHowToBecomePem() throws Exception {
        X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Files.readAllBytes(pem("rsa-cert.pem"))));
        Path f = Files.write(tmp.resolve("cert.der"), cert.getEncoded());
        assertMentions(failure(() -> TlsContexts.clientContext(f)), "no certificate", "DER",
                "openssl x509 -inform der");
    }

    @Test
    void aLegacyEncryptedKeyIsRefusedWithTheCommandThatConvertsIt() {
        String m = failure(() -> TlsContexts.serverContext(pem("rsa-cert.pem"), pem("rsa-legacy-encrypted-key.pem"),
                PASSWORD));
        assertMentions(m, "Proc-Type: 4,ENCRYPTED", "openssl pkcs8 -topk8");
    }

    @Test
    void aMissingFileRaisesNoSuchFileException() throws Exception {
        Path missing = tmp.resolve("missing.pem");
        assertThrows(NoSuchFileException.class, () -> TlsContexts.serverContext(pem("rsa-cert.pem"), missing));
    }
}
