package io.asyncio4j.http.testutils;

import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.web.Application;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What {@link TestUtils#makeMockedRequest(String, String, io.asyncio4j.http.Headers, MockedRequestOptions)}
 * sets beyond method, path and header fields, each left at aiohttp's default unless given: built
 * from {@link #defaults()} with the {@code with} methods, each returning a new value (immutable).
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * aiohttp: the keyword arguments of {@code make_mocked_request}
 */
public final class MockedRequestOptions {
    private static final MockedRequestOptions DEFAULTS =
            new MockedRequestOptions(Map.of(), HttpVersion.HTTP_1_1, null, new byte[0]);

    private final Map<String, String> matchInfo;
    private final HttpVersion version;
    private final Application app;
    private final byte[] payload;

    private MockedRequestOptions(Map<String, String> matchInfo, HttpVersion version, Application app, byte[] payload) {
        this.matchInfo = matchInfo;
        this.version = version;
        this.app = app;
        this.payload = payload;
    }

    /**
     * No match info, HTTP/1.1, a new empty application, no body.
     * aiohttp: {@code make_mocked_request(method, path)}'s defaults
     */
    public static MockedRequestOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The route's path variables the request carries ({@code {"id": "7"}}); a copy is taken.
     * aiohttp: {@code match_info=}
     *
     * @throws IllegalArgumentException for a null map, or one with a null name or value
     */
    public MockedRequestOptions withMatchInfo(Map<String, String> matchInfo) {
        if (matchInfo == null) {
            throw new IllegalArgumentException("MockedRequestOptions.withMatchInfo(): the map is null; give Map.of() "
                    + "for none");
        }
        Map<String, String> copy;
        try {
            copy = Map.copyOf(matchInfo);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("MockedRequestOptions.withMatchInfo(): " + matchInfo + " holds a null "
                    + "name or value; a path variable has both", e);
        }
        return new MockedRequestOptions(copy, version, app, payload);
    }

    /**
     * The protocol version (HTTP/1.0 makes {@code keepAlive()} false without a
     * {@code Connection: keep-alive} field). aiohttp: {@code version=}
     */
    public MockedRequestOptions withVersion(HttpVersion version) {
        if (version == null) {
            throw new IllegalArgumentException("MockedRequestOptions.withVersion(): the version is null; give "
                    + "HttpVersion.HTTP_1_1 or HTTP_1_0");
        }
        return new MockedRequestOptions(matchInfo, version, app, payload);
    }

    /**
     * The application the request belongs to ({@code request.app()}): its state and its body
     * size limit ({@link Application#clientMaxSize()}) apply. aiohttp: {@code app=}
     */
    public MockedRequestOptions withApp(Application app) {
        if (app == null) {
            throw new IllegalArgumentException("MockedRequestOptions.withApp(): the application is null; leave it "
                    + "out for a new empty one");
        }
        return new MockedRequestOptions(matchInfo, version, app, payload);
    }

    /**
     * The body the request's readers give ({@code read()}, {@code text()}, {@code json()},
     * {@code post()}, {@code content()}), as received (after any transfer coding); a copy is taken.
     * aiohttp: {@code payload=} (a StreamReader fed with it)
     */
    public MockedRequestOptions withPayload(byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("MockedRequestOptions.withPayload(): the payload is null; give "
                    + "new byte[0] (or leave it out) for no body");
        }
        return new MockedRequestOptions(matchInfo, version, app, payload.clone());
    }

    /** {@link #withPayload(byte[])} with {@code text} in UTF-8. aiohttp: {@code payload=} */
    public MockedRequestOptions withPayload(String text) {
        if (text == null) {
            throw new IllegalArgumentException("MockedRequestOptions.withPayload(): the text is null; give \"\" (or "
                    + "leave it out) for no body");
        }
        return new MockedRequestOptions(matchInfo, version, app, text.getBytes(StandardCharsets.UTF_8));
    }

    Map<String, String> matchInfo() {
        return matchInfo;
    }

    HttpVersion version() {
        return version;
    }

    /** The application given, or null for a new one per request. */
    Application app() {
        return app;
    }

    byte[] payload() {
        return payload;
    }

    /** {@code <MockedRequestOptions HTTP/1.1 matchInfo={id=7} payload=3 bytes>}. aiohttp: none */
    @Override
    public String toString() {
        return "<MockedRequestOptions " + version + (matchInfo.isEmpty() ? "" : " matchInfo=" + matchInfo)
                + (app == null ? "" : " app=" + app) + (payload.length == 0 ? "" : " payload=" + payload.length + " bytes")
                + ">";
    }
}
