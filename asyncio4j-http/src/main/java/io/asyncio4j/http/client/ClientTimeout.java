package io.asyncio4j.http.client;

import java.time.Duration;

/**
 * The time limits of a request, aiohttp's four. Each is a {@link Duration}; {@code null} — or
 * {@code Duration.ZERO}, which is stored as null — means no limit, as aiohttp reads {@code None}
 * and {@code 0}. Set them on a session ({@link ClientSessionOptions#withTimeout(ClientTimeout)})
 * or on one request ({@link RequestOptions#withTimeout(ClientTimeout)}, which replaces the
 * session's as a whole):
 * <pre>{@code
 * var session = new ClientSession(ClientSessionOptions.defaults()
 *         .withTimeout(ClientTimeout.none().withTotal(Duration.ofSeconds(30)).withSockRead(Duration.ofSeconds(5))));
 * }</pre>
 * Immutable; any thread.
 * <p>
 * asyncio: {@code aiohttp.ClientTimeout(total=, connect=, sock_read=, sock_connect=)}
 *
 * @param total       the whole request: getting a connection, sending, the response's head after
 *                    any redirects, and reading its body; past it the request (or the body read
 *                    under way) fails with {@link io.asyncio4j.TimeoutException} and the connection
 *                    is closed. asyncio: {@code total=} (raising {@code asyncio.TimeoutError})
 * @param connect     getting a connection: the wait for a slot under the session's limits, the
 *                    connect and the TLS handshake (through a proxy: its connect, the CONNECT
 *                    exchange and the handshake over the tunnel); past it
 *                    {@link ServerTimeoutException}. asyncio: {@code connect=}
 * @param sockRead    the longest the peer may leave the client waiting for its next bytes, from
 *                    the moment the request has been sent until the response's body has all
 *                    arrived: restarted by every piece that arrives, whether or not a task is
 *                    reading then (not counted while the client itself holds back more than the
 *                    stream's limit unread); past it {@link ServerTimeoutException} ("Timeout on
 *                    reading data from socket") and the connection is closed.
 *                    asyncio: {@code sock_read=}
 * @param sockConnect one connect attempt: the TCP connect to one address of the host (or of the
 *                    proxy) and the TLS handshake on it; past it {@link ServerTimeoutException},
 *                    without trying the host's other addresses, as aiohttp.
 *                    asyncio: {@code sock_connect=}
 */
public record ClientTimeout(Duration total, Duration connect, Duration sockRead, Duration sockConnect) {
    private static final ClientTimeout NONE = new ClientTimeout(null, null, null, null);
    private static final ClientTimeout DEFAULT = new ClientTimeout(Duration.ofMinutes(5), null, null, null);

    /**
     * Checks the limits; {@code Duration.ZERO} becomes null (no limit).
     *
     * @throws IllegalArgumentException for a negative limit
     */
    public ClientTimeout {
        total = check("total", total);
        connect = check("connect", connect);
        sockRead = check("sockRead", sockRead);
        sockConnect = check("sockConnect", sockConnect);
    }

    private static Duration check(String name, Duration d) {
        if (d == null || d.isZero()) {
            return null;
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("ClientTimeout(): " + name + " is " + d + "; give a positive Duration, "
                    + "or null (or Duration.ZERO) for no limit");
        }
        return d;
    }

    /** No limit at all. asyncio: {@code aiohttp.ClientTimeout()} */
    public static ClientTimeout none() {
        return NONE;
    }

    /** A session's default: 5 minutes in total, nothing else. asyncio: {@code aiohttp.client.DEFAULT_TIMEOUT} */
    public static ClientTimeout defaults() {
        return DEFAULT;
    }

    /** Only a total limit ({@code null} or zero: none). asyncio: {@code ClientTimeout(total=...)}, or a number as {@code timeout=} */
    public static ClientTimeout ofTotal(Duration total) {
        return new ClientTimeout(total, null, null, null);
    }

    /** A copy with {@code d} as the total limit. asyncio: {@code attr.evolve(t, total=...)} */
    public ClientTimeout withTotal(Duration d) {
        return new ClientTimeout(d, connect, sockRead, sockConnect);
    }

    /** A copy with {@code d} as the connect limit. asyncio: {@code attr.evolve(t, connect=...)} */
    public ClientTimeout withConnect(Duration d) {
        return new ClientTimeout(total, d, sockRead, sockConnect);
    }

    /** A copy with {@code d} as the read-inactivity limit. asyncio: {@code attr.evolve(t, sock_read=...)} */
    public ClientTimeout withSockRead(Duration d) {
        return new ClientTimeout(total, connect, d, sockConnect);
    }

    /** A copy with {@code d} as the limit of one connect attempt. asyncio: {@code attr.evolve(t, sock_connect=...)} */
    public ClientTimeout withSockConnect(Duration d) {
        return new ClientTimeout(total, connect, sockRead, d);
    }

    /** {@code d} in seconds, as the messages write it ({@code 0.2}, {@code 300.0}). */
    static String seconds(Duration d) {
        return d.toMillis() / 1000.0 + "";
    }

    /** {@code ClientTimeout(total=300.0, connect=None, sock_read=None, sock_connect=None)}. asyncio: its repr */
    @Override
    public String toString() {
        return "ClientTimeout(total=" + show(total) + ", connect=" + show(connect) + ", sock_read=" + show(sockRead)
                + ", sock_connect=" + show(sockConnect) + ")";
    }

    private static String show(Duration d) {
        return d == null ? "None" : seconds(d);
    }
}
