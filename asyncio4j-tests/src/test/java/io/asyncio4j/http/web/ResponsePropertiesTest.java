package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static io.asyncio4j.http.web.Served.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header properties of aiohttp's StreamResponse: content_type, charset, last_modified, etag,
 * content_length. Expected values are what aiohttp 3.8.4 ({@code /usr/bin/python3}) writes, e.g.
 * <pre>
 * r = web.Response(text="x"); r.content_type = "text/html"    # text/html; charset=utf-8
 * r = web.StreamResponse(); r.content_type = "TEXT/Html"       # TEXT/Html, reads back text/html
 * r.charset = "x"                                              # text/html; charset=x
 * r.charset = "UTF-8" / None                                   # charset=utf-8 / parameter removed
 * web.StreamResponse().charset = "utf-8"                       # RuntimeError: ... setup content_type first
 * r.last_modified = 1700000000.2                               # Tue, 14 Nov 2023 22:13:21 GMT (ceil)
 * r.etag = "abc" / ETag("abc", is_weak=True) / "*"             # "abc" / W/"abc" / *
 * r.etag = 'a"b' (or "a b", "", "a~")                          # ValueError: ... not a valid etag
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResponsePropertiesTest {
    // ---- content type ---------------------------------------------------------------------------

    @Test
    void contentTypeSetsTheFieldOfAResponseWithoutOne() {
        Response r = new Response(200).contentType("text/html");
        assertEquals("text/html", r.headers().get("Content-Type"));
    }

    @Test
    void contentTypeKeepsTheCharsetParameter() {
        Response r = Response.text("x").contentType("text/html");
        assertEquals("text/html; charset=utf-8", r.headers().get("Content-Type"));
    }

    @Test
    void contentTypeKeepsOtherParametersAndUnquotesTokens() {
        Response r = new Response(200).header("Content-Type", "text/plain; format=flowed; charset=\"utf-8\"");
        r.contentType("text/html");
        assertEquals("text/html; format=flowed; charset=utf-8", r.headers().get("Content-Type"));
    }

    @Test
    void contentTypeWithParametersReplacesThoseOfTheSameName() {
        // aiohttp appends the old ones: "text/plain; charset=latin-1; charset=utf-8"
        Response r = Response.text("x").contentType("text/plain; charset=latin-1");
        assertEquals("text/plain; charset=latin-1", r.headers().get("Content-Type"));
    }

    @Test
    void contentTypeIsWrittenAsGivenAndReadBackInLowerCase() {
        Response r = new Response(200).contentType("TEXT/Html");
        assertEquals("TEXT/Html", r.headers().get("Content-Type"));
        assertEquals("text/html", r.contentType());
    }

    @Test
    void contentTypeRefusesWhatIsNotAMediaType() {
        Response r = new Response(200);
        for (String bad : new String[] {"nonsense", "text/", "/html", "text/ html", "text/html\r\nX: y", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.contentType(bad),
                    String.valueOf(bad));
            assertTrue(e.getMessage().contains("is not a media type; give type/subtype"), e.getMessage());
        }
        assertFalse(r.headers().contains("Content-Type"));
    }

    // ---- charset --------------------------------------------------------------------------------

    @Test
    void charsetSetsTheParameterInLowerCase() {
        Response r = new Response(200).contentType("text/html").charset("UTF-8");
        assertEquals("text/html; charset=utf-8", r.headers().get("Content-Type"));
        assertEquals("utf-8", r.charset());
    }

    @Test
    void charsetNullRemovesTheParameter() {
        Response r = Response.json("{}").charset(null);
        assertEquals("application/json", r.headers().get("Content-Type"));
        assertNull(r.charset());
    }

    @Test
    void charsetRewritesTheMediaTypeInLowerCase() {
        Response r = new Response(200).contentType("TEXT/Html").charset("x");
        assertEquals("text/html; charset=x", r.headers().get("Content-Type"));
    }

    @Test
    void charsetWithoutAContentTypeIsRefusedAsInAiohttp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Response(200).charset("utf-8"));
        assertTrue(e.getMessage().contains("set the media type first with contentType"), e.getMessage());
    }

    @Test
    void charsetOfAnOctetStreamIsRefusedAsInAiohttp() {
        Response r = new Response(200).contentType("application/octet-stream");
        assertThrows(IllegalStateException.class, () -> r.charset("utf-8"));
    }

    @Test
    void charsetReadsAQuotedParameterUnquoted() {
        Response r = new Response(200).header("Content-Type", "text/plain; charset=\"utf-8\"");
        assertEquals("utf-8", r.charset());
    }

    @Test
    void charsetRefusesANameThatIsNotAToken() {
        Response r = new Response(200).contentType("text/plain");
        assertThrows(IllegalArgumentException.class, () -> r.charset("a b"));
        assertThrows(IllegalArgumentException.class, () -> r.charset(""));
        assertEquals("text/plain", r.headers().get("Content-Type"));
    }

    @Test
    void aParameterValueThatIsNotATokenStaysQuoted() {
        // aiohttp writes 'text/plain; bar=a;b; charset=x', which reads back as another parameter
        Response r = new Response(200).header("Content-Type", "text/plain; bar=\"a;b\"").charset("x");
        assertEquals("text/plain; bar=\"a;b\"; charset=x", r.headers().get("Content-Type"));
    }

    // ---- Last-Modified --------------------------------------------------------------------------

    @Test
    void lastModifiedIsWrittenAsAnHttpDate() {
        Response r = new Response(200).lastModified(Instant.parse("2024-05-01T12:00:00Z"));
        assertEquals("Wed, 01 May 2024 12:00:00 GMT", r.headers().get("Last-Modified"));
    }

    @Test
    void lastModifiedRoundsAFractionOfASecondUpAsAiohttpDoes() {
        Response r = new Response(200).lastModified(Instant.ofEpochSecond(1_700_000_000L, 200_000_000));
        assertEquals("Tue, 14 Nov 2023 22:13:21 GMT", r.headers().get("Last-Modified"));
    }

    @Test
    void lastModifiedReadsTheFieldBack() {
        Response r = new Response(200).header("Last-Modified", "Thu, 01 Jan 1970 00:00:00 GMT");
        assertEquals(Instant.EPOCH, r.lastModified());
    }

    @Test
    void lastModifiedIsNullWithoutTheFieldOrForOneThatIsNotADate() {
        Response r = new Response(200);
        assertNull(r.lastModified());
        r.header("Last-Modified", "garbage");
        assertNull(r.lastModified());
    }

    @Test
    void lastModifiedNullRemovesTheField() {
        Response r = new Response(200).lastModified(Instant.EPOCH).lastModified(null);
        assertFalse(r.headers().contains("Last-Modified"));
    }

    // ---- ETag -----------------------------------------------------------------------------------

    @Test
    void aStrongEtagIsQuoted() {
        Response r = new Response(200).etag("abc");
        assertEquals("\"abc\"", r.headers().get("ETag"));
        assertEquals(ETag.strong("abc"), r.etag());
    }

    @Test
    void aWeakEtagHasTheWPrefix() {
        Response r = new Response(200).etag("abc", true);
        assertEquals("W/\"abc\"", r.headers().get("ETag"));
        assertEquals(new ETag("abc", true), r.etag());
    }

    @Test
    void theAnyEtagIsWrittenBareEvenWhenWeak() {
        Response r = new Response(200).etag("*", true);
        assertEquals("*", r.headers().get("ETag"));
        assertEquals(ETag.strong("*"), r.etag());
    }

    @Test
    void anEtagWithADoubleQuoteIsRefusedAsInAiohttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Response(200).etag("a\"b"));
        assertTrue(e.getMessage().contains("holds a double quote at 1"), e.getMessage());
    }

    @Test
    void anEtagWithASpaceATildeAControlCharacterOrNothingIsRefused() {
        Response r = new Response(200);
        for (String bad : new String[] {"a b", "a~", "\u007f", "", "\u20ac"}) {
            assertThrows(IllegalArgumentException.class, () -> r.etag(bad), bad);
        }
        assertFalse(r.headers().contains("ETag"));
    }

    @Test
    void anEtagMayHoldLatin1Characters() {
        assertEquals("\"\u00e9\"", new Response(200).etag("\u00e9").headers().get("ETag"));
    }

    @Test
    void etagIsNullForAFieldThatIsNotOneTag() {
        Response r = new Response(200).header("ETag", "garbage");
        assertNull(r.etag());
        r.header("ETag", "W/\"x\"");
        assertEquals(ETag.weak("x"), r.etag());
    }

    @Test
    void etagNullRemovesTheField() {
        Response r = new Response(200).etag("abc").etag(null);
        assertFalse(r.headers().contains("ETag"));
        assertNull(r.etag());
    }

    // ---- Content-Length -------------------------------------------------------------------------

    @Test
    void aResponsesContentLengthIsItsBodys() {
        assertEquals(3, Response.text("abc").contentLength());
    }

    @Test
    void aStreamResponseHasNoContentLengthUntilOneIsDeclared() {
        StreamResponse r = new StreamResponse();
        assertEquals(-1, r.contentLength());
        assertEquals(5, r.contentLength(5).contentLength());
    }

    // ---- on the wire ----------------------------------------------------------------------------

    @Test
    void theFieldsSetGoOutWithTheResponse() throws Exception {
        Reply r = ask(req -> Response.text("x").contentType("text/html").charset("ISO-8859-1")
                .lastModified(Instant.EPOCH).etag("v1", true), RawHttp.get("/x"));
        assertEquals("text/html; charset=iso-8859-1", r.header("Content-Type"));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", r.header("Last-Modified"));
        assertEquals("W/\"v1\"", r.header("ETag"));
        assertEquals("1", r.header("Content-Length"));
    }

    @Test
    void aStreamResponseSendsTheFieldsSetBeforePrepare() throws Exception {
        Reply r = ask(req -> {
            StreamResponse s = new StreamResponse();
            s.contentLength(4).contentType("text/csv").charset("utf-8").etag("t"); // RawHttp reads a sized body
            s.prepare(req);
            s.write("a,b\n");
            return s;
        }, RawHttp.get("/x"));
        assertEquals("text/csv; charset=utf-8", r.header("Content-Type"));
        assertEquals("\"t\"", r.header("ETag"));
        assertEquals("a,b\n", r.text());
    }
}
