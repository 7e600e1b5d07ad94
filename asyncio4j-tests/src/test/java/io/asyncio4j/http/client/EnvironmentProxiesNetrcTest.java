package io.asyncio4j.http.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credentials a trusted environment's proxy takes from the netrc file. Every expectation is
 * the {@code Proxy-Authorization} aiohttp 3.8.4's {@code proxies_from_env()} gave (Python 3.11)
 * for the same netrc file (named by {@code NETRC}) and proxy variables; none is its
 * {@code proxy_auth=None}.
 */
class EnvironmentProxiesNetrcTest {
    @TempDir
    Path dir;

    private static final String ENTRY = "machine proxy.example login u password p\n";

    /** The environment of {@code netrc} (the file's text) and the name/value pairs, in that order. */
    private Map<String, String> env(String netrc, String... pairs) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NETRC", Files.writeString(dir.resolve("netrc"), netrc).toString());
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String authorization(Map<String, String> env, String scheme) {
        return EnvironmentProxies.of(env).forUrl(scheme, "x.com").authorization();
    }

    @Test
    void aProxyWithoutCredentialsTakesThoseOfItsHostsEntry() throws IOException {
        assertEquals("Basic dTpw", authorization(env(ENTRY, "http_proxy", "http://proxy.example:3128"), "http"));
    }

    @Test
    void credentialsInTheProxyUrlWinOverNetrc() throws IOException {
        assertEquals("Basic YTpi", authorization(env(ENTRY, "http_proxy", "http://a:b@proxy.example:3128"), "http"));
    }

    @Test
    void theDefaultEntryAnswersForAProxyHostNoMachineNames() throws IOException {
        String netrc = "machine other login u password p\ndefault login d password q\n";
        assertEquals("Basic ZDpx", authorization(env(netrc, "http_proxy", "http://proxy.example:3128"), "http"));
    }

    @Test
    void anEntryWithoutALoginGivesItsAccountAsTheLogin() throws IOException {
        String netrc = "machine proxy.example account acc password p\n";
        assertEquals("Basic YWNjOnA=", authorization(env(netrc, "http_proxy", "http://proxy.example:3128"), "http"));
    }

    @Test
    void aProxyHostNetrcDoesNotNameGetsNoCredentials() throws IOException {
        String netrc = "machine other login u password p\n";
        assertNull(authorization(env(netrc, "http_proxy", "http://proxy.example:3128"), "http"));
    }

    @Test
    void aMalformedNetrcIsIgnoredAndTheProxyStillUsed() throws IOException {
        String netrc = "machine proxy.example login u bogus p\n";
        assertNull(authorization(env(netrc, "http_proxy", "http://proxy.example:3128"), "http"));
    }

    @Test
    void aMissingNetrcFileLeavesTheProxyWithoutCredentials() {
        Map<String, String> env = Map.of("NETRC", dir.resolve("absent").toString(),
                "http_proxy", "http://proxy.example:3128");
        assertNull(authorization(env, "http"));
    }

    @Test
    void theProxyHostIsLookedUpInLowerCase() throws IOException {
        assertEquals("Basic dTpw", authorization(env(ENTRY, "http_proxy", "http://PROXY.example:3128"), "http"));
    }

    @Test
    void anIpv6ProxyIsLookedUpWithoutBrackets() throws IOException {
        String netrc = "machine ::1 login u password p\n";
        assertEquals("Basic dTpw", authorization(env(netrc, "http_proxy", "http://[::1]:3128"), "http"));
    }

    @Test
    void eachSchemesProxyTakesItsOwnHostsEntry() throws IOException {
        String netrc = "machine a.example login u password p\nmachine b.example login v password q\n";
        Map<String, String> env = env(netrc, "http_proxy", "http://a.example:1", "https_proxy", "http://b.example:2");
        assertEquals("Basic dTpw", authorization(env, "http"));
        assertEquals("Basic djpx", authorization(env, "https"));
    }

    @Test
    void aNetrcLoginWithAColonIsRefusedNamingTheNetrcEntry() throws IOException {
        Map<String, String> env = env("machine proxy.example login u:x password p\n",
                "http_proxy", "http://proxy.example:3128");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvironmentProxies.of(env));
        assertTrue(e.getMessage().contains("netrc entry for the proxy host proxy.example"), e.getMessage());
    }
}
