package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.HeadWriter;
import io.asyncio4j.http.codec.RequestHead;

import io.asyncio4j.http.internal.CookieQuoting;

import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Writes a request — head and body — into one buffer, so that it leaves in one write (one
 * segment for a small request, and no window where the server has the head but waits for the
 * body). The fields, in aiohttp's order: {@code Host} (with the port when it is not the scheme's
 * default), the session's fields, then the request's (a name given later replaces the earlier
 * one in its place), then those of {@code Accept}, {@code Accept-Encoding: gzip, deflate} (the
 * response's body is decoded as it is read, as aiohttp's {@code auto_decompress}) and
 * {@code User-Agent} not given (each left out when the session or request skips it, as aiohttp's
 * {@code skip_auto_headers}; the body's {@code Content-Type} too). {@code Content-Length} is the session's to write, from
 * the body: 0 for a method that normally carries one (POST, PUT...) without it, none for GET,
 * HEAD, OPTIONS and TRACE without one; POST, PUT and PATCH without a type say
 * {@code application/octet-stream}, as aiohttp's do. A streamed body ({@link RequestBody}: a file, chunks, a
 * multipart writer) is not in that buffer: {@link #send} writes it after the head, piece by piece,
 * with its size as Content-Length or, when that is unknown, {@code Transfer-Encoding: chunked}.
 * Cookies (the jar's and the request's) go in one {@code Cookie} field, merged as aiohttp merges
 * them: the pairs of a {@code Cookie} field the session or request gives, then the cookies over
 * those of the same name, sorted by name, {@code "; "} between; with no cookies to add, a given
 * field goes as it is.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: aiohttp's {@code ClientRequest} ({@code update_headers}, {@code update_body_from_data},
 * {@code send})
 */
final class RequestEncoder {
    /** The {@code User-Agent} sent unless the session or the request gives one. */
    static final String USER_AGENT = "asyncio4j-http/0.1";

