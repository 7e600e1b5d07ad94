package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application.onResponsePrepare (aiohttp's app.on_response_prepare): which responses run the
 * hooks, what a hook may change, and the order across sub-applications. The cases were checked
 * against aiohttp 3.8.4 (a hook recording request.path and response.status for each answer).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResponsePrepareHookTest {
    @TempDir
    Path dir;

    /** What the recording hook saw: "status path" per call. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** {@code app} with a hook that records each call and marks the response with X-Hooked. */
    private Application recorded(Application app) {
        app.onResponsePrepare().add((request, response) -> {
            seen.add(response.status() + " " + request.path());
            response.header("X-Hooked", "yes");
        });
        return app;
    }

    private Served serve(Route... routes) throws Exception {
        return Served.start(recorded(new Application().addRoutes(routes)));
    }

    @Test
    void aHookAddsAFieldToAHandlersResponse() throws Exception {
        try (Served s = serve(get("/", r -> Response.text("hi")))) {
            Reply r = s.get("/");
            assertEquals("hi", r.text());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("200 /"), seen);
    }

    @Test
    void aHookMayChangeTheStatus() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> Response.text("hi")));
        app.onResponsePrepare().add((request, response) -> response.status(203, "Rewritten"));
        try (Served s = Served.start(app)) {
            Reply r = s.get("/");
            assertEquals(203, r.status());
            assertEquals("Rewritten", r.reason());
            assertEquals("hi", r.text());
        }
    }

    @Test
    void aHookMayReplaceAndRemoveFields() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> Response.text("hi").header("X-Secret", "1")));
        app.onResponsePrepare().add((request, response) -> {
            response.headers().remove("X-Secret");
            response.header("Content-Type", "text/html; charset=utf-8");
        });
        try (Served s = Served.start(app)) {
            Reply r = s.get("/");
            assertEquals(null, r.header("X-Secret"));
            assertEquals(List.of("text/html; charset=utf-8"), r.headers("Content-Type"));
        }
    }

    @Test
    void aCookieSetByAHookGoesOutAfterTheHandlersCookies() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> Response.text("hi").setCookie("a", "1")));
        app.onResponsePrepare().add((request, response) -> response.setCookie("b", "2"));
        try (Served s = Served.start(app)) {
            assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), s.get("/").headers("Set-Cookie"));
        }
    }

    @Test
    void hooksRunInTheOrderAddedEachSeeingWhatTheOneBeforeDid() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> Response.text("hi")));
        app.onResponsePrepare().add((request, response) -> response.header("X-Order", "first"));
        app.onResponsePrepare().add((request, response) -> response.header("X-Order",
                response.headers().get("X-Order") + ",second"));
        try (Served s = Served.start(app)) {
            assertEquals("first,second", s.get("/").header("X-Order"));
        }
    }

    @Test
    void theRoutersOwn404RunsTheHooks() throws Exception {
        try (Served s = serve(get("/", r -> Response.text("hi")))) {
            Reply r = s.get("/missing");
            assertEquals(404, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("404 /missing"), seen);
    }

    @Test
    void theRoutersOwn405RunsTheHooks() throws Exception {
        try (Served s = serve(post("/only-post", r -> Response.text("hi")))) {
            Reply r = s.get("/only-post");
            assertEquals(405, r.status());
            assertEquals("POST", r.header("Allow"));
            assertEquals("yes", r.header("X-Hooked"));
        }
    }

    @Test
    void anHttpExceptionThrownByAHandlerRunsTheHooks() throws Exception {
        try (Served s = serve(get("/", r -> {
            throw new HttpException(403);
        }))) {
            Reply r = s.get("/");
            assertEquals(403, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
    }

    @Test
    void anHttpExceptionThrownByAMiddlewareRunsTheHooks() throws Exception {
        Middleware guard = (request, next) -> {
            throw new HttpException(401);
        };
        try (Served s = Served.start(recorded(new Application(guard).addRoutes(get("/", r -> Response.text("hi")))))) {
            Reply r = s.get("/");
            assertEquals(401, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
    }

    @Test
    void the500AfterAHandlerFailedRunsTheHooks(io.asyncio4j.EventLoop loop) throws Exception {
        Served.captureErrors(loop);
        try (Served s = serve(get("/", r -> {
            throw new IllegalStateException("boom");
        }))) {
            Reply r = s.get("/");
            assertEquals(500, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("500 /"), seen);
    }

    @Test
    void aHeadRequestRunsTheHooks() throws Exception {
        try (Served s = serve(get("/", r -> Response.text("hi"))); RawHttp c = s.connect()) {
            Reply r = c.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n").readHead();
            assertEquals(200, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
    }

    @Test
    void aRequestThatCouldNotBeParsedDoesNotRunTheHooks() throws Exception {
        try (Served s = serve(get("/", r -> Response.text("hi")))) {
            Reply r = s.request("GET / HTTP/1.1\r\nHost: t\r\nBad header\r\n\r\n");
            assertEquals(400, r.status());
            assertEquals(null, r.header("X-Hooked"));
        }
        assertEquals(List.of(), seen, "aiohttp's error handler has no match info, hence no hooks");
    }

    @Test
    void aStreamResponseRunsTheHooksWhenPreparedBeforeItsHeadGoesOut() throws Exception {
        try (Served s = serve(get("/", r -> {
            StreamResponse sr = new StreamResponse().contentLength(3);
            seen.add("before prepare");
            sr.prepare(r);
            seen.add("after prepare");
            sr.write("abc");
            return sr;
        }))) {
            Reply r = s.get("/");
            assertEquals("abc", r.text());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("before prepare", "200 /", "after prepare"), seen);
    }

    @Test
    void aStreamResponseTheHandlerDidNotPrepareRunsTheHooksWhenTheServerPreparesIt() throws Exception {
        try (Served s = serve(get("/", r -> new StreamResponse(204)))) {
            Reply r = s.get("/");
            assertEquals(204, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("204 /"), seen);
    }

    private Path digits() throws Exception {
        Path p = dir.resolve("digits.txt");
        Files.write(p, "0123456789".getBytes(StandardCharsets.US_ASCII));
        return p;
    }

    @Test
    void aFileResponseRunsTheHooksOnceOnTheFileResponseItselfWithItsFieldsSet() throws Exception {
        Path p = digits();
        List<String> fields = new CopyOnWriteArrayList<>();
        Application app = new Application().addRoutes(get("/f", r -> new FileResponse(p)));
        app.onResponsePrepare().add((request, response) -> fields.add(response.getClass().getSimpleName() + " "
                + response.status() + " " + response.headers().get("Content-Type") + " "
                + response.headers().get("Accept-Ranges")));
        try (Served s = Served.start(app)) {
            assertEquals("0123456789", s.get("/f").text());
        }
        assertEquals(List.of("FileResponse 200 text/plain bytes"), fields, "aiohttp hands the hook its FileResponse");
    }

    @Test
    void aFileResponsesFieldAddedByAHookGoesOutWithTheFile() throws Exception {
        Path p = digits();
        try (Served s = serve(get("/f", r -> new FileResponse(p)))) {
            Reply r = s.get("/f");
            assertEquals("0123456789", r.text());
            assertEquals("yes", r.header("X-Hooked"));
        }
    }

    @Test
    void aFileResponsesRangeAnswerRunsTheHooks() throws Exception {
        Path p = digits();
        try (Served s = serve(get("/f", r -> new FileResponse(p)))) {
            Reply r = s.request("GET /f HTTP/1.1\r\nHost: t\r\nRange: bytes=2-3\r\n\r\n");
            assertEquals(206, r.status());
            assertEquals("23", r.text());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("206 /f"), seen);
    }

    @Test
    void aFileResponsesNotModifiedAnswerRunsTheHooks() throws Exception {
        Path p = digits();
        try (Served s = serve(get("/f", r -> new FileResponse(p)))) {
            Reply r = s.request("GET /f HTTP/1.1\r\nHost: t\r\nIf-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n\r\n");
            assertEquals(304, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("304 /f"), seen);
    }

    @Test
    void aFileResponsesUnsatisfiableRangeAnswerRunsTheHooks() throws Exception {
        Path p = digits();
        try (Served s = serve(get("/f", r -> new FileResponse(p)))) {
            Reply r = s.request("GET /f HTTP/1.1\r\nHost: t\r\nRange: bytes=20-30\r\n\r\n");
            assertEquals(416, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
        assertEquals(List.of("416 /f"), seen);
    }

    @Test
    void aHookChangingAFileResponsesStatusToOneWithoutABodySendsNoBody() throws Exception {
        Path p = digits();
        Application app = new Application().addRoutes(get("/f", r -> new FileResponse(p)),
                get("/next", r -> Response.text("next")));
        app.onResponsePrepare().add((request, response) -> {
            if (request.path().equals("/f")) {
                response.status(204);
            }
        });
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            assertEquals(204, c.exchange(RawHttp.get("/f")).status());
            assertEquals("next", c.exchange(RawHttp.get("/next")).text(), "no stray body bytes before it");
        }
    }

    @Test
    void aWebSocketHandshakeRunsTheHooksOnIts101() throws Exception {
        try (Served s = serve(get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            ws.close();
            return ws;
        })); WsPeer peer = WsPeer.open(s, "/ws")) {
            assertEquals("yes", peer.handshake.header("X-Hooked"));
            assertEquals(WsPeer.ACCEPT, peer.handshake.header("Sec-WebSocket-Accept"));
        }
        assertEquals(List.of("101 /ws"), seen);
    }

    @Test
    void aHookChangingAWebSocketHandshakesStatusFailsThePrepareNamingTheRule() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        Application app = new Application().addRoutes(get("/ws", r -> {
            try {
                new WebSocketResponse().prepare(r);
                return Response.text("prepared");
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                return Response.text("refused").status(409);
            }
        }));
        app.onResponsePrepare().add((request, response) -> response.status(403));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            Reply r = c.exchange(WsPeer.upgradeRequest("/ws", ""));
            assertEquals(403, r.status(), "the handler's answer, which the hook changed too");
        }
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("changed the handshake's 101 to 403"), problems.get(0));
    }
}
