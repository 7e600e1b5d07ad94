package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.net.URI;
import java.util.List;

/**
 * The proxy refused to open a tunnel: it answered the {@code CONNECT} for an https URL with a
 * status outside 2xx (407 when it wants credentials, 403 when it forbids the destination, 502
 * when it could not reach it). {@link #status()}, {@link #reason()} and {@link #headers()} are
 * the proxy's answer; {@link #url()} is the URL the request was for. The request was not sent.
 * <p>
 * asyncio: {@code aiohttp.ClientHttpProxyError} (a {@code ClientResponseError})
 */
public class ClientHttpProxyException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * The proxy {@code proxy} answered {@code CONNECT} for {@code url} with {@code status reason}.
     * asyncio: {@code ClientHttpProxyError(request_info, history, status=, message=, headers=)}
     */
    public ClientHttpProxyException(String proxy, URI url, int status, String reason, Headers headers) {
        super("The proxy " + proxy + " answered " + status + (reason.isEmpty() ? "" : " " + reason)
                        + " to CONNECT " + url.getHost() + ":" + port(url) + " (the tunnel for " + url + "); "
                        + advice(status),
                "CONNECT", url, status, reason, headers, List.of());
    }

    private static int port(URI url) {
        return url.getPort() == -1 ? 443 : url.getPort();
    }

    private static String advice(int status) {
        if (status == 407) {
            return "give its credentials with RequestOptions.withProxyAuth (or in the proxy's URL)";
        }
        return "the proxy does not let this client reach that host and port";
    }
}
