package io.asyncio4j.http.testutils;

import io.asyncio4j.http.web.Application;

import javax.net.ssl.SSLContext;

/**
 * Serves an {@link Application} for a test, on 127.0.0.1 and a port the system picks unless
 * given others; see {@link BaseTestServer} for its life cycle:
 * <pre>{@code
 * try (TestServer server = new TestServer(app)) {
 *     server.startServer();
 *     session.get(server.makeUrl("/users/1"));
 * }
 * }</pre>
 * Threading: as {@link BaseTestServer}.
 * <p>
 * aiohttp: {@code aiohttp.test_utils.TestServer}
 */
public final class TestServer extends BaseTestServer {
    private final Application app;

    /** A server for {@code app} on 127.0.0.1 and a port the system picks. aiohttp: {@code TestServer(app)} */
    public TestServer(Application app) {
        this(app, DEFAULT_HOST, 0, null);
    }

    /**
     * A server for {@code app} on {@code host}:{@code port} (0: one the system picks), over TLS
     * with {@code ssl} (null: plain http). aiohttp: {@code TestServer(app, host=, port=)} and
     * {@code start_server(ssl=)}
     *
     * @throws IllegalArgumentException for a null application, an empty host or a port out of range
     */
    public TestServer(Application app, String host, int port, SSLContext ssl) {
        super(host, port, ssl);
        if (app == null) {
            throw new IllegalArgumentException("TestServer(): the application is null; give the Application to "
                    + "serve (or a handler to a RawTestServer)");
        }
        this.app = app;
    }

    /**
     * A started server for {@code app}, as aiohttp's pytest fixture gives one. May suspend.
     * aiohttp: {@code await aiohttp_server(app)}
     */
    public static TestServer start(Application app) throws Exception {
        TestServer s = new TestServer(app);
        s.startServer();
        return s;
    }

    /** The application served. aiohttp: {@code server.app} */
    public Application app() {
        return app;
    }

    @Override
    Application application() {
        return app;
    }
}
