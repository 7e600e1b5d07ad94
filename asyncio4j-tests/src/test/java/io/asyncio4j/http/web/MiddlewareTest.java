package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Middlewares: the chain around every handler (aiohttp's @web.middleware). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class MiddlewareTest {

    /** A middleware that logs its name on the way in and out, and tags the response. */
    private static Middleware tracing(String name, List<String> log) {
        return (request, next) -> {
            log.add(name + " in");
            Response r = next.handle(request);
            log.add(name + " out");
            r.headers().add("X-Via", name);
            return r;
        };
    }

    @Test
    void middlewaresRunInTheOrderGivenTheFirstOutermost() throws Exception {
        List<String> log = new ArrayList<>();
        Application app = new Application(tracing("a", log), tracing("b", log)).addMiddleware(tracing("c", log))
                .addRoutes(get("/", r -> {
                    log.add("handler");
                    return Response.text("ok");
                }));
        try (Served s = Served.start(app)) {
            Reply r = s.get("/");
            assertEquals(List.of("a in", "b in", "c in", "handler", "c out", "b out", "a out"), log);
            assertEquals(List.of("c", "b", "a"), r.headers("X-Via"));
        }
    }

    @Test
    void aMiddlewareThatDoesNotCallNextShortCircuitsTheHandler() throws Exception {
        List<String> log = new ArrayList<>();
        Middleware auth = (request, next) -> request.headers().contains("Authorization") ? next.handle(request)
                : Response.text("who are you?").status(401);
        Application app = new Application(tracing("outer", log), auth, tracing("inner", log))
                .addRoutes(get("/", r -> {
                    log.add("handler");
                    return Response.text("secret");
                }));
        try (Served s = Served.start(app)) {
            Reply r = s.get("/");
            assertEquals("401 who are you?", r.status() + " " + r.text());
            assertEquals(List.of("outer in", "outer out"), log);
            assertEquals("secret", s.request("GET / HTTP/1.1\r\nAuthorization: x\r\n\r\n").text());
        }
    }

    @Test
    void aMiddlewareSeesTheRoutersNotFoundAndMayReplaceIt() throws Exception {
        Middleware friendly404 = (request, next) -> {
            try {
                return next.handle(request);
            } catch (HttpException e) {
                if (e.status() != 404) {
                    throw e;
                }
                return Response.text("nothing at " + request.path()).status(404);
            }
        };
        Application app = new Application(friendly404).addRoutes(get("/", r -> Response.text("ok")));
        try (Served s = Served.start(app)) {
            assertEquals("nothing at /missing", s.get("/missing").text());
            assertEquals(405, s.request("DELETE / HTTP/1.1\r\n\r\n").status(), "other errors pass through");
        }
    }

    @Test
    void aMiddlewareSeesTheMatchInfoAfterNextAndMayRewriteTheResponse() throws Exception {
        Middleware upper = (request, next) -> {
            Response r = next.handle(request);
            return Response.text(r.text().toUpperCase() + " " + request.matchInfo()).status(r.status());
        };
        Application app = new Application(upper).addRoutes(get("/u/{id}", r -> Response.text("user")));
        try (Served s = Served.start(app)) {
            assertEquals("USER {id=7}", s.get("/u/7").text());
        }
    }

    @Test
    void aMiddlewareMaySuspend() throws Exception {
        Middleware slow = (request, next) -> {
            sleep(0.01);
            return next.handle(request);
        };
        try (Served s = Served.start(new Application(slow).addRoutes(get("/", r -> Response.text("late"))))) {
            assertEquals("late", s.get("/").text());
        }
    }

    @Test
    void aMiddlewareAddedOnceTheApplicationServesIsRefused() throws Exception {
        try (Served s = Served.routes(get("/", r -> Response.text("ok")))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s.app.addMiddleware((request, next) -> next.handle(request)));
            assertTrue(e.getMessage().contains("already serving"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> s.app.clientMaxSize(1));
        }
    }
}