    // aiohttp's ClientRequest.GET_METHODS: a request of these without a body says nothing of one
    private static final Set<String> BODYLESS_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "CONNECT");
    /** aiohttp's POST_METHODS: a request of these always says what its body is, even an empty one. */
    private static final Set<String> POST_METHODS = Set.of("POST", "PUT", "PATCH");

    private RequestEncoder() {
    }

    /**
     * The request's head: method, target, the fields as described in the class comment.
     * @param body        the in-memory body, or null for none (or a streamed one)
     * @param streaming   whether a body is streamed ({@link RequestBody}) instead
     * @param streamSize  the streamed body's size, or -1 when unknown: then it goes
     *                    {@code Transfer-Encoding: chunked}, unless a Content-Length field gives its size
     * @param contentType the body's type, used when no header field gives one; null for none
     * @param cookies     the cookies to send, by name (empty: none)
     * @param proxy       the proxy a plain http URL is asked of (absolute-form target, the proxy's
     *                    fields and {@code Proxy-Authorization}); null, or an https URL (which
     *                    goes through a tunnel): a request to the server itself
     * @param skip        the automatic fields left out, lower case: {@code user-agent},
     *                    {@code accept}, {@code accept-encoding}, {@code content-type} (aiohttp's
     *                    {@code skip_auto_headers}; other names change nothing)
     * @throws IllegalArgumentException for a {@code Transfer-Encoding} field, or a
     *         {@code Content-Length} field that disagrees with the body
     */
    static RequestHead head(String method, HttpUrl url, Headers sessionHeaders, Headers requestHeaders, byte[] body,
                            boolean streaming, long streamSize, String contentType, Map<String, Cookie> cookies,
                            HttpProxy proxy, Set<String> skip) {
        Headers h = new Headers();
        h.add("Host", url.hostField()); // aiohttp's skip_auto_headers leaves Host alone too
        override(h, sessionHeaders);
        override(h, requestHeaders);
        // aiohttp's order (checked with 3.8.4 on the wire): Host, the caller's fields, then the
        // automatic ones the caller did not give, then Cookie, Content-Length, Content-Type
        if (!skip.contains("accept") && !h.contains("Accept")) {
            h.add("Accept", "*/*");
        }
        if (!skip.contains("accept-encoding") && !h.contains("Accept-Encoding")) {
            h.add("Accept-Encoding", "gzip, deflate"); // aiohttp's default (it adds br when brotli is installed)
        }
        if (!skip.contains("user-agent") && !h.contains("User-Agent")) {
            h.add("User-Agent", USER_AGENT);
        }
        if (!cookies.isEmpty()) {
            h.set("Cookie", cookieField(h.getAll("Cookie"), cookies));
        }
        if (h.contains("Transfer-Encoding")) {
            throw new IllegalArgumentException("ClientSession.request(): a Transfer-Encoding field ("
                    + h.get("Transfer-Encoding") + ") for " + method + " " + url + "; the session frames the body "
                    + "itself (Content-Length, or chunked for a body of unknown size): remove the field");
        }
        String given = h.get("Content-Length");
        boolean chunked = false;
        long length;
        if (streaming) {
            if (streamSize >= 0) {
                length = streamSize;
                if (given != null && !given.trim().equals(Long.toString(length))) {
                    throw new IllegalArgumentException("ClientSession.request(): Content-Length: " + given + " for "
                            + method + " " + url + " disagrees with the " + length + "-byte body; leave "
                            + "Content-Length out, the session writes it");
                }
            } else if (given != null) {
                length = parseLength(given, method, url); // the caller vouches for the chunks' total
            } else {
                length = -1;
                chunked = true;
            }
        } else {
            length = body != null ? body.length : BODYLESS_METHODS.contains(method) ? -1 : 0;
            if (given != null && body == null && given.trim().equals("0")) {
                length = 0; // what the caller asked for, and true
            } else if (given != null && !given.trim().equals(Long.toString(length))) {
                throw new IllegalArgumentException("ClientSession.request(): Content-Length: " + given + " for " + method
                        + " " + url + " disagrees with the " + (body == null ? "absent" : body.length + "-byte")
                        + " body; leave Content-Length out, the session writes it");
            }
        }
        h.remove("Content-Length");
        if (chunked) {
            h.add("Transfer-Encoding", "chunked");
        }
        if (length >= 0) {
            h.add("Content-Length", Long.toString(length));
        }
        boolean typed = h.contains("Content-Type") || skip.contains("content-type");
        if ((body != null || streaming) && contentType != null && !typed) {
            h.add("Content-Type", contentType);
        } else if (POST_METHODS.contains(method) && !typed) {
            h.add("Content-Type", "application/octet-stream"); // aiohttp's default for POST, PUT, PATCH
        }
        if (proxy != null && !url.isTls()) {
            // asked of the proxy: RFC 9112 section 3.2.2's absolute form, and the fields meant for it
            override(h, proxy.fields());
            if (proxy.authorization() != null) {
                h.set("Proxy-Authorization", proxy.authorization());
            }
            return new RequestHead(method, url.absoluteTarget(), HttpVersion.HTTP_1_1, h);
        }
        return new RequestHead(method, url.target(), HttpVersion.HTTP_1_1, h);
    }

    /**
     * The {@code CONNECT host:port} that asks {@code proxy} for a tunnel to {@code url}'s server
     * (RFC 9110 section 9.3.6): {@code Host} (the URL's), {@code User-Agent}, the proxy's fields,
     * {@code Proxy-Authorization}; nothing of the request itself (its credentials, cookies and
     * fields go inside the tunnel, encrypted). asyncio: aiohttp's {@code proxy_req} in
     * {@code TCPConnector._create_proxy_connection}
     */
    static RequestHead connectHead(HttpUrl url, HttpProxy proxy) {
        Headers h = new Headers();
        h.add("Host", url.hostField());
        h.add("User-Agent", USER_AGENT);
        override(h, proxy.fields());
        if (proxy.authorization() != null) {
            h.set("Proxy-Authorization", proxy.authorization());
        }
        return new RequestHead("CONNECT", url.host() + ":" + url.port(), HttpVersion.HTTP_1_1, h);
    }

    private static long parseLength(String given, String method, HttpUrl url) {
        try {
            long n = Long.parseLong(given.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("ClientSession.request(): Content-Length: " + given + " for " + method + " "
                + url + " is not a length; give the chunks' total in bytes, or leave it out (then they go chunked)");
    }

    /**
     * {@code head} and {@code body} (null: none, or a streamed body that {@link #send} writes after)
     * as the bytes of one write.
     * @throws IllegalArgumentException for a method that is not a token
     */
    static ByteSink write(RequestHead head, byte[] body) {
        ByteSink out = new ByteSink(256 + (body == null ? 0 : body.length));
        HeadWriter.writeRequestHead(head, out);
        if (body != null) {
            out.write(body);
        }
        return out;
    }

    /** The server stopped reading while the body was being sent: it may have answered all the same (a 413). */
    static final class SendFailedException extends IOException {
        SendFailedException(IOException cause) {
            super("the connection failed while the request body was being sent: " + cause.getMessage(), cause);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Sends a streamed body after its head: each piece as it comes, waiting for the transport to
     * take it (drain) so a large file never piles up in memory; in chunked framing when the head
     * says {@code Transfer-Encoding: chunked} (one chunk per piece, an empty piece skipped, the
     * last chunk at the end), else checked against the head's Content-Length. May suspend.
     *
     * {@code onPiece} (null: none) is told of each piece, empty ones too, before it goes out (the
     * trace's {@code request_chunk_sent}).
     *
     * @throws SendFailedException if the connection fails on the way (the caller reads the answer)
     * @throws IOException if the body itself fails (a file's read) or does not match its length;
     *         what the body's producer (or {@code onPiece}) throws comes through as it is
     */
    static void send(StreamWriter writer, RequestHead head, RequestBody body, RequestBody.Sink onPiece)
            throws IOException {
        boolean chunked = head.headers().contains("Transfer-Encoding");
        String cl = head.headers().get("Content-Length");
        long declared = cl == null ? -1 : Long.parseLong(cl);
        long[] sent = {0};
        body.writeTo(piece -> {
            if (onPiece != null) {
                onPiece.write(piece);
            }
            if (piece.length == 0) {
                return;
            }
            sent[0] += piece.length;
            if (declared >= 0 && sent[0] > declared) {
                throw lengthMismatch(body, declared, sent[0]);
            }
            try {
                if (chunked) {
                    writer.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    writer.write(piece);
                    writer.write(CRLF);
                } else {
                    writer.write(piece);
                }
                writer.drain();
            } catch (IOException e) {
                throw new SendFailedException(e);
            }
        });
        if (declared >= 0 && sent[0] != declared) {
            throw lengthMismatch(body, declared, sent[0]);
        }
        try {
            if (chunked) {
                writer.write(LAST_CHUNK);
            }
            writer.drain();
        } catch (IOException e) {
            throw new SendFailedException(e);
        }
    }

    private static IOException lengthMismatch(RequestBody body, long declared, long sent) {
        return new IOException("ClientSession.request(): the body (" + body.describe() + ") was sent with "
                + "Content-Length: " + declared + " but " + (sent > declared ? "holds more than that" : "held " + sent
                + " bytes") + " (a file that changed while it was sent, or a wrong Content-Length field); the "
                + "connection was closed");
    }

    /** The Cookie field: {@code given} fields' pairs, {@code cookies} over them, sorted by name. asyncio: {@code ClientRequest.update_cookies} */
    static String cookieField(Iterable<String> given, Map<String, Cookie> cookies) {
        Map<String, String> all = new TreeMap<>(CookieQuoting.parseCookieFields(given, false));
        cookies.forEach((name, c) -> all.put(name, c.codedValue()));
        StringJoiner field = new StringJoiner("; ");
        all.forEach((name, coded) -> field.add(name + "=" + coded));
        return field.toString();
    }

    /**
     * The session's fields with the request's over them (a name the request gives replaces the
     * session's): what trace signals show as a request's fields. asyncio: {@code ClientSession._prepare_headers}
     */
    static Headers merged(Headers session, Headers request) {
        Headers h = new Headers(session);
        override(h, request);
        return h;
    }

    /** Replaces in {@code into} every field named in {@code with} by {@code with}'s fields of that name. */
    private static void override(Headers into, Headers with) {
        if (with == null || with.isEmpty()) {
            return;
        }
        Set<String> replaced = new HashSet<>();
        for (int i = 0; i < with.size(); i++) {
            String name = with.name(i);
            if (replaced.add(name.toLowerCase(java.util.Locale.ROOT))) {
                into.set(name, with.value(i)); // in the place of the field it replaces, as CIMultiDict's []=
            } else {
                into.add(name, with.value(i));
            }
        }
    }
}
