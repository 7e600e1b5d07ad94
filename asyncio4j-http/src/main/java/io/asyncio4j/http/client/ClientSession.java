package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.codec.ResponseHead;
import io.asyncio4j.http.codec.WsDeflateParams;
import io.asyncio4j.http.codec.WsHandshake;
import io.asyncio4j.http.internal.WebSocketChannel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

import static io.asyncio4j.Asyncio.timeoutAt;

/**
 * Makes HTTP/1.1 requests and keeps their connections alive for the next ones to the same
 * server. Each request suspends the calling task until the response's head has arrived and
 * returns a {@link ClientResponse} whose body is read on demand:
 * <pre>{@code
 * try (ClientSession session = new ClientSession();
 *      ClientResponse resp = session.get("http://example.com/")) {
 *     System.out.println(resp.status() + " " + resp.text().length());
 * }
 * }</pre>
 * <b>Connections.</b> A connection goes back to the pool when its response's body has been read
 * to the end and both sides keep it alive (HTTP/1.1 without {@code Connection: close}); the next
 * request to the same scheme, host and port takes it. If a request on such a reused connection
 * fails before any byte of a response has arrived — the server closed the idle connection as it
 * was reused — it is sent once more on a fresh connection. Pooled connections idle longer than
 * {@link ClientSessionOptions#keepaliveTimeout()} are closed. A request cancelled midway closes
 * its connection. At most {@link ClientSessionOptions#limit()} connections (100 by default) are
 * open at once, idle or in use, and {@link ClientSessionOptions#limitPerHost()} to one server; a
 * request over a limit waits, first come first served, until one is released or closed (an idle
 * connection to another server is closed to make room); closing the session fails the waiting
 * requests.
 * <p>
 * <b>Redirects</b> (301, 302, 303, 307, 308 with a {@code Location}) are followed, the
 * {@link ClientSessionOptions#maxRedirects()}th (or a request's {@link RequestOptions#withMaxRedirects})
 * raising {@link TooManyRedirectsException}, as aiohttp follows them (see {@link RequestOptions#withAllowRedirects}); {@link #head} does not
 * follow them, as in aiohttp.
 * <p>
 * <b>Cookies</b> set by every response (redirects' too) go into the session's
 * {@link #cookieJar()} — a new {@link CookieJar} unless the options give one — and each request
 * carries those the jar gives for its URL, with the options' and the request's own cookies, in
 * one {@code Cookie} field (see {@link RequestEncoder}). The default jar, as aiohttp's, ignores
 * cookies from hosts named by an IP address: use {@code new CookieJar(true)} for 127.0.0.1.
 * <p>
 * <b>Timeouts</b> ({@link ClientTimeout}, the session's or a request's own): {@code total} over the
 * whole request and its body's reading ({@link io.asyncio4j.TimeoutException}), {@code connect}
 * over getting a connection, {@code sockConnect} over one connect attempt, {@code sockRead} over
 * each silence of the server once the request is sent ({@link ServerTimeoutException}); each
 * closes the connection. A request wrapped in {@code Asyncio.timeout(...)} is cancelled the same way.
 * <p>
 * <b>Proxies</b>: the request's ({@link RequestOptions#withProxy}), else the session's
 * ({@link ClientSessionOptions#withProxy}), else, when the session trusts the environment
 * ({@link ClientSessionOptions#withTrustEnv}), its {@code HTTP_PROXY}/{@code HTTPS_PROXY}/
 * {@code WS_PROXY}/{@code WSS_PROXY} for the URL unless {@code NO_PROXY} names its host (with the
 * netrc file's credentials for the proxy's host when its URL has none) — looked up again at each
 * redirect. Plain http URLs are asked of the proxy, https URLs and WebSockets
 * go through a CONNECT tunnel ({@link Connector}).
 * <p>
 * <b>TLS</b>: https servers are checked with the JDK's default context, or the session's
 * ({@link ClientSessionOptions#withSslContext}), or not at all
 * ({@link ClientSessionOptions#withVerifySsl} false), or by a pinned certificate
 * ({@link ClientSessionOptions#withFingerprint}); a request may choose otherwise
 * ({@link RequestOptions#withSslContext}, {@link RequestOptions#withVerifySsl},
 * {@link RequestOptions#withFingerprint}). Connections made one way are pooled apart from those
 * made another, as aiohttp keys its pool by {@code ssl=}.
 * <p>
 * <b>Where connections go</b>: to the URL's host, its addresses one after another or raced
 * (Happy Eyeballs, {@link ClientSessionOptions#withHappyEyeballsDelay}); or, for a session made
 * with {@link ClientSessionOptions#withUnixSocket}, all to one Unix-domain socket.
 * <p>
 * <b>Tracing</b>: the session's {@link TraceConfig}s ({@link ClientSessionOptions#withTraceConfigs})
 * hear each step of every request, in aiohttp's order; without any, tracing costs a null check.
 * <p>
 * States ({@link State}); {@code CLOSED} is final:
 * <pre>
 *   OPEN ──close()──▶ CLOSED   (its connections closed; requests refused)
 * </pre>
 * Threading: the tasks of one event loop — the loop of its first request, which its connections
 * belong to; they run one at a time, so nothing here is locked. Several tasks may use one
 * session at once (each request has a connection of its own). Once that loop is closed, a
 * session still holding connections from it refuses other loops: make one session per loop, or
 * close it before its loop ends (one never used, or closed, may be used on the next loop).
 * <p>
 * asyncio: {@code aiohttp.ClientSession}
 */
