package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.web.Web.delete;
import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.head;
import static io.asyncio4j.http.web.Web.post;
import static io.asyncio4j.http.web.Web.put;
import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router: literal and patterned paths, 404, 405 with Allow, HEAD for GET, and its rules (aiohttp's UrlDispatcher). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RoutingTest {

    /** A handler answering {@code name} and the path variables, so a test sees which route ran with what. */
    private static Handler says(String name) {
        return r -> Response.text(name + " " + r.matchInfo());
    }

    @Test
    void aLiteralPathGoesToItsHandler() throws Exception {
        try (Served s = Served.routes(get("/a", says("a")), get("/a/b", says("ab")), get("/", says("root")))) {
            assertEquals("ab {}", s.get("/a/b").text());
            assertEquals("a {}", s.get("/a").text());
            assertEquals("root {}", s.get("/").text());
        }
    }

    @Test
    void aPathThatMatchesNoRouteAnswers404() throws Exception {
        try (Served s = Served.routes(get("/a", says("a")))) {
            Reply r = s.get("/a/");
            assertEquals(404, r.status());
            assertEquals("Not Found", r.reason());
            assertEquals("404: Not Found", r.text());
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        }
    }

    @Test
    void aVariableSegmentMatchesOneSegmentAndLandsInMatchInfo() throws Exception {
        try (Served s = Served.routes(get("/users/{id}/posts/{post}", says("posts")))) {
            assertEquals("posts {id=42, post=hello}", s.get("/users/42/posts/hello").text());
            assertEquals(404, s.get("/users/42/x/posts/hello").status(), "{id} does not span a '/'");
            assertEquals(404, s.get("/users//posts/hello").status(), "{id} is not empty");
        }
    }

    @Test
    void variableNamesMayHoldUnderscoresAndDigitsAsPythonIdentifiersDo() throws Exception {
        try (Served s = Served.routes(get("/users/{user_id}/v{api_2:\\d+}", says("user")))) {
            assertEquals("user {user_id=7, api_2=3}", s.get("/users/7/v3").text());
        }
    }

    @Test
    void aRegexVariableMatchesWhatItsExpressionAllowsEvenAcrossSegments() throws Exception {
        try (Served s = Served.routes(get("/n/{num:\\d{2,3}}", says("num")), get("/files/{path:.+}", says("file")))) {
            assertEquals("num {num=123}", s.get("/n/123").text());
            assertEquals(404, s.get("/n/1").status());
            assertEquals(404, s.get("/n/12a").status(), "the whole segment must match");
            assertEquals("file {path=a/b/c.txt}", s.get("/files/a/b/c.txt").text());
        }
    }

    @Test
    void matchInfoByNameGivesTheValueOrNull() throws Exception {
        try (Served s = Served.routes(get("/u/{name}",
                r -> Response.text(r.matchInfo("name") + "," + r.matchInfo("other"))))) {
            assertEquals("bob,null", s.get("/u/bob").text());
        }
    }

    @Test
    void theRouteAddedFirstWinsWhenAPatternAndALiteralPathBothMatch() throws Exception {
        // aiohttp 3.8: resources are tried in the order added, literal or not
        try (Served s = Served.routes(get("/users/{id}", says("byId")), get("/users/me", says("me")))) {
            assertEquals("byId {id=me}", s.get("/users/me").text());
            assertEquals("byId {id=7}", s.get("/users/7").text());
        }
        try (Served s = Served.routes(get("/users/me", says("me")), get("/users/{id}", says("byId")))) {
            assertEquals("me {}", s.get("/users/me").text());
            assertEquals("byId {id=7}", s.get("/users/7").text());
        }
    }

    @Test
    void anEncodedSlashStaysInsideItsPathVariable() throws Exception {
        // aiohttp matches the raw path and decodes the variables afterwards
        try (Served s = Served.routes(get("/users/{id}", says("byId")), get("/a/b", says("ab")))) {
            assertEquals("byId {id=a b/c}", s.get("/users/a%20b%2Fc").text());
            assertEquals(404, s.get("/a%2Fb").status());
            assertEquals("ab {}", s.get("/a/b").text());
        }
    }

    @Test
    void patternedRoutesAreTriedInTheOrderAdded() throws Exception {
        try (Served s = Served.routes(get("/x/{a:\\d+}", says("digits")), get("/x/{b}", says("any")))) {
            assertEquals("digits {a=1}", s.get("/x/1").text());
            assertEquals("any {b=y}", s.get("/x/y").text());
        }
    }

    @Test
    void aMethodThePathTakesNotAnswers405WithTheAllowedMethods() throws Exception {
        try (Served s = Served.routes(get("/r", says("get")), post("/r", says("post")), delete("/r", says("del")))) {
            Reply r = s.request("PUT /r HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
            assertEquals(405, r.status());
            assertEquals("Method Not Allowed", r.reason());
            assertEquals("405: Method Not Allowed", r.text());
            assertEquals(List.of("DELETE,GET,HEAD,POST"), r.headers("Allow"), "sorted, as aiohttp does");
        }
    }

    @Test
    void aMethodOneMatchingRouteLacksIsLookedForInTheOthersThatMatch() throws Exception {
        // aiohttp's UrlDispatcher tries every resource whose path matches before answering 405
        try (Served s = Served.routes(get("/users/me", says("me")), post("/users/{id}", says("create")),
                delete("/users/{id:\\d+}", says("delete")))) {
            assertEquals("create {id=me}", s.request("POST /users/me HTTP/1.1\r\nContent-Length: 0\r\n\r\n").text());
            Reply r = s.request("PUT /users/12 HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
            assertEquals(405, r.status());
            assertEquals("DELETE,POST", r.header("Allow"), "every matching route's methods");
            assertEquals("GET,HEAD,POST", s.request("PUT /users/me HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                    .header("Allow"));
        }
    }

    @Test
    void aStarRouteTakesAnyMethod() throws Exception {
        try (Served s = Served.routes(route("*", "/any", r -> Response.text(r.method())))) {
            assertEquals("PATCH", s.request("PATCH /any HTTP/1.1\r\nContent-Length: 0\r\n\r\n").text());
            assertEquals("OPTIONS", s.request("OPTIONS /any HTTP/1.1\r\n\r\n").text());
        }
    }

    @Test
    void aGetRouteAnswersHeadWithTheHeadOfItsResponseAndNoBody() throws Exception {
        try (Served s = Served.routes(get("/g", r -> Response.text("body of " + r.method()).header("X-Seen", "1")))) {
            try (RawHttp c = s.connect()) {
                Reply head = c.send("HEAD /g HTTP/1.1\r\n\r\n").readHead();
                assertEquals(200, head.status());
                assertEquals("12", head.header("Content-Length"), "the length the GET body would have");
                assertEquals("1", head.header("X-Seen"));
                // no body went out: the next response starts right after the head
                assertEquals("body of GET", c.exchange(RawHttp.get("/g")).text());
            }
        }
    }

    @Test
    void aGetRouteMadeWithoutHeadAnswersHeadWith405() throws Exception {
        try (Served s = Served.routes(get("/g", says("g"), false))) {
            try (RawHttp c = s.connect()) {
                Reply r = c.send("HEAD /g HTTP/1.1\r\n\r\n").readHead();
                assertEquals(405, r.status());
                assertEquals("GET", r.header("Allow"));
            }
        }
    }

    @Test
    void anExplicitHeadRouteWinsOverTheGetRoutesHead() throws Exception {
        for (List<Route> order : List.of(
                List.of(get("/h", says("g")), head("/h", r -> new Response(200).header("X-Head", "own"))),
                List.of(head("/h", r -> new Response(200).header("X-Head", "own")), get("/h", says("g"))))) {
            try (Served s = Served.start(new Application().addRoutes(order))) {
                try (RawHttp c = s.connect()) {
                    assertEquals("own", c.send("HEAD /h HTTP/1.1\r\n\r\n").readHead().header("X-Head"), order.toString());
                }
            }
        }
    }

    @Test
    void methodsAreMatchedCaseSensitivelyOnTheWire() throws Exception {
        try (Served s = Served.routes(get("/c", says("c")))) {
            assertEquals(405, s.request("get /c HTTP/1.1\r\n\r\n").status());
        }
    }

    @Test
    void theRouteFactoriesMakeTheirMethods() {
        Handler h = says("x");
        assertEquals(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
                List.of(get("/", h), post("/", h), put("/", h), Web.patch("/", h), delete("/", h), head("/", h),
                        route("options", "/", h)).stream().map(Route::method).toList());
        assertTrue(get("/", h).allowHead());
        assertEquals("<Route GET />", get("/", h).toString());
    }

    @Test
    void routesListsEveryRouteInTheOrderAdded() {
        Application app = new Application();
        Route a = app.router().addGet("/a", says("a"));
        Route b = app.router().addPost("/b/{x}", says("b"));
        assertEquals(List.of(a, b), app.router().routes());
    }

    @Test
    void aRouteAddedOnceTheApplicationServesIsRefused() throws Exception {
        try (Served s = Served.routes(get("/", says("root")))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s.app.addRoutes(get("/late", says("late"))));
            assertTrue(e.getMessage().contains("before AppRunner.setup()"), e.getMessage());
            assertTrue(s.app.isFrozen());
            assertEquals(404, s.get("/late").status());
        }
    }

    @Test
    void aSecondRouteForTheSameMethodAndPathIsRefused() {
        Application app = new Application().addRoutes(get("/a", says("1")), get("/u/{id}", says("1")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.addRoutes(get("/a", says("2"))));
        assertTrue(e.getMessage().contains("GET /a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> app.addRoutes(get("/u/{id}", says("2"))));
        app.addRoutes(post("/a", says("post")), route("*", "/a", says("any"))); // other methods: fine
    }

    @Test
    void aMalformedPathPatternIsRefusedWhenAdded() {
        Application app = new Application();
        for (String bad : List.of("/a/{id", "/a/id}", "/a/{}", "/a/{1x}", "/a/{x}/{x}", "/a/{x:[}", "/a/{x:(}")) {
            assertThrows(IllegalArgumentException.class, () -> app.addRoutes(get(bad, says("x"))), bad);
        }
        assertTrue(app.router().routes().isEmpty());
    }

    @Test
    void aRouteNeedsAMethodAPathFromTheRootAndAHandler() {
        Handler h = says("x");
        assertThrows(IllegalArgumentException.class, () -> get("relative", h));
        assertThrows(IllegalArgumentException.class, () -> get(null, h));
        assertThrows(IllegalArgumentException.class, () -> route("", "/", h));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> route("GE T", "/", h));
        assertEquals("Route(): the method \"GE T\" is not a token (it holds ' '); give one such as GET, or * for any",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> get("/", null));
    }

    @Test
    void theRouterRoutesOnTheDecodedPath() throws Exception {
        try (Served s = Served.routes(get("/a b/{x}", r -> Response.text(r.matchInfo().toString())))) {
            assertEquals(Map.of("x", "é").toString(), s.get("/a%20b/%C3%A9").text());
        }
    }

    @Test
    void anUnknownPathForAMethodNoRouteTakesIsStill404() throws Exception {
        try (Served s = Served.routes(get("/a", says("a")))) {
            Reply r = s.request("DELETE /b HTTP/1.1\r\n\r\n");
            assertEquals(404, r.status());
            assertNull(r.header("Allow"));
        }
    }
}
