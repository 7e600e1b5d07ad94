package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param maxRedirects     the redirect of a request that raises {@link TooManyRedirectsException}:
 *                         the {@code n}th, {@code n - 1} being followed (default 10, so 9 are
 *                         followed; 0: no limit), as aiohttp counts. asyncio: {@code max_redirects=}
 *                         of each request (aiohttp 3.8's session has none)
 * @param readLimit        the most bytes {@link ClientResponse#read()} buffers (default 64 MiB);
 *                         stream larger bodies with {@link ClientResponse#readChunk(int)}.
 *                         asyncio: none (aiohttp reads any size into memory)
 * @param sslContext       the TLS context of https connections; null: the JDK's default (which
 *                         trusts the JDK's CA certificates). asyncio: {@code TCPConnector(ssl=)}
 * @param verifySsl        whether https connections check the server's certificate — that a
 *                         trusted authority signed it and that it names the URL's host (true,
 *                         the default); false accepts any certificate, still encrypting (the
 *                         host is still sent as SNI). Not with an {@code sslContext}, whose trust
 *                         managers decide. A request's {@link RequestOptions#withVerifySsl} or
 *                         {@link RequestOptions#withSslContext} replaces it.
 *                         asyncio: {@code TCPConnector(ssl=False)}
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
 * @param unixSocket       the Unix-domain socket every connection goes to, whatever the URL's
 *                         host (which still fills the Host field, keys the pool and scopes
 *                         cookies); null (the default): TCP to the URL's host.
 *                         asyncio: {@code connector=UnixConnector(path)}
 * @param proxy            the HTTP proxy of every request that gives none of its own
 *                         ({@code http://[login:password@]host[:port]}); null: none.
 *                         asyncio: {@code ClientSession(proxy=)} (aiohttp 3.10)
 * @param proxyAuth        the credentials for {@link #proxy()} ({@code Proxy-Authorization},
 *                         over those in its URL); null: none. asyncio: {@code ClientSession(proxy_auth=)}
 * @param environment      the environment whose {@code HTTP_PROXY}, {@code HTTPS_PROXY},
 *                         {@code WS_PROXY}, {@code WSS_PROXY} and {@code NO_PROXY} give the
 *                         proxy of a request that has none from the request or the session;
 *                         null (the default): none trusted. asyncio: {@code trust_env=True}
 *                         (with {@code os.environ})
 * @param traceConfigs     the {@link TraceConfig}s whose listeners follow every request (frozen
 *                         when a session is made); empty: none, and no cost.
 *                         asyncio: {@code trace_configs=[...]}
 * @param happyEyeballsDelay null (the default): a host's addresses are tried one after another;
 *                         otherwise Happy Eyeballs (RFC 8305): the next address is tried this long
 *                         after the one before started unless it failed sooner, the first to
 *                         connect wins. asyncio: {@code TCPConnector(happy_eyeballs_delay=)}
 *                         (aiohttp 3.10, default 0.25 s there)
 * @param interleave       with Happy Eyeballs, how many addresses of the first family come before
 *                         the other family's first (null: 1); without, 0 keeps the resolver's
 *                         order. asyncio: {@code TCPConnector(interleave=)} (aiohttp 3.10)
 * @param dnsCache         whether the addresses a host-name lookup finds are kept for the next
 *                         connections to the same host and port, concurrent lookups of them
 *                         shared (default true). asyncio: {@code TCPConnector(use_dns_cache=True)}
 * @param dnsCacheTtl      how long a lookup's answer is kept (default 10 s; null: until cleared,
 *                         {@link ClientSession#clearDnsCache()}), on the loop's clock.
 *                         asyncio: {@code TCPConnector(ttl_dns_cache=10)}
 * @param jsonSerialize    the Jackson mapper that writes the bodies of requests given
 *                         {@link RequestOptions#withJson} (its modules, naming strategy and
 *                         formatting: the body is what it writes); null (the default): written as
 *                         Python's {@code json.dumps} writes them. Responses and WebSocket messages
 *                         are read and written with the default unless a call takes a mapper
 *                         ({@link ClientResponse#json(com.fasterxml.jackson.databind.ObjectMapper)}),
 *                         as in aiohttp. asyncio: {@code ClientSession(json_serialize=)}
 * @param skipAutoHeaders  the automatic fields not added to any request, lower case (default
 *                         none): of {@code User-Agent}, {@code Accept}, {@code Accept-Encoding},
 *                         {@code Content-Type} (see {@link RequestOptions#withSkipAutoHeaders},
 *                         whose names add to these). asyncio: {@code ClientSession(skip_auto_headers=)}
 * @param fingerprint      the certificate every https server must present
 *                         ({@link Fingerprint}), else {@link ServerFingerprintMismatchException};
 *                         its signer and names are then not checked. Not with an
 *                         {@code sslContext} or {@code verifySsl} false. A request's own
 *                         {@link RequestOptions#withFingerprint} replaces it; a request's other TLS
 *                         choice does not (aiohttp checks the connector's pin whatever the
 *                         request's {@code ssl=}). null (the default): none.
 *                         asyncio: {@code TCPConnector(ssl=Fingerprint(digest))}
 */
public record ClientSessionOptions(Headers headers, int maxRedirects, long readLimit, SSLContext sslContext,
                                   boolean verifySsl, Duration keepaliveTimeout, int limit, int limitPerHost,
                                   ClientTimeout timeout, AbstractCookieJar cookieJar, Map<String, String> cookies,
                                   String baseUrl, boolean raiseForStatus, BasicAuth auth, Path unixSocket, String proxy,
                                   BasicAuth proxyAuth, Map<String, String> environment,
                                   List<TraceConfig<?>> traceConfigs, Duration happyEyeballsDelay,
                                   Integer interleave, boolean dnsCache, Duration dnsCacheTtl,
                                   com.fasterxml.jackson.databind.ObjectMapper jsonSerialize,
                                   java.util.Set<String> skipAutoHeaders, Fingerprint fingerprint) {
    /** The default {@link #readLimit()}: 64 MiB. asyncio: none */
    public static final long DEFAULT_READ_LIMIT = 64L << 20;

    /** The default {@link #limit()}: 100 connections. asyncio: {@code TCPConnector(limit=100)} */
    public static final int DEFAULT_LIMIT = 100;

    /** The default {@link #dnsCacheTtl()}: 10 s. asyncio: {@code TCPConnector(ttl_dns_cache=10)} */
    public static final Duration DEFAULT_DNS_CACHE_TTL = Duration.ofSeconds(10);

    private static final ClientSessionOptions DEFAULTS = new ClientSessionOptions(new Headers(), 10,
            DEFAULT_READ_LIMIT, null, true, Duration.ofSeconds(15), DEFAULT_LIMIT, 0, ClientTimeout.defaults(), null, Map.of(),
            null, false, null, null, null, null, null, List.of(), null, null, true, DEFAULT_DNS_CACHE_TTL, null,
            java.util.Set.of(), null);

    /** Checks the values, copies the headers. asyncio: {@code ClientSession.__init__}'s checks */
    public ClientSessionOptions {
        headers = headers == null ? new Headers() : new Headers(headers);
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("ClientSessionOptions(): maxRedirects is negative (" + maxRedirects
                    + "); give 0 or more (n: the nth redirect raises; 0: no limit)");
        }
        skipAutoHeaders = skipAutoHeaders == null ? java.util.Set.of()
                : RequestOptions.lowerCase("ClientSessionOptions()", skipAutoHeaders);
        if (fingerprint != null && (sslContext != null || !verifySsl)) {
            throw new IllegalArgumentException("ClientSessionOptions(): a fingerprint and "
                    + (sslContext != null ? "an sslContext" : "verifySsl false") + "; they are one choice (aiohttp's "
                    + "TCPConnector(ssl=)): the pin is the check, give withFingerprint(null) or leave the other out");
        }
        if (readLimit <= 0) {
            throw new IllegalArgumentException("ClientSessionOptions(): readLimit is " + readLimit
                    + "; give a positive number of bytes");
        }
        if (sslContext != null && !verifySsl) {
            throw new IllegalArgumentException("ClientSessionOptions(): an sslContext and verifySsl false; they are "
                    + "one choice (aiohttp's ssl=context or ssl=False): give withSslContext(null) to skip verification, "
                    + "or build the context with trust managers that accept what you need");
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
        if (proxy != null) {
            HttpProxy.parse(proxy); // refused here, not at the first request
            if (unixSocket != null) {
                throw new IllegalArgumentException("ClientSessionOptions(): a proxy (" + HttpProxy.of(proxy, null, null)
                        + ") and a Unix socket (" + unixSocket + "): every request goes to the socket; choose one");
            }
        }
        if (environment != null) {
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment)); // its order breaks ties
        }
        if (traceConfigs == null || traceConfigs.isEmpty()) {
            traceConfigs = List.of();
        } else {
            for (TraceConfig<?> c : traceConfigs) {
                if (c == null) {
                    throw new IllegalArgumentException("ClientSessionOptions(): a trace config is null; give "
                            + "TraceConfig.create() or leave it out");
                }
            }
            traceConfigs = List.copyOf(traceConfigs);
        }
        if (happyEyeballsDelay != null && happyEyeballsDelay.isNegative()) {
            throw new IllegalArgumentException("ClientSessionOptions(): happyEyeballsDelay is " + happyEyeballsDelay
                    + "; give a Duration of 0 or more (RFC 8305 recommends 250 ms), or null for one address after "
                    + "another");
        }
        if (interleave != null && interleave < 0) {
            throw new IllegalArgumentException("ClientSessionOptions(): interleave is " + interleave + "; give 0 (the "
                    + "resolver's order) or more, or null for the default");
        }
        if (dnsCacheTtl != null && dnsCacheTtl.isNegative()) {
            throw new IllegalArgumentException("ClientSessionOptions(): dnsCacheTtl is " + dnsCacheTtl + "; give a "
                    + "Duration of 0 or more, or null to keep the answers until cleared");
        }
    }

    /** The components as mutable fields: each with-method changes one and builds a new record. */
    private static final class Parts {
        Headers headers;
        int maxRedirects;
        long readLimit;
        SSLContext sslContext;
        boolean verifySsl;
        Duration keepaliveTimeout;
        int limit;
        int limitPerHost;
        ClientTimeout timeout;
        AbstractCookieJar cookieJar;
        Map<String, String> cookies;
        String baseUrl;
        boolean raiseForStatus;
        BasicAuth auth;
        Path unixSocket;
        String proxy;
        BasicAuth proxyAuth;
        Map<String, String> environment;
        List<TraceConfig<?>> traceConfigs;
        Duration happyEyeballsDelay;
        Integer interleave;
        boolean dnsCache;
        Duration dnsCacheTtl;
        com.fasterxml.jackson.databind.ObjectMapper jsonSerialize;
        java.util.Set<String> skipAutoHeaders;
        Fingerprint fingerprint;

        Parts(ClientSessionOptions o) {
            headers = o.headers;
            maxRedirects = o.maxRedirects;
            readLimit = o.readLimit;
            sslContext = o.sslContext;
            verifySsl = o.verifySsl;
            keepaliveTimeout = o.keepaliveTimeout;
            limit = o.limit;
            limitPerHost = o.limitPerHost;
            timeout = o.timeout;
            cookieJar = o.cookieJar;
            cookies = o.cookies;
            baseUrl = o.baseUrl;
            raiseForStatus = o.raiseForStatus;
            auth = o.auth;
            unixSocket = o.unixSocket;
            proxy = o.proxy;
            proxyAuth = o.proxyAuth;
            environment = o.environment;
            traceConfigs = o.traceConfigs;
            happyEyeballsDelay = o.happyEyeballsDelay;
            interleave = o.interleave;
            dnsCache = o.dnsCache;
            dnsCacheTtl = o.dnsCacheTtl;
            jsonSerialize = o.jsonSerialize;
            skipAutoHeaders = o.skipAutoHeaders;
            fingerprint = o.fingerprint;
        }

        ClientSessionOptions build() {
            return new ClientSessionOptions(headers, maxRedirects, readLimit, sslContext, verifySsl, keepaliveTimeout,
                    limit, limitPerHost, timeout, cookieJar, cookies, baseUrl, raiseForStatus, auth, unixSocket, proxy,
                    proxyAuth, environment, traceConfigs, happyEyeballsDelay, interleave, dnsCache, dnsCacheTtl,
                    jsonSerialize, skipAutoHeaders, fingerprint);
        }
    }

    private ClientSessionOptions with(java.util.function.Consumer<Parts> change) {
        Parts p = new Parts(this);
        change.accept(p);
        return p.build();
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
        return with(p -> p.headers = h);
    }

    /**
     * A copy whose requests raise {@link TooManyRedirectsException} at their {@code n}th redirect,
     * following {@code n - 1}; 0: no limit. asyncio: {@code max_redirects=} (per request in aiohttp)
     */
    public ClientSessionOptions withMaxRedirects(int n) {
        return with(p -> p.maxRedirects = n);
    }

    /** A copy whose {@link ClientResponse#read()} buffers at most {@code bytes}. asyncio: none (see {@link #readLimit()}) */
    public ClientSessionOptions withReadLimit(long bytes) {
        return with(p -> p.readLimit = bytes);
    }

    /**
     * A copy that makes https connections with {@code ctx} (null: the JDK's default).
     * asyncio: {@code TCPConnector(ssl=ctx)}
     *
     * @throws IllegalArgumentException for a context on options that skip verification
     *         ({@link #withVerifySsl} false): the two are one choice
     */
    public ClientSessionOptions withSslContext(SSLContext ctx) {
        return with(p -> p.sslContext = ctx);
    }

    /**
     * A copy whose https connections check the server's certificate and that it names the host
     * ({@code true}, the default), or accept any certificate ({@code false}: still encrypted,
     * but anyone on the way can pretend to be the server — for a test server or a device with a
     * self-signed certificate). Connections made either way are pooled apart.
     * asyncio: {@code TCPConnector(ssl=False)} (or the deprecated {@code verify_ssl=False})
     *
     * @throws IllegalArgumentException for {@code false} on options with an {@link #withSslContext
     *         SSLContext}: its trust managers decide (give {@code withSslContext(null)} first)
     */
    public ClientSessionOptions withVerifySsl(boolean verify) {
        return with(p -> p.verifySsl = verify);
    }

    /** A copy that closes pooled connections idle for {@code d}. asyncio: {@code keepalive_timeout=} */
    public ClientSessionOptions withKeepaliveTimeout(Duration d) {
        return with(p -> p.keepaliveTimeout = d);
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
        return with(p -> p.limit = n);
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
        return with(p -> p.limitPerHost = n);
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
        return with(p -> p.timeout = t);
    }

    /**
     * A copy whose sessions keep cookies in {@code jar} (null: a new {@link CookieJar} each;
     * {@link DummyCookieJar}: none; {@code new CookieJar(true)}: IP-address hosts' too). One jar
     * given here is shared by every session made with these options.
     * asyncio: {@code ClientSession(cookie_jar=jar)}
     */
    public ClientSessionOptions withCookieJar(AbstractCookieJar jar) {
        return with(p -> p.cookieJar = jar);
    }

    /**
     * A copy whose sessions send {@code cookies} with every request, to every host.
     * asyncio: {@code ClientSession(cookies={...})}
     *
     * @throws IllegalArgumentException for a name or value {@link Cookie#of} refuses
     */
    public ClientSessionOptions withCookies(Map<String, String> cookies) {
        return with(p -> p.cookies = cookies);
    }

    /**
     * A copy whose sessions take URLs starting with {@code /} as relative to {@code origin}
     * ({@code scheme://host[:port]}); null: none. An absolute URL still goes where it says (aiohttp
     * 3.8 refuses one). asyncio: {@code ClientSession(base_url=origin)}
     *
     * @throws IllegalArgumentException for a URL that is not an origin
     */
    public ClientSessionOptions withBaseUrl(String origin) {
        return with(p -> p.baseUrl = origin);
    }

    /**
     * A copy whose sessions raise {@link ClientResponseException} for every final response of
     * 400 or more. asyncio: {@code ClientSession(raise_for_status=True)}
     */
    public ClientSessionOptions withRaiseForStatus(boolean raise) {
        return with(p -> p.raiseForStatus = raise);
    }

    /**
     * A copy whose sessions send {@code auth} (null: none) to the origin of each URL asked for
     * and its same-origin redirects, never to another origin a redirect leads to.
     * asyncio: {@code ClientSession(auth=BasicAuth(login, password))}
     */
    public ClientSessionOptions withAuth(BasicAuth auth) {
        return with(p -> p.auth = auth);
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

    /**
     * A copy whose sessions send every request to the Unix-domain socket at {@code path}
     * (null: TCP, the default). A URL's host still names the server: the {@code Host} field, the
     * pool's key (a connection per scheme, host and port, all to the socket), the cookies'
     * domain, the redirects. An {@code https} URL is sent in plain text over the socket, as
     * aiohttp's {@code UnixConnector} sends it (the socket is local: no certificate to check).
     * No proxy applies (the session's is refused, the environment's not looked up).
     * asyncio: {@code ClientSession(connector=aiohttp.UnixConnector(path))}
     *
     * @throws IllegalArgumentException if the options have a proxy
     */
    public ClientSessionOptions withUnixSocket(Path path) {
        return with(p -> p.unixSocket = path);
    }

    /**
     * A copy whose requests go through the HTTP proxy at {@code url}
     * ({@code http://[login:password@]host[:port]}; null: none) unless they give their own
     * ({@link RequestOptions#withProxy}); it replaces the environment's (and its NO_PROXY).
     * asyncio: {@code ClientSession(proxy=url)} (aiohttp 3.10)
     *
     * @throws InvalidUrlException for a URL that is not an {@code http://} proxy's
     * @throws IllegalArgumentException with a Unix socket
     */
    public ClientSessionOptions withProxy(String url) {
        return with(p -> p.proxy = url);
    }

    /**
     * A copy that gives the session's proxy {@code auth} as {@code Proxy-Authorization} (over
     * credentials in its URL; a request's {@link RequestOptions#withProxyAuth} over both); null:
     * none. Needs {@link #withProxy}. asyncio: {@code ClientSession(proxy_auth=BasicAuth(...))}
     */
    public ClientSessionOptions withProxyAuth(BasicAuth auth) {
        return with(p -> p.proxyAuth = auth);
    }

    /**
     * A copy that trusts the process's environment ({@link System#getenv()}) for proxies and their
     * netrc credentials, or trusts none ({@code false}, the default). See {@link #withTrustEnv(Map)}.
     * asyncio: {@code ClientSession(trust_env=True)}
     */
    public ClientSessionOptions withTrustEnv(boolean trust) {
        Map<String, String> env = trust ? System.getenv() : null;
        return with(p -> p.environment = env);
    }

    /**
     * A copy that takes the proxy of a request that gives none (and whose session has none) from
     * {@code env} (null: none trusted): {@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code WS_PROXY},
     * {@code WSS_PROXY} by the URL's scheme (a WebSocket given as {@code ws://}/{@code wss://}
     * takes the WS ones), unless {@code NO_PROXY} names the host; the lower-case forms win over
     * the others, as in Python. Looked up at each redirect for its URL (aiohttp 3.8 keeps the
     * first hop's proxy). Credentials in a proxy's URL become its {@code Proxy-Authorization};
     * https and other non-http proxies are ignored with a warning, as aiohttp ignores https ones.
     * A proxy whose URL has none takes its credentials from the netrc file ({@code NETRC}, else
     * {@code .netrc} in {@code HOME}): the entry for the proxy's host, else the {@code default}
     * one; a malformed or unreadable file is ignored with a warning. As in aiohttp 3.8.4, netrc
     * never gives credentials to the request's own host (aiohttp 3.9 does). Read once, with the
     * netrc file, when a session is made. For tests, give a map;
     * for the process's environment, {@link #withTrustEnv(boolean)}.
     * asyncio: {@code ClientSession(trust_env=True)}, {@code aiohttp.helpers.get_env_proxy_for_url}
     */
    public ClientSessionOptions withTrustEnv(Map<String, String> env) {
        return with(p -> p.environment = env);
    }

    /** Whether the environment is trusted for proxies. asyncio: {@code ClientSession.trust_env} */
    public boolean trustEnv() {
        return environment != null;
    }

    /**
     * A copy whose sessions signal every request's steps to {@code configs}' listeners (in this
     * order; empty or null: none). Making a session freezes them.
     * asyncio: {@code ClientSession(trace_configs=[...])}
     *
     * @throws IllegalArgumentException for a null config
     */
    public ClientSessionOptions withTraceConfigs(List<TraceConfig<?>> configs) {
        return with(p -> p.traceConfigs = configs);
    }

    /**
     * A copy whose connects race a host's addresses (Happy Eyeballs, RFC 8305): the next address
     * is tried {@code delay} after the one before started, unless it failed sooner, and the first
     * to connect wins; a proxy's addresses too. null (the default): one after another, as
     * asyncio's and aiohttp 3.8's default. {@link ClientTimeout#sockConnect()} then bounds the
     * whole race. asyncio: {@code TCPConnector(happy_eyeballs_delay=)} (aiohttp 3.10, which
     * defaults to 0.25 s)
     *
     * @throws IllegalArgumentException for a negative delay
     */
    public ClientSessionOptions withHappyEyeballsDelay(Duration delay) {
        return with(p -> p.happyEyeballsDelay = delay);
    }

    /**
     * A copy that reorders a host's addresses so that families alternate, {@code firstFamilyCount}
     * of the first family first (0: the resolver's order; null: 1 with Happy Eyeballs, else 0).
     * asyncio: {@code TCPConnector(interleave=)} (aiohttp 3.10)
     *
     * @throws IllegalArgumentException for a negative count
     */
    public ClientSessionOptions withInterleave(Integer firstFamilyCount) {
        return with(p -> p.interleave = firstFamilyCount);
    }

    /**
     * A copy whose sessions keep the addresses a host-name lookup finds for the next connections
     * to the same host and port, for {@link #dnsCacheTtl()}, and share one lookup among the
     * requests that need it at once (true, the default); or look the host up for every new
     * connection (false). Successive connections start at successive addresses of a cached
     * answer (round robin). asyncio: {@code TCPConnector(use_dns_cache=)}
     */
    public ClientSessionOptions withDnsCache(boolean on) {
        return with(p -> p.dnsCache = on);
    }

    /**
     * A copy whose DNS cache keeps an answer {@code ttl} (default 10 s), timed on the loop's
     * clock; null: until {@link ClientSession#clearDnsCache()}. 0: each new connection looks the
     * host up again (concurrent ones still share a lookup; aiohttp fails with a KeyError there).
     * asyncio: {@code TCPConnector(ttl_dns_cache=)}
     *
     * @throws IllegalArgumentException for a negative ttl
     */
    public ClientSessionOptions withDnsCacheTtl(Duration ttl) {
        return with(p -> p.dnsCacheTtl = ttl);
    }

    /**
     * {@link #withDnsCacheTtl(Duration)} in seconds. asyncio: {@code TCPConnector(ttl_dns_cache=seconds)}
     *
     * @throws IllegalArgumentException for a negative or non-finite number
     */
    public ClientSessionOptions withDnsCacheTtl(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("ClientSessionOptions.withDnsCacheTtl(): " + seconds + " s; give 0 or "
                    + "more seconds, or withDnsCacheTtl((Duration) null) to keep the answers until cleared");
        }
        return withDnsCacheTtl(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /**
     * A copy whose sessions write the JSON bodies of requests ({@link RequestOptions#withJson})
     * with {@code mapper}: say one with {@code jackson-datatype-jsr310} registered, or another
     * naming strategy. The body is what the mapper writes (Jackson's compact form unless it is
     * configured otherwise), not Python's spacing. null: the default, as Python's
     * {@code json.dumps} writes. The mapper is shared with every session made from these options:
     * configure it before, not while they run. asyncio: {@code ClientSession(json_serialize=...)}
     */
    public ClientSessionOptions withJsonSerialize(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return with(p -> p.jsonSerialize = mapper);
    }

    /**
     * A copy whose requests do not add the automatic fields named (any case): of
     * {@code User-Agent}, {@code Accept}, {@code Accept-Encoding} and the body's
     * {@code Content-Type}; a field given by the session's {@link #headers()} or a request is
     * still sent. A request's {@link RequestOptions#withSkipAutoHeaders} adds names to these.
     * asyncio: {@code ClientSession(skip_auto_headers=[...])}
     *
     * @throws NullPointerException if {@code names} or one of them is null
     */
    public ClientSessionOptions withSkipAutoHeaders(java.util.Collection<String> names) {
        java.util.Set<String> lower = RequestOptions.lowerCase("ClientSessionOptions.withSkipAutoHeaders()", names);
        return with(p -> p.skipAutoHeaders = lower);
    }

    /** {@link #withSkipAutoHeaders(java.util.Collection)} of {@code names}. asyncio: {@code skip_auto_headers=(...)} */
    public ClientSessionOptions withSkipAutoHeaders(String... names) {
        return withSkipAutoHeaders(java.util.Arrays.asList(names));
    }

    /**
     * A copy whose https connections must present the certificate {@code fingerprint} pins (null:
     * none); see {@link #fingerprint()}. asyncio: {@code TCPConnector(ssl=Fingerprint(digest))}
     *
     * @throws IllegalArgumentException on options with an {@link #withSslContext SSLContext} or
     *         {@link #withVerifySsl} false
     */
    public ClientSessionOptions withFingerprint(Fingerprint fingerprint) {
        return with(p -> p.fingerprint = fingerprint);
    }

    /**
     * The options as a record shows them, but never a secret: the proxy without its credentials,
     * the trusted environment as its size (it holds whatever the process was given).
     */
    @Override
    public String toString() {
        return "ClientSessionOptions[headers=" + headers + ", maxRedirects=" + maxRedirects + ", readLimit=" + readLimit
                + ", sslContext=" + sslContext + ", verifySsl=" + verifySsl + ", keepaliveTimeout=" + keepaliveTimeout
                + ", limit=" + limit
                + ", limitPerHost=" + limitPerHost + ", timeout=" + timeout + ", cookieJar=" + cookieJar
                + ", cookies=" + cookies.keySet() + ", baseUrl=" + baseUrl + ", raiseForStatus=" + raiseForStatus
                + ", auth=" + auth + ", unixSocket=" + unixSocket
                + ", proxy=" + (proxy == null ? null : HttpProxy.of(proxy, null, null)) + ", proxyAuth=" + proxyAuth
                + ", environment=" + (environment == null ? null : "<" + environment.size() + " variables>")
                + ", traceConfigs=" + traceConfigs + ", happyEyeballsDelay=" + happyEyeballsDelay
                + ", interleave=" + interleave + ", dnsCache=" + dnsCache + ", dnsCacheTtl=" + dnsCacheTtl
                + ", jsonSerialize=" + jsonSerialize + ", skipAutoHeaders=" + skipAutoHeaders
                + ", fingerprint=" + fingerprint + "]";
    }
}