public final class ClientSession implements AutoCloseable {
    // yarl's query quoting (aiohttp's params=): these stay, a space is +
    private static final String QUERY_SAFE = "-._~!$'()*,/:?@";
    /** Whether a session takes requests; see the class comment. asyncio: {@code ClientSession.closed} */
    public enum State {
        /** Takes requests. asyncio: {@code not session.closed} */
        OPEN,
        /** Closed: its connections are closed, requests are refused; final. asyncio: {@code session.closed} */
        CLOSED
    }

    // a redirect's body is read (to reuse its connection, and for history) up to this size
    private static final long REDIRECT_BODY_MAX = 64 * 1024;

    private final ClientSessionOptions options;
    private final Headers sessionHeaders;
    private final ConnectionPool pool;
    private final Connector connector;
    private final AbstractCookieJar cookieJar;
    private final List<TraceConfig<?>> traceConfigs;
    private final HttpProxy sessionProxy;                  // the session's proxy, or null
    private final EnvironmentProxies environmentProxies;   // trust_env's, or null: not trusted, none, or a Unix socket
    private final TlsSetting sessionTls;                   // how https servers are checked unless a request says
    private EventLoop loop;
    private State state = State.OPEN;

    /** A session with the default options. asyncio: {@code aiohttp.ClientSession()} */
    public ClientSession() {
        this(ClientSessionOptions.defaults());
    }

    /** A session sending {@code headers} with every request. asyncio: {@code aiohttp.ClientSession(headers=)} */
    public ClientSession(Headers headers) {
        this(ClientSessionOptions.defaults().withHeaders(headers));
    }

    /** A session with {@code options}. asyncio: {@code aiohttp.ClientSession(**options)} */
    public ClientSession(ClientSessionOptions options) {
        this.options = Objects.requireNonNull(options, "ClientSession(): the options are null; "
                + "pass ClientSessionOptions.defaults()");
        this.sessionHeaders = options.headers();
        this.pool = new ConnectionPool(options.keepaliveTimeout(), options.limit(), options.limitPerHost());
        this.connector = new Connector(pool, options.unixSocket(), options.happyEyeballsDelay(), options.interleave(),
                options.dnsCache() ? new DnsCache(options.dnsCacheTtl()) : null);
        // a pin goes with the unverified context, as aiohttp's _get_ssl_context gives for a Fingerprint
        this.sessionTls = options.sslContext() != null ? TlsSetting.of(options.sslContext())
                : options.fingerprint() != null ? TlsSetting.UNVERIFIED.pinning(options.fingerprint())
                : options.verifySsl() ? TlsSetting.DEFAULT : TlsSetting.UNVERIFIED;
        this.traceConfigs = options.traceConfigs();
        for (TraceConfig<?> c : traceConfigs) {
            c.freeze(); // as aiohttp's session does: listeners appended later would surprise
        }
        if (options.proxyAuth() != null && options.proxy() == null) {
            throw new IllegalArgumentException("ClientSession(): the options have proxy credentials (withProxyAuth) "
                    + "but no proxy; give its URL with ClientSessionOptions.withProxy, or leave them out");
        }
        this.sessionProxy = options.proxy() == null ? null : HttpProxy.of(options.proxy(), options.proxyAuth(), null);
        EnvironmentProxies env = options.trustEnv() && options.unixSocket() == null
                ? EnvironmentProxies.of(options.environment()) : null;
        this.environmentProxies = env == null || env.isEmpty() ? null : env;
        this.cookieJar = options.cookieJar() != null ? options.cookieJar() : new CookieJar();
        if (!options.cookies().isEmpty()) {
            cookieJar.updateCookies(options.cookies(), null); // shared: sent to every host
        }
    }

    /** Where it keeps cookies. asyncio: {@code ClientSession.cookie_jar} */
    public AbstractCookieJar cookieJar() {
        return cookieJar;
    }

    /** GET {@code url}. May suspend. asyncio: {@code ClientSession.get(url)} */
    public ClientResponse get(String url) throws IOException {
        return request("GET", url, RequestOptions.defaults());
    }

    /** GET {@code url} with {@code options}. May suspend. asyncio: {@code ClientSession.get(url, **kwargs)} */
    public ClientResponse get(String url, RequestOptions options) throws IOException {
        return request("GET", url, options);
    }

    /** POST {@code body} ({@code application/octet-stream}). May suspend. asyncio: {@code ClientSession.post(url, data=b"...")} */
    public ClientResponse post(String url, byte[] body) throws IOException {
        return request("POST", url, RequestOptions.defaults().withBody(body));
    }

    /** POST {@code text} (UTF-8, {@code text/plain}). May suspend. asyncio: {@code ClientSession.post(url, data="...")} */
    public ClientResponse post(String url, String text) throws IOException {
        return request("POST", url, RequestOptions.defaults().withBody(text));
    }

    /** POST with {@code options}. May suspend. asyncio: {@code ClientSession.post(url, **kwargs)} */
    public ClientResponse post(String url, RequestOptions options) throws IOException {
        return request("POST", url, options);
    }

    /** PUT {@code body} ({@code application/octet-stream}). May suspend. asyncio: {@code ClientSession.put(url, data=b"...")} */
    public ClientResponse put(String url, byte[] body) throws IOException {
        return request("PUT", url, RequestOptions.defaults().withBody(body));
    }

