package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.StreamPair;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Finds a connection for a request: an idle one from the pool, or a new one (TCP, or TLS for
 * https with the session's {@link SSLContext}, the JDK's default unless the session gave one,
 * checking that the certificate names the URL's host).
 * <p>
 * Threading: the tasks of the session's loop. The default SSLContext is looked up on first
 * https use, by the one task running then.
 * <p>
 * asyncio: aiohttp's {@code TCPConnector}
 */
final class Connector {
    private final ConnectionPool pool;
    private SSLContext ssl;

    Connector(ConnectionPool pool, SSLContext ssl) {
        this.pool = pool;
        this.ssl = ssl;
    }

    ConnectionPool pool() {
        return pool;
    }

    /**
     * A connection for {@code url}, owned by the caller: an idle one from the pool, or a new one.
     * Waits while the session's connection limits allow neither. May suspend.
     * @throws ClientConnectorException when the connect or the TLS handshake fails
     * @throws IllegalStateException if the session closes meanwhile
     */
    PooledConnection acquire(HttpUrl url) throws ClientConnectorException {
        PooledConnection idle = pool.acquire(url.key());
        return idle != null ? idle : connect(url);
    }

    /**
     * A new connection for {@code url}, owned by the caller, in a slot the pool has reserved for
     * it ({@link ConnectionPool#acquire}, or one kept from a stale connection); the slot is given
     * back if no connection is made. May suspend.
     * @throws ClientConnectorException when the connect or the TLS handshake fails
     */
    PooledConnection connect(HttpUrl url) throws ClientConnectorException {
        boolean added = false;
        try {
            String host = url.connectHost();
            ConnectOptions options = ConnectOptions.defaults();
            if (url.isTls()) {
                options = options.withSsl(sslContext(url)).withServerHostname(host);
            }
            StreamPair pair;
            try {
                pair = Asyncio.openConnection(host, url.port(), options);
            } catch (IOException e) {
                throw new ClientConnectorException(host, url.port(), url.isTls(), e);
            }
            PooledConnection c = new PooledConnection(url.key(), pair.reader(), pair.writer());
            added = true; // add() takes the slot over, or closes c and (session closed) there is none
            pool.add(c);
            return c;
        } finally {
            if (!added) {
                pool.unreserve(url.key()); // failed or cancelled: the slot goes to a waiter
            }
        }
    }

    private SSLContext sslContext(HttpUrl url) throws ClientConnectorException {
        if (ssl == null) {
            try {
                ssl = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new ClientConnectorException(url.connectHost(), url.port(), true, new IOException(
                        "this JDK has no default SSLContext; give one with ClientSessionOptions.withSslContext", e));
            }
        }
        return ssl;
    }

    @Override
    public String toString() {
        return "<Connector " + pool + ">";
    }
}
