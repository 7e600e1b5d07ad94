package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Served.askText;
import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request.post() of a multipart form against the application's clientMaxSize, and the parts it
 * takes, as aiohttp 3.8.4's post() (client_max_size=100; the results quoted are its handler's).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestPostMultipartLimitTest {
    private static final String B = "XyZ";
    private static final String CD = "Content-Disposition: form-data; ";

    private static String multipart(String method, String body) {
        return RawHttp.withBody(method, "/form", "Content-Type: multipart/form-data; boundary=" + B + "\r\n", body);
    }

    private static String part(String disposition, String content) {
        return "--" + B + "\r\n" + disposition + "\r\n\r\n" + content + "\r\n";
    }

    private static String form(String... parts) {
        return String.join("", parts) + "--" + B + "--\r\n";
    }

    private static Reply post(String body) throws Exception {
        return post("POST", body);
    }

    private static Reply post(String method, String body) throws Exception {
        Application app = new Application().clientMaxSize(100);
        app.addRoutes(route("*", "/{path:.*}", r -> Response.text(r.post().toString())));
        try (Served s = Served.start(app)) {
            return s.request(multipart(method, body));
        }
    }

    @Test
    void aTextFieldOfExactlyClientMaxSizeIsTaken() throws Exception {
        // aiohttp: 'field exactly max' -> 200 a=x*100 (0 < max_size < size is false)
        Reply r = post(form(part(CD + "name=\"a\"", "x".repeat(100))));
        assertEquals(200, r.status(), r.text());
        assertEquals("<FormData(a: '" + "x".repeat(100) + "')>", r.text());
    }

    @Test
    void aTextFieldOneByteOverClientMaxSizeAnswers413WithItsSize() throws Exception {
        // aiohttp: 413 "Maximum request body size 100 exceeded, actual body size 101"
        Reply r = post(form(part(CD + "name=\"a\"", "x".repeat(101))));
        assertEquals(413, r.status());
        assertEquals("Maximum request body size 100 exceeded, actual body size 101", r.text());
    }

    @Test
    void aFileOfExactlyClientMaxSizeIsTaken() throws Exception {
        Reply r = post(form(part(CD + "name=\"f\"; filename=\"a\"", "x".repeat(100))));
        assertEquals(200, r.status(), r.text());
        assertTrue(r.text().startsWith("<FormData(f: "), r.text());
    }

    @Test
    void aFileOneByteOverClientMaxSizeAnswers413WithItsSize() throws Exception {
        Reply r = post(form(part(CD + "name=\"f\"; filename=\"a\"", "x".repeat(101))));
        assertEquals(413, r.status());
        assertEquals("Maximum request body size 100 exceeded, actual body size 101", r.text());
    }

    @Test
    void aFormLargerThanClientMaxSizeWhoseFieldsAreEachUnderItIsTaken() throws Exception {
        // aiohttp counts each field on its own: 'total over max fields under' -> 200 a=x*60, b=y*60
        Reply r = post(form(part(CD + "name=\"a\"", "x".repeat(60)), part(CD + "name=\"b\"", "y".repeat(60))));
        assertEquals(200, r.status(), r.text());
        assertEquals("<FormData(a: '" + "x".repeat(60) + "', b: '" + "y".repeat(60) + "')>", r.text());
    }

    @Test
    void aPartWithAnotherDispositionTypeButANameIsAField() throws Exception {
        // aiohttp takes part.name whatever the type: 'CD attachment' -> 200 a=x
        assertEquals("<FormData(a: 'x')>", post(form(part("Content-Disposition: attachment; name=\"a\"", "x"))).text());
    }

    @Test
    void anExtendedFilenameIsDecodedInAPostedForm() throws Exception {
        // aiohttp: filename*=utf-8''my%20file%20%C3%BC.bin -> FileField filename 'my file ü.bin'
        assertEquals("my file \u00fc.bin", askText(r -> Response.text(r.post().file("f").filename()),
                multipart("POST", form(part(CD + "name=\"f\"; filename*=utf-8''my%20file%20%C3%BC.bin", "d")))));
    }

    @Test
    void aGetWithAFormBodyGivesAnEmptyForm() throws Exception {
        // aiohttp: a method not in POST_METHODS -> an empty MultiDict, the body not read
        assertEquals("<FormData()>", post("GET", form(part(CD + "name=\"a\"", "x"))).text());
    }

    @Test
    void postIsParsedOnceAndReturnsTheSameFormAgain() throws Exception {
        assertEquals("true|<FormData(a: 'x')>", askText(r -> {
            FormData first = r.post();
            assertSame(first, r.post());
            return Response.text((first == r.post()) + "|" + first);
        }, multipart("POST", form(part(CD + "name=\"a\"", "x")))));
    }

    @Test
    void aFormReadWholeByReadFirstIsParsedFromThoseBytes() throws Exception {
        assertEquals("<FormData(a: 'x')>", askText(r -> {
            r.read();
            return Response.text(r.post().toString());
        }, multipart("POST", form(part(CD + "name=\"a\"", "x")))));
    }

    @Test
    void aFormReadWholeFirstTakesTheSamePartsAsOneReadPartByPart() throws Exception {
        assertEquals("<FormData(a: 'x', e: '')>", askText(r -> {
            r.read();
            return Response.text(r.post().toString());
        }, multipart("POST", form(part("Content-Disposition: attachment; name=\"a\"", "x"),
                part(CD + "name=\"e\"; filename=\"\"", "")))));
    }

    @Test
    void aPartWithoutANameAnswers400NotAiohttps500() throws Exception {
        // aiohttp: `assert field.name is not None` -> AssertionError -> 500
        Reply r = post(form(part("Content-Type: text/plain", "x")));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("a part without a name"), r.text());
    }
}