    /** PUT {@code text} (UTF-8, {@code text/plain}). May suspend. asyncio: {@code ClientSession.put(url, data="...")} */
    public ClientResponse put(String url, String text) throws IOException {
        return request("PUT", url, RequestOptions.defaults().withBody(text));
    }

    /** PUT with {@code options}. May suspend. asyncio: {@code ClientSession.put(url, **kwargs)} */
    public ClientResponse put(String url, RequestOptions options) throws IOException {
        return request("PUT", url, options);
    }

    /** DELETE {@code url}. May suspend. asyncio: {@code ClientSession.delete(url)} */
    public ClientResponse delete(String url) throws IOException {
        return request("DELETE", url, RequestOptions.defaults());
    }

    /** DELETE with {@code options}. May suspend. asyncio: {@code ClientSession.delete(url, **kwargs)} */
    public ClientResponse delete(String url, RequestOptions options) throws IOException {
        return request("DELETE", url, options);
    }

    /** PATCH {@code url}, no body. May suspend. asyncio: {@code ClientSession.patch(url)} */
    public ClientResponse patch(String url) throws IOException {
        return request("PATCH", url, RequestOptions.defaults());
    }

    /** PATCH {@code body} ({@code application/octet-stream}). May suspend. asyncio: {@code ClientSession.patch(url, data=b"...")} */
    public ClientResponse patch(String url, byte[] body) throws IOException {
        return request("PATCH", url, RequestOptions.defaults().withBody(body));
    }

    /** PATCH {@code text} (UTF-8, {@code text/plain}). May suspend. asyncio: {@code ClientSession.patch(url, data="...")} */
    public ClientResponse patch(String url, String text) throws IOException {
        return request("PATCH", url, RequestOptions.defaults().withBody(text));
    }

    /** PATCH with {@code options}. May suspend. asyncio: {@code ClientSession.patch(url, **kwargs)} */
    public ClientResponse patch(String url, RequestOptions options) throws IOException {
        return request("PATCH", url, options);
    }

    /** OPTIONS {@code url}, following redirects. May suspend. asyncio: {@code ClientSession.options(url)} */
    public ClientResponse options(String url) throws IOException {
        return request("OPTIONS", url, RequestOptions.defaults());
    }

    /** OPTIONS with {@code options}. May suspend. asyncio: {@code ClientSession.options(url, **kwargs)} */
    public ClientResponse options(String url, RequestOptions options) throws IOException {
        return request("OPTIONS", url, options);
    }

    /**
     * HEAD {@code url}, not following redirects (as aiohttp's {@code head}; use
     * {@link #head(String, RequestOptions)} with {@link RequestOptions#withAllowRedirects} true to
     * follow them). May suspend. asyncio: {@code ClientSession.head(url)}
     */
    public ClientResponse head(String url) throws IOException {
        return request("HEAD", url, RequestOptions.defaults().withAllowRedirects(false));
    }

    /**
     * HEAD with {@code options}, not following redirects unless they say so
     * ({@link RequestOptions#withAllowRedirects} true), as aiohttp's {@code head} defaults
     * {@code allow_redirects=False}. May suspend. asyncio: {@code ClientSession.head(url, **kwargs)}
     */
    public ClientResponse head(String url, RequestOptions options) throws IOException {
        RequestOptions o = options != null ? options : RequestOptions.defaults();
        return request("HEAD", url, o.allowRedirectsGiven() ? o : o.withAllowRedirects(false));
    }

    /** {@code method url}, no body. May suspend. asyncio: {@code ClientSession.request(method, url)} */
    public ClientResponse request(String method, String url) throws IOException {
        return request(method, url, RequestOptions.defaults());
    }

    /**
     * {@code method url} with {@code requestOptions}; returns once the final response's head has
     * arrived (after any redirects). May suspend. asyncio: {@code ClientSession.request(method, url, **kwargs)}
     *
     * @throws InvalidUrlException for a URL (or a redirect's Location) that cannot be fetched
     * @throws ClientConnectorException if no connection can be made
     * @throws ServerDisconnectedException if the server closes the connection before answering
     * @throws TooManyRedirectsException at the {@link RequestOptions#withMaxRedirects}th, else the
     *         {@link ClientSessionOptions#maxRedirects()}th, redirect
     * @throws ServerFingerprintMismatchException if an https server's certificate is not the
     *         pinned one ({@link RequestOptions#withFingerprint})
     * @throws ClientResponseException for a final status of 400 or more, when the request (else the
     *         session) raises for status
     * @throws ClientException (caused by an {@link HttpParseException}) for a malformed response
     * @throws IllegalStateException if the session is closed, or belongs to another loop
     */
    public ClientResponse request(String method, String url, RequestOptions requestOptions) throws IOException {
        return request(method, url, requestOptions, false, false);
    }

