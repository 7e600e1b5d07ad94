package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Request.cookies(): the Cookie field read as aiohttp's request.cookies (SimpleCookie) reads it. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestCookiesTest {

    /** What request.cookies() gave for a request with {@code fields} (raw lines, CRLF-ended). */
    private static String cookiesFor(String fields) throws Exception {
        try (Served s = Served.routes(get("/", req -> Response.text(req.cookies().toString())))) {
            return s.request("GET / HTTP/1.1\r\nHost: x\r\n" + fields + "Connection: close\r\n\r\n").text();
        }
    }

    @Test
    void pairsAreSplitAtSemicolonsAndTrimmed() throws Exception {
        assertEquals("{a=1, b=2}", cookiesFor("Cookie:  a = 1 ;b=2 \r\n"));
    }

    @Test
    void aQuotedValueIsUnquotedAndUnescaped() throws Exception {
        assertEquals("{a=x y, b=q\"q;}", cookiesFor("Cookie: a=\"x y\"; b=\"q\\\"q\\073\"\r\n"));
    }

    @Test
    void aNameSentTwiceKeepsItsLastValue() throws Exception {
        assertEquals("{a=2}", cookiesFor("Cookie: a=1; a=2\r\n"));
    }

    @Test
    void attributeNamesDollarNamesAndPairsWithoutEqualsAreSkipped() throws Exception {
        assertEquals("{a=1, b=x=y, c=}", cookiesFor("Cookie: $Version=1; a=1; path=/; Secure; b=x=y; c=\r\n"));
    }

    @Test
    void anUnreadablePairDoesNotLoseTheOthers() throws Exception {
        // aiohttp 3.8 (SimpleCookie) gives {} here; browsers' servers keep a and d
        assertEquals("{a=1, b c=2, d=3}", cookiesFor("Cookie: a=1; b c=2; d=3\r\n"));
    }

    @Test
    void severalCookieFieldsAreAllRead() throws Exception {
        assertEquals("{a=1, b=2}", cookiesFor("Cookie: a=1\r\nCookie: b=2\r\n"));
    }

    @Test
    void noCookieFieldGivesAnEmptyUnmodifiableMap() throws Exception {
        try (Served s = Served.routes(get("/", req -> {
            assertThrows(UnsupportedOperationException.class, () -> req.cookies().put("a", "1"));
            return Response.text(String.valueOf(req.cookies().size()));
        }))) {
            assertEquals("0", s.get("/").text());
        }
    }
}
