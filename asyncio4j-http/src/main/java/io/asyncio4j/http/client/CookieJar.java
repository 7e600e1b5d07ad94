package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;
import io.asyncio4j.http.internal.CookieDate;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Keeps the cookies servers set and gives back those a request should carry, as RFC 6265 says
 * (and aiohttp does):
 * <ul>
 *   <li><b>Domain.</b> A cookie without {@code Domain} is host-only: sent back to the host that
 *       set it and no other. With {@code Domain=example.com} (a leading dot ignored) it goes to
 *       that host and its subdomains, and only a host within that domain may set it; a domain
 *       ending in a dot counts as none. A cookie stays per (domain, path, name): setting it again
 *       replaces it.</li>
 *   <li><b>Path.</b> Without {@code Path} (or one not starting with {@code /}) a cookie's path is
 *       the directory of the URL that set it ({@code /a/b} gives {@code /a}); it is sent to that
 *       path and below ({@code /a}, {@code /a/}, {@code /a/x}, not {@code /ab}).</li>
 *   <li><b>Secure</b> cookies go over https and wss only.</li>
 *   <li><b>Expiry.</b> {@code Max-Age} (seconds; 0 or less: at once) wins over {@code Expires}; a
 *       cookie without either lasts as long as the jar. Setting an expired cookie deletes the one
 *       it replaces.</li>
 *   <li><b>IP addresses.</b> By default the jar ignores cookies from hosts named by an IP address
 *       ({@code http://127.0.0.1/}) and sends none there but shared ones, as aiohttp's default
 *       jar; {@code new CookieJar(true)} (aiohttp's {@code unsafe=True}) accepts and sends them.</li>
 *   <li><b>Shared cookies</b>, given without a URL ({@code updateCookies(map, null)},
 *       {@link ClientSessionOptions#withCookies}), go to every host and path.</li>
 * </ul>
 * <b>Clock.</b> Expiry is measured on the clock of the event loop running the jar's caller (the
 * session's loop; {@code System.nanoTime} when no loop runs): a Max-Age counts from when the
 * response arrived, and an {@code Expires} date is turned, on arrival, into the seconds left
 * until it by the wall clock. So a cookie lasts its time even if the wall clock is set back or
 * forward meanwhile, and a test on the testing kit's virtual clock sees cookies expire as virtual
 * time passes. (aiohttp compares with the wall clock each time.) A jar's deadlines are on one
 * loop's clock: use it from one loop, as its session.
 * <p>
 * Deliberate differences from aiohttp: one cookie per name goes out, the one with the longest
 * path (aiohttp: whichever it stored last); an unreadable {@code Max-Age} lets {@code Expires}
 * apply (RFC 6265; aiohttp then ignores both); the domain is compared in lower case. As in
 * aiohttp there is no public-suffix list: {@code a.example.com} may set a cookie for {@code com}.
 * <p>
 * Threading: the tasks of one event loop (the session's); not locked.
 * <p>
 * asyncio: {@code aiohttp.CookieJar}
 */
public final class CookieJar implements AbstractCookieJar {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** A stored cookie: its key, whether host-only, and when it expires on the jar's clock. */
    private record Entry(Cookie cookie, boolean hostOnly, double expiresAt) {
    }

    private record Key(String domain, String path, String name) {
    }

    private final boolean unsafe;
    private final Map<Key, Entry> cookies = new LinkedHashMap<>(); // in the order first set

    /** A jar that ignores cookies from IP-address hosts. asyncio: {@code aiohttp.CookieJar()} */
    public CookieJar() {
        this(false);
    }

    /**
     * A jar that, when {@code unsafe}, also keeps and sends cookies of IP-address hosts (a test
     * server on 127.0.0.1). asyncio: {@code aiohttp.CookieJar(unsafe=unsafe)}
     */
    public CookieJar(boolean unsafe) {
        this.unsafe = unsafe;
    }

    /** Whether it keeps cookies of IP-address hosts. asyncio: {@code jar._unsafe} */
    public boolean unsafe() {
        return unsafe;
    }

    /**
     * Keeps {@code cookies} set by a response from {@code responseUrl} (null: shared cookies),
     * each as the class comment says; a cookie for a domain the URL's host is not in is ignored,
     * and all of them when the host is an IP address and the jar is not unsafe.
     * asyncio: {@code CookieJar.update_cookies(cookies, response_url)}
     */
    @Override
    public void updateCookies(Collection<Cookie> cookies, URI responseUrl) {
        Objects.requireNonNull(cookies, "CookieJar.updateCookies(): the cookies are null; give an empty list for none");
        if (cookies.isEmpty()) {
            return; // every response is offered to the jar; most set nothing
        }
        String host = responseUrl == null ? null : hostOf(responseUrl);
        if (!unsafe && host != null && isIpAddress(host)) {
            return; // as aiohttp's default jar: no cookies from IP addresses
        }
        double now = now();
        for (Cookie c : cookies) {
            String domain = c.domain() == null ? "" : c.domain().toLowerCase(Locale.ROOT);
            boolean hostOnly = false;
            if (domain.endsWith(".")) {
                domain = ""; // as aiohttp: a domain ending in a dot is none
            }
            if (domain.isEmpty() && host != null) {
                domain = host;
                hostOnly = true;
            }
            if (domain.startsWith(".")) {
                domain = domain.substring(1);
            }
            if (host != null && !domainMatches(domain, host)) {
                continue; // a host may not set cookies for another domain
            }
            String path = c.path();
            if (path == null || !path.startsWith("/")) {
                path = defaultPath(responseUrl);
            }
            Key key = new Key(domain, path, c.name());
            this.cookies.put(key, new Entry(c.withDomainAndPath(domain, path), hostOnly, expiresAt(c, now)));
        }
        expire(now);
    }

    /**
     * The cookies to send to {@code requestUrl}: shared ones, and those whose domain, path and
     * Secure flag match it, not expired; one per name (the longest path), sorted by name.
     * asyncio: {@code CookieJar.filter_cookies(request_url)}
     */
    @Override
    public Map<String, Cookie> filterCookies(URI requestUrl) {
        Objects.requireNonNull(requestUrl, "CookieJar.filterCookies(): the URL is null");
        if (cookies.isEmpty()) {
            return Map.of(); // every request asks, most sessions hold no cookie: no clock, no parsing
        }
        expire(now());
        String host = hostOf(requestUrl);
        String scheme = requestUrl.getScheme() == null ? "" : requestUrl.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("https") || scheme.equals("wss");
        String path = requestUrl.getPath() == null || !requestUrl.getPath().startsWith("/") ? "/" : requestUrl.getPath();
        Map<String, Cookie> out = new TreeMap<>();
        for (Entry e : cookies.values()) {
            Cookie c = e.cookie;
            if (!c.domain().isEmpty()) {
                if (host == null || !unsafe && isIpAddress(host)) {
                    continue;
                }
                if (e.hostOnly ? !c.domain().equals(host) : !domainMatches(c.domain(), host)) {
                    continue;
                }
                if (!pathMatches(path, c.path()) || c.secure() && !secure) {
                    continue;
                }
            }
            Cookie had = out.get(c.name());
            // RFC 6265 5.4: the longer path is the more specific; on a tie the earlier one stays
            if (had == null || pathLength(c) > pathLength(had)) {
                out.put(c.name(), c);
            }
        }
        return out;
    }

    private static int pathLength(Cookie c) {
        return c.path() == null ? 0 : c.path().length();
    }

    /** Forgets every cookie. asyncio: {@code CookieJar.clear()} */
    @Override
    public void clear() {
        cookies.clear();
    }

    /** Forgets the cookies {@code predicate} accepts (and expired ones). asyncio: {@code CookieJar.clear(predicate)} */
    public void clear(Predicate<Cookie> predicate) {
        Objects.requireNonNull(predicate, "CookieJar.clear(): the predicate is null; use clear() to forget all");
        expire(now());
        cookies.values().removeIf(e -> predicate.test(e.cookie));
    }

    /**
     * Forgets the cookies of {@code domain} and its subdomains.
     * asyncio: {@code CookieJar.clear_domain(domain)}
     */
    public void clearDomain(String domain) {
        String d = Objects.requireNonNull(domain, "CookieJar.clearDomain(): the domain is null").toLowerCase(Locale.ROOT);
        clear(c -> domainMatches(d, c.domain()));
    }

    /** How many cookies it keeps, expired ones dropped first. asyncio: {@code len(jar)} */
    @Override
    public int size() {
        expire(now());
        return cookies.size();
    }

    /**
     * Its cookies (expired ones dropped first), in the order first set, each with the domain and
     * path it is matched with; a snapshot. asyncio: {@code iter(jar)}
     */
    @Override
    public Iterator<Cookie> iterator() {
        expire(now());
        List<Cookie> all = new ArrayList<>(cookies.size());
        for (Entry e : cookies.values()) {
            all.add(e.cookie);
        }
        return all.iterator();
    }

    /** {@code <CookieJar 3 cookies unsafe>}. asyncio: none */
    @Override
    public String toString() {
        return "<CookieJar " + cookies.size() + " cookies" + (unsafe ? " unsafe>" : ">");
    }

    // ---- RFC 6265 rules -----------------------------------------------------------------------

    /** RFC 6265 5.1.3: the host is the domain, or ends with "." + domain and is not an IP address. */
    static boolean domainMatches(String domain, String host) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.' && !isIpAddress(host);
    }

    /** RFC 6265 5.1.4: the same path, or one below the cookie's at a {@code /}. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        if (!requestPath.startsWith(cookiePath)) {
            return false;
        }
        return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
    }

    /** RFC 6265 5.1.4: the response URL's directory ({@code /a/b} gives {@code /a}; {@code /a} gives {@code /}). */
    private static String defaultPath(URI url) {
        String p = url == null ? null : url.getPath();
        if (p == null || !p.startsWith("/")) {
            return "/";
        }
        int last = p.lastIndexOf('/');
        return last == 0 ? "/" : p.substring(0, last);
    }

    /** An IPv4 address in dotted form, or an IPv6 one (the only host names with a colon). */
    static boolean isIpAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (!IPV4.matcher(host).matches()) {
            return false;
        }
        for (String part : host.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The URL's host in lower case, an IPv6 literal without brackets; null if it has none. */
    private static String hostOf(URI url) {
        String h = url.getHost();
        if (h == null || h.isEmpty()) {
            return null;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    // ---- expiry -------------------------------------------------------------------------------

    /** When {@code c} expires on the jar's clock: Max-Age if readable, else Expires; +infinity if neither. */
    private static double expiresAt(Cookie c, double now) {
        if (c.maxAge() != null && !c.maxAge().isEmpty()) {
            try {
                return now + Long.parseLong(c.maxAge().trim());
            } catch (NumberFormatException e) {
                // RFC 6265 5.2.2: an unreadable Max-Age is ignored (Expires may still apply)
            }
        }
        Long at = CookieDate.parse(c.expires());
        if (at != null) {
            // turned into time left now, so the deadline is on the loop's clock from here on
            return now + (at - System.currentTimeMillis() / 1000.0);
        }
        return Double.POSITIVE_INFINITY;
    }

    private void expire(double now) {
        cookies.values().removeIf(e -> e.expiresAt <= now);
    }

    /** Seconds on the clock of the running event loop, or of System.nanoTime when none runs. */
    private static double now() {
        try {
            return EventLoop.getRunningLoop().time();
        } catch (IllegalStateException e) {
            return System.nanoTime() / 1e9;
        }
    }
}