    /**
     * {@link #request(String, String, RequestOptions)}, for a WebSocket's handshake when
     * {@code webSocket} (tunnelled through a proxy, RFC 6455 section 4.1), whose URL was given as
     * {@code ws://} or {@code wss://} when {@code wsUrl} (the environment's WS(S)_PROXY applies).
     */
    private ClientResponse request(String method, String url, RequestOptions requestOptions, boolean webSocket,
                                   boolean wsUrl) throws IOException {
        Objects.requireNonNull(method, "ClientSession.request(): the method is null; give one such as GET or POST");
        RequestOptions o = requestOptions != null ? requestOptions : RequestOptions.defaults();
        String m = method.toUpperCase(Locale.ROOT);
        checkUsable(m, url);
        o = o.withJsonSerialized(options.jsonSerialize()); // aiohttp: JsonPayload(json, dumps=self._json_serialize)
        String full = withQuery(withBase(url), o.params());
        if ((o.auth() != null || options.auth() != null) && o.headersView().contains("Authorization")) {
            throw new IllegalArgumentException("ClientSession.request(): the request has its own Authorization field "
                    + "and " + (o.auth() != null ? "auth" : "the session has auth") + "; use one of them (aiohttp "
                    + "refuses the combination too)");
        }
        if (o.auth() != null && HttpUrl.parse(full).basicAuthorization() != null) {
            throw new IllegalArgumentException("ClientSession.request(): the request has auth and its URL carries "
                    + "credentials; use one of them (aiohttp: \"Cannot combine AUTH argument with credentials encoded "
                    + "in URL\")");
        }
        ClientTimeout limits = o.timeout() != null ? o.timeout() : options.timeout(); // replaced, as in aiohttp
        Tracer t = Tracer.of(this, traceConfigs, o.traceRequestCtx());
        Via via = new Via(limits, givenProxy(o), webSocket, wsUrl, t, tlsFor(o), skipped(o));
        boolean raise = o.raiseForStatus() != null ? o.raiseForStatus() : options.raiseForStatus();
        if (t == null) {
            ClientResponse r = timed(m, full, o, via);
            if (raise) {
                r.raiseForStatus(); // releases it first
            }
            return r;
        }
        Headers given = RequestEncoder.merged(sessionHeaders, o.headersView()); // aiohttp's _prepare_headers
        t.requestStart(m, HttpUrl.parse(full).uri(), given);
        ClientResponse r;
        try {
            r = timed(m, full, o, via);
            if (raise) {
                r.raiseForStatus();
            }
        } catch (Throwable e) {
            try {
                t.requestException(m, given, e);
            } catch (Throwable listener) {
                e.addSuppressed(listener); // the request's own failure is the one to report
            }
            throw e;
        }
        try {
            t.requestEnd(m, r.url(), given, r);
        } catch (Throwable e) {
            r.release();
            throw e;
        }
        return r;
    }

    /**
     * How one request's exchanges go: its time limits (the request's, or the session's), the proxy
     * the request or the session gives (null: none, or the environment's per URL), whether it is
     * a WebSocket's handshake (tunnelled through a proxy) and given as a ws(s) URL, its trace
     * (null: the session has no trace config), how its https servers are checked, and the
     * automatic fields it leaves out (lower case).
     */
    private record Via(ClientTimeout limits, HttpProxy proxy, boolean webSocket, boolean wsUrl, Tracer tracer,
                       TlsSetting tls, java.util.Set<String> skipAutoHeaders) {
    }

    /** The automatic fields {@code o} leaves out: the session's names and its own. asyncio: in {@code _request} */
    private java.util.Set<String> skipped(RequestOptions o) {
        if (o.skipAutoHeaders().isEmpty()) {
            return options.skipAutoHeaders();
        }
        java.util.Set<String> all = new java.util.HashSet<>(options.skipAutoHeaders());
        all.addAll(o.skipAutoHeaders());
        return all;
    }

    /**
     * How {@code o}'s https servers are checked: its own context, else its verifySsl (true: with
     * the session's context, else the JDK's default), else the session's choice — aiohttp's
     * {@code _get_ssl_context}, the request's {@code ssl=} over the connector's; and the pin of
     * the request, else the session's — aiohttp's {@code _get_fingerprint}, which keeps the
     * connector's pin whatever other {@code ssl=} the request gives.
     */
    private TlsSetting tlsFor(RequestOptions o) {
        Fingerprint pin = o.fingerprint() != null ? o.fingerprint() : options.fingerprint();
        if (o.fingerprint() != null) {
            return TlsSetting.UNVERIFIED.pinning(pin); // the pin is the check
        }
        if (o.sslContext() != null) {
            return TlsSetting.of(o.sslContext()).pinning(pin);
        }
        Boolean verify = o.verifySsl();
        if (verify == null) {
            return sessionTls;
        }
        if (!verify) {
            return TlsSetting.UNVERIFIED.pinning(pin);
        }
        return (sessionTls.verify() ? sessionTls : TlsSetting.DEFAULT).pinning(pin);
    }

    /**
     * The proxy the request gives, else the session's (with the request's credentials and fields
     * over the session's), or null.
     *
     * @throws IllegalArgumentException for proxy credentials or fields without a proxy, or any
     *         proxy in a session on a Unix socket
     */
    private HttpProxy givenProxy(RequestOptions o) {
        HttpProxy p;
        if (o.proxy() != null || sessionProxy == null) {
            p = o.httpProxy(); // null, or refused: credentials without a URL
        } else if (o.proxyAuth() == null && o.proxyHeaders() == null) {
            p = sessionProxy;
        } else {
            p = HttpProxy.of(options.proxy(), o.proxyAuth() != null ? o.proxyAuth() : options.proxyAuth(),
                    o.proxyHeaders());
        }
        if (p != null && options.unixSocket() != null) {
            throw new IllegalArgumentException("ClientSession.request(): a proxy (" + p + ") in a session on the Unix "
                    + "socket " + options.unixSocket() + ", where every request goes; leave the proxy out");
        }
        return p;
    }

