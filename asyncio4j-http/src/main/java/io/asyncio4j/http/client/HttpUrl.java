package io.asyncio4j.http.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * An absolute http or https URL, checked once, with what a request needs of it: where to
 * connect, the {@code Host} field, the request target ({@code /path?query}, percent-encoded
 * ASCII). The path is never empty ({@code http://h} is {@code http://h/}), which also keeps
 * {@link URI#resolve} from gluing a relative reference onto the host name.
 * <p>
 * Immutable; any thread.
 * <p>
 * asyncio: the part of {@code yarl.URL} aiohttp's {@code ClientRequest} uses
 */
record HttpUrl(URI uri, String scheme, String host, int port, String target) {

    /**
     * Parses {@code url}.
     * @throws InvalidUrlException naming what is wrong
     */
    static HttpUrl parse(String url) {
        if (url == null) {
            throw new InvalidUrlException(null, "the URL is null");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            try {
                uri = new URI(quote(url)); // as yarl takes "/a b?q=ü" and sends "/a%20b?q=%C3%BC"
            } catch (URISyntaxException still) {
                throw new InvalidUrlException(url, e.getReason() + " at index " + e.getIndex()
                        + "; percent-encode the characters a URL may not hold", e);
            }
        }
        return of(uri, url);
    }

    /**
     * {@code url} with the characters its path, query and fragment may not hold percent-encoded
     * as UTF-8 (spaces, controls, non-ASCII, {@code "<>\^`{|}}); a space in the query becomes
     * {@code +}, as yarl quotes a query. What is already encoded stays as it is.
     */
    private static String quote(String url) {
        // the scheme and authority stay as given: a space in a host name is an error, not a %20
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        while (start < url.length() && "/?#".indexOf(url.charAt(start)) < 0) {
            start++;
        }
        StringBuilder sb = new StringBuilder(url.length() + 16).append(url, 0, start);
        boolean inQuery = false;
        boolean inFragment = false;
        for (int i = start; i < url.length(); ) {
            int cp = url.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '#') {
                inFragment = true;
                inQuery = false;
            } else if (cp == '?' && !inFragment) {
                inQuery = true;
            }
            if (cp == ' ' && inQuery) {
                sb.append('+');
            } else if (cp <= 0x20 || cp >= 0x7F || "\"<>\\^`{|}".indexOf(cp) >= 0) {
                for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 15, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
                }
            } else {
                sb.append((char) cp);
            }
        }
        return sb.toString();
    }

    /**
     * The URL a redirect's {@code Location} names, relative ones resolved against this one.
     * A Location that is not quite a URL (spaces, raw UTF-8 bytes) is percent-encoded first, as
     * aiohttp (yarl) requotes it.
     * @throws InvalidUrlException for one that still cannot be fetched
     */
    HttpUrl resolve(String location) {
        String quoted = requote(location);
        URI ref;
        try {
            ref = new URI(quoted);
        } catch (URISyntaxException e) {
            throw new InvalidUrlException(location, "the redirect's Location is not a URL: " + e.getReason(), e);
        }
        URI next;
        if (quoted.isEmpty()) {
            next = uri;
        } else if (quoted.startsWith("?")) {
            // RFC 3986 keeps the whole base path for a query-only reference; URI.resolve (RFC 2396) would not
            next = URI.create(origin() + uri.getRawPath() + quoted);
        } else {
            next = uri.resolve(ref);
        }
        return of(next, location);
    }

    private static HttpUrl of(URI uri, String given) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new InvalidUrlException(given, "it has no scheme; give an absolute URL starting with http:// or https://");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidUrlException(given, "the scheme \"" + uri.getScheme()
                    + "\" is not supported; only http and https are");
        }
        if (uri.isOpaque()) {
            throw new InvalidUrlException(given, "it has no host; write " + scheme + "://host/path");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            String authority = uri.getRawAuthority();
            throw new InvalidUrlException(given, authority == null || authority.isEmpty() ? "it has no host"
                    : "\"" + authority + "\" is not a valid host[:port]");
        }
        int port = uri.getPort();
        if (port == -1) {
            port = defaultPort(scheme);
        } else if (port < 1 || port > 65535) {
            throw new InvalidUrlException(given, "the port " + port + " is out of range (1 to 65535)");
        }
        // toASCIIString percent-encodes the non-ASCII characters URI accepts but a request line may not hold
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String query = ascii.getRawQuery();
        String target = query == null ? path : path + "?" + query;
        String fragment = ascii.getRawFragment();
        URI normal = URI.create(scheme + "://" + ascii.getRawAuthority() + target
                + (fragment == null ? "" : "#" + fragment));
        return new HttpUrl(normal, scheme, host.toLowerCase(Locale.ROOT), port, target);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** Whether the connection is TLS. */
    boolean isTls() {
        return scheme.equals("https");
    }

    /** The name or address to connect to: an IPv6 literal without its brackets. */
    String connectHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The {@code Host} field: the host, and the port when it is not the scheme's default. */
    String hostField() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    /** {@code scheme://host[:port]}: what a connection is pooled by, and what credentials stay within. */
    String origin() {
        return scheme + "://" + hostField();
    }

    /**
     * The pool key of this URL's connections through {@code proxy} (null: direct ones), made as
     * {@code tls} says if the URL is https.
     */
    ConnectionKey key(HttpProxy proxy, TlsSetting tls) {
        return new ConnectionKey(scheme, host, port, proxy, isTls() ? tls : null);
    }

    /**
     * The request target a proxy is asked for this URL with: the absolute form
     * ({@code http://host[:port]/path?query}, no credentials, no fragment). RFC 9112 section 3.2.2.
     */
    String absoluteTarget() {
        return scheme + "://" + hostField() + target;
    }

    /** The {@code Authorization} field for credentials in the URL ({@code user:pass@}), or null. */
    String basicAuthorization() {
        return basicAuthorization(uri.getUserInfo());
    }

    /**
     * The Basic credentials field for a URL's user info ({@code user:pass}, decoded), or null
     * without one: this URL's, or a proxy URL's ({@code HttpProxy}).
     */
    static String basicAuthorization(String userInfo) {
        if (userInfo == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static String requote(String location) {
        String s = location.trim();
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // a header's bytes arrive as ISO-8859-1 chars: each one above 0x7F is one byte of UTF-8
            boolean bad = c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0;
            if (bad && c <= 0xFF) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
