package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * What a request carries besides its method and URL: header fields, a body, whether redirects
 * are followed. Immutable; start from {@link #defaults()}:
 * <pre>{@code
 * session.request("PATCH", url, RequestOptions.defaults()
 *         .withHeader("If-Match", etag)
 *         .withBody("{\"a\":1}".getBytes(UTF_8), "application/json"));
 * }</pre>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: the keyword arguments of {@code ClientSession.request(...)}: {@code headers=},
 * {@code data=}, {@code allow_redirects=}, {@code params=}, {@code cookies=}, {@code auth=},
 * {@code timeout=}, {@code proxy=}, {@code proxy_auth=}, {@code proxy_headers=},
 * {@code trace_request_ctx=}, {@code ssl=} (a context, False, a {@link Fingerprint}),
 * {@code raise_for_status=}, {@code max_redirects=}, {@code skip_auto_headers=}
 */
public final class RequestOptions {
    private static final RequestOptions DEFAULTS = new RequestOptions(new Headers(), null, null, null, null, null, Map.of(), List.of(), null, null, null, null,
            Overrides.NONE);

    private final Headers headers;
    private final byte[] body;          // an in-memory body: one write with the head
    private final RequestBody stream;   // or one written piece by piece (file, chunks, multipart); never both
    private final JsonValue json;       // or a value the session serializes when sending; never with the others
    private final String contentType;
    private final Boolean allowRedirects; // null: the call's default (true, but for ClientSession.head)
    private final Map<String, String> cookies;
    private final List<Map.Entry<String, String>> params; // query pairs added to the URL, in order
    private final BasicAuth auth;                         // this request's credentials, or null
    private final ClientTimeout timeout;                  // replaces the session's; null: the session's
    private final ProxySettings proxy;                    // aiohttp's proxy=, proxy_auth=, proxy_headers=; or null
    private final Object traceRequestCtx;                 // handed to the trace configs' contexts; or null
    private final Overrides overrides;                    // the session settings it replaces

    /**
     * The session settings this request replaces, each null to keep the session's: kept apart so
     * that a new one costs a component here, not an argument in every copy above.
     *
     * @param sslContext     its own TLS context (aiohttp's {@code ssl=context}); never with verifySsl
     * @param verifySsl      false: any certificate (aiohttp's {@code ssl=False}); true: checked with
     *                       the session's context, or the JDK's default
     * @param raiseForStatus aiohttp's {@code raise_for_status=}
     * @param maxRedirects   aiohttp's {@code max_redirects=}; 0 or more
     * @param skipAutoHeaders aiohttp's {@code skip_auto_headers=}, lower case; added to the session's
     * @param fingerprint    aiohttp's {@code ssl=Fingerprint(...)}; never with sslContext or verifySsl
     */
    private record Overrides(SSLContext sslContext, Boolean verifySsl, Boolean raiseForStatus, Integer maxRedirects,
                             Set<String> skipAutoHeaders, Fingerprint fingerprint) {
        static final Overrides NONE = new Overrides(null, null, null, null, Set.of(), null);

        Overrides tls(SSLContext ctx, Boolean verify, Fingerprint pin) {
            return new Overrides(ctx, verify, raiseForStatus, maxRedirects, skipAutoHeaders, pin);
        }

        Overrides raising(Boolean raise) {
            return new Overrides(sslContext, verifySsl, raise, maxRedirects, skipAutoHeaders, fingerprint);
        }

        Overrides redirects(Integer max) {
            return new Overrides(sslContext, verifySsl, raiseForStatus, max, skipAutoHeaders, fingerprint);
        }

        Overrides skipping(Set<String> names) {
            return new Overrides(sslContext, verifySsl, raiseForStatus, maxRedirects, names, fingerprint);
        }
    }

    /**
     * A {@link #withJson} value, kept as given: the session serializes it when the request is made,
     * with its {@link ClientSessionOptions#jsonSerialize()} mapper, as aiohttp's {@code _request}
     * makes its {@code JsonPayload} with the session's {@code json_serialize}. A record, not the bare
     * value, so that JSON {@code null} is a body too.
     */
    private record JsonValue(Object value) {
    }

    /** The proxy keywords as given; {@link #resolve} checks they go together. */
    private record ProxySettings(String url, BasicAuth auth, Headers headers) {
        HttpProxy resolve() {
            if (url == null) {
                throw new IllegalArgumentException("ClientSession.request(): proxy "
                        + (auth != null ? "credentials (withProxyAuth)" : "fields (withProxyHeaders)")
                        + " without a proxy; give its URL with RequestOptions.withProxy (or the session's with "
                        + "ClientSessionOptions.withProxy), or leave them out");
            }
            return HttpProxy.of(url, auth, headers);
        }
    }

    private RequestOptions(Headers headers, byte[] body, RequestBody stream, JsonValue json, String contentType, Boolean allowRedirects,
                           Map<String, String> cookies, List<Map.Entry<String, String>> params, BasicAuth auth,
                           ClientTimeout timeout, ProxySettings proxy, Object traceRequestCtx, Overrides overrides) {
        this.headers = headers;
        this.body = body;
        this.stream = stream;
        this.json = json;
        this.contentType = contentType;
        this.allowRedirects = allowRedirects;
        this.cookies = cookies;
        this.params = params;
        this.auth = auth;
        this.timeout = timeout;
        this.proxy = proxy;
        this.traceRequestCtx = traceRequestCtx;
        this.overrides = overrides;
    }

    /** No extra fields, no body, redirects followed. asyncio: {@code session.request(method, url)} without keywords */
    public static RequestOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with the field {@code name: value} added. asyncio: {@code headers={name: value}} */
    public RequestOptions withHeader(String name, String value) {
        Headers h = new Headers(headers);
        h.add(name, value);
        return new RequestOptions(h, body, stream, json, contentType, allowRedirects, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /** A copy with {@code h}'s fields added. asyncio: {@code headers=h} */
    public RequestOptions withHeaders(Headers h) {
        Headers all = new Headers(headers);
        for (int i = 0; i < h.size(); i++) {
            all.add(h.name(i), h.value(i));
        }
        return new RequestOptions(all, body, stream, json, contentType, allowRedirects, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy with {@code data} as the body (copied), {@code application/octet-stream} unless a
     * {@code Content-Type} field says otherwise. asyncio: {@code data=b"..."}
     */
    public RequestOptions withBody(byte[] data) {
        return withBody(data, "application/octet-stream");
    }

    /** A copy with {@code data} as the body (copied), of type {@code contentType}. asyncio: {@code data=BytesPayload(data, content_type=)} */
    public RequestOptions withBody(byte[] data, String contentType) {
        return new RequestOptions(headers, data == null ? null : data.clone(), null, null, contentType, allowRedirects, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy with {@code fields} as a url-encoded form body ({@code application/x-www-form-urlencoded}),
     * in the map's order, names and values encoded as Python's {@code urlencode} does them (UTF-8,
     * space as {@code +}); a {@code List} or other {@code Iterable} value repeats its name.
     * asyncio: {@code data={"name": "value"}}
     */
    public RequestOptions withForm(java.util.Map<String, ?> fields) {
        return withBody(FormDataWriter.urlencode(fields).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded");
    }

    /**
     * A copy whose body is streamed from {@code file} when the request is written (64 KiB at a time,
     * read on the loop's executor; never held whole), with its size as Content-Length, of the type
     * its name says ({@code application/octet-stream} if unknown) unless a Content-Type field says
     * otherwise. A redirect that keeps the body (307, 308) sends it again. asyncio: {@code data=open(path, "rb")}
     */
    public RequestOptions withBody(java.nio.file.Path file) {
        return withBody(file, RequestBody.guessContentType(file));
    }

    /** {@link #withBody(java.nio.file.Path)} of type {@code contentType}. asyncio: {@code data=open(path, "rb")} with a Content-Type */
    public RequestOptions withBody(java.nio.file.Path file, String contentType) {
        java.util.Objects.requireNonNull(file, "RequestOptions.withBody(): the file is null");
        return new RequestOptions(headers, null, RequestBody.of(file), null, contentType, allowRedirects, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy whose body is the chunks {@code chunks} hands out, sent as they come with
     * {@code Transfer-Encoding: chunked} (one HTTP chunk each; empty ones are skipped), of type
     * {@code application/octet-stream} unless a Content-Type field says otherwise. An
     * {@link io.asyncio4j.AsyncGenerator} may produce them as it goes (its {@code hasNext} suspends
     * the sending task). Iterated once: the request is not retried on a stale pooled connection, and
     * a 307/308 answer is returned as it is instead of being followed. With a Content-Length field
     * the chunks go unframed and must add up to it. asyncio: {@code data=async_generator()}
     */
    public RequestOptions withBody(Iterable<byte[]> chunks) {
        return withBody(chunks, "application/octet-stream");
    }

    /** {@link #withBody(Iterable)} of type {@code contentType}. asyncio: {@code data=AsyncIterablePayload(gen, content_type=)} */
    public RequestOptions withBody(Iterable<byte[]> chunks, String contentType) {
        java.util.Objects.requireNonNull(chunks, "RequestOptions.withBody(): the chunks are null");
        return new RequestOptions(headers, null, RequestBody.of(chunks), null, contentType, allowRedirects, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy whose body is {@code writer}'s multipart body, of its Content-Type
     * ({@code multipart/<subtype>; boundary=...}), with a Content-Length when every part's size is
     * known, else chunked; files are streamed. The writer is read when the request is sent: do not
     * change it meanwhile. asyncio: {@code data=MultipartWriter(...)}
     */
    public RequestOptions withMultipart(MultipartWriter writer) {
        java.util.Objects.requireNonNull(writer, "RequestOptions.withMultipart(): the writer is null");
        return new RequestOptions(headers, null, RequestBody.of(writer), null, writer.contentType(), allowRedirects, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy whose body is {@code form}: {@code multipart/form-data} if it holds a file (or a
     * content type, a filename), else url-encoded, as aiohttp decides; its fields as they are now.
     * asyncio: {@code data=FormData(...)}
     */
    public RequestOptions withFormData(FormDataWriter form) {
        if (form.isMultipart()) {
            return withMultipart(form.toMultipartWriter());
        }
        return withBody(form.toUrlEncoded(), "application/x-www-form-urlencoded");
    }

    /**
     * A copy whose body is {@code value} as JSON, {@code application/json}: serialized (in UTF-8)
     * when the request is made, by the session's {@link ClientSessionOptions#withJsonSerialize
     * mapper} if it has one, else as Python's {@code json.dumps} writes it — so do not change the
     * value meanwhile. Replaces any body given before (aiohttp refuses {@code data=} with
     * {@code json=}; here the last body given wins, as for the other bodies).
     * asyncio: {@code json=value}
     * <p>
     * A value the serializer cannot write fails the request, with an IllegalArgumentException,
     * before anything is sent (aiohttp's {@code TypeError} from {@code session.request}).
     */
    public RequestOptions withJson(Object value) {
        return new RequestOptions(headers, null, null, new JsonValue(value), "application/json", allowRedirects,
                cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy with {@code text} as the body, in UTF-8, {@code text/plain; charset=utf-8} unless a
     * {@code Content-Type} field says otherwise. asyncio: {@code data="..."}
     */
    public RequestOptions withBody(String text) {
        return withBody(text == null ? null : text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * A copy that follows redirects, or returns them as they are; given or not, this is what
     * {@link ClientSession#head(String, RequestOptions)} does (which otherwise does not follow
     * them). asyncio: {@code allow_redirects=}
     */
    public RequestOptions withAllowRedirects(boolean allow) {
        return new RequestOptions(headers, body, stream, json, contentType, allow, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy that sends {@code cookies} too (with this request and its redirects, to whatever
     * host), over the jar's cookies of the same names; the jar does not keep them.
     * asyncio: {@code session.request(..., cookies={...})}
     *
     * @throws IllegalArgumentException for a name or value {@link Cookie#of} refuses
     */
    public RequestOptions withCookies(Map<String, String> cookies) {
        Map<String, String> all = new LinkedHashMap<>(this.cookies);
        cookies.forEach((n, v) -> all.put(Cookie.of(n, v).name(), v));
        return new RequestOptions(headers, body, stream, json, contentType, allowRedirects, Collections.unmodifiableMap(all), params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy whose URL gets {@code params} as query pairs, after any it has, in the map's order,
     * percent-encoded as aiohttp (yarl) does: a space as {@code +}; {@code & = + ; #} and the like
     * escaped. A value is a String or a Number (one pair), or an Iterable of them (one pair each,
     * for a repeated key). Applies to the URL asked for, not to redirects.
     * asyncio: {@code session.get(url, params={...})}
     *
     * @throws IllegalArgumentException for a null key or a value of another type (a Boolean, say:
     *         aiohttp refuses {@code True} too)
     */
    public RequestOptions withParams(Map<String, ?> params) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>(this.params);
        params.forEach((k, v) -> {
            if (k == null) {
                throw new IllegalArgumentException("RequestOptions.withParams(): a key is null; give each parameter a name");
            }
            if (v instanceof Iterable<?> many) {
                for (Object one : many) {
                    all.add(Map.entry(k, paramValue(k, one)));
                }
            } else {
                all.add(Map.entry(k, paramValue(k, v)));
            }
        });
        return new RequestOptions(headers, body, stream, json, contentType, allowRedirects, cookies, List.copyOf(all), auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /** A copy with the query pair {@code name=value} added after the others. asyncio: {@code params=[(name, value)]} */
    public RequestOptions withParam(String name, String value) {
        return withParams(Map.of(name, value));
    }

    private static String paramValue(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number n) {
            if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
                // aiohttp (yarl): ValueError: float('inf') is not supported
                throw new IllegalArgumentException("RequestOptions.withParams(): the value of " + key + " is "
                        + PyRepr.str(n) + "; a query takes only finite numbers (yarl: float('"
                        + PyRepr.str(n) + "') is not supported)");
            }
            return PyRepr.str(n);
        }
        throw new IllegalArgumentException("RequestOptions.withParams(): the value of " + key + " is "
                + (v == null ? "null" : "a " + v.getClass().getSimpleName()) + "; give a String or a Number "
                + "(or an Iterable of them for a repeated key)");
    }

    /** The query pairs given with {@link #withParams} (unmodifiable). asyncio: the {@code params=} given */
    public List<Map.Entry<String, String>> params() {
        return params;
    }

    /**
     * A copy sending {@code auth} (null: none) with this request, over the session's; refused
     * together with credentials in the URL or an Authorization field, as aiohttp refuses them.
     * Not sent on past a redirect to another origin. asyncio: {@code session.get(url, auth=BasicAuth(...))}
     */
    public RequestOptions withAuth(BasicAuth auth) {
        return new RequestOptions(headers, body, stream, json, contentType, allowRedirects, cookies, params, auth, timeout, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy with its own time limits, which replace the session's as a whole (a limit {@code t}
     * leaves null is no limit, not the session's); null: the session's.
     * asyncio: {@code session.get(url, timeout=ClientTimeout(...))}
     */
    public RequestOptions withTimeout(ClientTimeout t) {
        return new RequestOptions(headers, body, stream, json, contentType, allowRedirects, cookies, params, auth, t, proxy, traceRequestCtx, overrides);
    }

    /**
     * A copy that may take at most {@code total} in all and has no other limit (the session's are
     * replaced), as aiohttp reads a number given as a request's timeout; {@code Duration.ZERO}:
     * no limit at all. asyncio: {@code session.get(url, timeout=30)}
     *
     * @throws IllegalArgumentException if {@code total} is null or negative
     */
    public RequestOptions withTimeout(java.time.Duration total) {
        if (total == null) {
            throw new IllegalArgumentException("RequestOptions.withTimeout(): the Duration is null; give one, "
                    + "Duration.ZERO for no limit");
        }
        return withTimeout(ClientTimeout.ofTotal(total));
    }

    /** This request's time limits, or null for the session's. asyncio: the {@code timeout=} given */
    public ClientTimeout timeout() {
        return timeout;
    }

    /**
     * A copy that goes through the HTTP proxy at {@code url} ({@code http://[login:password@]host[:port]};
     * null: none): a plain http URL is asked of the proxy (absolute-form target, with
     * {@code Proxy-Authorization}), an https URL goes through a {@code CONNECT} tunnel to its
     * server and TLS with that server over it. Every redirect goes through it too. Connections
     * through a proxy are pooled apart from direct ones and other proxies'; plain ones are closed
     * after their response, as aiohttp does (many proxies keep connections alive badly). It
     * replaces the session's proxy ({@link ClientSessionOptions#withProxy}) and the environment's
     * ({@link ClientSessionOptions#withTrustEnv}, NO_PROXY included); null leaves them in force.
     * asyncio: {@code session.get(url, proxy="http://proxy:3128")}
     *
     * @throws InvalidUrlException for a URL that is not an {@code http://} proxy's (a
     *         {@code socks5://} or {@code https://} proxy is not supported)
     */
    public RequestOptions withProxy(String url) {
        if (url != null) {
            HttpProxy.parse(url);
        }
        return withProxySettings(url, proxy == null ? null : proxy.auth(), proxy == null ? null : proxy.headers());
    }

    /**
     * A copy that gives the proxy {@code auth} as {@code Proxy-Authorization} (over credentials in
     * the proxy's URL, and over the session's {@link ClientSessionOptions#withProxyAuth}); never
     * sent to the server. Needs {@link #withProxy} or the session's proxy. null: none.
     * asyncio: {@code proxy_auth=BasicAuth(...)}
     */
    public RequestOptions withProxyAuth(BasicAuth auth) {
        return withProxySettings(proxy == null ? null : proxy.url(), auth, proxy == null ? null : proxy.headers());
    }

    /**
     * A copy that sends {@code fields} to the proxy: in the {@code CONNECT} of an https URL (not
     * to the server inside the tunnel), in the request itself for a plain http URL (which the
     * proxy receives). Needs {@link #withProxy} or the session's proxy. null: none.
     * asyncio: {@code proxy_headers={...}}
     */
    public RequestOptions withProxyHeaders(Headers fields) {
        return withProxySettings(proxy == null ? null : proxy.url(), proxy == null ? null : proxy.auth(),
                fields == null ? null : new Headers(fields));
    }

    private RequestOptions withProxySettings(String url, BasicAuth a, Headers h) {
        ProxySettings p = url == null && a == null && h == null ? null : new ProxySettings(url, a, h);
        return new RequestOptions(headers, body, stream, json, contentType, allowRedirects, cookies, params, auth, timeout, p, traceRequestCtx, overrides);
    }

    /** The proxy's URL given with {@link #withProxy}, or null. asyncio: the {@code proxy=} given */
    public String proxy() {
        return proxy == null ? null : proxy.url();
    }

    /** The proxy's credentials given with {@link #withProxyAuth}, or null. asyncio: the {@code proxy_auth=} given */
    public BasicAuth proxyAuth() {
        return proxy == null ? null : proxy.auth();
    }

    /** The proxy's fields given with {@link #withProxyHeaders} (a copy), or null. asyncio: the {@code proxy_headers=} given */
    public Headers proxyHeaders() {
        return proxy == null || proxy.headers() == null ? null : new Headers(proxy.headers());
    }

    /**
     * The proxy this request goes through, checked (credentials or fields without a URL are
     * refused), or null for none.
     */
    HttpProxy httpProxy() {
        return proxy == null ? null : proxy.resolve();
    }

    /**
     * A copy whose trace listeners get {@code ctx} (null: none) as their context's
     * {@link TraceConfigContext#traceRequestCtx()} (or as the argument of a {@link TraceConfig}'s
     * context factory). asyncio: {@code session.get(url, trace_request_ctx=ctx)}
     */
    public RequestOptions withTraceRequestCtx(Object ctx) {
        return new RequestOptions(headers, body, stream, json, contentType, allowRedirects, cookies, params, auth, timeout,
                proxy, ctx, overrides);
    }

    /** What {@link #withTraceRequestCtx} gave, or null. asyncio: the {@code trace_request_ctx=} given */
    public Object traceRequestCtx() {
        return traceRequestCtx;
    }

    /**
     * A copy whose https connections (its redirects' too) use {@code ctx}, over the session's
     * context and its {@link ClientSessionOptions#withVerifySsl verifySsl}; null: the session's.
     * Its connections are pooled apart from those made with another context.
     * asyncio: {@code session.get(url, ssl=context)}
     *
     * @throws IllegalArgumentException on a copy that already skips verification
     *         ({@link #withVerifySsl} false): the two are one choice
     */
    public RequestOptions withSslContext(SSLContext ctx) {
        if (ctx != null && Boolean.FALSE.equals(overrides.verifySsl())) {
            throw new IllegalArgumentException("RequestOptions.withSslContext(): the request already skips "
                    + "verification (withVerifySsl(false)); they are one choice (aiohttp's ssl=context or ssl=False): "
                    + "give one of them");
        }
        if (ctx != null && overrides.fingerprint() != null) {
            throw new IllegalArgumentException("RequestOptions.withSslContext(): the request already pins a certificate "
                    + "(withFingerprint); they are one choice (aiohttp's ssl=context or ssl=Fingerprint): give "
                    + "withFingerprint(null) first, or one of them");
        }
        return withOverrides(overrides.tls(ctx, ctx == null ? overrides.verifySsl() : null, overrides.fingerprint()));
    }

    /**
     * A copy whose https connections (its redirects' too) accept any certificate ({@code false}:
     * still encrypted, the host still sent as SNI, but neither the certificate's signer nor its
     * names checked), or check it ({@code true}: with the session's context, else the JDK's
     * default — over a session made with {@link ClientSessionOptions#withVerifySsl} false).
     * Verified and unverified connections to one host are pooled apart, as in aiohttp, so a
     * request that checks never gets a connection that was not checked.
     * asyncio: {@code session.get(url, ssl=False)}; {@code true} is aiohttp 3.9's {@code ssl=True}
     * (3.8.4 takes {@code ssl=True} as unverified, a bug it later fixed)
     *
     * @throws IllegalArgumentException for {@code false} on a copy with its own
     *         {@link #withSslContext SSLContext}, whose trust managers decide
     */
    public RequestOptions withVerifySsl(boolean verify) {
        if (!verify && overrides.sslContext() != null) {
            throw new IllegalArgumentException("RequestOptions.withVerifySsl(): the request has its own SSLContext, "
                    + "whose trust managers decide; they are one choice (aiohttp's ssl=context or ssl=False): give "
                    + "withSslContext(null) first, or a context that accepts what you need");
        }
        if (overrides.fingerprint() != null) {
            throw new IllegalArgumentException("RequestOptions.withVerifySsl(): the request pins a certificate "
                    + "(withFingerprint), which is its check; they are one choice (aiohttp's ssl=False or "
                    + "ssl=Fingerprint): give withFingerprint(null) first, or one of them");
        }
        SSLContext ctx = overrides.sslContext();
        // a context checks as it does
        return withOverrides(overrides.tls(ctx, ctx != null ? null : verify, null));
    }

    /** The TLS context given with {@link #withSslContext}, or null. asyncio: the {@code ssl=} context given */
    public SSLContext sslContext() {
        return overrides.sslContext();
    }

    /**
     * What {@link #withVerifySsl} gave, or null for the session's choice.
     * asyncio: {@code ssl=False} given (as false)
     */
    public Boolean verifySsl() {
        return overrides.verifySsl();
    }

    /**
     * A copy whose final response, if its status is 400 or more, is released and raised as
     * {@link ClientResponseException} ({@code true}), or returned ({@code false}), whatever the
     * session's {@link ClientSessionOptions#withRaiseForStatus}.
     * asyncio: {@code session.get(url, raise_for_status=True)}
     */
    public RequestOptions withRaiseForStatus(boolean raise) {
        return withOverrides(overrides.raising(raise));
    }

    /**
     * What {@link #withRaiseForStatus} gave, or null for the session's choice.
     * asyncio: the {@code raise_for_status=} given
     */
    public Boolean raiseForStatus() {
        return overrides.raiseForStatus();
    }

    /**
     * A copy that raises {@link TooManyRedirectsException} at its {@code n}th redirect — it follows
     * {@code n - 1} —, over the session's {@link ClientSessionOptions#maxRedirects()}; 0: no limit.
     * As aiohttp counts: {@code max_redirects=10} follows 9 redirects and raises at the 10th. To
     * return a redirect as it is, use {@link #withAllowRedirects} false.
     * asyncio: {@code session.get(url, max_redirects=n)}
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public RequestOptions withMaxRedirects(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("RequestOptions.withMaxRedirects(): " + n + " is negative; give 0 or "
                    + "more (n: the nth redirect raises; 0: no limit; withAllowRedirects(false) returns the redirect "
                    + "instead)");
        }
        return withOverrides(overrides.redirects(n));
    }

    /**
     * What {@link #withMaxRedirects} gave, or null for the session's limit.
     * asyncio: the {@code max_redirects=} given
     */
    public Integer maxRedirects() {
        return overrides.maxRedirects();
    }

    /**
     * A copy that does not add the automatic fields named (any case), besides those the session
     * skips ({@link ClientSessionOptions#withSkipAutoHeaders}): of {@code User-Agent},
     * {@code Accept}, {@code Accept-Encoding} and the body's {@code Content-Type} (a given type,
     * or the {@code application/octet-stream} of POST, PUT and PATCH) — as aiohttp, which adds
     * those only, so naming {@code Host}, {@code Content-Length} or {@code Connection} changes
     * nothing. A field the session or the request gives itself is still sent.
     * asyncio: {@code session.get(url, skip_auto_headers=[...])}
     *
     * @throws NullPointerException if {@code names} or one of them is null
     */
    public RequestOptions withSkipAutoHeaders(java.util.Collection<String> names) {
        return withOverrides(overrides.skipping(lowerCase("RequestOptions.withSkipAutoHeaders()", names)));
    }

    /** {@link #withSkipAutoHeaders(java.util.Collection)} of {@code names}. asyncio: {@code skip_auto_headers=(...)} */
    public RequestOptions withSkipAutoHeaders(String... names) {
        return withSkipAutoHeaders(java.util.Arrays.asList(names));
    }

    /** The names given with {@link #withSkipAutoHeaders}, lower case (unmodifiable). asyncio: the {@code skip_auto_headers=} given */
    public Set<String> skipAutoHeaders() {
        return overrides.skipAutoHeaders();
    }

    /** {@code names} in lower case, or NullPointerException naming {@code where}. */
    static Set<String> lowerCase(String where, java.util.Collection<String> names) {
        java.util.Objects.requireNonNull(names, where + ": the names are null; give field names such as "
                + "\"User-Agent\", or none");
        java.util.LinkedHashSet<String> lower = new java.util.LinkedHashSet<>();
        for (String n : names) {
            java.util.Objects.requireNonNull(n, where + ": a name is null; give field names such as \"User-Agent\"");
            lower.add(n.toLowerCase(java.util.Locale.ROOT));
        }
        return java.util.Collections.unmodifiableSet(lower);
    }

    /**
     * A copy whose https connections (its redirects' too) must present the certificate
     * {@code fingerprint} pins, else {@link ServerFingerprintMismatchException}; the certificate's
     * signer and names are not checked (the pin is the check), over the session's TLS choice and
     * pin. Pinned connections are pooled apart from others. null: none of its own (the session's
     * pin, if any, still applies, as in aiohttp). asyncio: {@code session.get(url, ssl=Fingerprint(digest))}
     *
     * @throws IllegalArgumentException on a copy with its own {@link #withSslContext SSLContext}
     *         or {@link #withVerifySsl} choice: aiohttp's {@code ssl=} is one of them
     */
    public RequestOptions withFingerprint(Fingerprint fingerprint) {
        if (fingerprint != null && (overrides.sslContext() != null || overrides.verifySsl() != null)) {
            throw new IllegalArgumentException("RequestOptions.withFingerprint(): the request already has "
                    + (overrides.sslContext() != null ? "its own SSLContext" : "withVerifySsl(" + overrides.verifySsl()
                    + ")") + "; they are one choice (aiohttp's ssl=): give withSslContext(null) first, or one of them");
        }
        return withOverrides(overrides.tls(overrides.sslContext(), overrides.verifySsl(), fingerprint));
    }

    /** The pin given with {@link #withFingerprint}, or null. asyncio: the {@code ssl=Fingerprint} given */
    public Fingerprint fingerprint() {
        return overrides.fingerprint();
    }

    private RequestOptions withOverrides(Overrides o) {
        return new RequestOptions(headers, body, stream, json, contentType, allowRedirects, cookies, params, auth, timeout,
                proxy, traceRequestCtx, o);
    }

    /** A copy with exactly the fields {@code h} (the caller's: not copied). */
    RequestOptions replacingHeaders(Headers h) {
        return new RequestOptions(h, body, stream, json, contentType, allowRedirects, cookies, params, auth, timeout, proxy,
                traceRequestCtx, overrides);
    }

    /**
     * This request as the session sends it: a {@link #withJson} value serialized with
     * {@code mapper} (null: the default, Python's format) into an in-memory body; without one,
     * itself.
     *
     * @throws IllegalArgumentException if the value cannot be serialized
     */
    RequestOptions withJsonSerialized(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        if (json == null) {
            return this;
        }
        byte[] b = io.asyncio4j.http.internal.Json.write(json.value(), mapper);
        return new RequestOptions(headers, b, null, null, contentType, allowRedirects, cookies, params, auth, timeout,
                proxy, traceRequestCtx, overrides);
    }

    /** A copy without a body. */
    RequestOptions withoutBody() {
        return new RequestOptions(headers, null, null, null, null, allowRedirects, cookies, params, auth, timeout, proxy,
                traceRequestCtx, overrides);
    }

    /** This request's credentials, or null. asyncio: the {@code auth=} given */
    public BasicAuth auth() {
        return auth;
    }

    /** The cookies given with {@link #withCookies} (unmodifiable). asyncio: the {@code cookies=} given */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** The extra header fields (a copy). asyncio: the {@code headers=} given */
    public Headers headers() {
        return new Headers(headers);
    }

    /**
     * The in-memory body (a copy), or null (none, or a streamed one); a {@link #withJson} value as
     * the default serializer writes it (a session with its own serializer sends that one's bytes).
     * asyncio: the {@code data=} given
     *
     * @throws IllegalArgumentException for a JSON value the default serializer cannot write
     */
    public byte[] body() {
        if (json != null) {
            return io.asyncio4j.http.internal.Json.write(json.value());
        }
        return body == null ? null : body.clone();
    }

    /** The body's default {@code Content-Type}, or null. asyncio: {@code Payload.content_type} */
    public String contentType() {
        return contentType;
    }

    /**
     * Whether redirects are followed: as {@link #withAllowRedirects} gave, else true (but
     * {@link ClientSession#head} does not follow them unless it was given true).
     * asyncio: the {@code allow_redirects=} given
     */
    public boolean allowRedirects() {
        return allowRedirects == null || allowRedirects;
    }

    /** Whether {@link #withAllowRedirects} was given (else the call's default applies). */
    boolean allowRedirectsGiven() {
        return allowRedirects != null;
    }

    // the session reads these without copying: it never changes them
    Headers headersView() {
        return headers;
    }

    byte[] bodyView() {
        return body;
    }

    RequestBody streamView() {
        return stream;
    }

    /** {@code <RequestOptions headers=1 body=3 bytes allowRedirects=true>}. asyncio: none */
    @Override
    public String toString() {
        return "<RequestOptions headers=" + headers.size() + " body="
                + (stream != null ? stream.describe() : json != null ? "json"
                        : body == null ? "none" : body.length + " bytes")
                + " allowRedirects=" + allowRedirects() + (timeout == null ? "" : " timeout=" + timeout)
                + (proxy == null || proxy.url() == null ? "" : " proxy=" + HttpProxy.of(proxy.url(), null, null)) + ">";
    }
}
