package io.asyncio4j.streams;

import io.asyncio4j.internal.net.ClientCertRequiredContext;
import io.asyncio4j.internal.net.Pem;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from PEM files, as Python's {@code ssl} module makes them, for
 * {@link ServerOptions#withSsl} and {@link ConnectOptions#withSsl}:
 * <pre>{@code
 * SSLContext server = TlsContexts.serverContext(Path.of("cert.pem"), Path.of("key.pem"));
 * SSLContext client = TlsContexts.clientContext(Path.of("ca.pem"));   // or clientContext(): the system's CAs
 * }</pre>
 * Certificate files hold one or more {@code BEGIN CERTIFICATE} blocks (a chain: the server's own
 * certificate first). Key files hold a {@code BEGIN PRIVATE KEY} (PKCS#8: RSA, RSASSA-PSS, EC,
 * Ed25519, Ed448), {@code BEGIN RSA PRIVATE KEY} (PKCS#1), {@code BEGIN EC PRIVATE KEY} (SEC1) or
 * {@code BEGIN ENCRYPTED PRIVATE KEY} (PKCS#8 encrypted, as {@code openssl pkcs8 -topk8} writes it;
 * give its password). Client contexts check the server's certificate and, as Python's default
 * context does, its name: the connection's host, or {@link ConnectOptions#withServerHostname}.
 * <p>
 * Bad input raises {@link SSLException} (an {@code IOException}, as Python's {@code ssl.SSLError}
 * is an {@code OSError}) saying what is wrong and how to fix it: no certificate or key in a file,
 * a format the JDK cannot read, a wrong password, a key that is not the certificate's
 * ({@code KEY_VALUES_MISMATCH}); a missing file raises {@code NoSuchFileException}.
 * <p>
 * Threading: any thread. They read files: call them before {@code Asyncio.run}, or accept a few
 * milliseconds' block of the loop.
 * <p>
 * ssl: {@code ssl.create_default_context()} and {@code SSLContext.load_cert_chain()}
 */
public final class TlsContexts {
    /** The password of the in-memory key store that hands the key to the JDK; it never leaves memory. */
    private static final char[] STORE_PASSWORD = "asyncio4j".toCharArray();

    private TlsContexts() {
    }

    /**
     * A server context with the certificate chain of {@code certChainFile} and the unencrypted
     * private key of {@code keyFile}.
     * <p>
     * ssl: {@code ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH); ctx.load_cert_chain(certfile, keyfile)}
     *
     * @param certChainFile PEM certificates: the server's first, then its intermediate CAs
     * @param keyFile the PEM private key; null when it is in {@code certChainFile}
     * @throws SSLException see the class comment
     * @throws java.nio.file.NoSuchFileException a file does not exist
     */
    public static SSLContext serverContext(Path certChainFile, Path keyFile) throws IOException {
        return serverContext(certChainFile, keyFile, null, null);
    }

    /**
     * A server context whose private key may be encrypted.
     * <p>
     * ssl: {@code ctx.load_cert_chain(certfile, keyfile, password)}
     *
     * @param password the password of an {@code ENCRYPTED PRIVATE KEY}; null for a plain key
     *     (ignored for one, as Python does)
     * @see #serverContext(Path, Path)
     */
    public static SSLContext serverContext(Path certChainFile, Path keyFile, char[] password) throws IOException {
        return serverContext(certChainFile, keyFile, password, null);
    }

    /**
     * A server context that, if {@code clientCaFile} is given, requires each client to present a
     * certificate issued by one of its CAs; a client without one fails its handshake (in TLS 1.3
     * the client may learn it only at its first read, as with OpenSSL). The context serves
     * {@code SSLEngine}s (every asyncio4j server); its {@code getServerSocketFactory()} refuses.
     * <p>
     * ssl: {@code ctx.load_cert_chain(...); ctx.verify_mode = ssl.CERT_REQUIRED; ctx.load_verify_locations(cafile)}
     *
     * @param clientCaFile PEM certificates of the CAs trusted to issue client certificates; null:
     *     clients are not asked for a certificate
     * @see #serverContext(Path, Path, char[])
     */
    public static SSLContext serverContext(Path certChainFile, Path keyFile, char[] password, Path clientCaFile)
            throws IOException {
        String caller = "TlsContexts.serverContext()";
        Objects.requireNonNull(certChainFile, caller + ": certChainFile is null");
        KeyManager[] km = keyManagers(certChainFile, keyFile, password, caller);
        TrustManager[] tm = clientCaFile == null ? null : trustManagers(clientCaFile, caller);
        SSLContext ctx = context(km, tm, caller);
        return clientCaFile == null ? ctx : new ClientCertRequiredContext(ctx);
    }

    /**
     * A client context that trusts the JDK's CAs (its {@code cacerts}, or the trust store the
     * {@code javax.net.ssl.trustStore} property names) and checks the server's name.
     * <p>
     * ssl: {@code ssl.create_default_context()}
     *
     * @throws SSLException the JDK's trust store does not load
     */
    public static SSLContext clientContext() throws IOException {
        return context(null, null, "TlsContexts.clientContext()");
    }

    /**
     * A client context that trusts exactly the certificates of {@code caFile} (CAs, or a
     * self-signed server certificate) and checks the server's name.
     * <p>
     * ssl: {@code ssl.create_default_context(cafile=cafile)}
     *
     * @param caFile PEM certificates; null: the JDK's CAs, as {@link #clientContext()}
     * @throws SSLException the file has no certificate, or a damaged one
     */
    public static SSLContext clientContext(Path caFile) throws IOException {
        String caller = "TlsContexts.clientContext()";
        return context(null, caFile == null ? null : trustManagers(caFile, caller), caller);
    }

    /**
     * A client context that also presents a client certificate, for servers that require one.
     * <p>
     * ssl: {@code ctx = ssl.create_default_context(cafile=cafile); ctx.load_cert_chain(certfile, keyfile, password)}
     *
     * @param caFile PEM certificates to trust; null: the JDK's CAs
     * @param certChainFile the client's PEM certificate, then its intermediate CAs
     * @param keyFile its PEM private key; null when it is in {@code certChainFile}
     * @param password the password of an {@code ENCRYPTED PRIVATE KEY}, or null
     */
    public static SSLContext clientContext(Path caFile, Path certChainFile, Path keyFile, char[] password)
            throws IOException {
        String caller = "TlsContexts.clientContext()";
        Objects.requireNonNull(certChainFile, caller + ": certChainFile is null (for no client certificate, "
                + "call clientContext(caFile))");
        KeyManager[] km = keyManagers(certChainFile, keyFile, password, caller);
        return context(km, caFile == null ? null : trustManagers(caFile, caller), caller);
    }

    private static KeyManager[] keyManagers(Path certChainFile, Path keyFile, char[] password, String caller)
            throws IOException {
        Path kf = keyFile != null ? keyFile : certChainFile;
        List<X509Certificate> chain = Pem.certificates(certChainFile, caller);
        PrivateKey key = Pem.privateKey(kf, password, caller);
        Pem.checkKeyMatches(key, chain.get(0), kf, certChainFile, caller);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new SSLException(caller + ": the JDK refuses the key and certificates of " + certChainFile
                    + (keyFile != null ? " and " + keyFile : "") + " (" + e.getMessage() + ")", e);
        }
    }

    private static TrustManager[] trustManagers(Path caFile, String caller) throws IOException {
        List<X509Certificate> cas = Pem.certificates(caFile, caller);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ks.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new SSLException(caller + ": the JDK refuses the certificates of " + caFile + " as trust anchors ("
                    + e.getMessage() + ")", e);
        }
    }

    private static SSLContext context(KeyManager[] km, TrustManager[] tm, String caller) throws SSLException {
        try {
            // "TLS": the JDK's TLS 1.3 and 1.2 (older versions are disabled by java.security),
            // which is Python's default context's TLS 1.2 minimum
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(km, tm, null); // null trust managers: the JDK's default trust store
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new SSLException(caller + ": the JDK cannot make a TLS context (" + e.getMessage() + ")", e);
        }
    }
}
