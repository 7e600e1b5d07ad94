package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, header fields and a body held whole. The server adds
 * {@code Content-Length}, {@code Date}, {@code Server} and, when an HTTP/1.1 connection ends,
 * {@code Connection: close}; a {@code Content-Type} is set by the factory that made the body.
 * The fields go out in aiohttp's order: the handler's, Content-Length, Set-Cookie, the default
 * Content-Type, Date, Server.
 * Mutable until returned: a handler may adjust the status or fields before it returns. Not
 * final: {@link StreamResponse} extends it (in aiohttp it is the other way round).
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.Response}
 */
public class Response {
    private static final byte[] EMPTY = new byte[0];

    private int status;
    private String compression; // null: off; "": as the client accepts; else the coding forced
    private String reason;
    private final Headers headers;
    private byte[] body;
    private Map<String, SetCookie> cookies; // null until a cookie is set; in the order first set

    /** A response with {@code status}, no body and no fields. asyncio: {@code web.Response(status=...)} */
    public Response(int status) {
        this.status = HttpStatus.check(status);
        this.headers = new Headers();
        this.body = EMPTY;
    }

    /**
     * {@code text} as {@code text/plain; charset=utf-8}, status 200.
     * asyncio: {@code web.Response(text=text)}
     */
    public static Response text(String text) {
        return text(text, "text/plain");
    }

    /**
     * {@code text} encoded as UTF-8 with content type {@code contentType; charset=utf-8}
     * ({@code text/html}, ...), status 200. asyncio: {@code web.Response(text=..., content_type=...)}
     */
    public static Response text(String text, String contentType) {
        if (text == null) {
            throw new IllegalArgumentException("Response.text(): the text is null; use new Response(204) for no body");
        }
        Response r = new Response(200);
        r.body = text.getBytes(StandardCharsets.UTF_8);
        r.headers.set("Content-Type", contentType + "; charset=utf-8");
        return r;
    }

    /**
     * {@code body} as is, with content type {@code contentType}, status 200.
     * asyncio: {@code web.Response(body=..., content_type=...)}
     */
    public static Response bytes(byte[] body, String contentType) {
        if (body == null) {
            throw new IllegalArgumentException("Response.bytes(): the body is null; use new Response(204) for no body");
        }
        Response r = new Response(200);
        r.body = body;
        r.headers.set("Content-Type", contentType);
        return r;
    }

    /**
     * {@code json}, already serialized, as {@code application/json}; to serialize a value, use
     * {@link Web#jsonResponse(Object)}. asyncio: {@code web.json_response(text=...)}
     */
    public static Response json(String json) {
        return text(json, "application/json");
    }

    /** The status code. asyncio: {@code response.status} */
    public int status() {
        return status;
    }

    /** Sets the status (and the standard reason for it). asyncio: {@code response.set_status(status)} */
    public Response status(int status) {
        this.status = HttpStatus.check(status);
        this.reason = null;
        return this;
    }

