package io.asyncio4j.http.client;

import io.asyncio4j.http.internal.HttpDate;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CookieJar: RFC 6265's domain, path, Secure and expiry rules as aiohttp's CookieJar applies
 * them (cases checked against aiohttp 3.8.4), on the virtual clock.
 */
@ExtendWith(AsyncioExtension.class)
class CookieJarTest {

    /** {@code fields} (Set-Cookie values) as if {@code url} had answered with them. */
    private static void set(CookieJar jar, String url, String... fields) {
        List<Cookie> cookies = new java.util.ArrayList<>();
        for (String f : fields) {
            cookies.add(SetCookieParser.parse(f));
        }
        jar.updateCookies(cookies, URI.create(url));
    }

    /** The Cookie field the jar gives for {@code url} ("" for none). */
    private static String sent(AbstractCookieJar jar, String url) {
        Map<String, Cookie> c = jar.filterCookies(url);
        return c.isEmpty() ? "" : RequestEncoder.cookieField(List.of(), c);
    }

    @Test
    void aCookieWithoutDomainGoesBackToItsHostOnly() {
        CookieJar jar = new CookieJar();
        set(jar, "http://example.com/", "a=1");
        assertEquals("a=1", sent(jar, "http://example.com/"));
        assertEquals("", sent(jar, "http://sub.example.com/"));
        assertEquals("", sent(jar, "http://other.com/"));
    }

    @Test
    void aDomainCookieGoesToTheDomainAndItsSubdomainsButNotLookalikes() {
        CookieJar jar = new CookieJar();
        set(jar, "http://www.example.com/", "a=1; Domain=.example.com");
        assertEquals("a=1", sent(jar, "http://example.com/"));
        assertEquals("a=1", sent(jar, "http://deep.sub.example.com/"));
        assertEquals("", sent(jar, "http://notexample.com/"));
    }

    @Test
    void aHostCannotSetACookieForAnotherDomain() {
        CookieJar jar = new CookieJar();
        set(jar, "http://example.com/", "a=1; Domain=other.com", "b=2; Domain=sub.example.com");
        assertEquals(0, jar.size());
    }

    @Test
    void aDomainEndingInADotMakesAHostOnlyCookie() {
        CookieJar jar = new CookieJar();
        set(jar, "http://www.example.com/", "a=1; Domain=example.com.");
        assertEquals("a=1", sent(jar, "http://www.example.com/"));
        assertEquals("", sent(jar, "http://x.www.example.com/"));
    }

    @Test
    void aPathCookieGoesToThatPathAndBelowOnly() {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/", "a=1; Path=/docs");
        assertEquals("a=1", sent(jar, "http://h.com/docs"));
        assertEquals("a=1", sent(jar, "http://h.com/docs/"));
        assertEquals("a=1", sent(jar, "http://h.com/docs/x/y"));
        assertEquals("", sent(jar, "http://h.com/docsx"));
        assertEquals("", sent(jar, "http://h.com/"));
    }

    @Test
    void withoutAPathACookieGetsTheDirectoryOfTheUrlThatSetIt() {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/a/b", "a=1");
        set(jar, "http://h.com/top", "b=2");
        assertEquals(List.of("/a", "/"), jar.filterCookies("http://h.com/a/x").values().stream()
                .map(Cookie::path).toList());
        assertEquals("b=2", sent(jar, "http://h.com/"));
    }

    @Test
    void aSecureCookieGoesOverHttpsAndWssOnly() {
        CookieJar jar = new CookieJar();
        set(jar, "https://h.com/", "a=1; Secure", "b=2");
        assertEquals("a=1; b=2", sent(jar, "https://h.com/"));
        assertEquals("a=1; b=2", sent(jar, "wss://h.com/"));
        assertEquals("b=2", sent(jar, "http://h.com/"));
    }

    @Test
    void theCookieFieldIsSortedByNameWithTheLongestPathWinningANameClash() {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/", "z=1", "a=root; Path=/", "a=deep; Path=/a");
        assertEquals("a=deep; z=1", sent(jar, "http://h.com/a/b"));
        assertEquals("a=root; z=1", sent(jar, "http://h.com/b"));
    }

    @Test
    void aCookieSetAgainForTheSameDomainAndPathIsReplaced() {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/", "a=1");
        set(jar, "http://h.com/", "a=2");
        assertEquals(1, jar.size());
        assertEquals("a=2", sent(jar, "http://h.com/"));
    }

