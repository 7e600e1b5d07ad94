package io.asyncio4j.http.client;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which proxy an environment gives a URL (aiohttp's {@code trust_env=True}): the variables'
 * precedence and NO_PROXY's matching. Every expectation is what aiohttp 3.8.4's
 * {@code get_env_proxy_for_url} answered for the same environment and URL (with Python 3.11's
 * {@code urllib.request}); "direct" is its LookupError.
 */
class EnvironmentProxiesTest {
    /** The environment of the given name/value pairs, in that order. */
    private static Map<String, String> env(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** The proxy for {@code url} ({@code scheme://host[:port]/}) as {@code http://host:port}, or "direct". */
    private static String proxyFor(Map<String, String> env, String url) {
        String scheme = url.substring(0, url.indexOf("://"));
        String rest = url.substring(url.indexOf("://") + 3);
        String authority = rest.substring(0, rest.indexOf('/'));
        String host = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                : authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
        HttpProxy p = EnvironmentProxies.of(env).forUrl(scheme, host);
        return p == null ? "direct" : p.toString();
    }

    private static final String A = "http://a:1";

    @Test
    void aLowerCaseVariableWinsOverTheUpperCaseOneWhateverTheOrder() {
        assertEquals("http://b:2", proxyFor(env("HTTP_PROXY", A, "http_proxy", "http://b:2"), "http://x.com/"));
        assertEquals("http://b:2", proxyFor(env("http_proxy", "http://b:2", "HTTP_PROXY", A), "http://x.com/"));
    }

    @Test
    void anEmptyLowerCaseVariableRemovesTheProxy() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "http_proxy", ""), "http://x.com/"));
    }

    @Test
    void aVariableNamedInMixedCaseCounts() {
        assertEquals(A, proxyFor(env("Http_Proxy", A), "http://x.com/"));
    }

    @Test
    void underCgiOnlyTheLowerCaseHttpProxyCounts() {
        // CVE-2016-1000110: with REQUEST_METHOD set, HTTP_PROXY may come from a client's Proxy: field
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "REQUEST_METHOD", "GET"), "http://x.com/"));
        assertEquals(A, proxyFor(env("http_proxy", A, "REQUEST_METHOD", "GET"), "http://x.com/"));
    }

    @Test
    void eachSchemeHasItsOwnVariable() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A), "https://x.com/"));
        assertEquals(A, proxyFor(env("HTTPS_PROXY", A), "https://x.com/"));
        assertEquals(A, proxyFor(env("WS_PROXY", A), "ws://x.com/"));
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A), "ws://x.com/"));
        assertEquals(A, proxyFor(env("WSS_PROXY", A), "wss://x.com/"));
    }

    @Test
    void credentialsInTheProxysUrlBecomeItsProxyAuthorization() {
        HttpProxy p = EnvironmentProxies.of(env("HTTPS_PROXY", "http://u:p@a:1")).forUrl("https", "x.com");
        assertEquals("http://a:1", p.toString());
        assertEquals("Basic dTpw", p.authorization()); // aiohttp: BasicAuth(login='u', password='p')
    }

    @Test
    void anHttpsProxyIsIgnored() {
        assertEquals("direct", proxyFor(env("HTTPS_PROXY", "https://a:1"), "https://x.com/"));
    }

    @Test
    void aSocksProxyIsIgnoredWhereAiohttp38WouldSpeakHttpToIt() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", "socks5://a:1"), "http://x.com/"));
    }

    @Test
    void aValueWithoutASchemeIsAnHttpProxyAsCurlReadsIt() {
        assertEquals(A, proxyFor(env("HTTP_PROXY", "a:1"), "http://x.com/")); // aiohttp: URL('a:1'), unusable
    }

    @Test
    void noProxyNamesAHostAndItsSubdomains() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "x.com"), "http://x.com/"));
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "x.com"), "http://sub.x.com/"));
    }

    @Test
    void noProxyDoesNotMatchAMereEndOfTheName() {
        assertEquals(A, proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "x.com"), "http://ax.com/"));
    }

    @Test
    void noProxyIgnoresALeadingDot() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", ".x.com"), "http://x.com/"));
    }

    @Test
    void noProxyEntriesAreTrimmedAndCompareWithoutCase() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", " y.com , X.COM "), "http://x.com/"));
    }

    @Test
    void aStarAloneSendsEveryHostDirect() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "*"), "http://x.com/"));
    }

    @Test
    void aStarAmongOtherEntriesIsNoWildcard() {
        assertEquals(A, proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "x.com,*"), "http://y.com/"));
        assertEquals(A, proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "*.x.com"), "http://sub.x.com/"));
    }

    @Test
    void noProxyEntriesWithAPortNeverMatchForTheUrlsHostHasNone() {
        assertEquals(A, proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "x.com:80"), "http://x.com/"));
        assertEquals(A, proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "x.com:8080"), "http://x.com:8080/"));
    }

    @Test
    void noProxyMatchesAnAddressButHasNoAddressRanges() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "127.0.0.1"), "http://127.0.0.1:5/"));
        assertEquals(A, proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "127.0.0.0/8"), "http://127.0.0.1:5/"));
    }

    @Test
    void noProxyNamesAnIpv6AddressWithoutBrackets() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "::1"), "http://[::1]/"));
        assertEquals(A, proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "[::1]"), "http://[::1]/"));
    }

    @Test
    void anEmptyUpperCaseNoProxyDoesNotHideTheLowerCaseOne() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "no_proxy", "x.com", "NO_PROXY", ""), "http://x.com/"));
    }

    @Test
    void aTrailingDotIsPartOfTheName() {
        assertEquals("direct", proxyFor(env("HTTP_PROXY", A, "NO_PROXY", "x.com."), "http://x.com./"));
    }

    @Test
    void anEnvironmentWithoutProxiesIsEmpty() {
        assertTrue(EnvironmentProxies.of(env("PATH", "/bin", "NO_PROXY", "x.com")).isEmpty());
        assertFalse(EnvironmentProxies.of(env("http_proxy", A)).isEmpty());
        assertNull(EnvironmentProxies.of(env("PATH", "/bin")).forUrl("http", "x.com"));
    }
}
