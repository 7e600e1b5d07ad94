package io.asyncio4j.http.client;

import java.net.URI;
import java.util.Collection;
import java.util.Map;

/**
 * Where a {@link ClientSession} keeps cookies: it hands every response's cookies to
 * {@link #updateCookies(Collection, URI)} (redirects' too) and asks
 * {@link #filterCookies(URI)} which to send with each request. {@link CookieJar} keeps them as
 * RFC 6265 says; {@link DummyCookieJar} keeps none.
 * <p>
 * Threading: the tasks of the session's loop.
 * <p>
 * asyncio: {@code aiohttp.abc.AbstractCookieJar}
 */
public interface AbstractCookieJar extends Iterable<Cookie> {

    /**
     * Keeps {@code cookies}, set by a response from {@code responseUrl}; a null URL makes them
     * shared cookies, sent to every host. asyncio: {@code jar.update_cookies(cookies, response_url)}
     */
    void updateCookies(Collection<Cookie> cookies, URI responseUrl);

    /**
     * Keeps cookies {@code name=value} as if {@code responseUrl} had set them (null: shared, sent
     * to every host). asyncio: {@code jar.update_cookies({name: value}, response_url)}
     *
     * @throws IllegalArgumentException as {@link Cookie#of}
     */
    default void updateCookies(Map<String, String> cookies, URI responseUrl) {
        java.util.List<Cookie> list = new java.util.ArrayList<>(cookies.size());
        cookies.forEach((n, v) -> list.add(Cookie.of(n, v)));
        updateCookies(list, responseUrl);
    }

    /**
     * The cookies to send to {@code requestUrl}, one per name, sorted by name.
     * asyncio: {@code jar.filter_cookies(request_url)}
     */
    Map<String, Cookie> filterCookies(URI requestUrl);

    /** {@link #filterCookies(URI)} of a URL string. asyncio: {@code jar.filter_cookies(url)} */
    default Map<String, Cookie> filterCookies(String requestUrl) {
        return filterCookies(URI.create(requestUrl));
    }

    /** Forgets every cookie. asyncio: {@code jar.clear()} */
    void clear();

    /** How many cookies it keeps (expired ones dropped first). asyncio: {@code len(jar)} */
    int size();
}