    @Test
    void aCookieExpiresAfterItsMaxAgeOnTheLoopsClock() throws Exception {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/", "a=1; Max-Age=60");
        sleep(59);
        assertEquals("a=1", sent(jar, "http://h.com/"));
        sleep(2);
        assertEquals("", sent(jar, "http://h.com/"));
    }

    @Test
    void maxAgeWinsOverExpires() throws Exception {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/", "a=1; Max-Age=10; Expires=Thu, 01 Jan 2099 00:00:00 GMT");
        sleep(11);
        assertEquals(0, jar.size());
    }

    @Test
    void anExpiresDateBecomesTheTimeLeftUntilItWhenTheCookieArrives() throws Exception {
        CookieJar jar = new CookieJar();
        long in100s = System.currentTimeMillis() / 1000 + 100;
        set(jar, "http://h.com/", "a=1; Expires=" + HttpDate.format(in100s));
        sleep(98);
        assertEquals("a=1", sent(jar, "http://h.com/"));
        sleep(3);
        assertEquals("", sent(jar, "http://h.com/"));
    }

    @Test
    void anExpiredCookieDeletesTheOneItReplaces() {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/", "a=1", "b=2");
        set(jar, "http://h.com/", "a=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
                "b=; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
        assertEquals(0, jar.size());
    }

    @Test
    void anUnreadableExpiresLeavesASessionCookie() throws Exception {
        CookieJar jar = new CookieJar();
        set(jar, "http://h.com/", "a=1; Expires=someday", "b=2; Expires=Feb 30 2030 00:00:00");
        sleep(1e6);
        assertEquals(2, jar.size());
    }

    @Test
    void cookiesFromAnIpAddressHostAreIgnoredByDefault() {
        CookieJar jar = new CookieJar();
        set(jar, "http://127.0.0.1:8080/", "a=1");
        set(jar, "http://[::1]/", "b=1");
        assertEquals(0, jar.size());
    }

    @Test
    void anUnsafeJarKeepsAndSendsCookiesOfIpAddressHosts() {
        CookieJar jar = new CookieJar(true);
        set(jar, "http://127.0.0.1:8080/", "a=1");
        assertEquals("a=1", sent(jar, "http://127.0.0.1:9090/x"));
        assertEquals("", sent(jar, "http://127.0.0.2/"));
    }

    @Test
    void aDomainCookieNeverMatchesAnIpAddressBelowIt() {
        CookieJar jar = new CookieJar(true);
        jar.updateCookies(List.of(SetCookieParser.parse("a=1; Domain=0.0.1")), null);
        assertEquals("", sent(jar, "http://127.0.0.1/"));
    }

    @Test
    void cookiesGivenWithoutAUrlAreSharedWithEveryHostEvenAnIpAddress() {
        CookieJar jar = new CookieJar();
        jar.updateCookies(Map.of("s", "x y"), null);
        assertEquals("s=\"x y\"", sent(jar, "http://127.0.0.1/any/path"));
        assertEquals("s=\"x y\"", sent(jar, "https://example.org/"));
    }

    @Test
    void clearForgetsEverythingAndClearDomainItsDomainOnly() {
        CookieJar jar = new CookieJar();
        set(jar, "http://a.example.com/", "a=1");
        set(jar, "http://other.com/", "b=1");
        jar.clearDomain("example.com");
        assertEquals(List.of("b"), java.util.stream.StreamSupport.stream(jar.spliterator(), false)
                .map(Cookie::name).toList());
        jar.clear();
        assertEquals(0, jar.size());
    }

    @Test
    void iteratingGivesEachCookieWithTheDomainAndPathItMatchesBy() {
        CookieJar jar = new CookieJar();
        set(jar, "http://www.example.com/a/b", "a=1", "b=2; Domain=.Example.com; Path=/p; Secure; HttpOnly");
        List<Cookie> all = java.util.stream.StreamSupport.stream(jar.spliterator(), false).toList();
        assertEquals("www.example.com", all.get(0).domain());
        assertEquals("/a", all.get(0).path());
        assertEquals("example.com", all.get(1).domain());
        assertTrue(all.get(1).secure() && all.get(1).httpOnly());
    }

    @Test
    void aBadCookieNameIsRefusedWithTheWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CookieJar().updateCookies(Map.of("a b", "1"), null));
        assertTrue(e.getMessage().startsWith("Cookie.of(): the cookie name \"a b\" is not a token"), e.getMessage());
    }

    @Test
    void theDummyJarKeepsNothing() {
        DummyCookieJar jar = new DummyCookieJar();
        jar.updateCookies(Map.of("a", "1"), null);
        assertEquals(0, jar.size());
        assertEquals("", sent(jar, "http://h.com/"));
    }
}
