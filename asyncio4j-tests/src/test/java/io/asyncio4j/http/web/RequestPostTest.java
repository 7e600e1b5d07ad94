package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static io.asyncio4j.http.web.Served.ask;
import static io.asyncio4j.http.web.Served.askText;
import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request.post(): posted forms, url-encoded and multipart (aiohttp's await request.post()). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestPostTest {
    private static final String BOUNDARY = "----asyncio4jBoundary7MA4YWxk";


    /** UTF-8 text as the ISO-8859-1 string RawHttp sends byte for byte. */
    private static String wire(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String multipart(String body) {
        return RawHttp.withBody("POST", "/form", "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n",
                body);
    }

    private static String part(String disposition, String contentType, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; " + disposition + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n" + content + "\r\n";
    }

    private static final String END = "--" + BOUNDARY + "--\r\n";

    @Test
    void aUrlEncodedFormGivesItsFieldsInOrderDecoded() throws Exception {
        assertEquals("<FormData(a: '1', b c: 'x y', a: '3', é: 'ü', flag: '', s: '1 + 1')>|1|[1, 3]|null",
                askText(r -> {
                    FormData f = r.post();
                    return Response.text(f + "|" + f.get("a") + "|" + f.getAll("a") + "|" + f.get("zz"));
                }, RawHttp.withBody("POST", "/form", "Content-Type: application/x-www-form-urlencoded\r\n",
                        "a=1&b+c=x+y&a=3&%C3%A9=%C3%BC&flag&s=1+%2B+1")));
    }

    @Test
    void aMultipartFormGivesTextFieldsAndFiles() throws Exception {
        String body = part("name=\"title\"", null, wire("Grüße"))
                + part("name=\"upload\"; filename=\"notes.txt\"", "text/plain", "line 1\r\n--not a boundary\r\nline 3")
                + part("name=\"title\"", null, "second")
                + END;
        assertEquals("Grüße|[Grüße, second]|notes.txt|text/plain|line 1\r\n--not a boundary\r\nline 3|upload|[title, upload]",
                askText(r -> {
                    FormData f = r.post();
                    FileField up = f.file("upload");
                    return Response.text(f.get("title") + "|" + f.getAll("title") + "|" + up.filename() + "|"
                            + up.contentType() + "|" + new String(up.content(), StandardCharsets.UTF_8) + "|"
                            + up.name() + "|" + f.names());
                }, multipart(body)));
    }

    @Test
    void aFilesBytesArriveAsSentBinaryIncluded() throws Exception {
        String binary = "\u0000\u00ff\r\n\u0080x";
        String body = part("name=\"f\"; filename=\"b.bin\"", "application/octet-stream", binary) + END;
        assertEquals("[0, -1, 13, 10, -128, 120]", askText(r -> Response.text(
                java.util.Arrays.toString(r.post().file("f").content())), multipart(body)));
    }

    @Test
    void aPreambleAndAnEpilogueAreIgnored() throws Exception {
        String body = "This is a preamble.\r\n" + part("name=\"a\"", null, "1") + END + "an epilogue";
        assertEquals("<FormData(a: '1')>", askText(r -> Response.text(r.post().toString()), multipart(body)));
    }

    @Test
    void aTextPartIsDecodedWithItsOwnCharset() throws Exception {
        String body = part("name=\"a\"", "text/plain; charset=iso-8859-1", "caf\u00e9") + END;
        assertEquals("café", askText(r -> Response.text(r.post().get("a")), multipart(body)));
    }

    @Test
    void aQuotedFilenameMayHoldSemicolonsAndEscapedQuotes() throws Exception {
        String body = part("name=\"f\"; filename=\"a;b \\\"c\\\".txt\"", "text/plain", "x") + END;
        assertEquals("a;b \"c\".txt", askText(r -> Response.text(r.post().file("f").filename()), multipart(body)));
    }

    @Test
    void aFileInputLeftEmptyIsATextFieldAsInAiohttp() throws Exception {
        // a browser sends filename="" for a file input with no file chosen; aiohttp's `if field.filename`
        String body = part("name=\"f\"; filename=\"\"", "application/octet-stream", "") + END;
        assertEquals("|null", askText(r -> Response.text(r.post().get("f") + "|" + r.post().file("f")), multipart(body)));
    }

    @Test
    void anotherContentTypeGivesAnEmptyForm() throws Exception {
        assertEquals("true", askText(r -> Response.text(String.valueOf(r.post().isEmpty())),
                RawHttp.withBody("POST", "/form", "Content-Type: application/json\r\n", "{\"a\": 1}")));
    }

    @Test
    void aMultipartBodyWithoutABoundaryAnswers400() throws Exception {
        Reply r = ask(req -> Response.text(req.post().toString()),
                RawHttp.withBody("POST", "/form", "Content-Type: multipart/form-data\r\n", "x"));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("boundary"), r.text());
    }

    @Test
    void aMultipartBodyCutShortAnswers400() throws Exception {
        Reply r = ask(req -> Response.text(req.post().toString()),
                multipart("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished"));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("the body ends inside a part"), r.text());
    }

    @Test
    void aPartWithoutAContentDispositionAnswers400() throws Exception {
        Reply r = ask(req -> Response.text(req.post().toString()),
                multipart("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n" + END));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("Content-Disposition"), r.text());
    }

    @Test
    void aFormTheClientSendsWithWithFormArrivesAsItsFields() throws Exception {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("name", "Ada Lovelace");
        fields.put("tags", java.util.List.of("math", "a&b=c"));
        fields.put("é", "ü +1");
        try (Served s = Served.routes(Web.post("/f", r -> Response.text(r.post() + "|" + r.contentType())));
             io.asyncio4j.http.client.ClientSession session = new io.asyncio4j.http.client.ClientSession();
             io.asyncio4j.http.client.ClientResponse resp = session.post("http://127.0.0.1:" + s.port() + "/f",
                     io.asyncio4j.http.client.RequestOptions.defaults().withForm(fields))) {
            assertEquals("<FormData(name: 'Ada Lovelace', tags: 'math', tags: 'a&b=c', é: 'ü +1')>"
                    + "|application/x-www-form-urlencoded", resp.text());
        }
    }

    @Test
    void aFormOverTheApplicationsBodyLimitAnswers413() throws Exception {
        Application app = new Application().clientMaxSize(16);
        app.addRoutes(route("*", "/{path:.*}", r -> Response.text(r.post().toString())));
        try (Served s = Served.start(app)) {
            Reply r = s.request(RawHttp.withBody("POST", "/form", "Content-Type: application/x-www-form-urlencoded\r\n",
                    "a=" + "x".repeat(100)));
            assertEquals(413, r.status());
        }
    }
}
