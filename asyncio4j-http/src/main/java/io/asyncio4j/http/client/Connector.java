package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.ResponseHead;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.StreamPair;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Finds a connection for a request: an idle one from the pool, or a new one — TCP, or TLS for
 * https as the route's {@link TlsSetting} says: with the request's or the session's
 * {@link SSLContext} (the JDK's default unless one was given), checking that the certificate
 * names the URL's host; or accepting any certificate (aiohttp's {@code ssl=False}), the host
 * still sent as SNI; with a pinned certificate ({@link Fingerprint}), the certificate the server
 * presented is checked after the handshake, and a connection presenting another is closed
 * ({@link ServerFingerprintMismatchException}) — directly, the next address is tried then, as
 * aiohttp; through a tunnel it fails at once. The host's addresses are tried in turn,
 * each attempt (connect and handshake) within {@link ClientTimeout#sockConnect()} if set; with
 * Happy Eyeballs ({@link ClientSessionOptions#withHappyEyeballsDelay}) they are raced by the
 * core's connect instead, the whole race within {@code sockConnect}, as aiohttp 3.10 does.
 * <p>
 * Through an {@link HttpProxy} ({@link Route}): the connection is to the proxy; for an https URL
 * (or a WebSocket's) the proxy is asked to open a tunnel ({@code CONNECT host:port}, with the
 * proxy's credentials and fields, never the request's), and for https TLS with the URL's host runs
 * over it, so that the proxy sees only encrypted bytes. A plain http URL is sent to the proxy as
 * it is ({@link RequestEncoder}).
 * <p>
 * With a Unix-domain socket ({@link ClientSessionOptions#withUnixSocket}) every connection is to
 * that socket, in plain text whatever the URL's scheme (aiohttp's {@code UnixConnector} does not
 * run TLS over it either); the URL still names the server for the Host field and the pool.
 * <p>
 * A host name (the server's, or the proxy's) is looked up here, once per connection, through the
 * session's {@link DnsCache} (or directly, with the cache off: {@link ClientSessionOptions#withDnsCache}),
 * and the connect goes to the addresses found ({@link ConnectOptions#withResolvedAddresses}), the
 * name still naming the server for TLS; an address literal goes to the connect as it is.
 * <p>
 * Trace signals ({@link Tracer}, when the session has trace configs): queued start/end in the
 * pool, reuseconn for an idle connection, create start/end around a new one and, inside them,
 * the cache and lookup signals of a host name (not of an address), as aiohttp.
 * <p>
 * Threading: the tasks of the session's loop. The default SSLContext is looked up on first
 * https use, by the one task running then (the unverified one is made once for the process).
 * <p>
 * asyncio: aiohttp's {@code TCPConnector} ({@code _create_direct_connection},
 * {@code _create_proxy_connection}, {@code _wrap_create_connection}) and {@code UnixConnector}
 */
final class Connector {
    private final ConnectionPool pool;
    private final Path unixSocket;   // every connection goes there; null: TCP to the URL's host
    private final ConnectOptions tcp; // what every TCP connect starts from: Happy Eyeballs, interleave
    private final DnsCache dns;       // null: every connection looks its host up
    private SSLContext defaultSsl;    // the JDK's, looked up on first use

    Connector(ConnectionPool pool, Path unixSocket, Duration happyEyeballsDelay, Integer interleave, DnsCache dns) {
        this.pool = pool;
        this.unixSocket = unixSocket;
        this.tcp = ConnectOptions.defaults().withHappyEyeballsDelay(happyEyeballsDelay).withInterleave(interleave);
        this.dns = dns;
    }

    ConnectionPool pool() {
        return pool;
    }

    /** The DNS cache, or null when the session has none. */
    DnsCache dnsCache() {
        return dns;
    }

    /**
     * A connection for {@code route}, owned by the caller: an idle one from the pool, or a new
     * one. Waits while the session's connection limits allow neither. May suspend.
     * @throws ClientConnectorException when the connect or the TLS handshake fails
     * @throws ServerTimeoutException when one connect attempt takes longer than {@code sockConnect}
     * @throws IllegalStateException if the session closes meanwhile
     */
    PooledConnection acquire(Route route, Duration sockConnect, Tracer t) throws IOException {
        PooledConnection idle = pool.acquire(route.key(), t);
        if (idle == null) {
            return connect(route, sockConnect, t);
        }
        if (t != null) {
            try {
                t.connectionReuseconn();
            } catch (Throwable e) {
                pool.release(idle, true); // untouched: back to the pool for the next request
                throw e;
            }
        }
        return idle;
    }

    /**
     * A new connection for {@code route}, owned by the caller, in a slot the pool has reserved for
     * it ({@link ConnectionPool#acquire}, or one kept from a stale connection); the slot is given
     * back if no connection is made. May suspend.
     * @throws ClientConnectorException when the connect or the TLS handshake fails
     * @throws UnixClientConnectorException when the session's Unix socket cannot be reached
     * @throws ClientProxyConnectionException when the proxy cannot be reached
     * @throws ClientHttpProxyException when the proxy refuses the tunnel
     * @throws ServerTimeoutException when one connect attempt takes longer than {@code sockConnect}
     */
    PooledConnection connect(Route route, Duration sockConnect, Tracer t) throws IOException {
        ConnectionKey key = route.key();
        boolean added = false;
        try {
            if (t != null) {
                t.connectionCreateStart();
            }
            StreamPair pair = unixSocket != null ? unix(route.url(), sockConnect)
                    : route.proxy() == null ? direct(route, sockConnect, t) : throughProxy(route, sockConnect, t);
            PooledConnection c = new PooledConnection(key, pair.reader(), pair.writer());
            added = true; // add() takes the slot over, or closes c and (session closed) there is none
            pool.add(c);
            if (t != null) {
                try {
                    t.connectionCreateEnd();
                } catch (Throwable e) {
                    pool.discard(c);
                    throw e;
                }
            }
            return c;
        } finally {
            if (!added) {
                pool.unreserve(key); // failed or cancelled: the slot goes to a waiter
            }
        }
    }

    private StreamPair unix(HttpUrl url, Duration sockConnect) throws IOException {
        try {
            return sockConnect == null ? Asyncio.openUnixConnection(unixSocket)
                    : within(sockConnect, () -> Asyncio.openUnixConnection(unixSocket));
        } catch (TimeoutException e) {
            throw new ServerTimeoutException("Connection timeout to unix socket " + unixSocket + " (for "
                    + url.origin() + "): no connection within " + ClientTimeout.seconds(sockConnect)
                    + " s (ClientTimeout.sockConnect); give more time, or null for no limit", e);
        } catch (IOException e) {
            throw new UnixClientConnectorException(unixSocket, url.host(), url.port(), e);
        }
    }

    private StreamPair direct(Route route, Duration sockConnect, Tracer t) throws IOException {
        HttpUrl url = route.url();
        String host = url.connectHost();
        ConnectOptions options = tcp;
        if (url.isTls()) {
            // the name even unverified: SNI picks the certificate (the unverified context skips its check)
            options = options.withSsl(sslContext(route)).withServerHostname(host);
        }
        Function<IOException, IOException> failed = e -> new ClientConnectorException(host, url.port(), url.isTls(),
                route.tls(), e);
        options = lookUp(host, url.port(), options, t, failed);
        Fingerprint pin = url.isTls() ? route.tls().pin() : null;
        if (pin != null) {
            return pinned(host, url.port(), options, sockConnect, url.origin(), pin, failed);
        }
        try {
            return open(host, url.port(), options, sockConnect, url.origin());
        } catch (ServerTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw failed.apply(e);
        }
    }

    /**
     * A connection to the first of {@code host}'s addresses that connects and presents the
     * certificate {@code pin} names, as aiohttp's {@code _create_direct_connection} walks them: an
     * address whose certificate differs is closed and the next tried; the last failure (a
     * {@link ServerFingerprintMismatchException}, or a connect failure through {@code failed})
     * if none does. One address at a time, Happy Eyeballs or not: the race would keep the first
     * connection, pinned certificate or not. May suspend.
     */
    private static StreamPair pinned(String host, int port, ConnectOptions options, Duration sockConnect, String origin,
                                     Fingerprint pin, Function<IOException, IOException> failed) throws IOException {
        List<InetAddress> addresses = options.resolvedAddresses() != null ? options.resolvedAddresses()
                : List.of(InetAddress.ofLiteral(host)); // lookUp resolved every name
        ConnectOptions oneByOne = options.withHappyEyeballsDelay(null);
        IOException last = null;
        for (InetAddress a : addresses) {
            StreamPair pair;
            try {
                pair = open(host, port, oneByOne.withResolvedAddresses(List.of(a)), sockConnect, origin);
            } catch (ServerTimeoutException e) {
                throw e; // as open(): a timed-out attempt ends the search
            } catch (IOException e) {
                last = failed.apply(e);
                continue;
            }
            try {
                checkPin(pair, pin, a.getHostAddress(), port, true);
                return pair;
            } catch (ServerFingerprintMismatchException e) {
                pair.writer().close();
                last = e;
            }
        }
        throw last;
    }

    /**
     * Whether the TLS connection {@code pair} presented the pinned certificate; the exception names
     * the address it answered from when {@code byPeer} (a direct connection; a tunnel's peer is
     * the proxy), else {@code host:port}.
     */
    private static void checkPin(StreamPair pair, Fingerprint pin, String host, int port, boolean byPeer)
            throws ServerFingerprintMismatchException {
        Object peer = byPeer ? pair.writer().getExtraInfo("peername") : null;
        if (peer instanceof InetSocketAddress s && s.getAddress() != null) {
            host = s.getAddress().getHostAddress();
            port = s.getPort();
        }
        Object cert = pair.writer().getExtraInfo("peercert");
        pin.check(cert instanceof java.security.cert.Certificate c ? c : null, host, port);
    }

    /**
     * {@code options} with the addresses of {@code host} ({@link ConnectOptions#withResolvedAddresses}),
     * from the DNS cache or looked up now, with the trace's signals; as they are for an address
     * literal (aiohttp signals nothing for those). A failed lookup goes through {@code failed}.
     * <p>
     * As aiohttp's {@code host_resolved}, the resolving (signals included) runs in a task of its
     * own, which this request waits for: its signals come on the loop's next turn (so concurrent
     * requests interleave as in aiohttp). Cancelling the request cancels that task; a lookup other
     * requests share goes on behind the cache's shield. May suspend.
     */
    private ConnectOptions lookUp(String host, int port, ConnectOptions options, Tracer t,
                                  Function<IOException, IOException> failed) throws IOException {
        if (isAddress(host)) {
            return options;
        }
        Task<List<InetAddress>> resolving = EventLoop.getRunningLoop().createTask(
                () -> dns != null ? dns.resolve(host, port, t, failed) : resolveNow(host, port, t, failed),
                "resolve " + host + ":" + port);
        return options.withResolvedAddresses(resolving.await());
    }

    /** The addresses of {@code host}, looked up now between the trace's resolvehost signals. May suspend. */
    private static List<InetAddress> resolveNow(String host, int port, Tracer t,
                                                Function<IOException, IOException> failed) throws IOException {
        if (t != null) {
            t.dnsResolveHostStart(host);
        }
        List<InetSocketAddress> found;
        try {
            found = EventLoop.getRunningLoop().getaddrinfo(host, port);
        } catch (IOException e) {
            throw failed.apply(e); // no end signal, as aiohttp's when its resolver raises
        }
        if (t != null) {
            t.dnsResolveHostEnd(host);
        }
        List<InetAddress> addresses = new ArrayList<>(found.size());
        for (InetSocketAddress a : found) {
            addresses.add(a.getAddress());
        }
        return addresses;
    }

    private static boolean isAddress(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException name) {
            return false;
        }
    }

    /**
     * Connects to {@code host:port}: each of its addresses in turn ({@code options}' resolved ones,
     * or the literal {@code host}), each attempt within {@code sockConnect} (null: no limit), the
     * last failure if none answers — a timed-out attempt ends the search, as in aiohttp; with Happy
     * Eyeballs on, the core's race over them, as a whole within {@code sockConnect}. May suspend.
     */
    private static StreamPair open(String host, int port, ConnectOptions options, Duration sockConnect, String origin)
            throws IOException {
        if (sockConnect == null) {
            return Asyncio.openConnection(host, port, options); // its own walk over (or race of) the addresses
        }
        if (options.happyEyeballsDelay() != null) {
            try {
                return within(sockConnect, () -> Asyncio.openConnection(host, port, options));
            } catch (TimeoutException e) {
                throw new ServerTimeoutException("Connection timeout to host " + origin + ": no address of " + host
                        + " connected within " + ClientTimeout.seconds(sockConnect) + " s (ClientTimeout.sockConnect, "
                        + "over the whole Happy Eyeballs race and its TLS handshake); give more time, or null for "
                        + "no limit", e);
            }
        }
        List<InetAddress> addresses = options.resolvedAddresses() != null ? options.resolvedAddresses()
                : List.of(InetAddress.ofLiteral(host)); // lookUp resolved every name
        IOException last = null;
        for (InetAddress a : addresses) {
            ConnectOptions one = options.withResolvedAddresses(List.of(a)); // host still names the server for TLS
            try {
                return within(sockConnect, () -> Asyncio.openConnection(host, port, one));
            } catch (TimeoutException e) {
                throw new ServerTimeoutException("Connection timeout to host " + origin + ": "
                        + new InetSocketAddress(a, port) + " did not "
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

    /**
     * A connection to {@code route}'s proxy, tunnelled to the URL's host when the route says so,
     * and in TLS with it for https. May suspend.
     */
    private StreamPair throughProxy(Route route, Duration sockConnect, Tracer t) throws IOException {
        HttpUrl url = route.url();
        HttpProxy proxy = route.proxy();
        Function<IOException, IOException> unreachable =
                e -> new ClientProxyConnectionException(proxy.connectHost(), proxy.port(), e);
        ConnectOptions options = lookUp(proxy.connectHost(), proxy.port(), tcp, t, unreachable);
        StreamPair pair;
        try {
            pair = open(proxy.connectHost(), proxy.port(), options, sockConnect, url.origin());
        } catch (ServerTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw unreachable.apply(e);
        }
        if (!route.tunnel()) {
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
            if (url.isTls()) {
                startTls(pair, route, sockConnect);
                if (route.tls().pin() != null) {
                    // aiohttp 3.8 skips the pin through a proxy; a tunnel is where it matters most
                    checkPin(pair, route.tls().pin(), url.connectHost(), url.port(), false);
                }
            }
            tunnelled = true;
            return pair;
        } finally {
            if (!tunnelled) {
                pair.writer().close();
            }
        }
    }

    /** TLS with {@code url}'s server over the tunnel {@code pair}, within {@code sockConnect}. May suspend. */
    private void startTls(StreamPair pair, Route route, Duration sockConnect) throws IOException {
        HttpUrl url = route.url();
        HttpProxy proxy = route.proxy();
        SSLContext ctx = sslContext(route);
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
            throw new ClientConnectorException(url.connectHost(), url.port(), true, route.tls(), e);
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    /** {@code call} within {@code limit} (a {@link TimeoutException} past it); its IOException as it is. May suspend. */
    private static <T> T within(Duration limit, IoCall<T> call) throws IOException {
        return Asyncio.timeout(limit, call::call);
    }

    /** The context {@code route}'s TLS setting names: given, the JDK's default, or the unverified one. */
    private SSLContext sslContext(Route route) throws ClientConnectorException {
        TlsSetting tls = route.tls();
        if (tls.context() != null) {
            return tls.context();
        }
        HttpUrl url = route.url();
        try {
            if (!tls.verify()) {
                return TlsSetting.unverifiedContext();
            }
            if (defaultSsl == null) {
                defaultSsl = SSLContext.getDefault();
            }
            return defaultSsl;
        } catch (GeneralSecurityException e) {
            throw new ClientConnectorException(url.connectHost(), url.port(), true, new IOException(
                    "this JDK has no " + (tls.verify() ? "default SSLContext" : "TLS") + "; give a context with "
                    + "ClientSessionOptions.withSslContext", e));
        }
    }

    /** Cancels the DNS lookups under way (the session closes). */
    void close() {
        if (dns != null) {
            dns.close();
        }
    }

    @Override
    public String toString() {
        return "<Connector " + (unixSocket != null ? "unix:" + unixSocket + " " : "") + pool
                + (dns != null ? " " + dns : "") + ">";
    }
}
