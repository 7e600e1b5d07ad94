package io.asyncio4j.http.client;

import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

/**
 * A jar that keeps nothing: a session with it sends no cookies but those of each request's own
 * {@code Cookie} field and {@link RequestOptions#withCookies}.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: {@code aiohttp.DummyCookieJar}
 */
public final class DummyCookieJar implements AbstractCookieJar {

    /** A jar keeping nothing. asyncio: {@code aiohttp.DummyCookieJar()} */
    public DummyCookieJar() {
    }

    /** Ignores them. asyncio: {@code DummyCookieJar.update_cookies} */
    @Override
    public void updateCookies(Collection<Cookie> cookies, URI responseUrl) {
    }

    /** None. asyncio: {@code DummyCookieJar.filter_cookies} */
    @Override
    public Map<String, Cookie> filterCookies(URI requestUrl) {
        return Map.of();
    }

    /** Nothing to forget. asyncio: {@code DummyCookieJar.clear} */
    @Override
    public void clear() {
    }

    /** 0. asyncio: {@code len(DummyCookieJar())} */
    @Override
    public int size() {
        return 0;
    }

    /** Nothing. asyncio: {@code iter(DummyCookieJar())} */
    @Override
    public Iterator<Cookie> iterator() {
        return Collections.emptyIterator();
    }

    /** {@code <DummyCookieJar>}. asyncio: none */
    @Override
    public String toString() {
        return "<DummyCookieJar>";
    }
}
