package io.asyncio4j.http.web;

import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static io.asyncio4j.http.web.Served.ask;
import static io.asyncio4j.http.web.Served.askText;
import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a handler sees of a request: path, query, fields, body (aiohttp's web.Request). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestTest {


    @Test
    void theQueryIsAMultimapOfDecodedNamesAndValues() throws Exception {
        assertEquals("{a=[1, 3], b c=[x y], é=[ü], flag=[], e=[], s=[1 + 1], eq=[a=b]}|1|null",
                askText(r -> Response.text(r.query() + "|" + r.query("a") + "|" + r.query("zz")),
                        RawHttp.get("/q?a=1&b+c=x+y&a=3&%C3%A9=%C3%BC&flag&&e=&s=1+%2B+1&eq=a=b")));
    }

    @Test
    void theQueryStringIsDecodedAsYarlDoesAndTheRawOneIsAsSent() throws Exception {
        // aiohttp 3.8.4 (yarl 1.8.2), a handler answering request.query_string:
        //   GET /p?x=1+2&y=%41 -> 'x=1 2&y=A'   (this test's case; was kept as sent here before)
        assertEquals("x=1 2&y=A|x=1+2&y=%41|/p", askText(r -> Response.text(r.queryString() + "|"
                + r.rawQueryString() + "|" + r.path()), RawHttp.get("/p?x=1+2&y=%41")));
    }

    @Test
    void theQueryStringKeepsEscapedSeparatorsAndEscapesThatAreNotUtf8() throws Exception {
        // aiohttp 3.8.4 against a raw socket client, a handler answering request.query_string:
        //   GET /p?a=%20b&c=d%26e&f=%zz+x   -> qs='a= b&c=d%26e&f=%zz x'
        //   GET /p?x=%C3%A9&y=%ff           -> qs='x=é&y=%ff'
        // and yarl's URL('/p?' + q, encoded=True).query_string (the same unquoter):
        //   'a=%2b%3d%26%3b%2F%25&b=+' -> 'a=%2B%3D%26%3B/%&b= '
        //   'x=%C3%A9&y=%ff&z=%C3'     -> 'x=é&y=%ff&z=%C3'
        //   'x=%C3%zz' -> 'x=%C3%zz'    'x=%e2%82' -> 'x=%e2%82'    '%E2%82%AC%' -> '€%'
        //   'a=%2' -> 'a=%2'    'a=%7e%41' -> 'a=~A'    'a=%C3+%A9' -> 'a=%C3 %A9'
        //   'a=%80' -> 'a=%80'  'a=%F0%9F%98%80' -> 'a=😀'
        String[][] cases = {
            {"a=%20b&c=d%26e&f=%zz+x", "a= b&c=d%26e&f=%zz x"},
            {"x=%C3%A9&y=%ff", "x=\u00e9&y=%ff"},
            {"a=%2b%3d%26%3b%2F%25&b=+", "a=%2B%3D%26%3B/%&b= "},
            {"x=%C3%A9&y=%ff&z=%C3", "x=\u00e9&y=%ff&z=%C3"},
            {"x=%C3%zz", "x=%C3%zz"},
            {"x=%e2%82", "x=%e2%82"},
            {"%E2%82%AC%", "\u20ac%"},
            {"a=%2", "a=%2"},
            {"a=%7e%41", "a=~A"},
            {"a=%C3+%A9", "a=%C3 %A9"},
            {"a=%80", "a=%80"},
            {"a=%F0%9F%98%80", "a=\ud83d\ude00"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], askText(r -> Response.text(r.queryString()), RawHttp.get("/p?" + c[0])), c[0]);
        }
    }

    @Test
    void noQueryIsAnEmptyQuery() throws Exception {
        assertEquals("{}||null", askText(r -> Response.text(r.query() + "|" + r.queryString() + "|" + r.query("a")),
                RawHttp.get("/p")));
    }

    @Test
    void thePathIsPercentDecodedAndTheRawPathIsAsSent() throws Exception {
        assertEquals("/a b/é/%/1+1|/a%20b/%C3%A9/%25/1+1|/a%20b/%C3%A9/%25/1+1?k=v",
                askText(r -> Response.text(r.path() + "|" + r.rawPath() + "|" + r.target()),
                        RawHttp.get("/a%20b/%C3%A9/%25/1+1?k=v")));
        assertEquals("/1+1", askText(r -> Response.text(r.path()), RawHttp.get("/1+1")), "+ is no space in a path");
    }

    @Test
    void anAbsoluteFormTargetGivesThePathAfterTheAuthority() throws Exception {
        assertEquals("/x/y|q=1", askText(r -> Response.text(r.path() + "|" + r.queryString()),
                RawHttp.get("http://example.com:8080/x/y?q=1")));
        assertEquals("/", askText(r -> Response.text(r.path()), RawHttp.get("http://example.com")));
    }

    @Test
    void aBadPercentEscapeInThePathIsKeptAsSentAndBadUtf8BecomesAReplacementCharacter() throws Exception {
        // aiohttp (yarl): GET /path/%ZZ is served, with the escape as it came
        for (String[] c : new String[][] {{"/a%zz", "/a%zz"}, {"/a%2", "/a%2"}, {"/a%", "/a%"},
                {"/a%ff", "/a\ufffd"}, {"/a%C3%A9", "/a\u00e9"}}) {
            assertEquals(c[1], askText(r -> Response.text(r.path()), RawHttp.get(c[0])), c[0]);
        }
    }

    @Test
    void queryItemsKeepTheOrderTheParametersWereSentIn() throws Exception {
        // aiohttp: list(request.query.items()) for ?a=1&b=2&a=3 is [('a','1'), ('b','2'), ('a','3')]
        assertEquals("[a=1, b=2, a=3]|{a=[1, 3], b=[2]}", askText(r -> Response.text(r.queryItems() + "|" + r.query()),
                RawHttp.get("/p?a=1&b=2&a=3")));
    }

    @Test
    void aBadPercentEscapeInTheQueryIsKeptAsSent() throws Exception {
        assertEquals("{a=[%G0], b=[\ufffd]}", askText(r0 -> Response.text(String.valueOf(r0.query())),
                RawHttp.get("/p?a=%G0&b=%E2%82")));
        assertEquals("a=%G0", askText(r0 -> Response.text(r0.rawQueryString()), RawHttp.get("/p?a=%G0")),
                "the raw query string is still there for a handler that wants it");
    }

    @Test
    void headerFieldsAreLookedUpWithoutRegardToCase() throws Exception {
        assertEquals("v1|[a, b]|test|null", askText(r -> Response.text(r.headers().get("x-one") + "|"
                        + r.headers().getAll("X-MULTI") + "|" + r.host() + "|" + r.headers().get("X-None")),
                "GET / HTTP/1.1\r\nHost: test\r\nX-One: v1\r\nX-Multi: a\r\nx-multi: b\r\n\r\n"));
    }

    @Test
    void methodVersionRemoteAndAppAreTheRequests() throws Exception {
        Application[] seen = new Application[1];
        Reply r = ask(req -> {
            seen[0] = req.app();
            return Response.text(req.method() + " " + req.version() + " " + req.remote() + " " + req.keepAlive());
        }, "PATCH /x HTTP/1.0\r\nContent-Length: 0\r\n\r\n");
        assertEquals("PATCH HTTP/1.0 127.0.0.1 false", r.text());
        assertTrue(seen[0] != null && seen[0].isFrozen());
    }

    @Test
    void aBodyFramedByContentLengthIsReadWhole() throws Exception {
        Handler echo = r -> Response.text(r.hasBody() + " " + r.contentLength() + " " + r.contentType() + " "
                + new String(r.read(), StandardCharsets.UTF_8) + " " + r.read().length);
        assertEquals("true 11 application/x-thing hello world 11",
                askText(echo, RawHttp.withBody("POST", "/e", "Content-Type: Application/X-Thing; a=b\r\n",
                        "hello world")));
    }

    @Test
    void noBodyReadsAsEmpty() throws Exception {
        Handler h = r -> Response.text(r.hasBody() + " " + r.contentLength() + " " + r.read().length + " "
                + r.contentType() + " " + r.charset());
        assertEquals("false -1 0 application/octet-stream null", askText(h, RawHttp.get("/")));
        assertEquals("false 0 0 application/octet-stream null",
                askText(h, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void aChunkedBodyIsReadWholeWithItsChunksJoined() throws Exception {
        assertEquals("true -1 hello, world", askText(r -> Response.text(r.hasBody() + " " + r.contentLength() + " "
                        + r.text()),
                "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n2;ext=1\r\n, \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n"));
    }

    @Test
    void textDecodesTheBodyWithTheContentTypesCharset() throws Exception {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        Handler h = r -> Response.text(r.charset() + ":" + r.text());
        assertEquals("ISO-8859-1:caf\u00e9", askText(h, withBytes("text/plain; charset=\"ISO-8859-1\"", latin1)));
        assertEquals("null:caf\u00e9", askText(h, withBytes("text/plain", utf8)), "UTF-8 when no charset is named");
    }

    @Test
    void pythonsSpellingsOfACharsetAreKnownToo() throws Exception {
        // aiohttp decodes with Python's codecs, which take latin-1, latin_1, utf_8...
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        Handler h = r -> Response.text(r.text());
        assertEquals("caf\u00e9", askText(h, withBytes("text/plain; charset=latin-1", latin1)));
        assertEquals("caf\u00e9", askText(h, withBytes("text/plain; charset=latin_1", latin1)));
        assertEquals("caf\u00e9", askText(h, withBytes("text/plain; charset=utf_8",
                "caf\u00e9".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anUnknownCharsetAnswers400() throws Exception {
        Reply r = ask(req -> Response.text(req.text()), withBytes("text/plain; charset=klingon", new byte[] {'a'}));
        assertEquals(400, r.status());
        assertEquals("Unknown charset \"klingon\" in Content-Type", r.text());
    }

    private static String withBytes(String contentType, byte[] body) {
        return RawHttp.withBody("POST", "/t", "Content-Type: " + contentType + "\r\n",
                new String(body, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBodyOverClientMaxSizeAnswers413AndTheConnectionGoesOn() throws Exception {
        // aiohttp 3.8.4, client_max_size=10, raw socket: POST with 11 bytes -> 413 without
        // "Connection: close", and the connection stays open (it was closed here before)
        Application app = new Application().clientMaxSize(10)
                .addRoutes(post("/e", r -> Response.bytes(r.read(), "application/octet-stream")));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            assertEquals("012345678", c.exchange(RawHttp.withBody("POST", "/e", "", "012345678")).text(),
                    "one byte under the limit is fine");
            Reply r = c.exchange(RawHttp.withBody("POST", "/e", "", "0123456789A"));
            assertEquals(413, r.status());
            assertEquals("Request Entity Too Large", r.reason());
            assertEquals("Maximum request body size 10 exceeded, actual body size 11", r.text()); // aiohttp's text
            assertNull(r.header("Connection"));
            assertEquals("abc", c.exchange(RawHttp.withBody("POST", "/e", "", "abc")).text());
        }
    }

    @Test
    void aBodyOfExactlyClientMaxSizeAnswers413() throws Exception {
        // aiohttp 3.8.4, web.Application(client_max_size=10), a handler returning await request.read():
        //   POST with Content-Length: 9  -> 200
        //   POST with Content-Length: 10 -> 413 Request Entity Too Large,
        //        "Maximum request body size 10 exceeded, actual body size 10"
        // (web_request.py read(): "if body_size >= self._client_max_size")
        Application app = new Application().clientMaxSize(10)
                .addRoutes(post("/e", r -> Response.bytes(r.read(), "application/octet-stream")));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            Reply r = c.exchange(RawHttp.withBody("POST", "/e", "", "0123456789"));
            assertEquals("413 Request Entity Too Large", r.status() + " " + r.reason());
            assertEquals("Maximum request body size 10 exceeded, actual body size 10", r.text());
        }
    }

    @Test
    void aClientMaxSizeOfZeroBoundsNothing() throws Exception {
        // aiohttp 3.8.4 read(): "if self._client_max_size:" -- 0 skips the check
        Application app = new Application().clientMaxSize(0)
                .addRoutes(post("/e", r -> Response.text("n=" + r.read().length)));
        try (Served s = Served.start(app)) {
            assertEquals("n=5000", s.request(RawHttp.withBody("POST", "/e", "", "x".repeat(5000))).text());
        }
    }

    @Test
    void aSecondReadAfterAFailedOneFailsTheSameWay() throws Exception {
        Application app = new Application().clientMaxSize(2).addRoutes(post("/e", r -> {
            try {
                r.read();
            } catch (HttpException first) {
                return Response.text("again " + r.read().length); // the handler insists
            }
            return Response.text("unreachable");
        }));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            Reply r = c.exchange(RawHttp.withBody("POST", "/e", "", "too long"));
            assertEquals(413, r.status(), "the body is still too large, not lost");
        }
    }

    @Test
    void aClientSendingFarMoreThanClientMaxSizeReadsThe413AndTheNextResponse() throws Exception {
        // the server stops reading at the limit, answers, then skips the rest (within its lingering
        // time) and serves the next request, as aiohttp 3.8.4 does; a raw socket client sending
        // 8 MiB to client_max_size=10, then GET /next on the same connection, gets
        //   HTTP/1.1 413 Request Entity Too Large ... Maximum request body size 10 exceeded, actual
        //   body size 128000 | HTTP/1.1 200 OK ... path='/next' ... (connection open)
        Application app = new Application().clientMaxSize(1024).addRoutes(post("/e", r -> Response.text("n=" + r.read().length)),
                Web.get("/next", r -> Response.text("next")));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            int n = 8 * 1024 * 1024;
            c.send("POST /e HTTP/1.1\r\nContent-Length: " + n + "\r\n\r\n");
            c.send(new byte[n]);
            c.send("GET /next HTTP/1.1\r\n\r\n");
            Reply r = c.read();
            assertEquals(413, r.status());
            assertNull(r.header("Connection"));
            assertEquals("next", c.read().text());
        }
    }

    @Test
    void aChunkedBodyOverClientMaxSizeAnswers413AndTheConnectionGoesOn() throws Exception {
        // aiohttp 3.8.4, client_max_size=10, chunked "A\r\n0123456789\r\n0\r\n\r\n" -> 413, open
        Application app = new Application().clientMaxSize(4).addRoutes(post("/e", r -> Response.text(r.text())));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            Reply r = c.exchange("POST /e HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n");
            assertEquals(413, r.status());
            assertNull(r.header("Connection"));
            assertEquals("ab", c.exchange(RawHttp.withBody("POST", "/e", "", "ab")).text());
        }
    }

    @Test
    void expect100ContinueGetsTheInterimResponseBeforeTheBodyIsSent() throws Exception {
        try (Served s = Served.routes(post("/e", r -> Response.text("got " + r.text())))) {
            try (RawHttp c = s.connect()) {
                c.send("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
                Reply interim = c.read();
                assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim.headText(), "the interim response, exactly");
                c.send("abc");
                assertEquals("got abc", c.read().text());
            }
        }
    }

    @Test
    void anExpectationOtherThan100ContinueAnswers417() throws Exception {
        // aiohttp: HTTPExpectationFailed(text="Unknown Expect: ...")
        try (Served s = Served.routes(post("/e", r -> Response.text("got " + r.text())))) {
            Reply r = s.request("POST /e HTTP/1.1\r\nExpect: 200-ok\r\nContent-Length: 3\r\n\r\nabc");
            assertEquals(417, r.status());
            assertEquals("Unknown Expect: 200-ok", r.text());
        }
    }

    @Test
    void expect100ContinueOnARequestWithoutBodyOrOnHttp10GetsNoInterimResponse() throws Exception {
        try (Served s = Served.routes(route("*", "/e", r -> Response.text("final")))) {
            List<Integer> statuses = new ArrayList<>();
            for (String req : List.of("GET /e HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
                    "POST /e HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx")) {
                statuses.add(s.request(req).status());
            }
            assertEquals(List.of(200, 200), statuses);
        }
    }

    @Test
    void contentTypeAndCharsetComeFromTheContentTypeFieldInAnyCase() throws Exception {
        assertEquals("text/html|utf-8", askText(r -> Response.text(r.contentType() + "|" + r.charset()),
                "GET / HTTP/1.1\r\nContent-Type: TEXT/HTML ; Charset=utf-8\r\n\r\n"));
    }

    @Test
    void theVersionOfAnHttp11RequestIsHttp11AndKeepsAlive() throws Exception {
        assertEquals(HttpVersion.HTTP_1_1 + " true",
                askText(r -> Response.text(r.version() + " " + r.keepAlive()), RawHttp.get("/")));
    }
}
