package io.asyncio4j.http.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a request's https connections check the server: with a given context, with the JDK's
 * default one, or not at all; and, with a {@link Fingerprint}, whether the certificate it
 * presents is the pinned one (aiohttp makes a pinned connection with the unverified context: the
 * pin is the check; a context given with the pin still checks as it does). Part of the pool's {@link ConnectionKey}, so that a connection
 * made one way is never handed to a request that asked for another — above all, an unchecked
 * one to a request that checks, or a pinned one to a request that pins another certificate or
 * none. Equal settings share connections: the same context (by identity), the same verification
 * and the same pin (by digest).
 * <p>
 * Immutable; any thread.
 * <p>
 * asyncio: the {@code ssl} of aiohttp's {@code ConnectionKey}, and {@code TCPConnector._get_ssl_context}
 *
 * @param context the context given (the request's or the session's); null: the JDK's default, or
 *                the unverified one
 * @param verify  false: any certificate is accepted (only with a null context)
 * @param pin     the certificate the server must present, checked after the handshake; null: any
 *                the context accepts
 */
record TlsSetting(SSLContext context, boolean verify, Fingerprint pin) {
    /** The JDK's default context: the JDK's CA certificates, the host name checked. aiohttp: {@code ssl=None} */
    static final TlsSetting DEFAULT = new TlsSetting(null, true, null);
    /** Any certificate, any name. aiohttp: {@code ssl=False} */
    static final TlsSetting UNVERIFIED = new TlsSetting(null, false, null);

    private static SSLContext unverified; // made on first use; guarded by TlsSetting.class

    /** A given context: its trust managers decide. aiohttp: {@code ssl=context} */
    static TlsSetting of(SSLContext context) {
        return context == null ? DEFAULT : new TlsSetting(context, true, null);
    }

    /** This setting with {@code fingerprint} pinned (null: none). */
    TlsSetting pinning(Fingerprint fingerprint) {
        return java.util.Objects.equals(fingerprint, pin) ? this : new TlsSetting(context, verify, fingerprint);
    }

    /**
     * The one context that accepts any certificate, made on first use: what aiohttp's
     * {@code _make_ssl_context(False)} makes (no CA check, no host name check). One for the
     * process, so that every unverified connection keys the pool alike.
     *
     * @throws GeneralSecurityException if this JDK has no TLS
     */
    static synchronized SSLContext unverifiedContext() throws GeneralSecurityException {
        if (unverified == null) {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new TrustingEverything()}, null);
            unverified = c;
        }
        return unverified;
    }

    /** {@code verified}, {@code unverified}, or {@code context=...}; then {@code pinned sha256=...} if pinned. */
    @Override
    public String toString() {
        return (context != null ? "context=" + context : verify ? "verified" : "unverified")
                + (pin == null ? "" : " pinned " + pin);
    }

    /**
     * Accepts every chain. An {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain
     * {@code X509TrustManager} in one that still checks the host name against the certificate
     * (the engine asks for HTTPS endpoint identification); an extended one is asked alone, and
     * this one asks nothing — the host name is still sent as SNI, as aiohttp sends it.
     */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
