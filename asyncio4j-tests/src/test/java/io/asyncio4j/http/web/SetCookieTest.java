package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Response.setCookie / delCookie: the Set-Cookie fields byte for byte as aiohttp 3.8.4 writes
 * them (each expected string is what {@code resp.cookies[name].output(header="")[1:]} printed
 * for the same call under /usr/bin/python3), and the bad names and values refused.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class SetCookieTest {

    private static String field(Response r, String name) {
        return r.cookies().get(name);
    }

    @Test
    void aPlainCookieGetsPathSlashOnly() {
        Response r = new Response(200).setCookie("name", "value");
        assertEquals("name=value; Path=/", field(r, "name"));
    }

    @Test
    void everyAttributeIsWrittenInMorselsOrderAndCase() {
        Response r = new Response(200).setCookie("name", "value", CookieOptions.defaults()
                .withExpires("Thu, 01 Jan 2030 00:00:00 GMT").withDomain("example.com").withMaxAge(60).withPath("/p")
                .withSecure(true).withHttpOnly(true).withSameSite("Lax"));
        assertEquals("name=value; Domain=example.com; expires=Thu, 01 Jan 2030 00:00:00 GMT; HttpOnly; Max-Age=60; "
                + "Path=/p; SameSite=Lax; Secure", field(r, "name"));
    }

    @Test
    void aValueWithASpaceIsQuoted() {
        assertEquals("a=\"x y\"; Path=/", field(new Response(200).setCookie("a", "x y"), "a"));
    }

    @Test
    void quotesBackslashesSeparatorsAndLatin1AreEscapedAsPythonDoes() {
        assertEquals("a=\"q\\\"q\\\\\\073\\054\\351\"; Path=/", field(new Response(200).setCookie("a", "q\"q\\;,é"), "a"));
        assertEquals("n=\"a\\015\\012b\"; Path=/", field(new Response(200).setCookie("n", "a\r\nb"), "n"));
    }

    @Test
    void tokenCharactersAndColonsGoUnquotedButBracketsAreQuoted() {
        assertEquals("a=a:b.c!#$%&'*+-^_`|~; Path=/", field(new Response(200).setCookie("a", "a:b.c!#$%&'*+-^_`|~"), "a"));
        assertEquals("a=\"a/b=c[]()<>@?{}\"; Path=/", field(new Response(200).setCookie("a", "a/b=c[]()<>@?{}"), "a"));
    }

    @Test
    void anEmptyValueIsTwoQuotes() {
        assertEquals("a=\"\"; Path=/", field(new Response(200).setCookie("a", ""), "a"));
    }

    @Test
    void anEmptyPathWritesNoPathAttribute() {
        assertEquals("a=1", field(new Response(200).setCookie("a", "1", CookieOptions.defaults().withPath("")), "a"));
    }

    @Test
    void falseSecureAndHttpOnlyWriteNothing() {
        assertEquals("a=1; Path=/", field(new Response(200).setCookie("a", "1",
                CookieOptions.defaults().withSecure(false).withHttpOnly(false)), "a"));
    }

    @Test
    void delCookieSetsAnEmptyValueExpiredIn1970WithMaxAgeZero() {
        assertEquals("a=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
                field(new Response(200).delCookie("a"), "a"));
        assertEquals("a=\"\"; Domain=e.com; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/x",
                field(new Response(200).delCookie("a", "/x", "e.com"), "a"));
    }

    @Test
    void settingACookieAgainKeepsTheAttributesNotGivenButNotMaxAge() {
        Response r = new Response(200)
                .setCookie("a", "1", CookieOptions.defaults().withExpires("X").withMaxAge(5).withSameSite("Lax")
                        .withHttpOnly(true).withDomain("d.com").withSecure(true))
                .setCookie("a", "2", CookieOptions.defaults().withPath("/q"));
        assertEquals("a=2; Domain=d.com; expires=X; HttpOnly; Path=/q; SameSite=Lax; Secure", field(r, "a"));
    }

    @Test
    void settingADeletedCookieAgainDropsThe1970ExpiresAndMaxAgeButKeepsItsDomain() {
        Response r = new Response(200).delCookie("a", "/", "d.com").setCookie("a", "2");
        assertEquals("a=2; Domain=d.com; Path=/", field(r, "a"));
    }

    @Test
    void cookiesGoOutInTheOrderFirstSet() {
        Response r = new Response(200).setCookie("b", "1").setCookie("a", "2").setCookie("b", "3");
        assertEquals(List.of("b", "a"), List.copyOf(r.cookies().keySet()));
    }

    @Test
    void aNameThatIsNotATokenIsRefusedNamingTheRule() {
        for (String bad : new String[]{"a b", "a;b", "a=b", "", "é", "a,b", "a\"b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Response(200).setCookie(bad, "v"));
            assertTrue(e.getMessage().startsWith("Response.setCookie(): the cookie name"), e.getMessage());
            assertTrue(e.getMessage().contains("give a token name"), e.getMessage());
        }
    }

    @Test
    void anAttributesNameCannotBeACookiesName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Response(200).setCookie("Path", "v"));
        assertTrue(e.getMessage().contains("attribute"), e.getMessage());
    }

    @Test
    void aValueBeyondLatin1IsRefusedWithTheWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Response(200).setCookie("a", "ő"));
        assertTrue(e.getMessage().contains("percent-encode or base64"), e.getMessage());
    }

    @Test
    void anAttributeWithASemicolonOrNewlineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Response(200).setCookie("a", "1",
                CookieOptions.defaults().withSameSite("Lax; Domain=evil.com")));
        assertThrows(IllegalArgumentException.class, () -> new Response(200).setCookie("a", "1",
                CookieOptions.defaults().withDomain("a.com\r\nX-Evil: 1")));
    }

    @Test
    void theSetCookieFieldsGoOnTheWireAfterTheHandlersFields() throws Exception {
        try (Served s = Served.routes(get("/", req -> Response.text("hi").header("X-A", "1")
                .setCookie("a", "x y").setCookie("b", "2", CookieOptions.defaults().withHttpOnly(true))))) {
            Reply r = s.get("/");
            assertEquals(List.of("a=\"x y\"; Path=/", "b=2; HttpOnly; Path=/"), r.headers("Set-Cookie"));
            // aiohttp 3.8.4 puts the Content-Length (set at _start) between them: X-A / Content-Length / Set-Cookie
            assertTrue(r.headText().contains("X-A: 1\r\nContent-Length: 2\r\nSet-Cookie: a=\"x y\"; Path=/\r\nSet-Cookie: b=2; HttpOnly; "
                    + "Path=/\r\n"), r.headText());
        }
    }

    @Test
    void aStreamResponseSendsItsCookiesWithItsHead() throws Exception {
        try (Served s = Served.routes(get("/", req -> {
            StreamResponse sr = new StreamResponse(200).contentLength(1);
            sr.setCookie("s", "1");
            sr.prepare(req);
            sr.write("x".getBytes());
            return sr;
        }))) {
            assertEquals(List.of("s=1; Path=/"), s.get("/").headers("Set-Cookie"));
        }
    }
}
