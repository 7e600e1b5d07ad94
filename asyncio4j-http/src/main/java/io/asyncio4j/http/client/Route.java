package io.asyncio4j.http.client;

/**
 * Where one exchange's connection goes: to the URL's server directly, or through an HTTP proxy —
 * forwarding (a plain http URL asked of the proxy in absolute form) or tunnelling (a
 * {@code CONNECT} to the server, TLS over it for https; a WebSocket's too, as RFC 6455 section
 * 4.1 asks).
 * <p>
 * Immutable; any thread.
 * <p>
 * asyncio: the proxy part of aiohttp's {@code ClientRequest} ({@code proxy}, {@code is_ssl()})
 *
 * @param url    the URL fetched
 * @param proxy  the proxy, or null for a direct connection
 * @param tunnel whether the proxy is asked for a CONNECT tunnel (https, or a WebSocket); false
 *               without a proxy
 * @param tls    how the server is checked if the URL is https (the request's choice, else the
 *               session's)
 */
record Route(HttpUrl url, HttpProxy proxy, boolean tunnel, TlsSetting tls) {
    /** A direct route to {@code url}. */
    static Route direct(HttpUrl url, TlsSetting tls) {
        return new Route(url, null, false, tls);
    }

    /** {@code url} through {@code proxy} (null: direct): tunnelled for https and for a WebSocket. */
    static Route via(HttpUrl url, HttpProxy proxy, boolean webSocket, TlsSetting tls) {
        return proxy == null ? direct(url, tls) : new Route(url, proxy, url.isTls() || webSocket, tls);
    }

    /** The proxy a request is asked of in absolute form, or null (direct, or inside a tunnel). */
    HttpProxy forwardingProxy() {
        return tunnel ? null : proxy;
    }

    /**
     * The pool key of its connections. A WebSocket's tunnel to a plain http server shares the key
     * of connections that forward through the same proxy: neither kind is ever pooled (see
     * {@link ClientSession}: a plain request through a proxy is not kept alive), so neither can be
     * handed to a request that expects the other.
     */
    ConnectionKey key() {
        return url.key(proxy, tls);
    }
}
