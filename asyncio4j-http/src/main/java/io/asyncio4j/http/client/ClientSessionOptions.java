package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A {@link ClientSession}'s settings. Immutable; start from {@link #defaults()} and change what
 * you need:
 * <pre>{@code
 * var session = new ClientSession(ClientSessionOptions.defaults()
 *         .withHeaders(Headers.of("Authorization", "Bearer ..."))
 *         .withMaxRedirects(3));
 * }</pre>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: the keyword arguments of {@code aiohttp.ClientSession(...)} and of its
 * {@code TCPConnector}
 *
 * @param headers          fields sent with every request, over the session's own
 *                         ({@code User-Agent}, {@code Accept}) and under the request's.
 *                         asyncio: {@code headers=}
 * @param maxRedirects     redirects followed per request before {@link TooManyRedirectsException}
 *                         (default 10; 0: every redirect is an error — aiohttp reads 0 as "no
 *                         limit", and raises at the 10th redirect where this follows 10).
 *                         asyncio: {@code max_redirects=}
 * @param readLimit        the most bytes {@link ClientResponse#read()} buffers (default 64 MiB);
 *                         stream larger bodies with {@link ClientResponse#readChunk(int)}.
 *                         asyncio: none (aiohttp reads any size into memory)
 * @param sslContext       the TLS context of https connections; null: the JDK's default (which
 *                         trusts the JDK's CA certificates). asyncio: {@code TCPConnector(ssl=)}
 * @param keepaliveTimeout how long an idle connection waits in the pool before it is closed
 *                         (default 15 s). asyncio: {@code TCPConnector(keepalive_timeout=)}
 * @param limit            the most connections the session keeps open at once, idle or in use,
 *                         all servers together (default 100; 0: no limit); a request over it
 *                         waits, first come first served, for one to be released or closed.
 *                         asyncio: {@code TCPConnector(limit=)} (which counts only connections in
 *                         use; idle ones count here too, so the limit bounds the open sockets)
 * @param limitPerHost     the same per scheme, host and port (default 0: no limit).
 *                         asyncio: {@code TCPConnector(limit_per_host=)}
 * @param timeout          the requests' time limits ({@link ClientTimeout}: total, connect,
 *                         sockRead, sockConnect; a request's own replace them); by default 5
 *                         minutes in total and nothing else, as aiohttp's.
 *                         asyncio: {@code timeout=ClientTimeout(total=300)}
 * @param cookieJar        where the session keeps the cookies responses set and takes those it
 *                         sends; null (the default): a new {@link CookieJar} for each session
 *                         (the options may be shared, a jar is not).
 *                         {@link DummyCookieJar}: none kept. asyncio: {@code cookie_jar=}
 * @param cookies          cookies sent with every request to every host (shared cookies, put in
 *                         the session's jar when it is made). asyncio: {@code cookies=}
 * @param baseUrl          the origin ({@code scheme://host[:port]}) that URLs starting with
 *                         {@code /} are relative to; null: none. asyncio: {@code base_url=}
 * @param raiseForStatus   whether every final response of 400 or more raises
 *                         {@link ClientResponseException} (released first).
 *                         asyncio: {@code raise_for_status=True}
 * @param auth             Basic credentials sent to the origin of each URL the caller asks for
 *                         (and its same-origin redirects); credentials in the URL take
 *                         precedence. null: none. asyncio: {@code auth=BasicAuth(...)}
 */
public record ClientSessionOptions(Headers headers, int maxRedirects, long readLimit, SSLContext sslContext,
                                   Duration keepaliveTimeout, int limit, int limitPerHost, ClientTimeout timeout,
                                   AbstractCookieJar cookieJar, Map<String, String> cookies, String baseUrl,
                                   boolean raiseForStatus, BasicAuth auth) {
    /** The default {@link #readLimit()}: 64 MiB. asyncio: none */
    public static final long DEFAULT_READ_LIMIT = 64L << 20;

    /** The default {@link #limit()}: 100 connections. asyncio: {@code TCPConnector(limit=100)} */
    public static final int DEFAULT_LIMIT = 100;

    private static final ClientSessionOptions DEFAULTS = new ClientSessionOptions(new Headers(), 10,
            DEFAULT_READ_LIMIT, null, Duration.ofSeconds(15), DEFAULT_LIMIT, 0, ClientTimeout.defaults(), null, Map.of(), null, false, null);

    /** Checks the values, copies the headers. asyncio: {@code ClientSession.__init__}'s checks */
    public ClientSessionOptions {
        headers = headers == null ? new Headers() : new Headers(headers);
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("ClientSessionOptions(): maxRedirects is negative (" + maxRedirects
                    + "); give 0 or more (0: every redirect is an error)");
        }
        if (readLimit <= 0) {
            throw new IllegalArgumentException("ClientSessionOptions(): readLimit is " + readLimit
                    + "; give a positive number of bytes");
        }
        if (keepaliveTimeout == null || keepaliveTimeout.isNegative() || keepaliveTimeout.isZero()) {
            throw new IllegalArgumentException("ClientSessionOptions(): keepaliveTimeout is " + keepaliveTimeout
                    + "; give a positive Duration");
        }
        if (timeout == null) {
            throw new IllegalArgumentException("ClientSessionOptions(): timeout is null; give a ClientTimeout, "
                    + "ClientTimeout.none() for no limits");
        }
        if (cookies == null || cookies.isEmpty()) {
            cookies = Map.of();
        } else {
            cookies.forEach(Cookie::of); // a bad name or value fails here, not at the first request
            cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
        }
        if (baseUrl != null) {
            baseUrl = checkBaseUrl(baseUrl);
        }
        checkLimit("ClientSessionOptions()", "limit", limit);
        checkLimit("ClientSessionOptions()", "limitPerHost", limitPerHost);
    }

    /** {@code url} as an origin without a trailing slash, or IllegalArgumentException. */
    private static String checkBaseUrl(String url) {
        java.net.URI u;
        try {
            u = new java.net.URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("ClientSessionOptions(): baseUrl " + url + " is not a URL (" + e.getMessage()
                    + "); give an origin such as https://api.example.com");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean known = scheme.equals("http") || scheme.equals("https") || scheme.equals("ws") || scheme.equals("wss");
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (!known || u.getHost() == null || !(path.isEmpty() || path.equals("/")) || u.getRawQuery() != null
                || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("ClientSessionOptions(): baseUrl " + url + " is not an origin; give "
                    + "scheme://host[:port] only (no path, query or credentials), as aiohttp's base_url");
        }
        String s = url.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static void checkLimit(String where, String name, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(where + ": " + name + " is negative (" + n
                    + "); give 0 for no limit or more");
        }
    }

    /**
     * No extra headers, 10 redirects, 64 MiB read limit, the JDK's default TLS, 15 s keep-alive,
     * at most 100 connections and no limit per host, 5 minutes for a whole request
     * ({@link ClientTimeout#defaults()}). asyncio: {@code ClientSession()}
     */
    public static ClientSessionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The fields sent with every request (a copy: the options stay immutable).
     * asyncio: {@code ClientSession.headers}
     */
    @Override
    public Headers headers() {
        return new Headers(headers);
    }

    /** A copy that sends {@code h} with every request. asyncio: {@code ClientSession(headers=)} */
    public ClientSessionOptions withHeaders(Headers h) {
        return new ClientSessionOptions(h, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit, limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /** A copy that follows at most {@code n} redirects per request. asyncio: {@code max_redirects=} */
    public ClientSessionOptions withMaxRedirects(int n) {
        return new ClientSessionOptions(headers, n, readLimit, sslContext, keepaliveTimeout, limit, limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /** A copy whose {@link ClientResponse#read()} buffers at most {@code bytes}. asyncio: none (see {@link #readLimit()}) */
    public ClientSessionOptions withReadLimit(long bytes) {
        return new ClientSessionOptions(headers, maxRedirects, bytes, sslContext, keepaliveTimeout, limit, limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /** A copy that makes https connections with {@code ctx}. asyncio: {@code TCPConnector(ssl=ctx)} */
    public ClientSessionOptions withSslContext(SSLContext ctx) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, ctx, keepaliveTimeout, limit, limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /** A copy that closes pooled connections idle for {@code d}. asyncio: {@code keepalive_timeout=} */
    public ClientSessionOptions withKeepaliveTimeout(Duration d) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, d, limit, limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /**
     * A copy that keeps at most {@code n} connections open at once, idle or in use, all servers
     * together; 0: no limit. A request over it waits (first come, first served) until a
     * connection is released or closed.
     * asyncio: {@code aiohttp.TCPConnector(limit=n)}
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public ClientSessionOptions withLimit(int n) {
        checkLimit("ClientSessionOptions.withLimit()", "the limit", n);
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, n, limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /**
     * A copy that keeps at most {@code n} connections open at once to one scheme, host and port,
     * idle or in use; 0: no limit.
     * asyncio: {@code aiohttp.TCPConnector(limit_per_host=n)}
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public ClientSessionOptions withLimitPerHost(int n) {
        checkLimit("ClientSessionOptions.withLimitPerHost()", "the limit per host", n);
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit, n, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /**
     * A copy whose requests may take at most {@code d} in all (connect, send, head, body), the
     * other limits kept; {@code Duration.ZERO}: no limit. A shorthand for
     * {@code withTimeout(timeout().withTotal(d))}. asyncio: {@code ClientSession(timeout=ClientTimeout(total=...))}
     *
     * @throws IllegalArgumentException if {@code d} is null or negative
     */
    public ClientSessionOptions withTimeout(Duration d) {
        if (d == null) {
            throw new IllegalArgumentException("ClientSessionOptions.withTimeout(): the Duration is null; give one, "
                    + "Duration.ZERO for no limit");
        }
        return withTimeout(timeout.withTotal(d));
    }

    /**
     * A copy whose requests have the limits {@code t} (total, connect, sockRead, sockConnect),
     * unless a request gives its own. asyncio: {@code ClientSession(timeout=ClientTimeout(...))}
     *
     * @throws IllegalArgumentException if {@code t} is null (give {@link ClientTimeout#none()})
     */
    public ClientSessionOptions withTimeout(ClientTimeout t) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit,
                limitPerHost, t, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /**
     * A copy whose sessions keep cookies in {@code jar} (null: a new {@link CookieJar} each;
     * {@link DummyCookieJar}: none; {@code new CookieJar(true)}: IP-address hosts' too). One jar
     * given here is shared by every session made with these options.
     * asyncio: {@code ClientSession(cookie_jar=jar)}
     */
    public ClientSessionOptions withCookieJar(AbstractCookieJar jar) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit,
                limitPerHost, timeout, jar, cookies, baseUrl, raiseForStatus, auth);
    }

    /**
     * A copy whose sessions send {@code cookies} with every request, to every host.
     * asyncio: {@code ClientSession(cookies={...})}
     *
     * @throws IllegalArgumentException for a name or value {@link Cookie#of} refuses
     */
    public ClientSessionOptions withCookies(Map<String, String> cookies) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit,
                limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /**
     * A copy whose sessions take URLs starting with {@code /} as relative to {@code origin}
     * ({@code scheme://host[:port]}); null: none. An absolute URL still goes where it says (aiohttp
     * 3.8 refuses one). asyncio: {@code ClientSession(base_url=origin)}
     *
     * @throws IllegalArgumentException for a URL that is not an origin
     */
    public ClientSessionOptions withBaseUrl(String origin) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit,
                limitPerHost, timeout, cookieJar, cookies, origin, raiseForStatus, auth);
    }

    /**
     * A copy whose sessions raise {@link ClientResponseException} for every final response of
     * 400 or more. asyncio: {@code ClientSession(raise_for_status=True)}
     */
    public ClientSessionOptions withRaiseForStatus(boolean raise) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit,
                limitPerHost, timeout, cookieJar, cookies, baseUrl, raise, auth);
    }

    /**
     * A copy whose sessions send {@code auth} (null: none) to the origin of each URL asked for
     * and its same-origin redirects, never to another origin a redirect leads to.
     * asyncio: {@code ClientSession(auth=BasicAuth(login, password))}
     */
    public ClientSessionOptions withAuth(BasicAuth auth) {
        return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, keepaliveTimeout, limit,
                limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth);
    }

    /**
     * A copy whose requests may take at most {@code d} to get a connection — the wait for a slot,
     * the connect, the TLS handshake — before {@link ServerTimeoutException}, the other limits
     * kept; {@code Duration.ZERO}: no limit of its own. A shorthand for
     * {@code withTimeout(timeout().withConnect(d))}. asyncio: {@code ClientTimeout(connect=...)}
     *
     * @throws IllegalArgumentException if {@code d} is null or negative
     */
    public ClientSessionOptions withConnectTimeout(Duration d) {
        if (d == null) {
            throw new IllegalArgumentException("ClientSessionOptions.withConnectTimeout(): the Duration is null; give "
                    + "one, Duration.ZERO for no limit of its own");
        }
        return withTimeout(timeout.withConnect(d));
    }
}
