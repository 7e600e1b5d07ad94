package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.HeadWriter;
import io.asyncio4j.http.codec.RequestHead;

import io.asyncio4j.http.internal.CookieQuoting;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Writes a request — head and body — into one buffer, so that it leaves in one write (one
 * segment for a small request, and no window where the server has the head but waits for the
 * body). The fields: {@code Host} (with the port when it is not the scheme's default),
 * {@code User-Agent}, {@code Accept}, {@code Accept-Encoding: gzip, deflate} (the response's body is
 * decoded as it is read, as aiohttp's {@code auto_decompress}), then the session's fields, then the request's; a name
 * given later replaces the earlier ones. {@code Content-Length} is the session's to write, from
 * the body: 0 for a method that normally carries one (POST, PUT...) without it, none for GET,
 * HEAD, OPTIONS and TRACE without one.
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

    private RequestEncoder() {
    }

    /**
     * The request's head: method, target, the fields as described in the class comment.
     * @param body        the body, or null for none
     * @param contentType the body's type, used when no header field gives one; null for none
     * @param cookies     the cookies to send, by name (empty: none)
     * @throws IllegalArgumentException for a {@code Transfer-Encoding} field, or a
     *         {@code Content-Length} field that disagrees with the body
     */
    static RequestHead head(String method, HttpUrl url, Headers sessionHeaders, Headers requestHeaders, byte[] body,
                            String contentType, Map<String, Cookie> cookies) {
        Headers h = new Headers();
        h.add("Host", url.hostField());
        h.add("User-Agent", USER_AGENT);
        h.add("Accept", "*/*");
        h.add("Accept-Encoding", "gzip, deflate"); // aiohttp's default (it adds br when brotli is installed)
        override(h, sessionHeaders);
        override(h, requestHeaders);
        if (!cookies.isEmpty()) {
            h.set("Cookie", cookieField(h.getAll("Cookie"), cookies));
        }
        if (h.contains("Transfer-Encoding")) {
            throw new IllegalArgumentException("ClientSession.request(): a Transfer-Encoding field ("
                    + h.get("Transfer-Encoding") + ") for " + method + " " + url + ", but the client sends bodies "
                    + "with Content-Length only; remove the field");
        }
        long length = body != null ? body.length : BODYLESS_METHODS.contains(method) ? -1 : 0;
        String given = h.get("Content-Length");
        if (given != null && body == null && given.trim().equals("0")) {
            length = 0; // what the caller asked for, and true
        } else if (given != null && !given.trim().equals(Long.toString(length))) {
            throw new IllegalArgumentException("ClientSession.request(): Content-Length: " + given + " for " + method
                    + " " + url + " disagrees with the " + (body == null ? "absent" : body.length + "-byte")
                    + " body; leave Content-Length out, the session writes it");
        }
        h.remove("Content-Length");
        if (body != null && contentType != null && !h.contains("Content-Type")) {
            h.add("Content-Type", contentType);
        }
        if (length >= 0) {
            h.add("Content-Length", Long.toString(length));
        }
        return new RequestHead(method, url.target(), HttpVersion.HTTP_1_1, h);
    }

    /**
     * {@code head} and {@code body} (null: none) as the bytes of one write.
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

    /** The Cookie field: {@code given} fields' pairs, {@code cookies} over them, sorted by name. asyncio: {@code ClientRequest.update_cookies} */
    static String cookieField(Iterable<String> given, Map<String, Cookie> cookies) {
        Map<String, String> all = new TreeMap<>(CookieQuoting.parseCookieFields(given, false));
        cookies.forEach((name, c) -> all.put(name, c.codedValue()));
        StringJoiner field = new StringJoiner("; ");
        all.forEach((name, coded) -> field.add(name + "=" + coded));
        return field.toString();
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
                into.remove(name);
            }
            into.add(name, with.value(i));
        }
    }
}