    /** Sets the status with a reason phrase of one's own. asyncio: {@code response.set_status(status, reason)} */
    public Response status(int status, String reason) {
        this.status = HttpStatus.check(status);
        if (reason != null && (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("Response.status(): the reason phrase holds CR or LF, which would "
                    + "end the status line early; give a reason on one line");
        }
        this.reason = reason;
        return this;
    }

    /** The reason phrase: one's own, or the standard one. asyncio: {@code response.reason} */
    public String reason() {
        return reason != null ? reason : HttpStatus.reason(status);
    }

    /** The header fields, to read or change. asyncio: {@code response.headers} */
    public Headers headers() {
        return headers;
    }

    /** Sets a field (replacing any of that name). asyncio: {@code response.headers[name] = value} */
    public Response header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    /**
     * Compresses the body for a client that accepts it: deflate if its {@code Accept-Encoding}
     * names deflate, else gzip if it names gzip, else none (aiohttp's order), with
     * {@code Content-Encoding} and {@code Vary: Accept-Encoding} set; an empty body is sent as is.
     * A {@link StreamResponse}'s body is compressed piece by piece, in chunks. Before the head goes
     * out. asyncio: {@code resp.enable_compression()}
     */
    public Response enableCompression() {
        compression = "";
        return this;
    }

    /**
     * Compresses the body with {@code coding} ({@code gzip} or {@code deflate}) whatever the client
     * asked for. asyncio: {@code resp.enable_compression(force=ContentCoding.gzip)}
     *
     * @throws IllegalArgumentException for another coding
     */
    public Response enableCompression(String coding) {
        String c = coding == null ? "" : coding.strip().toLowerCase(java.util.Locale.ROOT);
        if (!c.equals("gzip") && !c.equals("deflate")) {
            throw new IllegalArgumentException("Response.enableCompression(): the coding \"" + coding
                    + "\" is not one the server compresses with; use gzip or deflate (or no argument to follow "
                    + "the client's Accept-Encoding)");
        }
        compression = c;
        return this;
    }

    /** Whether {@link #enableCompression()} (or its forced form) was called. */
    boolean compressionRequested() {
        return compression != null;
    }

    /**
     * Copies this response's status, reason, fields, cookies and compression setting onto
     * {@code to} (a FileResponse handing its head to the StreamResponse that sends it).
     */
    void copyHeadTo(Response to) {
        to.status = status;
        to.reason = reason;
        for (var e : headers) {
            to.headers.add(e.getKey(), e.getValue());
        }
        to.cookies = cookies == null ? null : new LinkedHashMap<>(cookies);
        to.compression = compression;
    }

    /**
     * The coding to compress with for a request with {@code acceptEncoding}, or null for none.
     * Sets Content-Encoding (and Vary when the client's field chose it).
     */
    String startCompression(String acceptEncoding) {
        if (compression == null) {
            return null;
        }
        String coding = compression.isEmpty()
                ? io.asyncio4j.http.internal.ContentEncoder.choose(acceptEncoding) : compression;
        if (coding != null) {
            headers.set("Content-Encoding", coding);
            if (compression.isEmpty()) {
                headers.set("Vary", "Accept-Encoding");
            }
        }
        return coding;
    }

    /**
     * Sets cookie {@code name} to {@code value} with path {@code /}: a {@code Set-Cookie} field
     * written after the others when the head goes out. Setting a name again replaces its cookie
     * (in its first place). asyncio: {@code resp.set_cookie(name, value)}
     *
     * @throws IllegalArgumentException as {@link #setCookie(String, String, CookieOptions)}
     */
    public Response setCookie(String name, String value) {
        return setCookie(name, value, CookieOptions.defaults());
    }

    /**
     * Sets cookie {@code name} to {@code value} with {@code options}' attributes. Written as
     * aiohttp writes it: {@code name=value; Domain=...; expires=...; HttpOnly; Max-Age=...;
     * Path=...; SameSite=...; Secure} (attributes in that order, each only when given), the value
     * in double quotes with backslash and octal escapes when it holds anything but token
     * characters ({@code "x y"}, {@code "a;b"} for {@code a;b}). Setting a name again replaces
     * its value, path, max-age and the attributes given; those not given (null) stay as they were.
     * Changes after the head has gone out ({@link StreamResponse#prepare}) are not sent.
     * asyncio: {@code resp.set_cookie(name, value, expires=, domain=, max_age=, path=, secure=, httponly=, samesite=)}
     *
     * @throws IllegalArgumentException for a name that is not a token or is an attribute's name
     *         ({@code Path}), a null value, a value with a character above U+00FF, or an attribute
     *         holding {@code ;} or a control character
     */
    public Response setCookie(String name, String value, CookieOptions options) {
        SetCookie old = cookies == null ? null : cookies.get(name);
        SetCookie c = SetCookie.merge(old, name, value, options);
        if (cookies == null) {
            cookies = new LinkedHashMap<>();
        }
        cookies.put(name, c);
        return this;
    }

    /**
     * Deletes cookie {@code name} in the client, for path {@code /} and this host: sets it empty,
     * with {@code Max-Age=0} and an {@code expires} in 1970.
     * asyncio: {@code resp.del_cookie(name)}
     */
    public Response delCookie(String name) {
        return delCookie(name, "/", null);
    }

    /**
     * Deletes cookie {@code name} set for {@code path} and {@code domain} (null: none, as it was
     * set): {@code name=""; Domain=...; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=...}.
     * A client deletes only the cookie of the same name, domain and path.
     * asyncio: {@code resp.del_cookie(name, path=, domain=)}
     *
     * @throws IllegalArgumentException as {@link #setCookie(String, String, CookieOptions)}
     */
    public Response delCookie(String name, String path, String domain) {
        if (cookies != null) {
            cookies.remove(name); // as aiohttp: the deletion starts from nothing and goes last
        }
        return setCookie(name, "", new CookieOptions(SetCookie.DELETED_EXPIRES, domain, 0, path, null, null, null));
    }

    /**
     * The cookies it sets, name to {@code Set-Cookie} field value, in the order they go out
     * (unmodifiable). asyncio: {@code resp.cookies} (a SimpleCookie of Morsels)
     */
    public Map<String, String> cookies() {
        if (cookies == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        cookies.forEach((n, c) -> out.put(n, c.fieldValue()));
        return Collections.unmodifiableMap(out);
    }

    /** The Set-Cookie field values, for the server writing the head; none: an empty iterable. */
    Iterable<SetCookie> setCookies() {
        return cookies == null ? java.util.List.of() : cookies.values();
    }

    /** The body. asyncio: {@code response.body} */
    public byte[] body() {
        return body;
    }

    /** Replaces the body (the Content-Type stays). asyncio: {@code response.body = data} */
    public Response body(byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("Response.body(): the body is null; give an empty array for none");
        }
        this.body = body;
        return this;
    }

    /** The body decoded as UTF-8. asyncio: {@code response.text} */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The content type without parameters, in lower case, or null when there is no Content-Type
     * (aiohttp says {@code application/octet-stream}). asyncio: {@code response.content_type}
     */
    public String contentType() {
        String ct = headers.get("Content-Type");
        if (ct == null) {
            return null;
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Sets the media type, keeping the Content-Type's parameters ({@code charset=...}): the field
     * becomes {@code contentType} followed by them, as aiohttp rewrites it. Parameters given in
     * {@code contentType} ({@code "text/plain; charset=latin-1"}) replace those of the same name
     * (aiohttp appends the old ones after them, repeating a name). The media type is written as
     * given ({@link #contentType()} reads it back in lower case).
     * asyncio: {@code resp.content_type = value}
     *
     * @throws IllegalArgumentException for null, or a value that is not {@code type/subtype}
     *         (tokens) with optional parameters (aiohttp takes anything, and reads back
     *         {@code text/plain} for what is not a media type)
     */
    public Response contentType(String contentType) {
        String type = contentType == null ? null : mediaTypeOf(contentType);
        if (type == null) {
            throw new IllegalArgumentException("Response.contentType(): \"" + contentType + "\" is not a media "
                    + "type; give type/subtype such as text/html (parameters after ; are optional), or remove the "
                    + "field with headers().remove(\"Content-Type\")");
        }
        var params = io.asyncio4j.http.internal.ContentType.parameters(headers.get("Content-Type"));
        params.putAll(io.asyncio4j.http.internal.ContentType.parameters(contentType));
        headers.set("Content-Type", io.asyncio4j.http.internal.ContentType.format(type, params));
        return this;
    }

    /** The part of {@code value} before any {@code ;}, stripped, if it is token/token; else null. */
    private static String mediaTypeOf(String value) {
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).strip();
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1) {
            return null;
        }
        for (int i = 0; i < type.length(); i++) {
            if (i != slash && !Headers.isTokenChar(type.charAt(i))) {
                return null;
            }
        }
        return type;
    }

    /**
     * The Content-Type's {@code charset} parameter, unquoted, or null. asyncio: {@code resp.charset}
     */
    public String charset() {
        return io.asyncio4j.http.internal.ContentType.charset(headers.get("Content-Type"));
    }

    /**
     * Sets the Content-Type's {@code charset} parameter to {@code charset} in lower case, or
     * removes it (null); the field is rewritten as aiohttp rewrites it: the media type in lower
     * case, then the parameters ({@code text/html; charset=utf-8}). Only the field changes: a body
     * already made ({@link #text(String)} encodes in UTF-8) is not re-encoded, as in aiohttp.
     * asyncio: {@code resp.charset = value}
     *
     * @throws IllegalStateException when there is no Content-Type, or it is
     *         {@code application/octet-stream} (aiohttp's RuntimeError): set {@link #contentType(String)} first
     * @throws IllegalArgumentException for a name that is empty or not a token
     */
    public Response charset(String charset) {
        String field = headers.get("Content-Type");
        String type = io.asyncio4j.http.internal.ContentType.mediaType(field);
        if (type.equals("application/octet-stream")) {
            throw new IllegalStateException("Response.charset(): setting a charset for application/octet-stream "
                    + "doesn't make sense (aiohttp's words); set the media type first with contentType(...)");
        }
        var params = io.asyncio4j.http.internal.ContentType.parameters(field);
        if (charset == null) {
            params.remove("charset");
        } else {
            if (charset.isEmpty() || !charset.chars().allMatch(Headers::isTokenChar)) {
                throw new IllegalArgumentException("Response.charset(): \"" + charset + "\" is not a charset name; "
                        + "give one such as utf-8, or null to remove the parameter");
            }
            params.put("charset", charset.toLowerCase(java.util.Locale.ROOT));
        }
        headers.set("Content-Type", io.asyncio4j.http.internal.ContentType.format(type, params));
        return this;
    }

    /**
     * The {@code Last-Modified} field as an instant, or null when there is none or it is not an
     * HTTP date. asyncio: {@code resp.last_modified}
     */
    public Instant lastModified() {
        String v = headers.get("Last-Modified");
        if (v == null) {
            return null;
        }
        try {
            return java.time.ZonedDateTime.parse(v.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Sets {@code Last-Modified} to {@code time} as an HTTP date ({@code Wed, 01 May 2024
     * 12:00:00 GMT}), a fraction of a second rounded up as aiohttp rounds a timestamp
     * ({@code math.ceil}); null removes the field. asyncio: {@code resp.last_modified = value}
     */
    public Response lastModified(Instant time) {
        if (time == null) {
            headers.remove("Last-Modified");
            return this;
        }
        long second = time.getEpochSecond() + (time.getNano() > 0 ? 1 : 0);
        headers.set("Last-Modified", io.asyncio4j.http.internal.HttpDate.format(second));
        return this;
    }

    /**
     * The {@code ETag} field as a tag, or null when there is none or it is not one tag.
     * asyncio: {@code resp.etag}
     */
    public ETag etag() {
        return ETag.parse(headers.get("ETag"));
    }

    /**
     * Sets {@code ETag} to the strong tag {@code value}, quoted ({@code "value"}; {@code *} bare);
     * null removes the field. asyncio: {@code resp.etag = value}
     *
     * @throws IllegalArgumentException for a value an entity tag may not hold ({@link ETag})
     */
    public Response etag(String value) {
        return etag(value, false);
    }

    /**
     * Sets {@code ETag} to {@code value}, weak ({@code W/"value"}) or strong ({@code "value"});
     * {@code *} is written bare either way; null removes the field.
     * asyncio: {@code resp.etag = ETag(value=value, is_weak=weak)}
     *
     * @throws IllegalArgumentException for a value an entity tag may not hold ({@link ETag}): a
     *         double quote (give the value without its quotes), a space, a control character...
     */
    public Response etag(String value, boolean weak) {
        if (value == null) {
            headers.remove("ETag");
            return this;
        }
        // aiohttp spells the name Etag (hdrs.ETAG), and so on the wire
        headers.set("Etag", new ETag(value, weak).fieldValue());
        return this;
    }

    /**
     * The body's length: what goes out as {@code Content-Length} (before any compression).
     * asyncio: {@code response.content_length}
     */
    public long contentLength() {
        return body.length;
    }

    /** {@code <Response 404 Not Found 3 bytes>}. asyncio: {@code repr(response)} */
    @Override
    public String toString() {
        return "<Response " + status + " " + reason() + " " + body.length + " bytes>";
    }
}
