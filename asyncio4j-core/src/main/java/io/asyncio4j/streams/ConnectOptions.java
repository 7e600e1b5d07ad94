package io.asyncio4j.streams;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Options of an outgoing connection ({@code EventLoop.createConnection},
 * {@code createUnixConnection}, {@code Asyncio.openConnection}...). Immutable; start from
 * {@link #defaults()} and change what you need:
 * <pre>{@code
 * var opts = ConnectOptions.defaults().withSsl(ctx).withServerHostname("example.com");
 * }</pre>
 * asyncio: the keyword arguments of {@code loop.create_connection()}
 *
 * @param ssl TLS context, or null for a plain connection. asyncio: {@code ssl=}
 * @param serverHostname the name the server's certificate must match and that is sent as SNI;
 *     null: the host connected to; {@code ""}: no hostname check. asyncio: {@code server_hostname=}
 * @param sslHandshakeTimeout how long the TLS handshake may take (default 60 s); another value
 *     without {@code ssl} is refused by the connect, as asyncio's ValueError.
 *     asyncio: {@code ssl_handshake_timeout=}
 * @param sslShutdownTimeout how long the TLS close may take before the connection is aborted
 *     (default 30 s; another value without {@code ssl} is refused). asyncio: {@code ssl_shutdown_timeout=}
 * @param localAddr address to bind the socket to before connecting, or null. asyncio: {@code local_addr=}
 * @param noDelay TCP_NODELAY (default true, as asyncio sets it on every TCP transport)
 * @param limit the stream reader's buffer limit (streams only; default 64 KiB). asyncio: {@code limit=}
 * @param happyEyeballsDelay null (the default): the host's addresses are tried one after another;
 *     otherwise Happy Eyeballs (RFC 8305): the next address is tried when the one before fails or
 *     this long after it started, whichever comes first, and the first to connect wins (RFC 8305
 *     recommends 250 ms). asyncio: {@code happy_eyeballs_delay=}
 * @param interleave null: 1 with Happy Eyeballs, else 0; n &gt; 0 reorders the addresses so that
 *     families alternate, n of the first family first; 0 keeps the resolver's order.
 *     asyncio: {@code interleave=}
 * @param allErrors when every address fails: false (the default) raises their one error, or an
 *     IOException naming them all; true raises an {@code ExceptionGroupException} holding each.
 *     asyncio: {@code all_errors=}
 * @param resolvedAddresses null (the default): the host is looked up; otherwise the addresses to
 *     connect to, already looked up by the caller (a DNS cache's), used as the lookup's answer
 *     would be — in this order, interleaved and raced as set above — while the host given to the
 *     connect still names the server for TLS (SNI and the certificate check, unless
 *     {@code serverHostname} says otherwise) and in errors. asyncio: none (aiohttp connects to
 *     each cached address with {@code server_hostname=} the name; this keeps the whole list in
 *     one connect, so that Happy Eyeballs can race it)
 */
public record ConnectOptions(SSLContext ssl, String serverHostname, Duration sslHandshakeTimeout,
                             Duration sslShutdownTimeout, SocketAddress localAddr, boolean noDelay, int limit,
                             Duration happyEyeballsDelay, Integer interleave, boolean allErrors,
                             List<InetAddress> resolvedAddresses) {
    private static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, Duration.ofSeconds(60),
            Duration.ofSeconds(30), null, true, StreamReader.DEFAULT_LIMIT, null, null, false, null);

    /** Checks the values. */
    public ConnectOptions {
        Checks.positive(sslHandshakeTimeout, "sslHandshakeTimeout");
        Checks.positive(sslShutdownTimeout, "sslShutdownTimeout");
        if (limit <= 0) {
            throw new IllegalArgumentException("ConnectOptions: limit must be > 0, got " + limit);
        }
        if (happyEyeballsDelay != null && happyEyeballsDelay.isNegative()) {
            throw new IllegalArgumentException("ConnectOptions: happyEyeballsDelay must be >= 0 (or null for "
                    + "one address after another), got " + happyEyeballsDelay);
        }
        if (interleave != null && interleave < 0) {
            throw new IllegalArgumentException("ConnectOptions: interleave must be >= 0 (or null for the "
                    + "default), got " + interleave);
        }
        if (resolvedAddresses != null) {
            if (resolvedAddresses.isEmpty()) {
                throw new IllegalArgumentException("ConnectOptions: resolvedAddresses is empty; give at least one "
                        + "address, or null to look the host up");
            }
            resolvedAddresses = List.copyOf(resolvedAddresses); // and a null address is refused here
        }
    }

    /** The interleave in effect: {@link #interleave()}, or its default (1 with Happy Eyeballs, else 0). */
    public int effectiveInterleave() {
        return interleave != null ? interleave : happyEyeballsDelay != null ? 1 : 0;
    }

    /** Plain TCP, no local address, TCP_NODELAY on, 64 KiB stream limit, asyncio's TLS timeouts. */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with TLS on, using {@code ctx}. */
    public ConnectOptions withSsl(SSLContext ctx) {
        return new ConnectOptions(ctx, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddr, noDelay,
                limit, happyEyeballsDelay, interleave, allErrors, resolvedAddresses);
    }

    /** A copy that checks the server certificate against {@code name} (and sends it as SNI); "" checks no name. */
    public ConnectOptions withServerHostname(String name) {
        return new ConnectOptions(ssl, name, sslHandshakeTimeout, sslShutdownTimeout, localAddr, noDelay,
                limit, happyEyeballsDelay, interleave, allErrors, resolvedAddresses);
    }

    /** A copy with another TLS handshake timeout. */
    public ConnectOptions withSslHandshakeTimeout(Duration d) {
        return new ConnectOptions(ssl, serverHostname, d, sslShutdownTimeout, localAddr, noDelay,
                limit, happyEyeballsDelay, interleave, allErrors, resolvedAddresses);
    }

    /** A copy with another TLS shutdown timeout. */
    public ConnectOptions withSslShutdownTimeout(Duration d) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, d, localAddr, noDelay,
                limit, happyEyeballsDelay, interleave, allErrors, resolvedAddresses);
    }

    /** A copy that binds the socket to {@code addr} before connecting. */
    public ConnectOptions withLocalAddr(SocketAddress addr) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, addr, noDelay,
                limit, happyEyeballsDelay, interleave, allErrors, resolvedAddresses);
    }

    /** A copy with TCP_NODELAY on or off. */
    public ConnectOptions withNoDelay(boolean on) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddr, on,
                limit, happyEyeballsDelay, interleave, allErrors, resolvedAddresses);
    }

    /** A copy with another stream reader limit. */
    public ConnectOptions withLimit(int bytes) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddr, noDelay,
                bytes, happyEyeballsDelay, interleave, allErrors, resolvedAddresses);
    }

    /**
     * A copy that races the host's addresses (Happy Eyeballs, RFC 8305), starting the next one
     * {@code delay} after the one before unless it failed sooner; null: one after another.
     */
    public ConnectOptions withHappyEyeballsDelay(Duration delay) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddr, noDelay,
                limit, delay, interleave, allErrors, resolvedAddresses);
    }

    /** A copy with another address interleave (null: the default, see {@link #effectiveInterleave()}). */
    public ConnectOptions withInterleave(Integer firstFamilyCount) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddr, noDelay,
                limit, happyEyeballsDelay, firstFamilyCount, allErrors, resolvedAddresses);
    }

    /** A copy that, when every address fails, raises all their errors as one exception group (or not). */
    public ConnectOptions withAllErrors(boolean all) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddr, noDelay,
                limit, happyEyeballsDelay, interleave, all, resolvedAddresses);
    }

    /**
     * A copy that connects to {@code addrs} (looked up already, e.g. from a cache) instead of
     * looking the host up; the host still names the server for TLS. null: look it up.
     *
     * @throws IllegalArgumentException for an empty list
     * @throws NullPointerException for a null address in it
     */
    public ConnectOptions withResolvedAddresses(List<InetAddress> addrs) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddr, noDelay,
                limit, happyEyeballsDelay, interleave, allErrors, addrs);
    }
}
