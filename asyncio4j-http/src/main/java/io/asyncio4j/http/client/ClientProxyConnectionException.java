package io.asyncio4j.http.client;

import java.io.IOException;

/**
 * No connection could be made to the proxy a request was to go through (the name did not resolve,
 * the port refused). {@link #host()} and {@link #port()} are the proxy's; the request was not sent.
 * <p>
 * asyncio: {@code aiohttp.ClientProxyConnectionError}
 */
public class ClientProxyConnectionException extends ClientConnectorException {
    private static final long serialVersionUID = 1L;

    /** Connecting to the proxy at {@code host:port} failed with {@code cause}. asyncio: {@code ClientProxyConnectionError(key, os_error)} */
    public ClientProxyConnectionException(String host, int port, IOException cause) {
        super(host, port, false, cause, "this is the proxy (RequestOptions.withProxy): check its URL, and that it "
                + "is running and reachable");
    }
}
