package io.asyncio4j.http.web;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a failing onResponsePrepare hook does, as in aiohttp 3.8.4: while the server prepares a
 * response (after the handler returned: a plain response, a FileResponse, a StreamResponse the
 * handler did not prepare) the failure is reported and the connection closed with nothing sent
 * ("Unhandled exception", force_close); while the handler prepares one it reaches the handler, and
 * if the handler lets it through, the 500 goes out (through the hooks). Also the list's rules.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResponsePrepareHookFailureTest {
    @TempDir
    Path dir;

    /** A checked exception of the application's own, to see that the handler gets the very object. */
    static final class SessionStoreException extends Exception {
        SessionStoreException(String message) {
            super(message);
        }
    }

    /** {@code routes} served by an application whose hook throws {@code failure} for responses of {@code type}. */
    private static Application failingFor(Class<?> type, Exception failure, Route... routes) {
        Application app = new Application().addRoutes(routes);
        app.onResponsePrepare().add((request, response) -> {
            if (response.getClass() == type) {
                throw failure;
            }
            response.header("X-Hooked", "yes");
        });
        return app;
    }

    @Test
    void aHookFailingOnAReturnedResponseClosesTheConnectionWithNothingSent(EventLoop loop) throws Exception {
        Served.captureErrors(loop);
        Application app = failingFor(Response.class, new IllegalStateException("hook broke"),
                get("/", r -> Response.text("hi")));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/") + RawHttp.get("/"));
            c.assertClosedByServer(); // not even the pipelined second request is answered
        }
    }

    @Test
    void aHookFailingOnAReturnedResponseIsReportedWithTheRequest(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        IllegalStateException broke = new IllegalStateException("hook broke");
        try (Served s = Served.start(failingFor(Response.class, broke, get("/p", r -> Response.text("hi"))));
             RawHttp c = s.connect()) {
            c.send(RawHttp.get("/p?q=1")).assertClosedByServer();
        }
        assertEquals(1, errors.size(), errors.toString());
        assertSame(broke, errors.get(0).exception());
        assertEquals("Error in an onResponsePrepare hook answering GET /p?q=1; the connection is closed without an "
                + "answer", errors.get(0).message());
        assertInstanceOf(RequestHead.class, errors.get(0).get("request"));
    }

    @Test
    void aHookThrowingAnHttpExceptionOnAReturnedResponseClosesTooWithNothingSent(EventLoop loop) throws Exception {
        Served.captureErrors(loop);
        try (Served s = Served.start(failingFor(Response.class, new HttpException(403),
                get("/", r -> Response.text("hi")))); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/")).assertClosedByServer();
        }
    }

    @Test
    void aHookFailingOnAFileResponseClosesTheConnectionWithNothingSent(EventLoop loop) throws Exception {
        Served.captureErrors(loop);
        Path p = Files.writeString(dir.resolve("a.txt"), "file");
        try (Served s = Served.start(failingFor(FileResponse.class, new IllegalStateException("hook broke"),
                get("/f", r -> new FileResponse(p)))); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/f")).assertClosedByServer();
        }
    }

    @Test
    void aHookFailingOnAStreamResponseTheServerPreparesClosesTheConnectionWithNothingSent(EventLoop loop)
            throws Exception {
        Served.captureErrors(loop);
        try (Served s = Served.start(failingFor(StreamResponse.class, new IllegalStateException("hook broke"),
                get("/", r -> new StreamResponse()))); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/")).assertClosedByServer();
        }
    }

    @Test
    void aHookFailingWhileTheHandlerPreparesThrowsTheHooksOwnExceptionToTheHandler() throws Exception {
        SessionStoreException failure = new SessionStoreException("store down");
        Application app = failingFor(StreamResponse.class, failure, get("/", r -> {
            try {
                new StreamResponse().prepare(r);
                return Response.text("prepared");
            } catch (Exception e) {
                return Response.text("caught the same object: " + (e == failure));
            }
        }));
        try (Served s = Served.start(app)) {
            assertEquals("caught the same object: true", s.get("/").text());
        }
    }

    @Test
    void aHookFailureTheHandlerLetsThroughAnswers500ThroughTheHooks(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        SessionStoreException failure = new SessionStoreException("store down");
        Application app = failingFor(StreamResponse.class, failure, get("/", r -> {
            new StreamResponse().prepare(r);
            return null;
        }));
        try (Served s = Served.start(app)) {
            Reply r = s.get("/");
            assertEquals(500, r.status());
            assertEquals("yes", r.header("X-Hooked"), "the 500 is a plain response: the hook lets it pass");
        }
        assertEquals(1, errors.size());
        assertSame(failure, errors.get(0).exception(), "reported as a handler's failure");
    }

    @Test
    void aHookFailingOnAWebSocketHandshakeReachesTheHandlerWhichAnswers500(EventLoop loop) throws Exception {
        Served.captureErrors(loop);
        Application app = failingFor(WebSocketResponse.class, new IllegalStateException("no sockets"), get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(r);
            return ws;
        }));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            Reply r = c.exchange(WsPeer.upgradeRequest("/ws", ""));
            assertEquals(500, r.status());
            assertEquals("yes", r.header("X-Hooked"));
        }
    }

    @Test
    void onResponsePrepareRefusesAHookOnceTheApplicationServes() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> Response.text("hi")));
        try (Served s = Served.start(app)) {
            assertThrows(IllegalStateException.class, () -> app.onResponsePrepare().add((request, response) -> { }));
        }
    }

    @Test
    void onResponsePrepareRefusesRemovingAHookOnceTheApplicationServes() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> Response.text("hi")));
        app.onResponsePrepare().add((request, response) -> { });
        try (Served s = Served.start(app)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> app.onResponsePrepare().clear());
            assertEquals("Application.onResponsePrepare().remove(): the application is already serving; configure it "
                    + "before AppRunner.setup() / runApp()", e.getMessage());
        }
    }

    @Test
    void aNullHookIsRefusedNamingWhatToGive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Application().onResponsePrepare().add(null));
        assertEquals("Application.onResponsePrepare().add(): the hook is null; give the ResponsePrepareHook to run",
                e.getMessage());
    }
}
