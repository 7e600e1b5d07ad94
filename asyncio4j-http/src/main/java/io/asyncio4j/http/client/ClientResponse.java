package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpStatus;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.codec.ResponseHead;
import io.asyncio4j.http.internal.BodyReader;
import io.asyncio4j.http.internal.ContentDecoder;
import io.asyncio4j.http.internal.ContentType;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * A response whose head has arrived; its body is read on demand — whole ({@link #read()},
 * {@link #text()}) or piece by piece ({@link #readChunk(int)}, {@link #content()}) — from the
 * connection the request went out on. Once the body has been read to its end, that connection
 * goes back to the session's pool (if both sides keep it alive); released before that, it is
 * closed, since the rest of the body would be taken for the next response. Use it in
 * try-with-resources, as {@code async with session.get(url) as resp} in aiohttp:
 * <pre>{@code
 * try (ClientResponse resp = session.get(url)) {
 *     resp.raiseForStatus();
 *     String page = resp.text();
 * }
 * }</pre>
 * States ({@link State}); {@code COMPLETE}, {@code RELEASED} and {@code FAILED} are final:
 * <pre>
 *   OPEN ──the body's last byte read (at once when there is no body)──▶ COMPLETE  (connection pooled or closed)
 *   OPEN ──release() / close() before that──────────────────────────▶ RELEASED  (connection closed)
 *   OPEN ──reading fails: truncated, malformed, too large, cancelled──▶ FAILED    (connection closed)
 * </pre>
 * A body-less response (HEAD, 204, 304, {@code Content-Length: 0}) is {@code COMPLETE} from the
 * start.
 * <p>
 * A body sent with {@code Content-Encoding: gzip} or {@code deflate} is handed out decoded (the
 * field stays in {@link #headers()}), as aiohttp's {@code auto_decompress}; the read limit counts
 * decoded bytes.
 * <p>
 * Threading: the task that made the request, or any task of the same loop, one at a time; the
 * reading methods may suspend. The accessors of the head may be called from anywhere.
 * <p>
 * asyncio: {@code aiohttp.ClientResponse}
 */
public final class ClientResponse implements AutoCloseable {
    /** Where a response's body is; see the class comment. asyncio: none (aiohttp keeps flags) */
    public enum State {
        /** The head is read, the body is not yet read to its end; the response owns the connection. */
        OPEN,
        /** The body has been read to its end (or there was none); the connection is back in the pool or closed. */
        COMPLETE,
        /** Released before its body's end; the connection was closed. */
        RELEASED,
        /** Reading the body failed (or was cancelled); the connection was closed. */
        FAILED
    }

    private static final byte[] EMPTY = new byte[0];

    private final String method;
    private final HttpUrl url;
    private final ResponseHead head;
    private final BodyFraming framing;
    private final BodyReader body;
    private final PooledConnection connection;
    private final ConnectionPool pool;
    private final boolean reusable;
    private final boolean upgraded; // 101: the connection now speaks another protocol (a WebSocket's)
    // Content-Encoding gzip / deflate: the body is handed out decoded (aiohttp's auto_decompress);
    // decoded bytes readChunk could not hand out yet wait in `decoded` from `decodedOff`
    private final ContentDecoder decoder;
    private byte[] decoded = EMPTY;
    private int decodedOff;
    private boolean rawSeen;     // any encoded byte arrived (an empty body, a HEAD answer, decodes to nothing)
    private final long readLimit;
    private List<ClientResponse> history = List.of();
    private ResponseContent contentReader; // made on first asking
    private State state = State.OPEN;
    private byte[] content;      // the body, once read() has taken it: read() again returns it
    private Throwable failure;   // why the state is FAILED
    private long taken;          // body bytes handed out by readChunk
    private Map<String, Cookie> cookies; // from the Set-Cookie fields, read on first asking
    private final Tracer tracer;         // the request's trace, or null

    /**
     * {@code reusable}: both sides let the connection carry another exchange once the body has
     * been read (keep-alive, HTTP/1.1 or asked for, a body not delimited by the close).
     * {@code tracer}: the request's trace, told when {@link #read()} reads the body; null: none.
     */
    ClientResponse(String method, HttpUrl url, ResponseHead head, BodyFraming framing, PooledConnection connection,
                   ConnectionPool pool, boolean reusable, long readLimit, Tracer tracer) {
        this.tracer = tracer;
        this.method = method;
        this.url = url;
        this.head = head;
        this.framing = framing;
        this.body = new BodyReader(connection.reader(), framing);
        this.connection = connection;
        this.pool = pool;
        this.reusable = reusable && framing.kind() != BodyFraming.Kind.UNTIL_CLOSE;
        this.readLimit = readLimit;
        this.upgraded = head.status() == 101;
        this.decoder = upgraded ? null : ContentDecoder.forEncoding(head.headers().get("Content-Encoding"));
        if (upgraded) {
            connection.stopReadTimer(); // the connection is the new protocol's, with its own timers
        }
        if (body.isDone() && !upgraded) {
            complete();
        }
    }

    /**
     * The cookies this response sets (its {@code Set-Cookie} fields), name to cookie, in the
     * order first set; a name set twice keeps the last; fields that cannot be read are left out
     * (see {@link CookieJar} for what the session keeps of them). Unmodifiable.
     * asyncio: {@code ClientResponse.cookies}
     */
    public Map<String, Cookie> cookies() {
        if (cookies == null) {
            List<String> fields = head.headers().getAll("Set-Cookie");
            Map<String, Cookie> m = new LinkedHashMap<>();
            for (String f : fields) {
                Cookie c = SetCookieParser.parse(f);
                if (c != null) {
                    m.put(c.name(), c);
                }
            }
            cookies = m.isEmpty() ? Map.of() : Collections.unmodifiableMap(m);
        }
        return cookies;
    }

    /** The status code. asyncio: {@code ClientResponse.status} */
    public int status() {
        return head.status();
    }

    /**
     * The reason phrase of the status line; the standard one for the status when the server sent
     * none. asyncio: {@code ClientResponse.reason}
     */
    public String reason() {
        return head.reason().isEmpty() ? HttpStatus.reason(head.status()) : head.reason();
    }

    /** Whether the status is below 400. asyncio: {@code ClientResponse.ok} */
    public boolean ok() {
        return head.status() < 400;
    }

    /** The header fields (a copy). asyncio: {@code ClientResponse.headers} */
    public Headers headers() {
        return new Headers(head.headers());
    }

    /** The HTTP version of the status line. asyncio: {@code ClientResponse.version} */
    public HttpVersion version() {
        return head.version();
    }

    /**
     * The URL this response answers: after redirects, the last one; without its fragment, as
     * aiohttp's (see {@link #realUrl()}). asyncio: {@code ClientResponse.url}
     */
    public URI url() {
        URI u = url.uri();
        if (u.getRawFragment() == null) {
            return u; // the usual case: no copy
        }
        String s = u.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    /**
     * {@link #url()} with its fragment, if it has one: the URL as asked for, or as a redirect's
     * Location gave it. asyncio: {@code ClientResponse.real_url}
     */
    public URI realUrl() {
        return url.uri();
    }

    /** The method of the request this response answers. asyncio: {@code ClientResponse.method} */
    public String method() {
        return method;
    }

    /**
     * The redirect responses that led here, oldest first; empty when there were none (and for the
     * redirect responses themselves, and when redirects are not followed). A redirect without a
     * {@code Location}, returned as it is, ends its own history, as in aiohttp 3.8.
     * asyncio: {@code ClientResponse.history}
     */
    public List<ClientResponse> history() {
        return history;
    }

    void history(List<ClientResponse> redirects) {
        history = List.copyOf(redirects);
    }

    /** Where the body is; see the class comment. asyncio: none (see {@link State}) */
    public State state() {
        return state;
    }

    /**
     * The media type of {@code Content-Type}, lower case, without parameters; or
     * {@code application/octet-stream} when there is none. asyncio: {@code ClientResponse.content_type}
     */
    public String contentType() {
        return ContentType.mediaType(head.headers().get("Content-Type"));
    }

    /** The {@code charset} parameter of {@code Content-Type}, or null. asyncio: {@code ClientResponse.charset} */
    public String charset() {
        return ContentType.charset(head.headers().get("Content-Type"));
    }

    /**
     * The whole body (the part not yet taken by {@link #readChunk}); the same array on later
     * calls, as aiohttp returns the same bytes: do not change it. The first call signals
     * {@code response_chunk_received} to the session's trace configs with it. May suspend.
     * asyncio: {@code await ClientResponse.read()}
     *
     * @throws ClientPayloadException if the connection ends before the body does (its cause, an
     *         {@link io.asyncio4j.http.IncompleteBodyException}, has the counts), for a malformed body, or one larger than the session's read
     *         limit ({@link ClientSessionOptions#readLimit()})
     * @throws IllegalStateException if the response was released before its body was read
     */
    public byte[] read() throws IOException {
        if (upgraded && state == State.OPEN) {
            return EMPTY; // no body: the connection is the new protocol's until release()
        }
        switch (state) {
            case COMPLETE -> {
                if (content == null) {
                    content = takeDecoded(Integer.MAX_VALUE); // streamed out by readChunk: what it left, if any
                    traceReceived();
                }
                return content;
            }
            case RELEASED -> throw released("read()");
            case FAILED -> throw failedEarlier("read()");
            case OPEN -> {
            }
        }
        if (framing.kind() == BodyFraming.Kind.LENGTH && framing.length() - taken > readLimit) {
            HttpParseException e = new HttpParseException(413, "The body is larger than the " + readLimit
                    + " bytes accepted");
            fail(e);
            throw payloadError(e);
        }
        content = readRest(readLimit);
        traceReceived();
        return content;
    }

    /** Tells the trace, if any, of the body read() has just read (aiohttp signals there, and only there). */
    private void traceReceived() throws IOException {
        if (tracer != null) {
            tracer.responseChunkReceived(method, url.uri(), content);
        }
    }

    /**
     * The body decoded with the charset of {@code Content-Type}, strictly, as aiohttp's
     * {@code errors="strict"}; UTF-8 when it names none or one this JDK does not know, then
     * leniently (malformed bytes become U+FFFD), where aiohttp would guess the charset with
     * chardet and find one that decodes. May suspend. asyncio: {@code await ClientResponse.text()}
     *
     * @throws ClientPayloadException if the body is not valid in the charset the Content-Type
     *         names (aiohttp: {@code UnicodeDecodeError}), and as {@link #read()}
     */
    public String text() throws IOException {
        Charset named = ContentType.charsetOr(head.headers().get("Content-Type"), null);
        if (named == null) {
            return new String(read(), StandardCharsets.UTF_8);
        }
        return text(named);
    }

    /**
     * The body decoded with {@code charset}, strictly, as aiohttp's {@code errors="strict"}; for
     * {@code errors="replace"} decode {@link #read()} with {@code new String(bytes, charset)}.
     * May suspend. asyncio: {@code await ClientResponse.text(encoding)}
     *
     * @throws ClientPayloadException if the body is not valid {@code charset} (aiohttp:
     *         {@code UnicodeDecodeError}), and as {@link #read()}
     */
    public String text(Charset charset) throws IOException {
        byte[] body = read();
        if (charset.equals(StandardCharsets.UTF_8)) {
            // the JDK's vectorised decoding; the strict decoder only when a U+FFFD shows (sent, or a bad byte)
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') < 0) {
                return text;
            }
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
        try {
            return charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int at = in.position(); // the decoder stops at the first byte it cannot take
            throw new ClientPayloadException("ClientResponse.text(): the body of the response to " + method + " " + url
                    + " is not valid " + charset.name() + ": "
                    + (at < body.length ? "byte 0x" + String.format("%02x", body[at] & 0xFF) + " at offset " + at
                            : "it ends inside a character") + " (aiohttp: UnicodeDecodeError, '" + charset.name().toLowerCase(java.util.Locale.ROOT)
                    + "' codec can't decode byte); give the right charset to text(Charset), or decode read() "
                    + "leniently, as errors=\"replace\": new String(resp.read(), charset)", e);
        }
    }

    /**
     * The body parsed as JSON (Jackson's tree), or null for an empty body. May suspend.
     * asyncio: {@code await resp.json()}
     *
     * @throws ContentTypeException if the Content-Type is not JSON (the response is released)
     * @throws ClientPayloadException for a body that is not JSON, and as {@link #read()}
     */
    public com.fasterxml.jackson.databind.JsonNode json() throws IOException {
        return json(true);
    }

    /**
     * {@link #json()}; {@code checkContentType} false parses whatever the Content-Type says.
     * asyncio: {@code await resp.json(content_type=None)}
     */
    public com.fasterxml.jackson.databind.JsonNode json(boolean checkContentType) throws IOException {
        return parseJson(checkContentType, null);
    }

    /**
     * {@link #json()} read with {@code mapper} (its modules and settings). May suspend.
     * asyncio: {@code await resp.json(loads=...)}
     *
     * @throws ContentTypeException if the Content-Type is not JSON (the response is released)
     * @throws ClientPayloadException for a body the mapper cannot read, and as {@link #read()}
     * @throws NullPointerException if {@code mapper} is null (call {@link #json()} for the default)
     */
    public com.fasterxml.jackson.databind.JsonNode json(com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException {
        return parseJson(true, io.asyncio4j.http.internal.Json.checkMapper(mapper, "ClientResponse.json()"));
    }

    private com.fasterxml.jackson.databind.JsonNode parseJson(boolean checkContentType,
                                                              com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException {
        checkJson(checkContentType);
        byte[] b = read();
        try {
            return io.asyncio4j.http.internal.Json.parseBody(b, mapper);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ClientPayloadException("The body of the response to " + method + " " + url + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * The body parsed as JSON and bound to {@code type} (a record, a bean, a {@code Map}). May
     * suspend. asyncio: {@code await resp.json()} then building the object
     *
     * @throws ContentTypeException if the Content-Type is not JSON
     * @throws ClientPayloadException for a body that is not JSON of that shape
     */
    public <T> T json(Class<T> type) throws IOException {
        return bindJson(type, null);
    }

    /**
     * {@link #json(Class)} read with {@code mapper} (its modules bind what the default cannot:
     * {@code java.time} types, another naming strategy...). May suspend.
     * asyncio: {@code await resp.json(loads=...)} then building the object
     *
     * @throws ContentTypeException if the Content-Type is not JSON
     * @throws ClientPayloadException for a body that is not JSON of that shape
     * @throws NullPointerException if {@code mapper} is null (call {@link #json(Class)} for the default)
     */
    public <T> T json(Class<T> type, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException {
        return bindJson(type, io.asyncio4j.http.internal.Json.checkMapper(mapper, "ClientResponse.json()"));
    }

    private <T> T bindJson(Class<T> type, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException {
        checkJson(true);
        try {
            return io.asyncio4j.http.internal.Json.parse(read(), type, mapper);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ClientPayloadException("The body of the response to " + method + " " + url + " is not JSON "
                    + "of a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** aiohttp 3.8.4's {@code json_re}, matched at the start of the lower-cased Content-Type field. */
    private static final java.util.regex.Pattern JSON_TYPE =
            java.util.regex.Pattern.compile("application/(?:[\\w.+-]+?\\+)?json", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    private void checkJson(boolean check) throws ContentTypeException {
        if (!check) {
            return;
        }
        String field = head.headers().get("Content-Type");
        String type = field == null ? "" : field.toLowerCase(java.util.Locale.ROOT);
        if (!JSON_TYPE.matcher(type).lookingAt()) {
            release();
            throw new ContentTypeException(method, url.uri(), status(), reason(), headers(), history, type);
        }
    }

    /**
     * The next piece of the body, at most {@code max} bytes, as soon as some has arrived; an
     * empty array once the body has been read to its end. May suspend.
     * asyncio: {@code await ClientResponse.content.read(n)}
     *
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public byte[] readChunk(int max) throws IOException {
        if (max <= 0) {
            throw new IllegalArgumentException("ClientResponse.readChunk(): max is " + max
                    + "; ask for 1 byte or more");
        }
        if (upgraded && state == State.OPEN) {
            return EMPTY;
        }
        if (decodedOff < decoded.length) {
            return takeDecoded(max);
        }
        switch (state) {
            case COMPLETE -> {
                return EMPTY;
            }
            case RELEASED -> throw released("readChunk()");
            case FAILED -> throw failedEarlier("readChunk()");
            case OPEN -> {
            }
        }
        while (true) {
            byte[] piece = guarded(() -> body.readSome(max));
            taken += piece.length;
            boolean done = body.isDone();
            if (decoder != null) {
                piece = decode(piece, done, Long.MAX_VALUE);
            }
            if (done) {
                complete();
            }
            if (decoder == null) {
                return piece;
            }
            decoded = piece;
            decodedOff = 0;
            if (piece.length > 0 || done) {
                return takeDecoded(max);
            }
            // encoded bytes that decoded to nothing yet (a gzip header, a deflate block's start)
        }
    }

    /** Up to {@code max} of the decoded bytes readChunk has not handed out. */
    private byte[] takeDecoded(int max) {
        int n = Math.min(max, decoded.length - decodedOff);
        if (n <= 0) {
            return EMPTY;
        }
        byte[] out = decodedOff == 0 && n == decoded.length ? decoded : Arrays.copyOfRange(decoded, decodedOff, decodedOff + n);
        decodedOff += n;
        if (decodedOff == decoded.length) {
            decoded = EMPTY;
            decodedOff = 0;
        }
        return out;
    }

    /**
     * {@code raw} encoded bytes decoded; {@code last}: the body ends with them, so the coding's
     * data must end too. A failure fails the response (its connection closed) as aiohttp's
     * ContentEncodingError does.
     */
    private byte[] decode(byte[] raw, boolean last, long limit) throws ClientPayloadException {
        try {
            rawSeen |= raw.length > 0;
            byte[] out = decoder.decode(raw, 0, raw.length, limit);
            if (last) {
                if (rawSeen) {
                    decoder.finish();
                }
                decoder.close();
            }
            return out;
        } catch (DataFormatException e) {
            decoder.close();
            ClientPayloadException p = new ClientPayloadException("Can not decode content-encoding: "
                    + decoder.encoding() + " (the body of the response to " + method + " " + url + ": "
                    + e.getMessage() + ")", e);
            fail(p);
            throw p;
        }
    }

    /**
     * The body as an {@link InputStream} whose reads suspend the calling task (call it from a
     * task of the session's loop); closing it releases the response.
     * asyncio: {@code ClientResponse.content} (a {@code StreamReader})
     */
    public InputStream content() {
        return contentReader().asInputStream();
    }

    /**
     * The body as a stream read as it arrives, with aiohttp's reads: {@code readline()},
     * {@code readexactly(n)}, {@code iterChunked(n)}, and line by line in a for-each loop
     * ({@code for (byte[] line : resp.contentReader())}). The same stream every call. May not be
     * mixed with {@link #read()} once it has handed out bytes.
     * asyncio: {@code ClientResponse.content} ({@code async for line in resp.content})
     */
    public ResponseContent contentReader() {
        if (contentReader == null) {
            contentReader = new ResponseContent(this);
        }
        return contentReader;
    }

    /** Whether the body has been read to its end and nothing decoded waits (for {@link ResponseContent}). */
    boolean bodyDone() {
        return state == State.COMPLETE && decodedOff >= decoded.length;
    }

    /**
     * Raises {@link ClientResponseException} (after releasing the response) if the status is
     * 400 or more; does nothing otherwise. Never suspends. asyncio: {@code ClientResponse.raise_for_status()}
     */
    public void raiseForStatus() throws ClientResponseException {
        if (head.status() >= 400) {
            release();
            throw new ClientResponseException(method, url.uri(), head.status(), reason(), head.headers(), history);
        }
    }

    /**
     * Gives the connection up: back to the pool if the body was read to its end, closed
     * otherwise. Idempotent; never suspends. asyncio: {@code ClientResponse.release()}
     */
    public void release() {
        if (state == State.OPEN) {
            state = State.RELEASED;
            pool.discard(connection);
        }
    }

    /** The connection (an upgraded response's, which a WebSocket takes over). */
    PooledConnection connection() {
        return connection;
    }

    /**
     * {@link #release()}, for try-with-resources; for a response of {@link Http#request}, also
     * closes the session made for it (which may suspend). asyncio: {@code ClientResponse.close()}
     * / leaving {@code async with} (for {@code aiohttp.request}, also {@code await session.close()})
     */
    @Override
    public void close() {
        release();
        ClientSession s = ownSession;
        if (s != null) {
            ownSession = null; // once: close() stays idempotent
            s.close();
        }
    }

    // the session made for this response alone (Http.request), closed with it; else null
    private ClientSession ownSession;

    /** Makes {@link #close()} close {@code session} too: the one {@link Http#request} made for it. */
    void closeWith(ClientSession session) {
        this.ownSession = session;
    }

    /**
     * For a redirect: reads a small body (up to {@code max} bytes; a redirect's is a line of
     * HTML) so the connection can carry the next request and {@link #read()} still gives it;
     * closes the connection for a larger or close-delimited one, or if reading fails (the
     * redirect goes on regardless). May suspend.
     */
    void drainForRedirect(long max) {
        if (state != State.OPEN) {
            return;
        }
        boolean small = framing.kind() == BodyFraming.Kind.CHUNKED
                || framing.kind() == BodyFraming.Kind.LENGTH && framing.length() <= max;
        if (!small) {
            release();
            return;
        }
        try {
            content = readRest(max);
        } catch (IOException e) {
            // FAILED, the connection closed: the next request takes a fresh one
        }
    }

    private interface BodyRead {
        byte[] run() throws IOException;
    }

    // the session's deadline for the whole request (loop time; 0: none), for the body's reads
    private double deadline;
    private String what;
    private java.time.Duration total;

    void deadline(double when, String request, java.time.Duration timeout) {
        this.deadline = when;
        this.what = request;
        this.total = timeout;
    }

    /** The TimeoutException of a request that took longer than its total timeout. */
    static io.asyncio4j.TimeoutException timedOut(String request, java.time.Duration timeout, Throwable cause) {
        return new io.asyncio4j.TimeoutException("ClientSession: " + request + " did not complete within "
                + ClientTimeout.seconds(timeout) + " s (ClientTimeout.total, aiohttp's total timeout); its "
                + "connection is closed. Give more with withTimeout(), or Duration.ZERO for no limit", cause);
    }

    /**
     * A read of the body; any failure leaves the response FAILED (and its connection closed).
     * While it runs, the sock_read timer (if any) knows the caller is waiting for bytes.
     */
    private byte[] guarded(BodyRead read) throws IOException {
        SockReadTimer reads = connection.readTimer();
        if (reads != null) {
            reads.reading(true);
        }
        try {
            if (deadline > 0) {
                try {
                    return io.asyncio4j.Asyncio.timeoutAt(deadline, read::run);
                } catch (io.asyncio4j.TimeoutException e) {
                    throw timedOut(what, total, e);
                }
            }
            return read.run();
        } catch (HttpParseException e) {
            fail(e);
            throw payloadError(e);
        } catch (io.asyncio4j.http.IncompleteBodyException e) {
            fail(e);
            throw new ClientPayloadException("Response payload is not completed: " + e.getMessage() + " (the "
                    + "response to " + method + " " + url + "; the connection was closed)", e);
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        } finally {
            if (reads != null) {
                reads.reading(false);
            }
        }
    }

    private byte[] readRest(long max) throws IOException {
        byte[] rest = guarded(() -> body.readAll(max));
        if (decoder != null) {
            byte[] before = takeDecoded(Integer.MAX_VALUE); // what readChunk decoded but did not hand out
            byte[] after = decode(rest, true, max);
            rest = before.length == 0 ? after : concat(before, after);
        }
        complete();
        return rest;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private void complete() {
        state = State.COMPLETE;
        pool.release(connection, reusable);
    }

    private void fail(Throwable e) {
        state = State.FAILED;
        failure = e;
        pool.discard(connection);
    }

    private ClientPayloadException payloadError(HttpParseException e) {
        if (e.status() == 413) {
            return new ClientPayloadException("The body of the response to " + method + " " + url + " is larger "
                    + "than the session's read limit of " + readLimit + " bytes; raise ClientSessionOptions"
                    + ".withReadLimit, or stream it with readChunk() or content()", e);
        }
        return new ClientPayloadException("Malformed body in the response to " + method + " " + url + ": "
                + e.getMessage() + "; the connection was closed", e);
    }

    private IllegalStateException released(String what) {
        return new IllegalStateException("ClientResponse." + what + ": the response to " + method + " " + url
                + " was released before its body was read to the end, and its connection closed; read the body "
                + "before release() or close()");
    }

    private ClientPayloadException failedEarlier(String what) {
        return new ClientPayloadException("ClientResponse." + what + ": reading the body of the response to "
                + method + " " + url + " failed earlier (" + failure + "); the connection was closed and the body "
                + "is lost: send the request again", failure);
    }

    /** {@code <ClientResponse(url) [200 OK] STATE>}, as aiohttp's repr plus the state. asyncio: {@code repr(resp)} */
    @Override
    public String toString() {
        return "<ClientResponse(" + url + ") [" + head.status() + " " + reason() + "] " + state + ">";
    }
}
