package io.asyncio4j.http.client;

/**
 * What makes two connections interchangeable: the same scheme (TLS or not), host and port.
 * <p>
 * asyncio: aiohttp's {@code ConnectionKey}
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host, lower case
 * @param port   the port
 */
record ConnectionKey(String scheme, String host, int port) {
    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
