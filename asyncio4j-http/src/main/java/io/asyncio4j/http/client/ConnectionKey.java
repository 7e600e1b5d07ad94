package io.asyncio4j.http.client;

/**
 * What makes two connections interchangeable: the same scheme (TLS or not), host and port, the
 * same proxy with the same credentials and fields (or none), so that a connection through one
 * proxy is never reused for a direct request or through another, and for TLS the same check of
 * the server ({@link TlsSetting}), so that a connection made without one is never reused for a
 * request that checks.
 * <p>
 * asyncio: aiohttp's {@code ConnectionKey} (host, port, is_ssl, proxy, proxy_auth, proxy_headers_hash)
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host, lower case
 * @param port   the port
 * @param proxy  the proxy the connection goes through, or null for a direct one
 * @param tls    how the server is checked, for https; null for plain http
 */
record ConnectionKey(String scheme, String host, int port, HttpProxy proxy, TlsSetting tls) {
    /**
     * {@code https://host:443}, {@code via http://proxy:port} (never its credentials), and
     * {@code (unverified)} or {@code (context=...)} unless the server is checked the default way.
     */
    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + (proxy == null ? "" : " via " + proxy)
                + (tls == null || tls.equals(TlsSetting.DEFAULT) ? "" : " (" + tls + ")");
    }
}
