package io.asyncio4j.http.testutils;

import io.asyncio4j.EventLoop;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.internal.BodyReader;
import io.asyncio4j.http.internal.WebAccess;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.streams.StreamReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free functions of aiohttp's test utilities: a free port, and a request made without a socket
 * for calling a handler directly.
 * <p>
 * aiohttp: the functions of {@code aiohttp.test_utils}
 */
public final class TestUtils {
    private TestUtils() {
    }

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago: bound, read and released (another
     * process may take it before the caller does; a server that can bind port 0 should).
     * Blocks for the bind, a few microseconds. aiohttp: {@code unused_port()}
     *
     * @throws UncheckedIOException if no port can be bound
     */
    public static int unusedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("TestUtils.unusedPort(): cannot bind a port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** {@link #makeMockedRequest(String, String, Headers, MockedRequestOptions)} with no fields and the defaults. aiohttp: {@code make_mocked_request(method, path)} */
    public static Request makeMockedRequest(String method, String path) {
        return makeMockedRequest(method, path, new Headers(), MockedRequestOptions.defaults());
    }

    /** {@link #makeMockedRequest(String, String, Headers, MockedRequestOptions)} with the defaults. aiohttp: {@code make_mocked_request(method, path, headers)} */
    public static Request makeMockedRequest(String method, String path, Headers headers) {
        return makeMockedRequest(method, path, headers, MockedRequestOptions.defaults());
    }

    /**
     * A request as a server would give a handler, made without a connection: {@code method}
     * {@code path} (a request target, {@code /a%20b?x=1}) with a copy of {@code headers} and what
     * {@code options} set — HTTP/1.1, no match info, a new empty {@link Application} and no body
     * unless given, as aiohttp's defaults. Its body, if given, is read from memory and never
     * waits, so the request may be read from any task (or, all of it being there, from outside a
     * loop). With no {@code Host} field its {@code host()} is {@code localhost}, and its
     * {@code remote()} is null.
     * <p>
     * Only what needs no connection works: a handler returning a {@code Response} can be called
     * with it, but preparing a {@code StreamResponse} or a {@code WebSocketResponse} for it throws
     * {@link IllegalStateException} (aiohttp's mock writer swallows what they write); use a
     * {@link TestClient} for those. Its body is {@code LENGTH}-framed, so {@code contentLength()}
     * is the payload's length whatever the fields say (aiohttp reports the field).
     * aiohttp: {@code make_mocked_request(method, path, headers, match_info=, version=, app=, payload=)}
     *
     * @throws IllegalArgumentException for a method that is not a token, a path that is not a
     *         request target (a space, a control or non-ASCII character, a malformed escape), or
     *         null headers or options
     */
    public static Request makeMockedRequest(String method, String path, Headers headers, MockedRequestOptions options) {
        if (method == null || method.isEmpty() || !method.chars().allMatch(Headers::isTokenChar)) {
            throw new IllegalArgumentException("TestUtils.makeMockedRequest(): the method " + quote(method)
                    + " is not an HTTP token; give one like GET");
        }
        if (path == null || !(path.startsWith("/") || path.startsWith("http://") || path.startsWith("https://"))
                || !path.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("TestUtils.makeMockedRequest(): the path " + quote(path) + " is not a "
                    + "request target; give one starting with / (or http:// for a proxy's), percent-encoded as a "
                    + "client sends it (/a%20b?x=1)");
        }
        if (headers == null || options == null) {
            throw new IllegalArgumentException("TestUtils.makeMockedRequest(): the " + (headers == null
                    ? "headers are null; give new Headers()" : "options are null; give MockedRequestOptions.defaults()"));
        }
        byte[] payload = options.payload();
        BodyFraming framing = payload.length == 0 ? BodyFraming.NONE
                : new BodyFraming(BodyFraming.Kind.LENGTH, payload.length);
        // fed whole and ended before anyone reads: a read never waits, so the reader never asks its
        // loop for a future (hence no loop is needed outside one)
        StreamReader in = new StreamReader(runningLoopOrNull(), StreamReader.DEFAULT_LIMIT);
        in.feedData(payload);
        in.feedEof();
        Application app = options.app() != null ? options.app() : new Application();
        RequestHead head = new RequestHead(method, path, options.version(), new Headers(headers));
        return WebAccess.requests().detached(app, head, new BodyReader(in, framing), framing, options.matchInfo());
    }

    private static EventLoop runningLoopOrNull() {
        try {
            return EventLoop.getRunningLoop();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
