package io.asyncio4j.http.client;

/**
 * What makes two connections interchangeable: the same scheme (TLS or not), host and port, and
 * the same proxy with the same credentials and fields (or none), so that a connection through
 * one proxy is never reused for a direct request or through another.
 * <p>
 * asyncio: aiohttp's {@code ConnectionKey} (host, port, is_ssl, proxy, proxy_auth, proxy_headers_hash)
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host, lower case
 * @param port   the port
 * @param proxy  the proxy the connection goes through, or null for a direct one
 */
record ConnectionKey(String scheme, String host, int port, HttpProxy proxy) {
    /** {@code https://host:443}, and {@code via http://proxy:port} (never its credentials). */
    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + (proxy == null ? "" : " via " + proxy);
    }
}
