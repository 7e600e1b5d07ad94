package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.internal.BodyReader;
import io.asyncio4j.http.internal.ContentType;
import io.asyncio4j.http.internal.CookieQuoting;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request as a handler sees it: method, path, query, header fields, the route's path
 * variables, and the body, read on demand ({@link #read}, {@link #text}) from the connection.
 * A body the handler does not read is skipped before the next request on the connection. Its
 * route is found when it arrives, before any middleware runs (as in aiohttp), so middlewares see
 * its {@link #matchInfo()}; a middleware rewriting it passes on a {@link #cloneWith clone}.
 * <p>
 * Threading: the task serving the connection (the handler's).
 * <p>
 * asyncio: aiohttp's {@code web.Request}
 */
public final class Request {
    private final Application root;  // the application served: its routers found the route
    private Application app;         // the application whose routes handle it: root, or a sub-application
    private final Request origin;    // the request the connection read: itself, or the one this is a clone of
    private final RequestHead head;
    private final String path;
    private final String rawPath;
    private final String rawQueryString;
    private String queryString; // decoded on first asking
    private final String absoluteAuthority; // absolute-form target (a proxy's): its authority; else null
    private final BodyReader reader; // the body on the connection, and its framing: shared with the clones
    private final BodyFraming framing;
    private RequestBody body;        // the origin's, made when first read (not on the hot path): see body()
    private FormData posted;         // the origin's post(), parsed once as aiohttp's _post
    private final String remote;
    private final String scheme;     // set by a clone's changes; else null (from the target or the connection)
    private final String host;       // likewise
    // the route resolve() found before the middlewares ran, shared with the clones: the
    // application of the handler (or of the 404/405), the handler's route and its match info, or
    // the router's answer
    private Application leaf;
    private Route route;
    private HttpException routeError;
    private Map<String, String> matchInfo = Map.of();
    private Map<String, List<String>> query;
    private Map<String, String> cookies;
    private List<Map<String, String>> forwarded;
    private Map<String, Object> state; // made when first asked (most requests have none); a clone gets a copy
    private RequestHandler connection; // the connection answering it, for StreamResponse.prepare

    static {
        // a request without a connection, for testutils.TestUtils.makeMockedRequest (see WebAccess)
        io.asyncio4j.http.internal.WebAccess.set((app, head, body, framing, matchInfo) -> {
            Request r = new Request(app, head, body, framing, null);
            r.routed(app, null, matchInfo, null);
            return r;
        });
    }

    Request(Application app, RequestHead head, BodyReader body, BodyFraming framing, String remote) {
        this(app, null, head, body, framing, remote, null, null);
    }

    /** {@code origin} null: the request the connection read. */
    private Request(Application app, Request origin, RequestHead head, BodyReader reader, BodyFraming framing,
                    String remote, String scheme, String host) {
        this.root = app;
        this.app = app;
        this.origin = origin == null ? this : origin;
        this.head = head;
        this.reader = reader;
        this.framing = framing;
        this.remote = remote;
        this.scheme = scheme;
        this.host = host;
        String target = head.target();
        int q = target.indexOf('?');
        String raw = q < 0 ? target : target.substring(0, q);
        String authority = null;
        if (raw.startsWith("http://") || raw.startsWith("https://")) {
            // absolute form (a proxy's): the path starts after the authority
            int from = raw.indexOf("//") + 2;
            int slash = raw.indexOf('/', from);
            authority = slash < 0 ? raw.substring(from) : raw.substring(from, slash);
            raw = slash < 0 ? "/" : raw.substring(slash);
        }
        this.absoluteAuthority = authority;
        this.rawPath = raw;
        this.rawQueryString = q < 0 ? "" : target.substring(q + 1);
        this.path = UrlCoding.decodePath(raw);
    }

    void connection(RequestHandler c) {
        this.connection = c;
    }

    /** The connection answering it; the responses' prepare() ask (a StreamResponse's, for a handler), hence the message. */
    RequestHandler connection() {
        if (connection == null) {
            throw new IllegalStateException("StreamResponse.prepare(): the request is not being answered by a server "
                    + "connection; prepare a StreamResponse only for the request a handler was given");
        }
        return connection;
    }

    /** The request the connection read: this one, or the one it is a clone of. */
    Request origin() {
        return origin;
    }

    RequestHead head() {
        return head;
    }

    /** Records the route resolved for it (Application.resolve), before the middlewares run. */
    void routed(Application leaf, Route route, Map<String, String> matchInfo, HttpException routeError) {
        this.leaf = leaf;
        this.route = route;
        this.matchInfo = matchInfo;
        this.routeError = routeError;
    }

    /** The application of its handler, or of the 404/405 its path led to (the served one before routing). */
    Application leaf() {
        return leaf != null ? leaf : root;
    }

    Route route() {
        return route;
    }

    /** The router's 404 or 405 for it, or null if a route takes it. */
    HttpException routeError() {
        return routeError;
    }

    /** The method, as sent ({@code GET}). asyncio: {@code request.method} */
    public String method() {
        return head.method();
    }

    /** The path, percent-decoded ({@code /a b}). asyncio: {@code request.path} */
    public String path() {
        return path;
    }

    /**
     * The path routes are matched against: {@link #path()}, but an encoded slash stays inside
     * its segment (see {@link UrlCoding#decodeForRouting}). asyncio: none (aiohttp matches the raw path)
     */
    String routingPath() {
        return rawPath.indexOf('%') < 0 ? path : UrlCoding.decodeForRouting(rawPath);
    }

    /** The path as sent ({@code /a%20b}), without the query. asyncio: {@code request.rel_url.raw_path} */
    public String rawPath() {
        return rawPath;
    }

    /** The request target as sent, path and query ({@code /a%20b?x=1}). asyncio: {@code request.raw_path} */
    public String target() {
        return head.target();
    }

    /**
     * The query string, without the {@code ?} ("" if none), decoded as aiohttp's (yarl's):
     * {@code +} is a space and escapes of UTF-8 are decoded, except those of {@code + = & ;},
     * which stay escaped (upper case) so the string still splits into the pairs sent; escapes
     * that are not UTF-8 stay as sent. {@code ?a=%20b&c=d%26e+f&g=%ff} gives
     * {@code a= b&c=d%26e f&g=%ff}. {@link #rawQueryString()} is the string as sent.
     * asyncio: {@code request.query_string}
     */
    public String queryString() {
        String q = queryString;
        if (q == null) {
            q = UrlCoding.decodeQueryString(rawQueryString);
            queryString = q;
        }
        return q;
    }

    /** The query string as sent, without the {@code ?} ("" if none). asyncio: {@code request.rel_url.raw_query_string} */
    public String rawQueryString() {
        return rawQueryString;
    }

    /**
     * The query's parameters, decoded ({@code +} is a space), each name with its values in
     * order. asyncio: {@code request.query} (a MultiDictProxy)
     */
    public Map<String, List<String>> query() {
        if (query == null) {
            query = Collections.unmodifiableMap(UrlCoding.parseQuery(rawQueryString));
        }
        return query;
    }

    /**
     * The query's parameters as name, value pairs, decoded, in the order sent ({@code a=1&b=2&a=3}
     * stays a, b, a, where {@link #query()} groups the values by name).
     * asyncio: {@code request.query.items()}
     */
    public List<Map.Entry<String, String>> queryItems() {
        return List.copyOf(UrlCoding.parsePairs(rawQueryString));
    }

    /** The first value of query parameter {@code name}, or null. asyncio: {@code request.query.get(name)} */
    public String query(String name) {
        List<String> v = query().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The header fields. asyncio: {@code request.headers} */
    public Headers headers() {
        return head.headers();
    }

    /**
     * The cookies the client sent, name to value (unquoted: {@code a="x y"} gives {@code x y}),
     * from its {@code Cookie} field — all of them, if it sent several, in order; unmodifiable,
     * empty if none. A name sent twice keeps its last value, as in aiohttp. Pairs that cannot be
     * read are skipped (aiohttp's SimpleCookie drops the whole field at the first one).
     * asyncio: {@code request.cookies}
     */
    public Map<String, String> cookies() {
        if (cookies == null) {
            List<String> fields = head.headers().getAll("Cookie");
            cookies = fields.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(CookieQuoting.parseCookieFields(fields, true));
        }
        return cookies;
    }

    /** The protocol version. asyncio: {@code request.version} */
    public HttpVersion version() {
        return head.version();
    }

    /**
     * The route's path variables: {@code {id}} in {@code /users/{id}}; empty for a path no route
     * takes. Known before the middlewares run. asyncio: {@code request.match_info}
     */
    public Map<String, String> matchInfo() {
        return matchInfo;
    }

    /** A path variable, or null. asyncio: {@code request.match_info.get(name)} */
    public String matchInfo(String name) {
        return matchInfo.get(name);
    }

    /**
     * The application whose routes handle it: the one served, or the sub-application
     * ({@link Application#addSubapp}) its path led to. asyncio: {@code request.app}
     */
    public Application app() {
        return app;
    }

    /**
     * Objects kept with this request, for its middlewares and handler to hand to each other (an
     * authentication middleware puts the user it found, the handler gets it): a mutable map, in
     * insertion order, null values allowed, living as long as the request. A {@link #cloneWith
     * clone} starts with a copy of it (later changes to either are not seen by the other), as
     * aiohttp's {@code clone()} passes {@code state=self._state.copy()}. For what the application
     * holds, see {@link Application#state()} and {@link #configDict()}.
     * aiohttp: {@code request[key] = value}, {@code request[key]}, {@code request.get(key)}
     */
    public Map<String, Object> state() {
        if (state == null) {
            state = new LinkedHashMap<>();
        }
        return state;
    }

    /**
     * A read-only view of the {@link Application#state()} of {@link #app()} and of the applications
     * it sits in: a key is looked up in {@code app()}'s state first, then its parent's, up to the
     * served application, so a sub-application's handler reaches what the application serving it
     * holds (a database pool, settings) and what it sets itself wins. Iterating gives each key
     * once, with the value a lookup gives. It follows the states as they change, but the
     * application it starts from is {@code app()} when this is called.
     * aiohttp: {@code request.config_dict} (a {@code ChainMapProxy})
     */
    public Map<String, Object> configDict() {
        return new ConfigDict(app);
    }

    /** The application served (the root of the sub-applications the request may enter). */
    Application served() {
        return root;
    }

    /** The request enters sub-application {@code sub}, on the way to its route. */
    void enter(Application sub) {
        app = sub;
    }

    /**
     * The peer's address (IP); {@code ""} over a Unix-domain socket ({@link UnixSite}: the client's
     * socket has no name); null if unknown; or what a clone was given ({@link Changes#withRemote}).
     * asyncio: {@code request.remote}
     */
    public String remote() {
        return remote;
    }

    /**
     * The host asked for: what a clone was given ({@link Changes#withHost}); else, for an
     * absolute-form target ({@code GET http://Example.com:8080/p}, as sent to a proxy), its host,
     * lower-cased, without userinfo, port or brackets ({@code example.com}; RFC 9112 §3.2.2 has
     * the target override the Host field, and aiohttp does so); else the Host field as sent
     * ({@code example.com:8080}; "" if empty); else, with none (HTTP/1.0), the address the
     * connection came in on, {@code 127.0.0.1:8080} ({@code localhost} over a Unix socket). aiohttp
     * gives {@code socket.getfqdn()} there, this machine's name, found by a lookup that blocks the
     * loop and not a name the client necessarily reaches. asyncio: {@code request.host}
     */
    public String host() {
        if (host != null) {
            return host;
        }
        if (absoluteAuthority != null) {
            return hostOf(absoluteAuthority);
        }
        String field = head.headers().get("Host");
        return field != null ? field : localAuthority();
    }

    /** The host of an authority ({@code user@[::1]:81} gives {@code ::1}), lower-cased, as yarl's {@code url.host}. */
    private static String hostOf(String authority) {
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        int end;
        if (a.startsWith("[")) {
            end = a.indexOf(']');
            a = a.substring(1, end < 0 ? a.length() : end);
        } else {
            end = a.indexOf(':');
            a = end < 0 ? a : a.substring(0, end);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private String localAuthority() {
        return connection != null ? connection.localAuthority() : "localhost";
    }

    /**
     * {@code "https"} or {@code "http"}: what a clone was given ({@link Changes#withScheme}); else
     * an absolute-form target's scheme; else {@code "https"} when it came over TLS. Forwarding
     * fields ({@code Forwarded}, {@code X-Forwarded-Proto}) are not trusted here, as in aiohttp: a
     * middleware that trusts its proxy applies them with {@link #cloneWith}.
     * asyncio: {@code request.scheme}
     */
    public String scheme() {
        if (scheme != null) {
            return scheme;
        }
        if (absoluteAuthority != null) {
            return head.target().startsWith("https://") ? "https" : "http";
        }
        return connection != null && connection.overTls() ? "https" : "http";
    }

    /** Whether its {@link #scheme()} is https. asyncio: {@code request.secure} */
    public boolean secure() {
        return scheme().equals("https");
    }

    /**
     * The path and query as sent ({@code /a%20b?x=1}), for an absolute-form target too.
     * asyncio: {@code str(request.rel_url)}
     */
    public String relUrl() {
        String target = head.target();
        if (target.startsWith("/")) {
            return target;
        }
        int q = target.indexOf('?'); // absolute form (a proxy's): the path and what follows it
        return q < 0 ? rawPath : rawPath + target.substring(q);
    }

    /**
     * The absolute URL asked for: {@link #scheme()}, then a clone's host, else an absolute-form
     * target's authority, else the Host field (else the address the connection came in on), then
     * path (its {@code .} and {@code ..} segments resolved, as yarl does) and query as sent.
     * asyncio: {@code str(request.url)}
     */
    public String url() {
        String authority = host;
        if (authority == null) {
            authority = absoluteAuthority != null ? absoluteAuthority : head.headers().get("Host");
        }
        if (authority == null || authority.isEmpty()) {
            authority = localAuthority();
        }
        return scheme() + "://" + authority + normalized(relUrl());
    }

    /**
     * The path with RFC 3986's dot segments resolved ({@code %2E} counted as a dot, which it
     * means), the query as sent: aiohttp's {@code request.url} is yarl's join of the relative
     * URL, which does both, while {@code path}, {@code rel_url} and the match keep what was sent.
     */
    private static String normalized(String relUrl) {
        int q = relUrl.indexOf('?');
        String path = q < 0 ? relUrl : relUrl.substring(0, q);
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return relUrl;
        }
        String dotted = path.replace("%2E", ".").replace("%2e", ".");
        if (!dotted.contains("/.")) {
            return relUrl;
        }
        return io.asyncio4j.http.internal.PercentEncoding.removeDotSegments(dotted) + (q < 0 ? "" : relUrl.substring(q));
    }

    /**
     * The RFC 7239 {@code Forwarded} fields: one unmodifiable map per forwarded-element (a proxy
     * hop: the first one the client's proxy added), in order across every {@code Forwarded} field,
     * from pair names lower-cased ({@code for}, {@code by}, {@code host}, {@code proto}) to values
     * with quotes and escapes undone ({@code "[2001:db8::17]:4711"} gives
     * {@code [2001:db8::17]:4711}). Parsed leniently, as aiohttp does: whitespace is allowed between
     * pairs, a name given twice keeps its last value, and what cannot be read is skipped up to the
     * next {@code ,} (its element keeps the pairs read before it, and may be empty); values are
     * not validated. Empty without the field. Not trusted for anything here: whoever sent the
     * request may have written it. aiohttp: {@code request.forwarded}
     */
    public List<Map<String, String>> forwarded() {
        if (forwarded == null) {
            List<String> fields = head.headers().getAll("Forwarded");
            forwarded = fields.isEmpty() ? List.of() : ForwardedField.parse(fields);
        }
        return forwarded;
    }

    /** Whether the request has a body (a length above 0, or chunks). asyncio: {@code request.body_exists} */
    public boolean hasBody() {
        return framing.kind() != BodyFraming.Kind.NONE;
    }

    /** The Content-Length, or -1 when absent (chunked or no body). asyncio: {@code request.content_length} */
    public long contentLength() {
        return framing.kind() == BodyFraming.Kind.LENGTH ? framing.length()
                : head.headers().contains("Content-Length") ? 0 : -1;
    }

    /** The content type without parameters ("application/octet-stream" if none). asyncio: {@code request.content_type} */
    public String contentType() {
        return ContentType.mediaType(head.headers().get("Content-Type"));
    }

    /** The charset parameter of the Content-Type, or null. asyncio: {@code request.charset} */
    public String charset() {
        return ContentType.charset(head.headers().get("Content-Type"));
    }

    /**
     * The {@code If-Modified-Since} field as an instant, or null when absent or not an HTTP date
     * (RFC 9110 section 13.1.3: such a field is ignored). asyncio: {@code request.if_modified_since}
     */
    public java.time.Instant ifModifiedSince() {
        return httpDate("If-Modified-Since");
    }

    /** The {@code If-Unmodified-Since} field, as {@link #ifModifiedSince()}. asyncio: {@code request.if_unmodified_since} */
    public java.time.Instant ifUnmodifiedSince() {
        return httpDate("If-Unmodified-Since");
    }

    /**
     * The {@code If-Range} field read as a date, or null when absent or not a date (an entity tag,
     * for instance). asyncio: {@code request.if_range}
     */
    public java.time.Instant ifRange() {
        return httpDate("If-Range");
    }

    private java.time.Instant httpDate(String field) {
        long second = io.asyncio4j.http.internal.HttpDate.parse(head.headers().get(field));
        return second < 0 ? null : java.time.Instant.ofEpochSecond(second);
    }

    /** Whether the connection stays open after the response. asyncio: {@code request.keep_alive} */
    public boolean keepAlive() {
        return BodyFraming.keepAlive(head.version(), head.headers());
    }

    /**
     * The whole body (empty if none); read once, then kept (a failure too). May suspend. A body
     * larger than the application's {@link Application#clientMaxSize()} answers 413. After part of
     * the body was read from {@link #content()}, the rest: what the stream has not handed out (the
     * limit applies to that rest, as aiohttp counts only what {@code read()} itself reads); the
     * stream is at its end afterwards. asyncio: {@code await request.read()}
     *
     * @throws HttpRequestEntityTooLarge for a body over the limit, {@link HttpBadRequest} (or an
     *         {@link HttpRequestHeaderFieldsTooLarge}: too many trailer fields) for a malformed one: let
     *         it through and the server answers with it
     * @throws IOException for a body the peer cut short ({@link io.asyncio4j.http.IncompleteBodyException})
     *         or a failed read: the peer is gone, and letting it through answers nothing
     */
    public byte[] read() throws IOException {
        return body().read();
    }

    /**
     * The body as a stream, read as it arrives and never held whole (the same object on every
     * call); see {@link RequestContent} for its reads, limits and errors, and {@link #read()} for
     * what reading both gives. asyncio: {@code request.content}
     */
    public RequestContent content() {
        return body().content();
    }

    /**
     * The body as a multipart stream ({@code multipart/form-data}, {@code multipart/mixed}, ...),
     * its parts read one after the other as they arrive ({@link MultipartReader#next()}), from
     * where {@link #content()} stands. Never suspends. asyncio: {@code await request.multipart()}
     *
     * @throws MultipartException (400) if the Content-Type is not multipart or has no valid boundary
     */
    public MultipartReader multipart() {
        return new MultipartReader(headers(), content());
    }

    /**
     * What reading the body failed with (too large, malformed, cut short), or null. After one,
     * where the next request would start is unknown: the connection is not reused.
     */
    IOException bodyFailure() {
        RequestBody b = origin.body;
        return b == null ? null : b.failure();
    }

    /** Whether {@link #bodyFailure()} is read() refusing a body over the limit (the framing is intact). */
    boolean bodyTooLarge() {
        RequestBody b = origin.body;
        return b != null && b.tooLarge();
    }

    /**
     * The body decoded with the Content-Type's charset (UTF-8 if none), strictly. May suspend.
     * asyncio: {@code await request.text()}
     *
     * @throws HttpBadRequest (400) for a charset this JDK does not know, a body that is not valid in
     *         its charset (aiohttp 3.8.4 lets the UnicodeDecodeError through, which answers 500; the
     *         client sent it, as for {@link #json()}), and as {@link #read()}
     * @throws IOException as {@link #read()}
     */
    public String text() throws IOException {
        String cs = charset();
        Charset charset = StandardCharsets.UTF_8;
        if (cs != null) {
            try {
                charset = ContentType.lookup(cs);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new HttpBadRequest("Unknown charset \"" + cs + "\" in Content-Type");
            }
        }
        byte[] body = read();
        try {
            // strict, as Python's bytes.decode: a body that is not in its charset is the client's error
            return charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new HttpBadRequest("Request.text(): the body is not valid " + charset.name()
                    + (cs == null ? " (the default: the Content-Type names no charset)" : "")
                    + "; send it in that charset, name the right one in Content-Type, or read() the bytes");
        }
    }

    /**
     * The body parsed as JSON (Jackson's tree). May suspend. asyncio: {@code await request.json()}
     *
     * @throws HttpBadRequest (400) for a body that is not JSON, an empty one included (aiohttp lets
     *         the decode error through, which answers 500; the client sent it), and as {@link #read()}
     * @throws IOException as {@link #read()}
     */
    public com.fasterxml.jackson.databind.JsonNode json() throws IOException {
        return parseJson(null);
    }

    /**
     * {@link #json()} read with {@code mapper} — the application's own, with its modules and
     * settings. May suspend. asyncio: {@code await request.json(loads=...)}
     *
     * @throws HttpBadRequest (400) for a body that is not JSON (or that the mapper refuses), an empty
     *         one included, and as {@link #read()}
     * @throws NullPointerException if {@code mapper} is null (call {@link #json()} for the default)
     */
    public com.fasterxml.jackson.databind.JsonNode json(com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException {
        return parseJson(io.asyncio4j.http.internal.Json.checkMapper(mapper, "Request.json()"));
    }

    private com.fasterxml.jackson.databind.JsonNode parseJson(com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException {
        byte[] b = read();
        if (b.length == 0) {
            throw new HttpBadRequest("Malformed JSON body: the body is empty; send a JSON document");
        }
        try {
            return io.asyncio4j.http.internal.Json.parseBody(b, mapper);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpBadRequest("Malformed JSON body: " + e.getOriginalMessage());
        }
    }

    /**
     * The body parsed as JSON and bound to {@code type} (a record, a bean, a {@code Map}). May
     * suspend. asyncio: {@code await request.json()} then building the object
     *
     * @throws HttpBadRequest (400) for a body that is not JSON of that shape, and as {@link #read()}
     */
    public <T> T json(Class<T> type) throws IOException {
        return bindJson(type, null);
    }

    /**
     * {@link #json(Class)} read with {@code mapper} (its modules bind what the default cannot:
     * {@code java.time} types, another naming strategy...). May suspend.
     * asyncio: {@code await request.json(loads=...)}
     *
     * @throws HttpBadRequest (400) for a body that is not JSON of that shape, and as {@link #read()}
     * @throws NullPointerException if {@code mapper} is null (call {@link #json(Class)} for the default)
     */
    public <T> T json(Class<T> type, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException {
        return bindJson(type, io.asyncio4j.http.internal.Json.checkMapper(mapper, "Request.json()"));
    }

    private <T> T bindJson(Class<T> type, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException {
        try {
            return io.asyncio4j.http.internal.Json.parse(read(), type, mapper);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpBadRequest("Malformed JSON body for " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /**
     * The posted form: a {@code application/x-www-form-urlencoded} body (names and values
     * percent-decoded as UTF-8) or a {@code multipart/form-data} one (text fields decoded with
     * their part's charset, else the request's, else UTF-8; parts with a filename as
     * {@link FileField}s; a part with {@code filename=""} is a text field). Empty for a request
     * with another content type, or a method other than POST, PUT, PATCH, DELETE and TRACE, as in
     * aiohttp. Parsed once: later calls return the same form. A url-encoded body is read whole
     * ({@link #read()}), so the application's {@link Application#clientMaxSize()} bounds it (a
     * body of that size or more answers 413). A multipart body is read part by part, as aiohttp
     * does, and the limit holds for each field's decoded content on its own, strictly: 413 once
     * one is over {@code clientMaxSize} (aiohttp's {@code 0 < max_size < size}); if {@link #read()}
     * already took the body whole, those bytes are parsed. After part of the body was read from
     * {@link #content()}, what is left is parsed. For a large upload read the parts as they arrive
     * with {@link #multipart()}. May suspend. asyncio: {@code await request.post()}
     *
     * @throws HttpBadRequest (400) for a malformed multipart body (a {@link MultipartException};
     *         aiohttp lets its ValueError through, a 500), and as {@link #read()}
     * @throws HttpRequestEntityTooLarge (413) for a field or body over the limit (see above)
     * @throws IOException as {@link #read()}
     */
    public FormData post() throws IOException {
        Request o = origin;
        if (o.posted == null) {
            o.posted = parsePost();
        }
        return o.posted;
    }

    private FormData parsePost() throws IOException {
        if (!POST_METHODS.contains(method())) {
            return FormData.empty(); // aiohttp: `if self._method not in self.POST_METHODS`
        }
        String type = contentType();
        if (type.equals("application/x-www-form-urlencoded")) {
            return FormParser.urlEncoded(read());
        }
        if (type.equals("multipart/form-data")) {
            String field = headers().get("Content-Type");
            Charset charset = io.asyncio4j.http.internal.ContentType.charsetOr(field, StandardCharsets.UTF_8);
            byte[] already = body().bytesRead();
            if (already != null) {
                // read() took the body whole (under the body limit): parse those bytes
                return FormParser.multipart(already, io.asyncio4j.http.internal.ContentType.parameter(field, "boundary"),
                        charset);
            }
            return MultipartForm.read(multipart(), root.clientMaxSize(), charset);
        }
        return FormData.empty();
    }

    /** The methods whose body post() parses. aiohttp: {@code BaseRequest.POST_METHODS} */
    private static final java.util.Set<String> POST_METHODS = java.util.Set.of("PATCH", "POST", "PUT", "TRACE", "DELETE");

    BodyReader bodyReader() {
        return reader;
    }

    /** The body as read so far, one for the request and its clones: the origin's, made on first asking. */
    private RequestBody body() {
        Request o = origin;
        if (o.body == null) {
            o.body = new RequestBody(reader, root);
        }
        return o.body;
    }

    /**
     * A new request for the same exchange, with {@code changes} applied and the rest as this
     * one's: what a middleware passes on after rewriting the request (the scheme, host and client
     * address a trusted proxy reported, say). The clone shares this request's body — read through
     * either, it is read once and both see the same bytes — and its route: the handler, the
     * {@link #matchInfo()} and the applications on its way stay those found for the path the client
     * sent, even with another {@link Changes#withRelUrl relUrl}, as aiohttp's match info does. Its
     * {@link #headers()} are a copy (or the ones given). A response is prepared for a clone as for
     * the request; its head is framed for what the client sent (HEAD, version, Accept-Encoding).
     * Differences from aiohttp: a clone of a clone keeps the scheme, host and remote its source was
     * given (aiohttp 3.8 drops them, against its docs); cloning after {@link #read()} is allowed
     * (the clone has the bytes; aiohttp refuses, since its clone could not read them).
     * asyncio: {@code request.clone(method=, rel_url=, headers=, scheme=, host=, remote=)}
     *
     * @throws IllegalArgumentException if {@code changes} is null ({@link Changes#none()} for a plain copy)
     */
    public Request cloneWith(Changes changes) {
        if (changes == null) {
            throw new IllegalArgumentException("Request.cloneWith(): the changes are null; give Request.Changes.none() "
                    + "for a plain copy");
        }
        Headers fields = new Headers(changes.headers != null ? changes.headers : head.headers());
        RequestHead h = new RequestHead(changes.method != null ? changes.method : head.method(),
                changes.relUrl != null ? changes.relUrl : head.target(), head.version(), fields);
        Request c = new Request(root, origin, h, reader, framing, changes.remote != null ? changes.remote : remote,
                changes.scheme != null ? changes.scheme : scheme, changes.host != null ? changes.host : host);
        c.app = app;
        c.connection = connection;
        c.routed(leaf, route, matchInfo, routeError);
        c.state = state == null ? null : new LinkedHashMap<>(state);
        return c;
    }

    /**
     * What {@link #cloneWith} changes, each left as the request's unless given: built from
     * {@link #none()} with the {@code with} methods, each returning a new value (immutable).
     * <p>
     * aiohttp: the keyword arguments of {@code request.clone()}
     */
    public static final class Changes {
        private static final Changes NONE = new Changes(null, null, null, null, null, null);

        private final String method;
        private final String relUrl;
        private final Headers headers;
        private final String scheme;
        private final String host;
        private final String remote;

        private Changes(String method, String relUrl, Headers headers, String scheme, String host, String remote) {
            this.method = method;
            this.relUrl = relUrl;
            this.headers = headers;
            this.scheme = scheme;
            this.host = host;
            this.remote = remote;
        }

        /** No change: the clone is a copy. aiohttp: {@code request.clone()} */
        public static Changes none() {
            return NONE;
        }

        /** The method, as given ({@code POST}): a token. aiohttp: {@code clone(method=...)} */
        public Changes withMethod(String method) {
            check(method != null && !method.isEmpty() && method.chars().allMatch(Headers::isTokenChar), "withMethod",
                    "the method " + quote(method) + " is not an HTTP token; give one like POST");
            return new Changes(method, relUrl, headers, scheme, host, remote);
        }

        /**
         * The target: path and query ({@code /other?k=v}, percent-encoded as sent), or an absolute
         * URL whose scheme and host then become the clone's ({@link #scheme()}, {@link #host()}).
         * The route stays the request's. aiohttp: {@code clone(rel_url=...)}
         */
        public Changes withRelUrl(String relUrl) {
            check(relUrl != null && (relUrl.startsWith("/") || relUrl.startsWith("http://")
                    || relUrl.startsWith("https://")), "withRelUrl", "the target " + quote(relUrl) + " is neither a "
                    + "path starting with / nor an http(s):// URL");
            check(relUrl.chars().allMatch(c -> c > 0x20 && c < 0x7f), "withRelUrl", "the target " + quote(relUrl)
                    + " holds a space, a control or a non-ASCII character; percent-encode it as a client would");
            return new Changes(method, relUrl, headers, scheme, host, remote);
        }

        /** The header fields, all of them (a copy is taken). aiohttp: {@code clone(headers=...)} */
        public Changes withHeaders(Headers headers) {
            check(headers != null, "withHeaders", "the fields are null; give new Headers() for none");
            return new Changes(method, relUrl, new Headers(headers), scheme, host, remote);
        }

        /**
         * The scheme, as given ({@code https}): {@link #secure()} follows it.
         * aiohttp: {@code clone(scheme=...)}
         */
        public Changes withScheme(String scheme) {
            check(scheme != null && scheme.matches("[A-Za-z][A-Za-z0-9+.-]*"), "withScheme", "the scheme "
                    + quote(scheme) + " is not a URL scheme; give http or https");
            return new Changes(method, relUrl, headers, scheme, host, remote);
        }

        /**
         * The host, as a Host field gives it ({@code example.com}, {@code example.com:8443}):
         * {@link #host()} returns it and {@link #url()} uses it. aiohttp: {@code clone(host=...)}
         */
        public Changes withHost(String host) {
            check(host != null && !host.isEmpty() && host.chars().allMatch(c -> c > 0x20 && c < 0x7f
                    && c != '/' && c != '?' && c != '#' && c != '@'), "withHost", "the host " + quote(host)
                    + " is not a host[:port]; give one like example.com or example.com:8443");
            return new Changes(method, relUrl, headers, scheme, host, remote);
        }

        /** The client's address ({@code 1.2.3.4}): {@link #remote()} returns it. aiohttp: {@code clone(remote=...)} */
        public Changes withRemote(String remote) {
            check(remote != null && remote.chars().allMatch(c -> c >= 0x20 && c != 0x7f), "withRemote",
                    "the address " + quote(remote) + " is null or holds a control character; give one like 1.2.3.4");
            return new Changes(method, relUrl, headers, scheme, host, remote);
        }

        private static void check(boolean ok, String what, String problem) {
            if (!ok) {
                throw new IllegalArgumentException("Request.Changes." + what + "(): " + problem
                        + " (leave it out to keep the request's)");
            }
        }

        private static String quote(String s) {
            return s == null ? "null" : "\"" + s + "\"";
        }

        /** {@code <Changes scheme=https host=example.com>}: what it sets. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("<Changes");
            append(b, "method", method);
            append(b, "relUrl", relUrl);
            append(b, "headers", headers);
            append(b, "scheme", scheme);
            append(b, "host", host);
            append(b, "remote", remote);
            return b.append('>').toString();
        }

        private static void append(StringBuilder b, String name, Object value) {
            if (value != null) {
                b.append(' ').append(name).append('=').append(value);
            }
        }
    }

    /**
     * {@link #configDict()}: an application's state and its ancestors', the innermost's value
     * first. Each call walks the chain (a few applications at most) rather than copying, so it
     * follows the states as hooks and handlers change them.
     */
    private static final class ConfigDict extends AbstractMap<String, Object> {
        private final Application start;

        ConfigDict(Application start) {
            this.start = start;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String)) { // the states are ConcurrentHashMaps: they refuse null keys
                return null;
            }
            for (Application a = start; a != null; a = a.parent()) {
                Object v = a.state().get(key);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null; // the states hold no null values
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            // outermost first, each inner one overwriting: a key's value is the one get() gives
            List<Application> chain = new ArrayList<>();
            for (Application a = start; a != null; a = a.parent()) {
                chain.add(a);
            }
            Map<String, Object> merged = new LinkedHashMap<>();
            for (int i = chain.size() - 1; i >= 0; i--) {
                merged.putAll(chain.get(i).state());
            }
            return Collections.unmodifiableMap(merged).entrySet();
        }
    }

    /** {@code <Request GET /path >}, as aiohttp's repr (its trailing space too). asyncio: {@code repr(request)} */
    @Override
    public String toString() {
        return "<Request " + head.method() + " " + path + " >";
    }
}
