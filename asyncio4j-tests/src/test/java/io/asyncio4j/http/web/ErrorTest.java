package io.asyncio4j.http.web;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler that fails or throws an HttpException (aiohttp's handle_error and web.HTTPException). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ErrorTest {
    private static final String TROUBLE = "500 Internal Server Error\n\nServer got itself in trouble";

    @Test
    void aHandlersExceptionAnswers500AndGoesToTheLoopsExceptionHandler(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        IllegalStateException boom = new IllegalStateException("boom");
        try (Served s = Served.routes(get("/boom", r -> {
            throw boom;
        }))) {
            Reply r = s.get("/boom?x=1");
            assertEquals(500, r.status());
            assertEquals("Internal Server Error", r.reason());
            assertEquals(TROUBLE, r.text(), "aiohttp's text: nothing of the exception leaks to the client");
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        }
        assertEquals(1, errors.size(), errors.toString());
        ExceptionContext ctx = errors.get(0);
        assertSame(boom, ctx.exception());
        assertEquals("Error handling request GET /boom?x=1", ctx.message());
        assertInstanceOf(RequestHead.class, ctx.get("request"));
    }

    @Test
    void aHandlersExceptionClosesTheConnectionAsAiohttpDoes(EventLoop loop) throws Exception {
        Served.captureErrors(loop);
        try (Served s = Served.routes(get("/boom", r -> {
            throw new java.io.IOException("database gone");
        })); RawHttp c = s.connect()) {
            Reply r = c.exchange(RawHttp.get("/boom"));
            assertEquals(500, r.status());
            assertEquals("close", r.header("Connection"));
            c.assertClosedByServer();
        }
    }

    @Test
    void aHandlerReturningNullAnswers500NamingTheBrokenContract(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        try (Served s = Served.routes(get("/null", r -> null))) {
            Reply r = s.get("/null");
            assertEquals(500, r.status());
            assertEquals(TROUBLE, r.text());
        }
        assertEquals(1, errors.size());
        String message = errors.get(0).exception().getMessage();
        assertTrue(message.contains("GET /null returned null") && message.contains("new Response(204)"), message);
    }

    @Test
    void anErrorThrownByAHandlerIsAnswered500Too(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        try (Served s = Served.routes(get("/err", r -> {
            throw new AssertionError("an Error, not an Exception");
        }), get("/ok", r -> Response.text("ok")))) {
            assertEquals(500, s.get("/err").status());
            assertEquals(200, s.get("/ok").status(), "the server still serves");
        }
        assertEquals(1, errors.size());
        assertInstanceOf(AssertionError.class, errors.get(0).exception());
    }

    @Test
    void anHttpExceptionAnswersItsStatusTextAndFieldsAndIsNotReported(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        try (Served s = Served.routes(get("/teapot", r -> {
            HttpException e = new HttpException(418, "short and stout");
            e.headers().add("X-Why", "tea").add("WWW-Authenticate", "Basic");
            throw e;
        }), get("/plain", r -> {
            throw new HttpException(403);
        }))) {
            try (RawHttp c = s.connect()) {
                Reply r = c.exchange(RawHttp.get("/teapot"));
                assertEquals("418 short and stout", r.status() + " " + r.text());
                assertEquals("tea", r.header("X-Why"));
                assertEquals("Basic", r.header("WWW-Authenticate"));
                assertNull(r.header("Connection"), "an HttpException is an answer: the connection stays");
                Reply plain = c.exchange(RawHttp.get("/plain"));
                assertEquals("403 Forbidden 403: Forbidden", plain.status() + " " + plain.reason() + " "
                        + plain.text());
            }
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aRedirectAnswersItsStatusWithALocation() throws Exception {
        try (Served s = Served.routes(get("/old", r -> {
            throw HttpException.redirect(302, "/new?a=1");
        }), get("/moved", r -> {
            throw HttpException.redirect(308, "https://example.com/");
        }))) {
            Reply r = s.get("/old");
            assertEquals("302 Found", r.status() + " " + r.reason());
            assertEquals("/new?a=1", r.header("Location"));
            assertEquals("302: Found", r.text());
            assertEquals("https://example.com/", s.get("/moved").header("Location"));
        }
    }

    @Test
    void aRedirectNeedsARedirectStatus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpException.redirect(200, "/x"));
        assertTrue(e.getMessage().contains("use 300, 301, 302, 303, 305, 307 or 308"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpException.redirect(304, "/x"));
    }

    @Test
    void anHttpExceptionMaySendItsOwnReasonPhrase() throws Exception {
        // aiohttp: raise web.HTTPForbidden(reason="Nope") answers "403 Nope"
        try (Served s = Served.routes(get("/", r -> {
            throw new HttpException(403).withReason("Nope");
        }))) {
            Reply r = s.get("/");
            assertEquals("403 Nope", r.status() + " " + r.reason());
            assertEquals("403: Nope", r.text(), "the default text names the reason too");
        }
        assertThrows(IllegalArgumentException.class, () -> new HttpException(403).withReason("a\r\nX-Evil: 1"));
    }

    @Test
    void anHttpExceptionDescribesItself() {
        HttpException e = new HttpException(404);
        assertEquals(404, e.status());
        assertEquals("404: Not Found", e.text());
        assertEquals("404: Not Found", e.getMessage());
        assertEquals("gone for good", new HttpException(410, "gone for good").text());
        assertThrows(IllegalArgumentException.class, () -> new HttpException(42));
        Response r = HttpException.redirect(301, "/x").toResponse();
        assertEquals(301, r.status());
        assertEquals("/x", r.headers().get("Location"));
    }
}
