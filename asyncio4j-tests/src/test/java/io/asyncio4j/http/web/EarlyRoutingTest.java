package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A request's route is found when it arrives, before any middleware runs, as aiohttp's
 * app._handle resolves its match info first (checked with aiohttp 3.8.4: a middleware reading
 * request.match_info before calling the handler).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class EarlyRoutingTest {
    /** A middleware that notes the match info it saw before calling next, in X-Before. */
    private static final Middleware BEFORE = (request, next) -> {
        String seen = request.matchInfo().toString();
        try {
            return next.handle(request).header("X-Before", seen);
        } catch (HttpException e) {
            return e.toResponse().header("X-Before", seen);
        }
    };

    @Test
    void aMiddlewareSeesTheMatchInfoBeforeCallingNext() throws Exception {
        try (Served s = Served.start(new Application(BEFORE).addRoutes(get("/u/{id}", r -> Response.text("ok"))))) {
            assertEquals("{id=7}", s.get("/u/7").header("X-Before"));
        }
    }

    @Test
    void aParentsMiddlewareSeesTheMatchInfoOfASubappsRoute() throws Exception {
        Application api = new Application().addRoutes(get("/users/{id}", r -> Response.text("ok")));
        try (Served s = Served.start(new Application(BEFORE).addSubapp("/api", api))) {
            assertEquals("{id=8}", s.get("/api/users/8").header("X-Before"));
        }
    }

    @Test
    void aPathNoRouteTakesHasAnEmptyMatchInfoAndAnswers404OnceTheMiddlewaresCallNext() throws Exception {
        try (Served s = Served.start(new Application(BEFORE).addRoutes(get("/u/{id}", r -> Response.text("ok"))))) {
            var r = s.get("/nothere");
            assertEquals(404, r.status());
            assertEquals("{}", r.header("X-Before"));
        }
    }

    @Test
    void aMiddlewareAnsweringItselfLeavesTheRouterUnasked() throws Exception {
        Middleware answering = (request, next) -> Response.text("answered by the middleware");
        try (Served s = Served.start(new Application(answering).addRoutes(get("/u/{id}", r -> Response.text("ok"))))) {
            assertEquals("answered by the middleware", s.get("/nothere").text(), "the 404 is thrown only by next");
        }
    }
}
