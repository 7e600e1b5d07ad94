package io.asyncio4j.http.testutils;

import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Handler;

import javax.net.ssl.SSLContext;

/**
 * Serves one {@link Handler} for every request — any method, any path, no routing, so the
 * request's {@code matchInfo()} is empty — for a test; see {@link BaseTestServer} for its life
 * cycle. An {@code HttpException} the handler throws answers with its status, anything else 500,
 * as in an application.
 * <p>
 * Threading: as {@link BaseTestServer}.
 * <p>
 * aiohttp: {@code aiohttp.test_utils.RawTestServer} (a low-level {@code web.Server(handler)});
 * here an application with no routes whose one middleware answers with the handler
 */
public final class RawTestServer extends BaseTestServer {
    private final Handler handler;
    private final Application app;

    /** A server answering every request with {@code handler}, on 127.0.0.1 and a port the system picks. aiohttp: {@code RawTestServer(handler)} */
    public RawTestServer(Handler handler) {
        this(handler, DEFAULT_HOST, 0, null);
    }

    /**
     * A server answering every request with {@code handler}, on {@code host}:{@code port} (0: one
     * the system picks), over TLS with {@code ssl} (null: plain http).
     * aiohttp: {@code RawTestServer(handler, host=, port=)}
     *
     * @throws IllegalArgumentException for a null handler, an empty host or a port out of range
     */
    public RawTestServer(Handler handler, String host, int port, SSLContext ssl) {
        super(host, port, ssl);
        if (handler == null) {
            throw new IllegalArgumentException("RawTestServer(): the handler is null; give the Handler that answers "
                    + "every request");
        }
        this.handler = handler;
        // the router finds no route (a 404 it would throw once the middlewares ran), and the one
        // middleware never asks it: every request reaches the handler
        this.app = new Application((request, next) -> handler.handle(request));
    }

    /** A started server answering with {@code handler}. May suspend. aiohttp: {@code await aiohttp_raw_server(handler)} */
    public static RawTestServer start(Handler handler) throws Exception {
        RawTestServer s = new RawTestServer(handler);
        s.startServer();
        return s;
    }

    /** The handler every request goes to. aiohttp: {@code server._handler} */
    public Handler handler() {
        return handler;
    }

    @Override
    Application application() {
        return app;
    }
}
