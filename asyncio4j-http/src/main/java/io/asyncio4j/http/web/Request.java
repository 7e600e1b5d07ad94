package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.internal.BodyReader;
import io.asyncio4j.http.internal.ContentType;
import io.asyncio4j.http.internal.CookieQuoting;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A request as a handler sees it: method, path, query, header fields, the route's path
 * variables, and the body, read on demand ({@link #read}, {@link #text}) from the connection.
 * A body the handler does not read is skipped before the next request on the connection.
 * <p>
 * Threading: the task serving the connection (the handler's).
 * <p>
 * asyncio: aiohttp's {@code web.Request}
 */
public final class Request {
    private final Application root;  // the application served: its clientMaxSize bounds the body
    private Application app;         // the application whose routes handle it: root, or a sub-application
    private String routingPath;      // the part of the path left to route: all of it, or past a sub-app's prefix
    private final RequestHead head;
    private final String path;
    private final String rawPath;
    private final String queryString;
    private final BodyReader body;
    private final BodyFraming framing;
    private final String remote;
    private Map<String, String> matchInfo = Map.of();
    private Map<String, List<String>> query;
    private Map<String, String> cookies;
    private byte[] bodyBytes;
    private IOException bodyFailure;
    private RequestContent content; // made on first asking; read() takes what it buffered
    private RequestHandler connection; // the connection answering it, for StreamResponse.prepare

    Request(Application app, RequestHead head, BodyReader body, BodyFraming framing, String remote) {
        this.root = app;
        this.app = app;
        this.head = head;
        this.body = body;
        this.framing = framing;
        this.remote = remote;
        String target = head.target();
        int q = target.indexOf('?');
        String raw = q < 0 ? target : target.substring(0, q);
        if (raw.startsWith("http://") || raw.startsWith("https://")) {
            // absolute form (a proxy's): the path starts after the authority
            int slash = raw.indexOf('/', raw.indexOf("//") + 2);
            raw = slash < 0 ? "/" : raw.substring(slash);
        }
        this.rawPath = raw;
        this.queryString = q < 0 ? "" : target.substring(q + 1);
        this.path = UrlCoding.decodePath(raw);
    }

    void connection(RequestHandler c) {
        this.connection = c;
    }

    /** The connection answering it; only StreamResponse.prepare asks, hence the message. */
    RequestHandler connection() {
        if (connection == null) {
            throw new IllegalStateException("StreamResponse.prepare(): the request is not being answered by a server "
                    + "connection; prepare a StreamResponse only for the request a handler was given");
        }
        return connection;
    }

    RequestHead head() {
        return head;
    }

    void matchInfo(Map<String, String> info) {
        this.matchInfo = info;
    }

    /** The method, as sent ({@code GET}). asyncio: {@code request.method} */
    public String method() {
        return head.method();
    }

    /** The path, percent-decoded ({@code /a b}). asyncio: {@code request.path} */
    public String path() {
        return path;
    }

    /** The path as sent ({@code /a%20b}), without the query. asyncio: {@code request.rel_url.raw_path} */
    public String rawPath() {
        return rawPath;
    }

    /** The request target as sent, path and query ({@code /a%20b?x=1}). asyncio: {@code request.raw_path} */
    public String target() {
        return head.target();
    }

    /** The query string as sent, without the {@code ?} ("" if none). asyncio: {@code request.query_string} */
    public String queryString() {
        return queryString;
    }

    /**
     * The query's parameters, decoded ({@code +} is a space), each name with its values in
     * order. asyncio: {@code request.query} (a MultiDictProxy)
     */
    public Map<String, List<String>> query() {
        if (query == null) {
            query = Collections.unmodifiableMap(UrlCoding.parseQuery(queryString));
        }
        return query;
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

    /** The route's path variables: {@code {id}} in {@code /users/{id}}. asyncio: {@code request.match_info} */
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

    /** The application served (the root of the sub-applications the request may enter). */
    Application served() {
        return root;
    }

    /** The path still to route (the part after the sub-applications' prefixes passed so far). */
    String routingPath() {
        return routingPath != null ? routingPath : path;
    }

    /** The request enters sub-application {@code sub}, with {@code rest} of its path to route. */
    void enter(Application sub, String rest) {
        app = sub;
        routingPath = rest;
    }

    /**
     * The peer's address (IP); {@code ""} over a Unix-domain socket ({@link UnixSite}: the client's
     * socket has no name); null if unknown. asyncio: {@code request.remote}
     */
    public String remote() {
        return remote;
    }

    /** The Host field, or null. asyncio: {@code request.host} */
    public String host() {
        return head.headers().get("Host");
    }

    /**
     * {@code "https"} when it came over TLS, else {@code "http"} (forwarding fields such as
     * {@code X-Forwarded-Proto} are not trusted here, as in aiohttp). asyncio: {@code request.scheme}
     */
    public String scheme() {
        return secure() ? "https" : "http";
    }

    /** Whether it came over TLS. asyncio: {@code request.secure} */
    public boolean secure() {
        return connection != null && connection.overTls();
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
     * The absolute URL asked for: scheme, the Host field (else the address the server listens
     * on), path and query as sent. asyncio: {@code str(request.url)}
     */
    public String url() {
        String h = host();
        if (h == null || h.isEmpty()) {
            h = connection != null ? connection.localAuthority() : "localhost";
        }
        return scheme() + "://" + h + relUrl();
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
     * @throws HttpException 413 for a body over the limit, 400 (431: too many trailer fields) for a malformed one:
     *         let it through and the server answers with it
     * @throws IOException for a body the peer cut short ({@link io.asyncio4j.http.IncompleteBodyException})
     *         or a failed read: the peer is gone, and letting it through answers nothing
     */
    public byte[] read() throws IOException {
        if (bodyBytes == null) {
            if (bodyFailure == null) {
                long max = root.clientMaxSize(); // the served application's, in a sub-application too
                byte[] head = content == null || content.buffered() == 0 ? null : content.take(content.buffered());
                try {
                    if (head != null && head.length > max) {
                        throw new HttpParseException(413, "The body is larger than the " + max + " bytes accepted");
                    }
                    byte[] rest = body.readAll(head == null ? max : max - head.length);
                    bodyBytes = head == null ? rest : concat(head, rest);
                    return bodyBytes;
                } catch (IOException e) {
                    bodyFailure = e;
                }
            }
            throw failure();
        }
        return bodyBytes;
    }

    /** The body's failure as a handler should see it: kept like the body, a second read fails as the first did. */
    private IOException failure() {
        if (bodyFailure instanceof HttpParseException e) {
            throw new HttpException(e.status(), e.getMessage());
        }
        return bodyFailure;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * The body as a stream, read as it arrives and never held whole (the same object on every
     * call); see {@link RequestContent} for its reads, limits and errors, and {@link #read()} for
     * what reading both gives. asyncio: {@code request.content}
     */
    public RequestContent content() {
        if (content == null) {
            content = new RequestContent(new RequestContent.Source() {
                @Override
                public byte[] readSome(int max) throws IOException {
                    if (bodyFailure != null) {
                        throw failure();
                    }
                    try {
                        return body.readSome(max);
                    } catch (IOException e) {
                        bodyFailure = e;
                        throw failure();
                    }
                }

                @Override
                public boolean isDone() {
                    return body.isDone();
                }
            });
        }
        return content;
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
        return bodyFailure;
    }

    /**
     * The body decoded with the Content-Type's charset (UTF-8 if none). May suspend.
     * asyncio: {@code await request.text()}
     *
     * @throws HttpException 400 for a charset this JDK does not know, and as {@link #read()}
     * @throws IOException as {@link #read()}
     */
    public String text() throws IOException {
        String cs = charset();
        Charset charset = StandardCharsets.UTF_8;
        if (cs != null) {
            try {
                charset = Charset.forName(cs);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new HttpException(400, "Unknown charset \"" + cs + "\" in Content-Type");
            }
        }
        return new String(read(), charset);
    }

    /**
     * The body parsed as JSON (Jackson's tree), or null for an empty body. May suspend.
     * asyncio: {@code await request.json()}
     *
     * @throws HttpException 400 for a body that is not JSON (aiohttp lets the decode error through,
     *         which answers 500; the client sent it), and as {@link #read()}
     * @throws IOException as {@link #read()}
     */
    public com.fasterxml.jackson.databind.JsonNode json() throws IOException {
        byte[] b = read();
        try {
            return io.asyncio4j.http.internal.Json.parseBody(b);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpException(400, "Malformed JSON body: " + e.getOriginalMessage());
        }
    }

    /**
     * The body parsed as JSON and bound to {@code type} (a record, a bean, a {@code Map}). May
     * suspend. asyncio: {@code await request.json()} then building the object
     *
     * @throws HttpException 400 for a body that is not JSON of that shape, and as {@link #read()}
     */
    public <T> T json(Class<T> type) throws IOException {
        try {
            return io.asyncio4j.http.internal.Json.parse(read(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpException(400, "Malformed JSON body for " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /**
     * The posted form: a {@code application/x-www-form-urlencoded} body (names and values
     * percent-decoded as UTF-8) or a {@code multipart/form-data} one (text fields decoded with
     * their part's charset, else the request's, else UTF-8; parts with a filename as
     * {@link FileField}s). Empty for a request with another content type, as in aiohttp. Read
     * whole, so the application's {@link Application#clientMaxSize()} bounds it; after part of the
     * body was read from {@link #content()}, what is left is parsed (as everything that goes through
     * {@link #read()}). For a large upload read the parts as they arrive with {@link #multipart()}.
     * May suspend. asyncio: {@code await request.post()}
     *
     * @throws HttpException 400 for a malformed multipart body, and as {@link #read()}
     * @throws IOException as {@link #read()}
     */
    public FormData post() throws IOException {
        String type = contentType();
        if (type.equals("application/x-www-form-urlencoded")) {
            return FormParser.urlEncoded(read());
        }
        if (type.equals("multipart/form-data")) {
            String field = headers().get("Content-Type");
            return FormParser.multipart(read(), io.asyncio4j.http.internal.ContentType.parameter(field, "boundary"),
                    io.asyncio4j.http.internal.ContentType.charsetOr(field, StandardCharsets.UTF_8));
        }
        return FormData.empty();
    }

    BodyReader bodyReader() {
        return body;
    }

    /** {@code <Request GET /path >}, as aiohttp's repr (its trailing space too). asyncio: {@code repr(request)} */
    @Override
    public String toString() {
        return "<Request " + head.method() + " " + path + " >";
    }
}
