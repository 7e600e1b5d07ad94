package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The HTTP proxy a request goes through, and what the client tells it: the
 * {@code Proxy-Authorization} field (from the request's proxy credentials, else those in the
 * proxy's URL) and the extra proxy header fields. A plain {@code http} URL is asked of the proxy
 * in absolute form, these fields in the request; an {@code https} URL goes through a
 * {@code CONNECT} tunnel, these fields in the CONNECT only.
 * <p>
 * Equality is a pooled connection's: the same proxy with the same credentials and fields (aiohttp
 * keys its pool by {@code proxy}, {@code proxy_auth} and the proxy headers' hash), so a connection
 * made through one proxy, or for other credentials, is never handed to a request that asked for
 * another. {@link #toString()} never shows the credentials.
 * <p>
 * Immutable (the fields are a private copy, never handed out); any thread.
 * <p>
 * asyncio: aiohttp's {@code proxy=}, {@code proxy_auth=}, {@code proxy_headers=} and the proxy
 * part of its {@code ConnectionKey}
 *
 * @param host          the proxy's host (an IPv6 literal in brackets), lower case
 * @param port          the proxy's port (80 unless the URL gives one)
 * @param authorization the {@code Proxy-Authorization} value, or null for none
 * @param fields        the extra fields for the proxy (empty for none)
 */
record HttpProxy(String host, int port, String authorization, Headers fields) {
    HttpProxy {
        fields = fields == null ? new Headers() : new Headers(fields);
    }

    /**
     * The proxy of {@code url} ({@code http://[login:password@]host[:port]}), with {@code auth}
     * (over the URL's credentials) and {@code fields}.
     *
     * @throws InvalidUrlException for a URL that is not one, or not of an http proxy
     */
    static HttpProxy of(String url, BasicAuth auth, Headers fields) {
        URI uri = parse(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String authorization = auth != null ? auth.encode() : HttpUrl.basicAuthorization(uri.getUserInfo());
        return new HttpProxy(host, port, authorization, fields);
    }

    /** Checks {@code url} as a proxy's; returns it parsed. */
    static URI parse(String url) {
        if (url == null) {
            throw new InvalidUrlException(null, "the proxy URL is null; give http://host:port");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidUrlException(url, "not a proxy URL: " + e.getReason() + "; give http://host:port", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new InvalidUrlException(url, "the proxy scheme \"" + uri.getScheme() + "\" is not supported: "
                    + "only HTTP proxies are (http://host:port; an https URL goes through them in a CONNECT "
                    + "tunnel), as in aiohttp 3.8; SOCKS and https:// proxies are not");
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidUrlException(url, "the proxy URL has no host; give http://host:port");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new InvalidUrlException(url, "the proxy's port " + uri.getPort() + " is out of range (1 to 65535)");
        }
        return uri;
    }

    /** The name or address to connect to: an IPv6 literal without its brackets. */
    String connectHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The extra fields (a copy). */
    @Override
    public Headers fields() {
        return new Headers(fields);
    }

    /** {@code http://host:port}: no credentials, no fields. */
    @Override
    public String toString() {
        return "http://" + host + ":" + port;
    }
}
