package io.asyncio4j.http.client;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxies an environment names ({@link ClientSessionOptions#withTrustEnv}): {@code HTTP_PROXY},
 * {@code HTTPS_PROXY}, {@code WS_PROXY}, {@code WSS_PROXY} for URLs of those schemes, and
 * {@code NO_PROXY}'s hosts that go direct. Read as Python's {@code urllib.request} reads them for
 * aiohttp: a variable's name in any case counts, one whose name ends in lower-case {@code _proxy}
 * wins over the others and, set empty, removes the proxy; with {@code REQUEST_METHOD} set (a CGI
 * script, where {@code HTTP_PROXY} may come from a client's {@code Proxy:} field, CVE-2016-1000110)
 * only the lower-case {@code http_proxy} counts. {@code NO_PROXY} is {@code *} (every host) or a
 * comma-separated list of names: a host is direct when it is one of them or ends with
 * {@code .name} (a leading dot is ignored; no ports, no address ranges).
 * <p>
 * A proxy aiohttp would refuse or fail on is left out with a warning on the
 * {@code io.asyncio4j.http.client} logger: an {@code https://} or {@code wss://} one (aiohttp's
 * "HTTPS proxies ... are not supported, ignoring"), and any other scheme but http (aiohttp 3.8
 * would speak HTTP to a {@code socks5://} proxy). A value without a scheme ({@code proxy:3128}) is
 * taken as {@code http://proxy:3128}, as curl takes it (aiohttp cannot use it).
 * <p>
 * A proxy whose URL has no credentials takes them from the netrc file ({@link Netrc#fromEnvironment}:
 * {@code NETRC}, else {@code ~/.netrc}): the entry for the proxy's host, else the {@code default}
 * one, its login (else its account) and password. Credentials in the URL win. aiohttp 3.8.4 uses
 * netrc for proxies only, never for the request's own host (3.9 added that).
 * <p>
 * Immutable once made; any thread.
 * <p>
 * asyncio: aiohttp's {@code helpers.proxies_from_env} and {@code get_env_proxy_for_url}, over
 * {@code urllib.request.getproxies_environment} and {@code proxy_bypass_environment}
 */
final class EnvironmentProxies {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.http.client");
    private static final Pattern HOST_PORT = Pattern.compile("(.*):([0-9]*)", Pattern.DOTALL);
    private static final String[] SCHEMES = {"http", "https", "ws", "wss"};

    private final Map<String, HttpProxy> byScheme;
    private final String noProxy; // null: none

    private EnvironmentProxies(Map<String, HttpProxy> byScheme, String noProxy) {
        this.byScheme = byScheme;
        this.noProxy = noProxy;
    }

    /** The proxies {@code env} names (its iteration order breaks ties between spellings, as os.environ's does). */
    static EnvironmentProxies of(Map<String, String> env) {
        Map<String, String> named = variables(env);
        Netrc netrc = Netrc.fromEnvironment(env); // read whatever the proxies, as aiohttp reads it (and warns)
        Map<String, HttpProxy> byScheme = new HashMap<>();
        for (String scheme : SCHEMES) {
            String value = named.get(scheme);
            if (value != null) {
                HttpProxy p = proxy(scheme, value.strip(), netrc);
                if (p != null) {
                    byScheme.put(scheme, p);
                }
            }
        }
        return new EnvironmentProxies(Map.copyOf(byScheme), named.get("no"));
    }

    /** {@code urllib.request.getproxies_environment}: the {@code <scheme>_proxy} variables by scheme. */
    private static Map<String, String> variables(Map<String, String> env) {
        Map<String, String> proxies = new HashMap<>();
        // first any spelling, then the lower-case suffix over it: lower-case variables win
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String value = e.getValue();
            if (value != null && !value.isEmpty() && name.endsWith("_proxy")) {
                proxies.put(name.substring(0, name.length() - 6), value);
            }
        }
        if (env.containsKey("REQUEST_METHOD")) {
            proxies.remove("http"); // CVE-2016-1000110: HTTP_PROXY may be a client's Proxy: field
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().endsWith("_proxy")) {
                String scheme = e.getKey().toLowerCase(Locale.ROOT);
                scheme = scheme.substring(0, scheme.length() - 6);
                String value = e.getValue();
                if (value != null && !value.isEmpty()) {
                    proxies.put(scheme, value);
                } else {
                    proxies.remove(scheme);
                }
            }
        }
        return proxies;
    }

    private static HttpProxy proxy(String scheme, String value, Netrc netrc) {
        String variable = scheme.toUpperCase(Locale.ROOT) + "_PROXY";
        String url = value.contains("://") ? value : "http://" + value;
        String given = url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
        if (!given.equals("http")) {
            LOG.log(System.Logger.Level.WARNING, "The " + given.toUpperCase(Locale.ROOT) + " proxy in " + variable
                    + " (or its lower-case form) is not supported, ignoring it: only http:// proxies are (aiohttp "
                    + "ignores https:// ones the same way)");
            return null;
        }
        try {
            URI uri = HttpProxy.parse(url);
            BasicAuth auth = uri.getUserInfo() == null && netrc != null ? netrcAuth(netrc, uri.getHost(), variable) : null;
            return HttpProxy.of(url, auth, null);
        } catch (InvalidUrlException e) {
            LOG.log(System.Logger.Level.WARNING, "The proxy in " + variable + " (or its lower-case form) is not a "
                    + "proxy URL, ignoring it: " + e.getMessage());
            return null;
        }
    }

    /**
     * The credentials {@code netrc} gives the proxy {@code host}: its entry's login (its account
     * when the login is empty) and password, or the {@code default} entry's; null without either.
     * aiohttp: the netrc branch of {@code helpers.proxies_from_env}
     *
     * @throws IllegalArgumentException for a login BasicAuth refuses (aiohttp's request raises the same ValueError)
     */
    private static BasicAuth netrcAuth(Netrc netrc, String host, String variable) {
        String h = host.toLowerCase(Locale.ROOT); // yarl's URL.host: lower case, an IPv6 literal without brackets
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        Netrc.Entry e = netrc.authenticators(h);
        if (e == null) {
            return null;
        }
        String login = e.login().isEmpty() ? e.account() : e.login();
        try {
            return BasicAuth.of(login, e.password());
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("ClientSession(trust_env): the netrc entry for the proxy host " + h
                    + " (the proxy in " + variable + ") has a login BasicAuth refuses: " + bad.getMessage()
                    + "; fix the netrc file, or give the credentials in the proxy's URL", bad);
        }
    }

    /**
     * The proxy for a URL of {@code scheme} ({@code http}, {@code https}, {@code ws}, {@code wss})
     * to {@code host}, or null when it goes direct (NO_PROXY, or none for that scheme).
     * asyncio: {@code get_env_proxy_for_url}
     */
    HttpProxy forUrl(String scheme, String host) {
        HttpProxy p = byScheme.get(scheme);
        if (p == null || bypass(noProxy, host)) {
            return null;
        }
        return p;
    }

    /** Whether the environment names no proxy at all. */
    boolean isEmpty() {
        return byScheme.isEmpty();
    }

    /**
     * Whether {@code noProxy} sends {@code host} direct. {@code host} as in a URL, an IPv6 literal in
     * brackets or not. asyncio: {@code urllib.request.proxy_bypass_environment(host)}
     */
    static boolean bypass(String noProxy, String host) {
        if (noProxy == null) {
            return false;
        }
        if (noProxy.equals("*")) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1); // yarl's URL.host, which aiohttp hands over, has no brackets
        }
        // urllib's _splitport, kept as it is: "::1" splits into ":" and "1", and the whole host is compared too
        String hostOnly = h;
        Matcher m = HOST_PORT.matcher(h);
        if (m.matches()) {
            hostOnly = m.group(1);
        }
        for (String entry : noProxy.split(",", -1)) {
            String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            int dots = 0;
            while (dots < name.length() && name.charAt(dots) == '.') {
                dots++;
            }
            name = name.substring(dots).toLowerCase(Locale.ROOT);
            if (hostOnly.equals(name) || h.equals(name)) {
                return true;
            }
            name = "." + name;
            if (hostOnly.endsWith(name) || h.endsWith(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code <EnvironmentProxies http=http://proxy:3128 no_proxy=...>}, without credentials. */
    @Override
    public String toString() {
        return "<EnvironmentProxies " + byScheme + (noProxy == null ? "" : " no_proxy=" + noProxy) + ">";
    }
}
