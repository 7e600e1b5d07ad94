package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static io.asyncio4j.http.web.Web.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The server's own HTTP errors are aiohttp's typed exceptions, so a middleware catches them by
 * class. The expected texts are what this aiohttp 3.8 middleware answered, run against the same
 * routes:
 * <pre>
 * except web.HTTPNotFound as e: text=f'caught {type(e).__name__} {e.status} {e.text}'
 * except web.HTTPMethodNotAllowed as e: text=f'caught ... {e.method} {sorted(e.allowed_methods)} {e.headers["Allow"]}'
 * except web.HTTPRequestEntityTooLarge as e: text=f'caught ... {e.text}'
 * except web.HTTPClientError as e: text=f'client error {type(e).__name__} {e.status}'
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class HttpExceptionCatchTest {
    /** The Java form of the aiohttp middleware in the class comment. */
    private static final Middleware CATCHING = (request, next) -> {
        try {
            return next.handle(request);
        } catch (HttpNotFound e) {
            return Response.text("caught HttpNotFound " + e.status() + " " + e.text()).status(404);
        } catch (HttpMethodNotAllowed e) {
            return Response.text("caught HttpMethodNotAllowed " + e.method() + " " + e.allowedMethods() + " "
                    + e.headers().get("Allow")).status(405);
        } catch (HttpRequestEntityTooLarge e) {
            return Response.text("caught HttpRequestEntityTooLarge " + e.text()).status(413);
        } catch (HttpClientError e) {
            return Response.text("client error " + e.getClass().getSimpleName() + " " + e.status()).status(e.status());
        }
    };

    private static Served serve() throws Exception {
        Handler echo = r -> Response.bytes(r.read(), "application/octet-stream");
        return Served.start(new Application(CATCHING).clientMaxSize(10).addRoutes(post("/e", echo), put("/e", echo),
                get("/gone", r -> {
                    throw new HttpGone();
                })));
    }

    @Test
    void aMiddlewareCatchesTheRoutersHttpNotFound() throws Exception {
        // aiohttp: 404, "caught HTTPNotFound 404 404: Not Found"
        try (Served s = serve()) {
            Reply r = s.get("/nope");
            assertEquals(404, r.status());
            assertEquals("caught HttpNotFound 404 404: Not Found", r.text());
        }
    }

    @Test
    void aMiddlewareCatchesTheRoutersHttpMethodNotAllowedWithItsMethodAndAllow() throws Exception {
        // aiohttp: 405, "caught HTTPMethodNotAllowed GET ['POST', 'PUT'] POST,PUT"
        try (Served s = serve()) {
            Reply r = s.get("/e");
            assertEquals(405, r.status());
            assertEquals("caught HttpMethodNotAllowed GET [POST, PUT] POST,PUT", r.text());
        }
    }

    @Test
    void theRoutersMethodNotAllowedSendsAllowWhenNothingCatchesIt() throws Exception {
        try (Served s = Served.routes(post("/e", r -> Response.text("ok")), put("/e", r -> Response.text("ok")))) {
            Reply r = s.get("/e");
            assertEquals("405 Method Not Allowed", r.status() + " " + r.reason());
            assertEquals("POST,PUT", r.header("Allow"));
            assertEquals("405: Method Not Allowed", r.text());
        }
    }

    @Test
    void aBodyOverClientMaxSizeIsAnHttpRequestEntityTooLargeAMiddlewareCatches() throws Exception {
        // aiohttp (client_max_size=10, 11 bytes): "caught HTTPRequestEntityTooLarge Maximum request body
        // size 10 exceeded, actual body size 11"
        try (Served s = serve()) {
            Reply r = s.request(RawHttp.withBody("POST", "/e", "", "0123456789A"));
            assertEquals(413, r.status());
            assertEquals("caught HttpRequestEntityTooLarge Maximum request body size 10 exceeded, actual body size 11",
                    r.text());
        }
    }

    @Test
    void theActualSizeIsWhatHadArrivedWhenTheLimitWasCrossed() throws Exception {
        // aiohttp 3.8.4, client_max_size=10, one write of chunks of 5, 4 and 5 bytes: "... actual body
        // size 14" (its check is body_size >= 10; it counts what read() had gathered when it crossed).
        // Not chunks of 5, 5 and 5: aiohttp says 15 there (its readany() takes every chunk that
        // has arrived), here 10 (the pieces come one chunk at a time, and 10 already crosses)
        try (Served s = serve()) {
            Reply r = s.request("POST /e HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n01234\r\n4\r\n5678\r\n5\r\nabcde\r\n0\r\n\r\n");
            assertEquals("caught HttpRequestEntityTooLarge Maximum request body size 10 exceeded, actual body size 14",
                    r.text());
        }
    }

    @Test
    void aBodyOverClientMaxSizeAnswersAiohttpsTextWhenNothingCatchesIt() throws Exception {
        Application app = new Application().clientMaxSize(10)
                .addRoutes(post("/e", r -> Response.bytes(r.read(), "application/octet-stream")));
        try (Served s = Served.start(app)) {
            Reply r = s.request(RawHttp.withBody("POST", "/e", "", "0123456789A"));
            assertEquals("413 Request Entity Too Large", r.status() + " " + r.reason());
            assertEquals("Maximum request body size 10 exceeded, actual body size 11", r.text());
        }
    }

    @Test
    void aHandlerCatchesTheTooLargeBodyByTypeWithBothSizes() throws Exception {
        Application app = new Application().clientMaxSize(4).addRoutes(post("/e", r -> {
            try {
                return Response.bytes(r.read(), "application/octet-stream");
            } catch (HttpRequestEntityTooLarge e) {
                return Response.text(e.maxSize() + " < " + e.actualSize()).status(413);
            }
        }));
        try (Served s = Served.start(app)) {
            assertEquals("4 < 6", s.request(RawHttp.withBody("POST", "/e", "", "abcdef")).text());
        }
    }

    @Test
    void httpClientErrorCatchesA404AndItsSiblings() throws Exception {
        // aiohttp: 410, "client error HTTPGone 410"
        Middleware anyClientError = (request, next) -> {
            try {
                return next.handle(request);
            } catch (HttpClientError e) {
                return Response.text("client error " + e.getClass().getSimpleName() + " " + e.status())
                        .status(e.status());
            }
        };
        Application app = new Application(anyClientError).addRoutes(get("/gone", r -> {
            throw new HttpGone();
        }));
        try (Served s = Served.start(app)) {
            assertEquals("client error HttpNotFound 404", s.get("/nope").text());
            assertEquals("client error HttpGone 410", s.get("/gone").text());
        }
    }

    @Test
    void aViewsUnansweredMethodIsAnHttpMethodNotAllowed() throws Exception {
        // aiohttp: View._raise_allowed_methods() raises HTTPMethodNotAllowed(request.method, allowed)
        try (Served s = Served.start(new Application(CATCHING).addRoutes(Web.view("/v", ViewTest.PostOnly::new)))) {
            Reply r = s.get("/v");
            assertEquals(405, r.status());
            assertEquals("caught HttpMethodNotAllowed GET [POST] POST", r.text());
        }
    }

    @Test
    void aMissingStaticFileIsAnHttpNotFound() throws Exception {
        Path dir = Files.createTempDirectory("exc");
        try (Served s = Served.start(new Application(CATCHING).addRoutes(Web.staticFiles("/s", dir)))) {
            assertEquals("caught HttpNotFound 404 404: Not Found", s.get("/s/missing.txt").text());
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void aMalformedJsonBodyIsAnHttpBadRequest() throws Exception {
        Application app = new Application().addRoutes(post("/j", r -> {
            try {
                return Response.text("parsed " + r.json());
            } catch (HttpBadRequest e) {
                return Response.text("bad: " + e.getClass().getSimpleName()).status(400);
            }
        }));
        try (Served s = Served.start(app)) {
            assertEquals("bad: HttpBadRequest", s.request(RawHttp.withBody("POST", "/j", "", "{nope")).text());
        }
    }

    @Test
    void aRedirectFromNormalizePathIsTheMoveClassForItsStatus() throws Exception {
        HttpException[] seen = new HttpException[1];
        Middleware spy = (request, next) -> {
            try {
                return next.handle(request);
            } catch (HttpException e) {
                seen[0] = e;
                throw e;
            }
        };
        Application app = new Application(spy, Web.normalizePathMiddleware())
                .addRoutes(get("/a/", r -> Response.text("ok")));
        try (Served s = Served.start(app)) {
            Reply r = s.get("/a");
            assertEquals("308 /a/", r.status() + " " + r.header("Location"));
        }
        assertInstanceOf(HttpPermanentRedirect.class, seen[0], "aiohttp's default redirect_class");
    }
}
