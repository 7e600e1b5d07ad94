package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * aiohttp's typed HTTP exceptions (web_exceptions.py): every class answers as aiohttp's does,
 * and sits in aiohttp's categories.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class HttpExceptionFamilyTest {
    private static final List<Class<?>> CATEGORIES = List.of(HttpSuccessful.class, HttpRedirection.class,
            HttpMove.class, HttpError.class, HttpClientError.class, HttpServerError.class);

    /** One class: an instance, its category, and what aiohttp 3.8 sends for it. */
    private record Row(HttpException exception, Class<?> category, String statusLine, String body,
                       String field, String value) {
    }

    private static Row row(HttpException e, Class<?> category, String statusLine, String body) {
        return new Row(e, category, statusLine, body, null, null);
    }

    private static Row row(HttpException e, Class<?> category, String statusLine, String body, String field,
                           String value) {
        return new Row(e, category, statusLine, body, field, value);
    }

    /**
     * Every concrete class of aiohttp 3.8's web_exceptions.py, raised from an aiohttp handler
     * (redirects to "/there?a=b c", HTTPMethodNotAllowed("get", ["POST", "PUT", "DELETE"]),
     * HTTPRequestEntityTooLarge(10, 11), HTTPUnavailableForLegalReasons("http://x/why")); the
     * status lines, bodies and fields are what that server sent.
     */
    private static List<Row> table() {
        return List.of(
                row(new HttpOk(), HttpSuccessful.class, "200 OK", "200: OK"),
                row(new HttpCreated(), HttpSuccessful.class, "201 Created", "201: Created"),
                row(new HttpAccepted(), HttpSuccessful.class, "202 Accepted", "202: Accepted"),
                row(new HttpNonAuthoritativeInformation(), HttpSuccessful.class,
                        "203 Non-Authoritative Information", "203: Non-Authoritative Information"),
                row(new HttpNoContent(), HttpSuccessful.class, "204 No Content", ""),
                row(new HttpResetContent(), HttpSuccessful.class, "205 Reset Content", ""),
                row(new HttpPartialContent(), HttpSuccessful.class, "206 Partial Content", "206: Partial Content"),
                row(new HttpMultipleChoices("/there?a=b c"), HttpMove.class,
                        "300 Multiple Choices", "300: Multiple Choices", "Location", "/there?a=b+c"),
                row(new HttpMovedPermanently("/there?a=b c"), HttpMove.class,
                        "301 Moved Permanently", "301: Moved Permanently", "Location", "/there?a=b+c"),
                row(new HttpFound("/there?a=b c"), HttpMove.class,
                        "302 Found", "302: Found", "Location", "/there?a=b+c"),
                row(new HttpSeeOther("/there?a=b c"), HttpMove.class,
                        "303 See Other", "303: See Other", "Location", "/there?a=b+c"),
                row(new HttpNotModified(), HttpRedirection.class, "304 Not Modified", ""),
                row(new HttpUseProxy("/there?a=b c"), HttpMove.class,
                        "305 Use Proxy", "305: Use Proxy", "Location", "/there?a=b+c"),
                row(new HttpTemporaryRedirect("/there?a=b c"), HttpMove.class,
                        "307 Temporary Redirect", "307: Temporary Redirect", "Location", "/there?a=b+c"),
                row(new HttpPermanentRedirect("/there?a=b c"), HttpMove.class,
                        "308 Permanent Redirect", "308: Permanent Redirect", "Location", "/there?a=b+c"),
                row(new HttpBadRequest(), HttpClientError.class, "400 Bad Request", "400: Bad Request"),
                row(new HttpUnauthorized(), HttpClientError.class, "401 Unauthorized", "401: Unauthorized"),
                row(new HttpPaymentRequired(), HttpClientError.class, "402 Payment Required", "402: Payment Required"),
                row(new HttpForbidden(), HttpClientError.class, "403 Forbidden", "403: Forbidden"),
                row(new HttpNotFound(), HttpClientError.class, "404 Not Found", "404: Not Found"),
                row(new HttpMethodNotAllowed("get", List.of("POST", "PUT", "DELETE")), HttpClientError.class,
                        "405 Method Not Allowed", "405: Method Not Allowed", "Allow", "DELETE,POST,PUT"),
                row(new HttpNotAcceptable(), HttpClientError.class, "406 Not Acceptable", "406: Not Acceptable"),
                row(new HttpProxyAuthenticationRequired(), HttpClientError.class,
                        "407 Proxy Authentication Required", "407: Proxy Authentication Required"),
                row(new HttpRequestTimeout(), HttpClientError.class, "408 Request Timeout", "408: Request Timeout"),
                row(new HttpConflict(), HttpClientError.class, "409 Conflict", "409: Conflict"),
                row(new HttpGone(), HttpClientError.class, "410 Gone", "410: Gone"),
                row(new HttpLengthRequired(), HttpClientError.class, "411 Length Required", "411: Length Required"),
                row(new HttpPreconditionFailed(), HttpClientError.class,
                        "412 Precondition Failed", "412: Precondition Failed"),
                row(new HttpRequestEntityTooLarge(10, 11), HttpClientError.class,
                        "413 Request Entity Too Large", "Maximum request body size 10 exceeded, actual body size 11"),
                row(new HttpRequestUriTooLong(), HttpClientError.class,
                        "414 Request-URI Too Long", "414: Request-URI Too Long"),
                row(new HttpUnsupportedMediaType(), HttpClientError.class,
                        "415 Unsupported Media Type", "415: Unsupported Media Type"),
                row(new HttpRequestRangeNotSatisfiable(), HttpClientError.class,
                        "416 Requested Range Not Satisfiable", "416: Requested Range Not Satisfiable"),
                row(new HttpExpectationFailed(), HttpClientError.class,
                        "417 Expectation Failed", "417: Expectation Failed"),
                row(new HttpMisdirectedRequest(), HttpClientError.class,
                        "421 Misdirected Request", "421: Misdirected Request"),
                row(new HttpUnprocessableEntity(), HttpClientError.class,
                        "422 Unprocessable Entity", "422: Unprocessable Entity"),
                row(new HttpFailedDependency(), HttpClientError.class,
                        "424 Failed Dependency", "424: Failed Dependency"),
                row(new HttpUpgradeRequired(), HttpClientError.class, "426 Upgrade Required", "426: Upgrade Required"),
                row(new HttpPreconditionRequired(), HttpClientError.class,
                        "428 Precondition Required", "428: Precondition Required"),
                row(new HttpTooManyRequests(), HttpClientError.class,
                        "429 Too Many Requests", "429: Too Many Requests"),
                row(new HttpRequestHeaderFieldsTooLarge(), HttpClientError.class,
                        "431 Request Header Fields Too Large", "431: Request Header Fields Too Large"),
                row(new HttpUnavailableForLegalReasons("http://x/why"), HttpClientError.class,
                        "451 Unavailable For Legal Reasons", "451: Unavailable For Legal Reasons",
                        "Link", "<http://x/why>; rel=\"blocked-by\""),
                row(new HttpInternalServerError(), HttpServerError.class,
                        "500 Internal Server Error", "500: Internal Server Error"),
                row(new HttpNotImplemented(), HttpServerError.class, "501 Not Implemented", "501: Not Implemented"),
                row(new HttpBadGateway(), HttpServerError.class, "502 Bad Gateway", "502: Bad Gateway"),
                row(new HttpServiceUnavailable(), HttpServerError.class,
                        "503 Service Unavailable", "503: Service Unavailable"),
                row(new HttpGatewayTimeout(), HttpServerError.class, "504 Gateway Timeout", "504: Gateway Timeout"),
                row(new HttpVersionNotSupported(), HttpServerError.class,
                        "505 HTTP Version Not Supported", "505: HTTP Version Not Supported"),
                row(new HttpVariantAlsoNegotiates(), HttpServerError.class,
                        "506 Variant Also Negotiates", "506: Variant Also Negotiates"),
                row(new HttpInsufficientStorage(), HttpServerError.class,
                        "507 Insufficient Storage", "507: Insufficient Storage"),
                row(new HttpNotExtended(), HttpServerError.class, "510 Not Extended", "510: Not Extended"),
                row(new HttpNetworkAuthenticationRequired(), HttpServerError.class,
                        "511 Network Authentication Required", "511: Network Authentication Required"));
    }

    @Test
    void everyClassAnswersWithAiohttpsStatusLineBodyAndFields() throws Exception {
        List<Row> rows = table();
        try (Served s = Served.routes(get("/{i}", r -> {
            throw rows.get(Integer.parseInt(r.matchInfo("i"))).exception();
        })); RawHttp c = s.connect()) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                String name = row.exception().getClass().getSimpleName();
                Reply r = c.exchange(RawHttp.get("/" + i));
                assertEquals(row.statusLine(), r.status() + " " + r.reason(), name);
                assertEquals(row.body(), r.text(), name);
                if (!row.body().isEmpty()) {
                    assertEquals("text/plain; charset=utf-8", r.header("Content-Type"), name);
                }
                if (row.field() != null) {
                    assertEquals(row.value(), r.header(row.field()), name);
                }
                assertNull(r.header("Connection"), name + ": an answer, so the connection stays open");
            }
        }
    }

    @Test
    void everyClassHasItsFixedStatusAndText() {
        for (Row row : table()) {
            HttpException e = row.exception();
            String name = e.getClass().getSimpleName();
            assertEquals(Integer.parseInt(row.statusLine().substring(0, 3)), e.status(), name);
            if (!row.body().isEmpty()) {
                assertEquals(row.body(), e.text(), name);
            }
        }
    }

    @Test
    void everyClassSitsInAiohttpsCategoriesAndNoOther() {
        for (Row row : table()) {
            HttpException e = row.exception();
            String name = e.getClass().getSimpleName();
            // aiohttp: the move classes are HTTPRedirection too; 4xx and 5xx are HTTPError
            Set<Class<?>> expected = switch (row.category().getSimpleName()) {
                case "HttpMove" -> Set.of(HttpMove.class, HttpRedirection.class);
                case "HttpClientError" -> Set.of(HttpClientError.class, HttpError.class);
                case "HttpServerError" -> Set.of(HttpServerError.class, HttpError.class);
                default -> Set.of(row.category());
            };
            for (Class<?> category : CATEGORIES) {
                assertEquals(expected.contains(category), category.isInstance(e), name + " in " + category);
            }
        }
    }

    @Test
    void theTableCoversAiohttpsFiftyOneClasses() {
        // python3 -c "from aiohttp import web_exceptions as w; print(sum(getattr(w, n).status_code != -1
        //     for n in w.__all__))" -> 51
        assertEquals(51, table().size());
        assertEquals(51, table().stream().map(r -> r.exception().getClass()).distinct().count());
    }

    @Test
    void theEmptyBodyClassesSendNoBodyAsAiohttpsDo() throws Exception {
        // aiohttp: 204 and 304 send no body and no Content-Type; 205 sends "Content-Length: 0" and
        // "Content-Type: application/octet-stream", as for any response without a body
        try (Served s = Served.routes(get("/204", r -> {
            throw new HttpNoContent();
        }), get("/205", r -> {
            throw new HttpResetContent();
        }), get("/304", r -> {
            throw new HttpNotModified();
        }))) {
            assertNull(s.get("/204").header("Content-Type"));
            assertNull(s.get("/304").header("Content-Type"));
            Reply reset = s.get("/205");
            assertEquals("0", reset.header("Content-Length"));
            assertEquals("application/octet-stream", reset.header("Content-Type"));
        }
    }

    @Test
    void aTextReplacesTheDefaultBody() {
        // aiohttp: web.HTTPNotFound(text="no user 7").text == "no user 7"
        assertEquals("no user 7", new HttpNotFound("no user 7").text());
        assertEquals("404: Not Found", new HttpNotFound(null).text(), "null: the default, as text=None");
        assertEquals("later", new HttpFound("/x", "later").text());
        assertEquals("too big", new HttpRequestEntityTooLarge(1, 2, "too big").text());
    }

    @Test
    void aReasonFollowsIntoTheDefaultBody() {
        // aiohttp: web.HTTPForbidden(reason="Nope").text == "403: Nope"
        HttpException e = new HttpForbidden().withReason("Nope");
        assertEquals("403: Nope", e.text());
        assertEquals("Nope", e.reason());
    }

    @Test
    void withReasonKeepsTheClassItIsCalledOn() throws Exception {
        // each line compiles only if withReason returns the receiver's own class
        HttpForbidden forbidden = new HttpForbidden().withReason("Nope");
        HttpMethodNotAllowed notAllowed = new HttpMethodNotAllowed("PUT", List.of("GET")).withReason("No");
        HttpFound found = new HttpFound("/x").withReason("There");
        assertEquals("403: Nope|405: No|302: There", forbidden.text() + "|" + notAllowed.text() + "|" + found.text());
        assertEquals("GET", notAllowed.headers().get("Allow"));
        for (Row row : table()) {
            Class<?> c = row.exception().getClass();
            assertEquals(c, c.getMethod("withReason", String.class).getReturnType(), c.getSimpleName());
        }
        for (Class<?> c : CATEGORIES) {
            assertEquals(c, c.getMethod("withReason", String.class).getReturnType(), c.getSimpleName());
        }
    }

    @Test
    void methodNotAllowedSortsTheAllowFieldAndUppercasesTheMethod() {
        // aiohttp: e = web.HTTPMethodNotAllowed("patch", ["put", "GET"])
        //   e.method == "PATCH", e.allowed_methods == {"GET", "put"}, e.headers["Allow"] == "GET,put"
        HttpMethodNotAllowed e = new HttpMethodNotAllowed("patch", List.of("put", "GET"));
        assertEquals("PATCH", e.method());
        assertEquals(Set.of("GET", "put"), e.allowedMethods());
        assertEquals("GET,put", e.headers().get("Allow"));
        assertThrows(UnsupportedOperationException.class, () -> e.allowedMethods().add("POST"));
    }

    @Test
    void methodNotAllowedRefusesNullsNamingWhatToGive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpMethodNotAllowed(null, List.of("GET")));
        assertTrue(e.getMessage().startsWith("HttpMethodNotAllowed(): "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HttpMethodNotAllowed("GET", null));
    }

    @Test
    void requestEntityTooLargeSaysBothSizesInAiohttpsWords() {
        HttpRequestEntityTooLarge e = new HttpRequestEntityTooLarge(1048576, 1048577);
        assertEquals("Maximum request body size 1048576 exceeded, actual body size 1048577", e.text());
        assertEquals(1048576, e.maxSize());
        assertEquals(1048577, e.actualSize());
    }

    @Test
    void unavailableForLegalReasonsLinksTheBlocker() {
        HttpUnavailableForLegalReasons e = new HttpUnavailableForLegalReasons("https://example.org/order");
        assertEquals("<https://example.org/order>; rel=\"blocked-by\"", e.headers().get("Link"));
        assertEquals("https://example.org/order", e.link());
    }

    @Test
    void aRedirectKeepsItsLocationAndSendsItEncoded() {
        HttpFound e = new HttpFound("/login?next=/a b");
        assertEquals("/login?next=/a b", e.location());
        assertEquals("/login?next=/a+b", e.headers().get("Location"));
    }

    @Test
    void aRedirectLocationIsPercentEncodedAsYarlDoes() {
        // python3 -c "from yarl import URL; print(str(URL(s)))" for each s
        assertEquals("/a%20b/c", new HttpFound("/a b/c").headers().get("Location"));
        assertEquals("/%C3%BC?x=%C3%BC", new HttpFound("/\u00fc?x=\u00fc").headers().get("Location"));
        assertEquals("/a%20b", new HttpFound("/a%20b").headers().get("Location"), "an escape stays");
        assertEquals("/a%25zz", new HttpFound("/a%zz").headers().get("Location"), "a lone % is escaped");
        assertEquals("/a%22%3C%3E%7B%7D%7C%5C%5E%60b",
                new HttpFound("/a\"<>{}|\\^`b").headers().get("Location"));
        assertEquals("/a?b#c?d%20e", new HttpFound("/a?b#c?d e").headers().get("Location"), "no + in a fragment");
        assertEquals("http://xn--exmple-cua.com/%C3%A4%20b#f%20g",
                new HttpFound("http://ex\u00e4mple.com/\u00e4 b#f g").headers().get("Location"));
        assertEquals("https://example.com/?q=1&r=a+b",
                new HttpFound("https://example.com/?q=1&r=a+b").headers().get("Location"));
    }

    @Test
    void anEmptyRedirectLocationIsRefusedInAiohttpsWords() {
        // aiohttp: web.HTTPFound("") -> ValueError: HTTP redirects need a location to redirect to.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HttpFound(""));
        assertTrue(e.getMessage().startsWith("HttpFound(): HTTP redirects need a location to redirect to."),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HttpSeeOther(null));
        assertThrows(IllegalArgumentException.class, () -> HttpException.redirect(307, ""));
    }

    @Test
    void redirectGivesTheMoveClassForTheStatus() {
        assertInstanceOf(HttpMultipleChoices.class, HttpException.redirect(300, "/x"));
        assertInstanceOf(HttpMovedPermanently.class, HttpException.redirect(301, "/x"));
        assertInstanceOf(HttpFound.class, HttpException.redirect(302, "/x"));
        assertInstanceOf(HttpSeeOther.class, HttpException.redirect(303, "/x"));
        assertInstanceOf(HttpUseProxy.class, HttpException.redirect(305, "/x"));
        assertInstanceOf(HttpTemporaryRedirect.class, HttpException.redirect(307, "/x"));
        HttpMove m = HttpException.redirect(308, "/x");
        assertInstanceOf(HttpPermanentRedirect.class, m);
        assertEquals("/x", m.location());
    }

    /** An application's own 4xx, for a status aiohttp does not name. */
    private static final class Teapot extends HttpClientError {
        Teapot() {
            super(418, "short and stout");
        }
    }

    /** A class that puts a 5xx status in the 4xx category. */
    private static final class Misfiled extends HttpClientError {
        Misfiled() {
            super(503, null);
        }
    }

    @Test
    void anApplicationMayNameItsOwnStatusInACategory() {
        Teapot t = new Teapot();
        assertEquals(418, t.status());
        assertEquals("418 I'm a Teapot", t.status() + " " + t.toResponse().reason());
        assertInstanceOf(HttpError.class, t);
    }

    @Test
    void aCategoryRefusesAStatusOutsideItsRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Misfiled::new);
        assertTrue(e.getMessage().contains("HttpClientError: status 503 is not one of its own; give 400 to 499"),
                e.getMessage());
    }

    @Test
    void theTypedClassIsTheOneCaught() {
        HttpException thrown = new HttpNotFound();
        try {
            throw thrown;
        } catch (HttpClientError e) {
            assertSame(thrown, e);
        }
    }
}
