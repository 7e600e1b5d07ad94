package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.ResponseHead;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.StreamPair;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Finds a connection for a request: an idle one from the pool, or a new one — TCP, or TLS for
 * https with the session's {@link SSLContext} (the JDK's default unless the session gave one),
 * checking that the certificate names the URL's host. The host's addresses are tried in turn,
 * each attempt (connect and handshake) within {@link ClientTimeout#sockConnect()} if set.
 * <p>
 * Through an {@link HttpProxy}: the connection is to the proxy; for an https URL the proxy is
 * asked to open a tunnel ({@code CONNECT host:port}, with the proxy's credentials and fields,
 * never the request's), and TLS with the URL's host runs over it, so that the proxy sees only
 * encrypted bytes. A plain http URL is sent to the proxy as it is ({@link RequestEncoder}).
 * <p>
 * Threading: the tasks of the session's loop. The default SSLContext is looked up on first
 * https use, by the one task running then.
 * <p>
 * asyncio: aiohttp's {@code TCPConnector} ({@code _create_direct_connection},
 * {@code _create_proxy_connection}, {@code _wrap_create_connection})
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
     * A connection for {@code url} (through {@code proxy}, null: direct), owned by the caller: an
     * idle one from the pool, or a new one. Waits while the session's connection limits allow
     * neither. May suspend.
     * @throws ClientConnectorException when the connect or the TLS handshake fails
     * @throws ServerTimeoutException when one connect attempt takes longer than {@code sockConnect}
     * @throws IllegalStateException if the session closes meanwhile
     */
    PooledConnection acquire(HttpUrl url, HttpProxy proxy, Duration sockConnect) throws IOException {
        PooledConnection idle = pool.acquire(url.key(proxy));
        return idle != null ? idle : connect(url, proxy, sockConnect);
    }

    /**
     * A new connection for {@code url} (through {@code proxy}, null: direct), owned by the caller,
     * in a slot the pool has reserved for it ({@link ConnectionPool#acquire}, or one kept from a
     * stale connection); the slot is given back if no connection is made. May suspend.
     * @throws ClientConnectorException when the connect or the TLS handshake fails
     * @throws ClientProxyConnectionException when the proxy cannot be reached
     * @throws ClientHttpProxyException when the proxy refuses the tunnel
     * @throws ServerTimeoutException when one connect attempt takes longer than {@code sockConnect}
     */
    PooledConnection connect(HttpUrl url, HttpProxy proxy, Duration sockConnect) throws IOException {
        ConnectionKey key = url.key(proxy);
        boolean added = false;
        try {
            StreamPair pair = proxy == null ? direct(url, sockConnect) : throughProxy(url, proxy, sockConnect);
            PooledConnection c = new PooledConnection(key, pair.reader(), pair.writer());
            added = true; // add() takes the slot over, or closes c and (session closed) there is none
            pool.add(c);
            return c;
        } finally {
            if (!added) {
                pool.unreserve(key); // failed or cancelled: the slot goes to a waiter
            }
        }
    }

    private StreamPair direct(HttpUrl url, Duration sockConnect) throws IOException {
        String host = url.connectHost();
        ConnectOptions options = ConnectOptions.defaults();
        if (url.isTls()) {
            options = options.withSsl(sslContext(url)).withServerHostname(host);
        }
        try {
            return open(host, url.port(), options, sockConnect, url.origin());
        } catch (ServerTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw new ClientConnectorException(host, url.port(), url.isTls(), e);
        }
    }

    /**
     * Connects to {@code host:port}: each of its addresses in turn, each attempt within
     * {@code sockConnect} (null: no limit); the last failure if none answers. A timed-out attempt
     * ends the search, as in aiohttp. May suspend.
     */
    private static StreamPair open(String host, int port, ConnectOptions options, Duration sockConnect, String origin)
            throws IOException {
        if (sockConnect == null) {
            return Asyncio.openConnection(host, port, options); // its own walk over the addresses
        }
        List<InetSocketAddress> addresses = EventLoop.getRunningLoop().getaddrinfo(host, port);
        IOException last = null;
        for (InetSocketAddress a : addresses) {
            try {
                return within(sockConnect, () -> Asyncio.openConnection(a.getAddress().getHostAddress(), port, options));
            } catch (TimeoutException e) {
                throw new ServerTimeoutException("Connection timeout to host " + origin + ": " + a + " did not "
                        + "connect within " + ClientTimeout.seconds(sockConnect) + " s (ClientTimeout.sockConnect: one "
                        + "connect and its TLS handshake); give more time, or null for no limit", e);
            } catch (IOException e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        throw last;
    }

    /** A connection to {@code proxy}, tunnelled to {@code url}'s host and in TLS with it for https. May suspend. */
    private StreamPair throughProxy(HttpUrl url, HttpProxy proxy, Duration sockConnect) throws IOException {
        StreamPair pair;
        try {
            pair = open(proxy.connectHost(), proxy.port(), ConnectOptions.defaults(), sockConnect, url.origin());
        } catch (ServerTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw new ClientProxyConnectionException(proxy.connectHost(), proxy.port(), e);
        }
        if (!url.isTls()) {
            return pair;
        }
        boolean tunnelled = false;
        try {
            ByteSink connect = RequestEncoder.write(RequestEncoder.connectHead(url, proxy), null);
            pair.writer().write(connect.array(), 0, connect.size());
            pair.writer().drain();
            ResponseHead answer = ResponseHeadReader.read(pair.reader(), proxy.toString());
            if (answer.status() < 200 || answer.status() > 299) {
                throw new ClientHttpProxyException(proxy.toString(), url.uri(), answer.status(), answer.reason(),
                        answer.headers());
            }
            SSLContext ctx = sslContext(url);
            try {
                if (sockConnect == null) {
                    pair.writer().startTls(ctx, url.connectHost());
                } else {
                    within(sockConnect, () -> {
                        pair.writer().startTls(ctx, url.connectHost());
                        return null;
                    });
                }
            } catch (TimeoutException e) {
                throw new ServerTimeoutException("Connection timeout to host " + url.origin() + ": the TLS handshake "
                        + "through the proxy " + proxy + " took longer than " + ClientTimeout.seconds(sockConnect)
                        + " s (ClientTimeout.sockConnect); give more time, or null for no limit", e);
            } catch (IOException e) {
                throw new ClientConnectorException(url.connectHost(), url.port(), true, e);
            }
            tunnelled = true;
            return pair;
        } finally {
            if (!tunnelled) {
                pair.writer().close();
            }
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    /** {@code call} within {@code limit} (a {@link TimeoutException} past it); its IOException as it is. May suspend. */
    private static <T> T within(Duration limit, IoCall<T> call) throws IOException {
        return Asyncio.timeout(limit, call::call);
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