    /**
     * Where the exchange for {@code url} goes: through the given proxy, else the environment's for
     * this URL (when the session trusts it), else direct. Asked again at each redirect, so that
     * NO_PROXY and the scheme are those of the URL being fetched.
     */
    private Route route(HttpUrl url, Via via) {
        HttpProxy p = via.proxy();
        if (p == null && environmentProxies != null) {
            String scheme = via.wsUrl() ? (url.isTls() ? "wss" : "ws") : url.scheme();
            p = environmentProxies.forUrl(scheme, url.host());
        }
        return Route.via(url, p, via.webSocket(), via.tls());
    }

    /** The request under its total timeout, if it has one. May suspend. */
    private ClientResponse timed(String m, String url, RequestOptions o, Via via) throws IOException {
        java.time.Duration total = via.limits().total();
        if (total == null) {
            return follow(m, url, o, via);
        }
        // one deadline for the whole request: the head here, the body in ClientResponse's reads
        double deadline = loop.time() + total.toNanos() / 1e9;
        String what = m + " " + url;
        try {
            ClientResponse r = timeoutAt(deadline, () -> follow(m, url, o, via));
            r.deadline(deadline, what, total);
            return r;
        } catch (TimeoutException e) {
            throw ClientResponse.timedOut(what, total, e);
        }
    }

    /** The request and its redirects, up to the final response's head. May suspend. */
    private ClientResponse follow(String method, String url, RequestOptions o, Via via) throws IOException {
        String m = method;
        HttpUrl target = HttpUrl.parse(url);
        HttpUrl first = target;
        Headers requestHeaders = new Headers(o.headersView());
        byte[] body = o.bodyView();
        RequestBody stream = o.streamView();
        String contentType = o.contentType();
        List<ClientResponse> history = new ArrayList<>();
        int maxRedirects = o.maxRedirects() != null ? o.maxRedirects() : options.maxRedirects();
        while (true) {
            String credentials = target.basicAuthorization();
            BasicAuth given = o.auth() != null ? o.auth() : options.auth();
            if (credentials == null && given != null && target.origin().equals(first.origin())) {
                // the request's (or session's) credentials go to the origin asked for, not to wherever it redirects
                credentials = given.encode();
            }
            if (credentials != null && !requestHeaders.contains("Authorization")) {
                requestHeaders.set("Authorization", credentials);
            }
            Tracer t = via.tracer();
            if (t != null) {
                t.fetching(target.uri());
            }
            ClientResponse resp = send(m, route(target, via), requestHeaders, body, stream, contentType,
                    cookiesFor(target, o), via);
            cookieJar.updateCookies(resp.cookies().values(), resp.url());
            if (t != null && o.allowRedirects() && Redirects.isRedirect(resp.status())) {
                // aiohttp signals here, before it looks for a Location
                t.requestRedirect(m, target.uri(), RequestEncoder.merged(sessionHeaders, o.headersView()), resp);
            }
            Headers responseHeaders = resp.headers();
            String location = responseHeaders.get("Location", responseHeaders.get("URI"));
            if (!o.allowRedirects() || !Redirects.isRedirect(resp.status())) {
                resp.history(history);
                return resp;
            }
            if (location != null && stream != null && !stream.replayable()
                    && !Redirects.becomesGet(resp.status(), m)) {
                // a 307/308 asks for the body again, and chunks an iterator handed out cannot be sent twice
                resp.history(history);
                return resp;
            }
            // aiohttp counts a redirect, and raises at the limit, before it looks for a Location
            history.add(resp);
            if (maxRedirects > 0 && history.size() >= maxRedirects) {
                resp.release();
                throw new TooManyRedirectsException(method, first.uri(), history, maxRedirects);
            }
            if (location == null) {
                // aiohttp 3.8 (#2022) returns such a redirect as it is, its history ending with itself
                resp.history(history);
                return resp;
            }
            resp.drainForRedirect(REDIRECT_BODY_MAX);
            HttpUrl next = target.resolve(location);
            if (Redirects.becomesGet(resp.status(), m)) {
                m = "GET";
                body = null;
                stream = null;
                contentType = null;
                requestHeaders.remove("Content-Length");
            }
            if (!next.origin().equals(target.origin())) {
                // credentials are for the origin they were given to, not wherever it redirects
                requestHeaders.remove("Authorization");
            }
            target = next;
        }
    }

    /**
     * {@code url} joined to the session's base URL when it starts with {@code /}; else as given.
     * asyncio: {@code ClientSession._build_url}
     */
    private String withBase(String url) {
        String base = options.baseUrl();
        if (base == null || url == null) {
            return url;
        }
        if (url.startsWith("/") && !url.startsWith("//")) {
            return base + url;
        }
        if (url.contains("://")) {
            return url;
        }
        throw new IllegalArgumentException("ClientSession: the URL \"" + url + "\" is neither absolute nor a path "
                + "starting with /; with a base URL (" + base + ") give a path such as /users");
    }

