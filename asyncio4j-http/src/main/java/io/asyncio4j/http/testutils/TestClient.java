package io.asyncio4j.http.testutils;

import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientSessionOptions;
import io.asyncio4j.http.client.ClientWebSocketResponse;
import io.asyncio4j.http.client.CookieJar;
import io.asyncio4j.http.client.RequestOptions;
import io.asyncio4j.http.web.Application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ClientSession} bound to a test server: its request methods take a path on the server
 * ({@link BaseTestServer#makeUrl}), and {@link #close()} closes what it handed out, the session
 * and the server. Its session keeps every cookie, those of IP-address hosts too (aiohttp's
 * {@code CookieJar(unsafe=True)}: the server is 127.0.0.1), unless the options given a jar.
 * <pre>{@code
 * try (TestClient client = TestClient.start(app)) {
 *     assertEquals("hello", client.get("/").text());
 * }
 * }</pre>
 * States ({@link State}): {@code OPEN ──close──▶ CLOSED} (final); requests after it fail in the session.
 * <p>
 * Threading: a task of the loop that serves, for every method; the request methods may suspend.
 * <p>
 * aiohttp: {@code aiohttp.test_utils.TestClient}
 */
public final class TestClient implements AutoCloseable {
    /** Test client states; see the class comment. aiohttp: none (its {@code _closed} flag) */
    public enum State {
        /** Sending requests. */
        OPEN,
        /** Closed, with what it opened; final. */
        CLOSED
    }

    private final BaseTestServer server;
    private final ClientSession session;
    // guarded by: the loop thread (the test's tasks)
    private final List<ClientResponse> responses = new ArrayList<>();
    private final List<ClientWebSocketResponse> websockets = new ArrayList<>();
    private State state = State.OPEN;

    /** A client of {@code server} (started or not) with a session of default options. aiohttp: {@code TestClient(server)} */
    public TestClient(BaseTestServer server) {
        this(server, ClientSessionOptions.defaults());
    }

    /**
     * A client of {@code server} whose session has {@code options} (a cookie jar keeping every
     * cookie unless they name one). aiohttp: {@code TestClient(server, cookie_jar=, **session_kwargs)}
     *
     * @throws IllegalArgumentException for a null server or options
     */
    public TestClient(BaseTestServer server, ClientSessionOptions options) {
        if (server == null) {
            throw new IllegalArgumentException("TestClient(): the server is null; give a TestServer or RawTestServer "
                    + "(or use TestClient.start(app))");
        }
        if (options == null) {
            throw new IllegalArgumentException("TestClient(): the session options are null; give "
                    + "ClientSessionOptions.defaults()");
        }
        this.server = server;
        this.session = new ClientSession(options.cookieJar() != null ? options
                : options.withCookieJar(new CookieJar(true)));
    }

    /**
     * A client of a new {@link TestServer} for {@code app}, started, as aiohttp's pytest fixture
     * gives one. May suspend. aiohttp: {@code await aiohttp_client(app)}
     */
    public static TestClient start(Application app) throws Exception {
        return start(new TestServer(app));
    }

    /** A client of {@code server}, started. May suspend. aiohttp: {@code await aiohttp_client(server)} */
    public static TestClient start(BaseTestServer server) throws Exception {
        TestClient c = new TestClient(server);
        c.startServer();
        return c;
    }

    /** Starts the server (once). May suspend. aiohttp: {@code await client.start_server()} */
    public void startServer() throws Exception {
        server.startServer();
    }

    /** The server's host. aiohttp: {@code client.host} */
    public String host() {
        return server.host();
    }

    /** The server's port. aiohttp: {@code client.port} */
    public int port() {
        return server.port();
    }

    /** The server. aiohttp: {@code client.server} */
    public BaseTestServer server() {
        return server;
    }

    /** The application served, or null for a {@link RawTestServer}. aiohttp: {@code client.app} */
    public Application app() {
        return server instanceof TestServer t ? t.app() : null;
    }

    /**
     * The session: its own methods take absolute URLs (use it for another host), and what they
     * return is not closed by {@link #close()}. aiohttp: {@code client.session}
     */
    public ClientSession session() {
        return session;
    }

    /** The URL of {@code path} on the server; see {@link BaseTestServer#makeUrl}. aiohttp: {@code client.make_url(path)} */
    public String makeUrl(String path) {
        return server.makeUrl(path);
    }

    /**
     * {@code method} on {@code path} with {@code options}; the response is closed by
     * {@link #close()} if not before. May suspend. aiohttp: {@code await client.request(method, path, **kwargs)}
     *
     * @throws IllegalArgumentException for an absolute URL (see {@link BaseTestServer#makeUrl})
     * @throws IllegalStateException if the server is not serving
     * @throws IOException as {@link ClientSession#request(String, String, RequestOptions)}
     */
    public ClientResponse request(String method, String path, RequestOptions options) throws IOException {
        ClientResponse r = session.request(method, makeUrl(path), options);
        responses.add(r);
        return r;
    }

    /** {@code method} on {@code path}. May suspend. aiohttp: {@code await client.request(method, path)} */
    public ClientResponse request(String method, String path) throws IOException {
        return request(method, path, RequestOptions.defaults());
    }

    /** GET {@code path}. May suspend. aiohttp: {@code await client.get(path)} */
    public ClientResponse get(String path) throws IOException {
        return request("GET", path);
    }

    /** GET {@code path} with {@code options}. May suspend. aiohttp: {@code await client.get(path, **kwargs)} */
    public ClientResponse get(String path, RequestOptions options) throws IOException {
        return request("GET", path, options);
    }

    /** POST {@code text} (UTF-8, {@code text/plain}). May suspend. aiohttp: {@code await client.post(path, data="...")} */
    public ClientResponse post(String path, String text) throws IOException {
        return request("POST", path, RequestOptions.defaults().withBody(text));
    }

    /** POST {@code body} ({@code application/octet-stream}). May suspend. aiohttp: {@code await client.post(path, data=b"...")} */
    public ClientResponse post(String path, byte[] body) throws IOException {
        return request("POST", path, RequestOptions.defaults().withBody(body));
    }

    /** POST with {@code options}. May suspend. aiohttp: {@code await client.post(path, **kwargs)} */
    public ClientResponse post(String path, RequestOptions options) throws IOException {
        return request("POST", path, options);
    }

    /** PUT {@code text} (UTF-8, {@code text/plain}). May suspend. aiohttp: {@code await client.put(path, data="...")} */
    public ClientResponse put(String path, String text) throws IOException {
        return request("PUT", path, RequestOptions.defaults().withBody(text));
    }

    /** PUT with {@code options}. May suspend. aiohttp: {@code await client.put(path, **kwargs)} */
    public ClientResponse put(String path, RequestOptions options) throws IOException {
        return request("PUT", path, options);
    }

    /** PATCH with {@code options}. May suspend. aiohttp: {@code await client.patch(path, **kwargs)} */
    public ClientResponse patch(String path, RequestOptions options) throws IOException {
        return request("PATCH", path, options);
    }

    /** DELETE {@code path}. May suspend. aiohttp: {@code await client.delete(path)} */
    public ClientResponse delete(String path) throws IOException {
        return request("DELETE", path);
    }

    /** OPTIONS {@code path}. May suspend. aiohttp: {@code await client.options(path)} */
    public ClientResponse options(String path) throws IOException {
        return request("OPTIONS", path);
    }

    /**
     * HEAD {@code path}, not following redirects (as {@link ClientSession#head}). May suspend.
     * aiohttp: {@code await client.head(path)}
     */
    public ClientResponse head(String path) throws IOException {
        return request("HEAD", path, RequestOptions.defaults().withAllowRedirects(false));
    }

    /**
     * Opens a WebSocket to {@code path} on the server; {@link #close()} closes it if not before.
     * May suspend. aiohttp: {@code await client.ws_connect(path)}
     *
     * @throws io.asyncio4j.http.client.WsServerHandshakeException if the server does not accept the handshake
     */
    public ClientWebSocketResponse wsConnect(String path) throws IOException {
        return wsConnect(path, WebSocketOptions.defaults(), RequestOptions.defaults());
    }

    /** {@link #wsConnect(String)} with {@code options}. May suspend. aiohttp: {@code client.ws_connect(path, **options)} */
    public ClientWebSocketResponse wsConnect(String path, WebSocketOptions options) throws IOException {
        return wsConnect(path, options, RequestOptions.defaults());
    }

    /**
     * {@link #wsConnect(String)} with {@code options}, the handshake carrying what {@code request}
     * gives (see {@link ClientSession#wsConnect(String, WebSocketOptions, RequestOptions)}). May suspend.
     * aiohttp: {@code client.ws_connect(path, headers=, ...)}
     */
    public ClientWebSocketResponse wsConnect(String path, WebSocketOptions options, RequestOptions request)
            throws IOException {
        ClientWebSocketResponse ws = session.wsConnect(makeUrl(path), options, request);
        websockets.add(ws);
        return ws;
    }

    /** The state; see the class comment. aiohttp: none (its {@code _closed} flag) */
    public State state() {
        return state;
    }

    /**
     * Closes, in aiohttp's order, the responses it handed out, its WebSockets (a close handshake
     * each), the session, then the server (gracefully); idempotent. May suspend.
     * aiohttp: {@code await client.close()}
     */
    @Override
    public void close() throws Exception {
        if (state == State.CLOSED) {
            return;
        }
        for (ClientResponse r : responses) {
            r.close();
        }
        for (ClientWebSocketResponse ws : websockets) {
            ws.close();
        }
        session.close();
        server.close();
        state = State.CLOSED; // last, as aiohttp: a close that failed part-way may be called again
    }

    /** {@code <TestClient OPEN <TestServer STARTED http://127.0.0.1:40123>>}. aiohttp: none */
    @Override
    public String toString() {
        return "<TestClient " + state + " " + server + ">";
    }
}
