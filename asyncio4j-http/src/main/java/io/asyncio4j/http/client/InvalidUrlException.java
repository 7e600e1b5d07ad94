package io.asyncio4j.http.client;

/**
 * A URL the client cannot fetch: not parseable, not absolute, a scheme other than {@code http}
 * and {@code https}, no host, a port out of range. Also raised for a redirect's
 * {@code Location} that is one of these. An argument error, so unchecked.
 * <p>
 * asyncio: {@code aiohttp.InvalidURL} (a {@code ValueError})
 */
public class InvalidUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String url;

    /** {@code url} cannot be fetched because of {@code problem}. asyncio: {@code InvalidURL(url)} */
    public InvalidUrlException(String url, String problem) {
        this(url, problem, null);
    }

    /**
     * {@code url} cannot be fetched because of {@code problem}, found by {@code cause}.
     * asyncio: {@code raise InvalidURL(url) from cause}
     */
    public InvalidUrlException(String url, String problem, Throwable cause) {
        super("Invalid URL " + (url == null ? "null" : "\"" + url + "\"") + ": " + problem, cause);
        this.url = url;
    }

    /** The URL as given. asyncio: {@code InvalidURL.url} */
    public String url() {
        return url;
    }
}