    /** {@code url} with {@code params} added to its query (before any fragment), encoded as yarl does. */
    static String withQuery(String url, List<Map.Entry<String, String>> params) {
        if (params.isEmpty() || url == null) {
            return url;
        }
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        StringBuilder b = new StringBuilder(base);
        int q = base.indexOf('?');
        char sep = q < 0 ? '?' : (q == base.length() - 1 || base.endsWith("&") ? 0 : '&');
        for (Map.Entry<String, String> p : params) {
            if (sep != 0) {
                b.append(sep);
            }
            sep = '&';
            io.asyncio4j.http.internal.PercentEncoding.quote(p.getKey(), QUERY_SAFE, true, b);
            b.append('=');
            io.asyncio4j.http.internal.PercentEncoding.quote(p.getValue(), QUERY_SAFE, true, b);
        }
        if (hash >= 0) {
            b.append(url, hash, url.length());
        }
        return b.toString();
    }


    /** The jar's cookies for {@code url}, with the request's own over them. asyncio: in {@code _request} */
    private Map<String, Cookie> cookiesFor(HttpUrl url, RequestOptions o) {
        Map<String, Cookie> jar = cookieJar.filterCookies(url.uri());
        if (o.cookies().isEmpty()) {
            return jar;
        }
        Map<String, Cookie> all = new TreeMap<>(jar);
        o.cookies().forEach((n, v) -> all.put(n, Cookie.of(n, v)));
        return all;
    }

    /**
     * Opens a WebSocket to {@code url} ({@code ws://}, {@code wss://}, or {@code http(s)://}) with
     * the default options. May suspend. asyncio: {@code await session.ws_connect(url)}
     *
     * @throws WsServerHandshakeException if the server does not accept the handshake
     */
    public ClientWebSocketResponse wsConnect(String url) throws IOException {
        return wsConnect(url, WebSocketOptions.defaults(), new Headers());
    }

    /** {@link #wsConnect(String)} with {@code options}. May suspend. asyncio: {@code session.ws_connect(url, **options)} */
    public ClientWebSocketResponse wsConnect(String url, WebSocketOptions options) throws IOException {
        return wsConnect(url, options, new Headers());
    }

    /**
     * {@link #wsConnect(String)} with {@code options}, sending {@code headers} too (an
     * {@code Origin}, an {@code Authorization}). May suspend.
     * asyncio: {@code await session.ws_connect(url, headers=, origin=, protocols=, compress=, ...)}
     *
     * @throws WsServerHandshakeException if the server does not accept the handshake, or answers
     *         with an extension the client must refuse
     * @throws InvalidUrlException for a URL that cannot be opened
     */
    public ClientWebSocketResponse wsConnect(String url, WebSocketOptions options, Headers headers)
            throws IOException {
        return wsConnect(url, options, RequestOptions.defaults().withHeaders(headers == null ? new Headers() : headers));
    }

    /**
     * {@link #wsConnect(String)} with {@code options}, the handshake request carrying what
     * {@code request} gives: header fields, {@code auth}, a timeout, params, cookies, a trace
     * request context, and a proxy ({@link RequestOptions#withProxy}, else the session's, else the
     * environment's {@code WS_PROXY}/{@code WSS_PROXY} for a {@code ws://}/{@code wss://} URL, as
     * aiohttp looks them up). Through a proxy the WebSocket always goes in a {@code CONNECT}
     * tunnel — TLS over it for wss —, as RFC 6455 section 4.1 asks (aiohttp 3.8 asks the proxy for
     * a plain ws URL in absolute form, {@code GET ws://host/path}, which proxies do not forward as
     * an upgrade). The handshake counts against the total timeout; the WebSocket afterwards does
     * not (see {@link WebSocketOptions#receiveTimeout()}). With
     * {@link WebSocketOptions#clientCompress()} (off by default, as aiohttp's {@code compress=0})
     * permessage-deflate is offered, and the server's answer checked
     * ({@link io.asyncio4j.http.codec.WsDeflateParams#fromResponse}). Its body options are not
     * used (the handshake is a GET without a body). May suspend.
     * asyncio: {@code await session.ws_connect(url, headers=, auth=, proxy=, proxy_auth=, ...)}
     *
     * @throws WsServerHandshakeException if the server does not accept the handshake, or answers
     *         with an extension the client must refuse
     * @throws InvalidUrlException for a URL that cannot be opened
     */
    public ClientWebSocketResponse wsConnect(String url, WebSocketOptions options, RequestOptions request)
            throws IOException {
        Objects.requireNonNull(options, "ClientSession.wsConnect(): the options are null; pass WebSocketOptions.defaults()");
        RequestOptions o = request == null ? RequestOptions.defaults() : request;
        String given = withBase(Objects.requireNonNull(url, "ClientSession.wsConnect(): the URL is null"));
        String httpUrl = webSocketToHttp(given);
        String key = WsHandshake.newKey(KEYS);
        Headers h = new Headers(o.headersView());
        h.set("Upgrade", "websocket");
        h.set("Connection", "Upgrade");
        h.set("Sec-WebSocket-Version", "13");
        h.set("Sec-WebSocket-Key", key);
        if (!options.protocols().isEmpty()) {
            h.set("Sec-WebSocket-Protocol", String.join(",", options.protocols()));
        }
        int compress = options.clientCompress();
        if (compress != 0) {
            h.set("Sec-WebSocket-Extensions", WsDeflateParams.offer(compress));
        }
        ClientResponse resp = request("GET", httpUrl, o.replacingHeaders(h).withoutBody(), true,
                !httpUrl.equals(given));
        String problem = WsHandshake.responseProblem(resp.status(), resp.headers(), key);
        WsDeflateParams deflate = null;
        if (problem == null) {
            try {
                deflate = WsDeflateParams.fromResponse(resp.headers().getAll("Sec-WebSocket-Extensions"), compress);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage(); // RFC 7692 section 5: the client fails the connection
            }
        }
        if (problem != null) {
            resp.release();
            throw new WsServerHandshakeException(problem, resp.url(), resp.status(), resp.reason(), resp.headers(),
                    resp.history());
        }
        String protocol = WsHandshake.selectProtocol(resp.headers().get("Sec-WebSocket-Protocol"), options.protocols());
        PooledConnection conn = resp.connection();
        WebSocketChannel channel = new WebSocketChannel(conn.reader(), conn.writer(), true, options, protocol,
                deflate, resp::release);
        return new ClientWebSocketResponse(resp, channel);
    }

