package io.asyncio4j.internal.net;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A server {@link SSLContext} whose engines require a client certificate, so that the setting
 * travels with the context as Python's {@code ctx.verify_mode = ssl.CERT_REQUIRED} does (a JDK
 * context has no such switch: it is set on each engine). Everything else is the wrapped
 * context's. Only engines are covered — what asyncio4j uses — so its server socket factory
 * refuses, rather than hand out sockets that silently accept anonymous clients.
 */
public final class ClientCertRequiredContext extends SSLContext {
    /** Wraps an initialised server context. */
    public ClientCertRequiredContext(SSLContext inner) {
        super(new Spi(inner), inner.getProvider(), inner.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext inner;

        Spi(SSLContext inner) {
            this.inner = inner;
        }

        private static SSLEngine require(SSLEngine e) {
            e.setNeedClientAuth(true);
            return e;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            inner.init(km, tm, sr);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return require(inner.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return require(inner.createSSLEngine(host, port));
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return inner.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("TlsContexts: a context requiring client certificates serves "
                    + "asyncio4j servers (SSLEngine) only; for an SSLServerSocket, call setNeedClientAuth(true) "
                    + "on a plain context's socket");
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return inner.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return inner.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            SSLParameters p = inner.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            return p;
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return inner.getSupportedSSLParameters();
        }
    }
}
