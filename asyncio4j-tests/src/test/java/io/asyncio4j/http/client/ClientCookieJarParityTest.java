package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Path, Max-Age and Expires cookies from an IP host in an unsafe jar, as aiohttp 3.8.4's
 * {@code CookieJar(unsafe=True)} keeps and gives them back. The server sets, at /setck,
 * {@code a=1; Max-Age=100; Path=/}, {@code b=2; Path=/sub},
 * {@code c=3; expires=Thu, 01 Jan 2099 00:00:00 GMT}; aiohttp printed (/tmp probe, 2026-11-23):
 * <pre>
 * sent / a=1; c=3
 * filter /sub/x ['a', 'b', 'c']
 * filter / ['a', 'c']
 *   jar cookie a 1 127.0.0.1 / 100
 *   jar cookie c 3 127.0.0.1 /  Thu, 01 Jan 2099 00:00:00 GMT
 *   jar cookie b 2 127.0.0.1 /sub
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientCookieJarParityTest {

    private static TestServer server() throws Exception {
        return TestServer.answering(r -> r.target().equals("/setck")
                ? response(200, "OK", "ok", "Set-Cookie: a=1; Max-Age=100; Path=/", "Set-Cookie: b=2; Path=/sub",
                "Set-Cookie: c=3; expires=Thu, 01 Jan 2099 00:00:00 GMT")
                : ok(""));
    }

    private static ClientSession unsafeSession() {
        return new ClientSession(ClientSessionOptions.defaults().withCookieJar(new CookieJar(true)));
    }

    @Test
    void theRootGetsTheCookiesWhosePathMatchesIt() throws Exception {
        try (TestServer server = server(); ClientSession session = unsafeSession()) {
            session.get(server.url("/setck")).close();
            session.get(server.url("/echo")).close();
            assertEquals("a=1; c=3", server.requests.get(1).header("Cookie"));
        }
    }

    @Test
    void filterCookiesGivesTheCookiesOfAPathAndItsParents() throws Exception {
        try (TestServer server = server(); ClientSession session = unsafeSession()) {
            session.get(server.url("/setck")).close();
            assertEquals(List.of("a", "b", "c"),
                    List.copyOf(new TreeSet<>(session.cookieJar().filterCookies(URI.create(server.url("/sub/x"))).keySet())));
            assertEquals(List.of("a", "c"),
                    List.copyOf(new TreeSet<>(session.cookieJar().filterCookies(URI.create(server.url("/"))).keySet())));
        }
    }

    @Test
    void theJarKeepsTheHostAsDomainTheDefaultPathAndTheAttributes() throws Exception {
        try (TestServer server = server(); ClientSession session = unsafeSession()) {
            session.get(server.url("/setck")).close();
            List<String> seen = new ArrayList<>();
            for (Cookie c : session.cookieJar()) {
                // an attribute not set is null here, "" in a Python Morsel
                seen.add(c.name() + " " + c.value() + " " + c.domain() + " " + c.path() + " "
                        + java.util.Objects.toString(c.maxAge(), "") + " " + java.util.Objects.toString(c.expires(), ""));
            }
            seen.sort(null);
            assertEquals(List.of("a 1 127.0.0.1 / 100 ", "b 2 127.0.0.1 /sub  ",
                    "c 3 127.0.0.1 /  Thu, 01 Jan 2099 00:00:00 GMT"), seen);
        }
    }
}