    private static final java.security.SecureRandom KEYS = new java.security.SecureRandom();

    /** {@code ws://} as {@code http://}, {@code wss://} as {@code https://}; others as they are. */
    private static String webSocketToHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ws://")) {
            return "http://" + url.substring(5);
        }
        if (lower.startsWith("wss://")) {
            return "https://" + url.substring(6);
        }
        return url;
    }

    private static final byte[] NO_BYTES = new byte[0];

    private static final java.util.Set<String> IDEMPOTENT =
            java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    /**
     * Sends one request, on a pooled connection if there is one; an idempotent request is retried
     * once on a fresh connection if the pooled one turned out stale.
     */
    private ClientResponse send(String method, Route route, Headers requestHeaders, byte[] body, RequestBody stream,
                                String contentType, Map<String, Cookie> cookies, Via via) throws IOException {
        HttpUrl url = route.url();
        RequestHead head = RequestEncoder.head(method, url, sessionHeaders, requestHeaders, body, stream != null,
                stream == null ? -1 : stream.size(), contentType, cookies, route.forwardingProxy(),
                via.skipAutoHeaders());
        ByteSink requestBytes = RequestEncoder.write(head, body);
        // a plain request through a proxy is not kept alive, as aiohttp's force_close: many proxies
        // handle keep-alive badly (a tunnel to an https server is that server's connection, and
        // kept; a WebSocket's tunnel to a plain one is not, see Route.key)
        boolean keepAlive = BodyFraming.keepAlive(HttpVersion.HTTP_1_1, head.headers())
                && (route.proxy() == null || url.isTls());
        PooledConnection conn = connection(route, false, via); // may wait for the session's connection limits
        // a request on a reused connection that fails before any byte of a response is most likely
        // one the server never saw (it had closed the idle connection): sent again on a new one in
        // the same slot, if it is idempotent; a POST is not (RFC 9112 section 9.3.1): it surfaces,
        // as in aiohttp
        boolean retryable = conn.requests() > 0 && IDEMPOTENT.contains(method) && (stream == null || stream.replayable());
        try {
            return exchange(conn, method, url, requestBytes, head, body, stream, keepAlive, retryable, via);
        } catch (ServerDisconnectedException e) {
            if (!retryable || !e.beforeAnyResponseByte()) {
                throw e;
            }
        }
        return exchange(connection(route, true, via), method, url, requestBytes, head, body, stream, keepAlive, false,
                via);
    }

    /**
     * A connection for {@code route} ({@code fresh}: a new one in a slot already held), within
     * {@code via}'s connect timeout if it has one. May suspend.
     */
    private PooledConnection connection(Route route, boolean fresh, Via via) throws IOException {
        java.time.Duration limit = via.limits().connect();
        java.time.Duration sock = via.limits().sockConnect();
        HttpProxy proxy = route.proxy();
        Tracer t = via.tracer();
        if (limit == null) {
            return fresh ? connector.connect(route, sock, t) : connector.acquire(route, sock, t);
        }
        try {
            return timeoutAt(loop.time() + limit.toNanos() / 1e9,
                    () -> fresh ? connector.connect(route, sock, t) : connector.acquire(route, sock, t));
        } catch (TimeoutException e) {
            throw new ServerTimeoutException("Connection timeout to host " + route.url().origin() + ": no connection within "
                    + ClientTimeout.seconds(limit) + " s (ClientTimeout.connect: the wait for a slot, the connect "
                    + (proxy == null ? "" : "to the proxy, its CONNECT ") + "and the TLS handshake); give more time, "
                    + "or raise the connection limits", e);
        }
    }

    /**
     * Writes the request on {@code conn} and reads the response's head; the connection is closed
     * if that fails — keeping its slot in the pool for the new connection {@link #send} retries
     * on when {@code retryable} and the server disconnected before answering.
     */
    private ClientResponse exchange(PooledConnection conn, String method, HttpUrl url, ByteSink requestBytes,
                                    RequestHead requestHead, byte[] body, RequestBody stream, boolean keepAlive,
                                    boolean retryable, Via via) throws IOException {
        ResponseHead head;
        BodyFraming framing;
        boolean requestSent = true;
        Tracer t = via.tracer();
        try {
            conn.beginRequest();
            if (t != null) {
                // aiohttp signals the head, then each body write (b"" for no body), each before it goes out
                t.requestHeadersSent(method, url.uri(), requestHead.headers());
                if (stream == null) {
                    t.requestChunkSent(method, url.uri(), body == null ? NO_BYTES : body);
                }
            }
            conn.writer().write(requestBytes.array(), 0, requestBytes.size());
            try {
                if (stream != null) {
                    // piece by piece, each drained
                    RequestEncoder.send(conn.writer(), requestHead, stream,
                            t == null ? null : piece -> t.requestChunkSent(method, url.uri(), piece));
                } else {
                    conn.writer().drain();
                }
            } catch (IOException e) {
                if (stream != null && !(e instanceof RequestEncoder.SendFailedException)) {
                    throw e; // the body's own failure (a file's read, a wrong length): the connection goes
                }
                // the server stopped reading: it may still have answered (a 413, say); the head read tells
                requestSent = false;
            }
            // sock_read runs from here, once the request is out (aiohttp 3.8.5 on, #7149: an upload
            // slower than the limit is not the server's silence) until the body's end
            conn.watchReads(via.limits().sockRead(), url.origin(), () -> pool.discard(conn));
            SockReadTimer reads = conn.readTimer();
            if (reads != null) {
                reads.reading(true);
            }
            head = ResponseHeadReader.read(conn.reader(), url.origin());
            if (reads != null) {
                reads.reading(false);
            }
            framing = BodyFraming.forResponse(method, head.status(), head.headers());
        } catch (HttpParseException e) {
            pool.discard(conn);
            throw ResponseHeadReader.malformed(url.origin(), e);
        } catch (ServerDisconnectedException e) {
            if (retryable && e.beforeAnyResponseByte()) {
                pool.closeKeepingSlot(conn);
            } else {
                pool.discard(conn);
            }
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            // CancelledError included: a half-done exchange leaves the connection unusable
            pool.discard(conn);
            throw e;
        }
        boolean reusable = keepAlive && requestSent && head.status() != 101
                && BodyFraming.keepAlive(head.version(), head.headers());
        return new ClientResponse(method, url, head, framing, conn, pool, reusable, options.readLimit(), t);
    }

    private void checkUsable(String method, String url) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("ClientSession.request(): the session is closed (" + method + " " + url
                    + " was not sent); create a new ClientSession");
        }
        EventLoop running = EventLoop.getRunningLoop();
        if (loop != null && loop.isClosed() && loop != running && !pool.isEmpty()) {
            // its connections (and their timers) belonged to the closed loop: none can be used here
            throw new IllegalStateException("ClientSession.request(): the event loop this session's connections "
                    + "were made on is closed; create one ClientSession per loop (or close it before its loop ends)");
        }
        if (loop == null || loop.isClosed()) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException("ClientSession.request(): the session belongs to another event loop "
                    + "(its connections do); create one session per loop");
        }
    }

    /** The options it was made with. asyncio: the {@code ClientSession} constructor's arguments */
    public ClientSessionOptions sessionOptions() {
        return options;
    }

    /** Whether it takes requests; see the class comment. asyncio: {@code ClientSession.closed} (as CLOSED) */
    public State state() {
        return state;
    }

    /** Whether {@link #close()} has been called. asyncio: {@code ClientSession.closed} */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Closes every connection — idle ones, and those of responses not yet released, whose
     * reading then fails — and waits for them to finish closing when called from a task of the
     * session's loop. Idempotent. May suspend. asyncio: {@code await ClientSession.close()}
     *
     * @throws IllegalStateException if called from outside the session's loop while it runs
     */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean onLoop = loop != null && !loop.isClosed() && runningLoop() == loop;
        if (loop != null && !loop.isClosed() && !onLoop) {
            throw new IllegalStateException("ClientSession.close(): called from outside the loop its requests ran on, "
                    + "whose connections it must close; call it from a task of that loop (e.g. with "
                    + "Asyncio.runCoroutineThreadsafe)");
        }
        state = State.CLOSED;
        if (!onLoop) {
            return; // never used, or its loop is closed and closed the sockets with it
        }
        connector.close(); // the DNS lookups under way
        List<PooledConnection> closing = pool.closeAll();
        if (io.asyncio4j.Task.current() != null) {
            for (PooledConnection c : closing) {
                c.waitClosedQuietly();
            }
        }
    }

    /**
     * Forgets every host's cached addresses: the next connection to each looks it up again. A
     * lookup under way still caches its answer. Nothing to do without the cache.
     * asyncio: {@code TCPConnector.clear_dns_cache()}
     */
    public void clearDnsCache() {
        DnsCache dns = connector.dnsCache();
        if (dns != null) {
            dns.clear();
        }
    }

    /**
     * Forgets the cached addresses of {@code host} for connections to {@code port} (the URL's
     * port, 80 or 443 when it gives none). asyncio: {@code TCPConnector.clear_dns_cache(host, port)}
     *
     * @throws NullPointerException if {@code host} is null (aiohttp: "either both host and port or
     *     none of them are allowed"; call {@link #clearDnsCache()} to forget every host)
     */
    public void clearDnsCache(String host, int port) {
        Objects.requireNonNull(host, "ClientSession.clearDnsCache(): the host is null; give a host and its port, "
                + "or call clearDnsCache() to forget every host");
        DnsCache dns = connector.dnsCache();
        if (dns != null) {
            dns.clear(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host, port);
        }
    }

    private static EventLoop runningLoop() {
        try {
            return EventLoop.getRunningLoop();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** {@code <ClientSession OPEN open=2 idle=1>}: the state and the connections (and waiting requests). asyncio: none */
    @Override
    public String toString() {
        int waiting = pool.waitingCount();
        return "<ClientSession " + state + " open=" + pool.openCount() + " idle=" + pool.idleCount()
                + (waiting == 0 ? "" : " waiting=" + waiting) + ">";
    }
}
