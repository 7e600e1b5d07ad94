package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.normalizePathMiddleware;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Web.normalizePathMiddleware (aiohttp's web.normalize_path_middleware). Every status and Location
 * asserted here is what aiohttp 3.8.4 answers for the same routes and requests (checked with it).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class NormalizePathMiddlewareTest {

    private static Handler says(String text) {
        return r -> Response.text(text);
    }

    /** The routes the cases run against, behind {@code middleware}. */
    private static Served serve(Middleware middleware) throws Exception {
        return Served.start(new Application(middleware).addRoutes(
                get("/a/", says("a/")), get("/b", says("b")), get("/c/d/", says("cd")), post("/p/", says("p")),
                get("/x y/", says("xy")), get("/v/{id}/", says("v")),
                get("/raise", r -> {
                    throw new HttpException(404);
                })));
    }

    /** {@code method target} on a fresh connection: "status Location" (Location "-" when absent). */
    private static String ask(Served s, String method, String target) throws Exception {
        Reply r;
        try (RawHttp c = s.connect()) {
            c.send(method + " " + target + " HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
            r = method.equals("HEAD") ? c.readHead() : c.read();
        }
        return r.status() + " " + (r.header("Location") == null ? "-" : r.header("Location"));
    }

    @Test
    void aPathWithoutTheTrailingSlashItsRouteHasIsRedirectedWith308() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            Reply r = s.get("/a");
            assertEquals(308, r.status(), "aiohttp 3.8's default is HTTPPermanentRedirect");
            assertEquals("/a/", r.header("Location"));
            assertEquals("308 /v/7/", ask(s, "GET", "/v/7"), "a patterned route too");
            assertEquals("308 /a/", ask(s, "HEAD", "/a"), "HEAD as GET");
        }
    }

    @Test
    void theQueryStringIsKept() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            assertEquals("308 /a/?q=1&r=2", ask(s, "GET", "/a?q=1&r=2"));
        }
    }

    @Test
    void runsOfSlashesAreMergedAndTriedBeforeTheSlashIsAppended() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            assertEquals("308 /c/d/", ask(s, "GET", "//c//d"));
            assertEquals("308 /c/d/", ask(s, "GET", "/c//d/"));
            assertEquals("308 /a/", ask(s, "GET", "/a//"));
        }
    }

    @Test
    void aRedirectNeverStartsWithTwoSlashesWhichABrowserReadsAsAnotherHost() throws Exception {
        try (Served s = serve(normalizePathMiddleware(true, false, false, 308))) {
            assertEquals("308 /a/", ask(s, "GET", "//a"), "not //a/, even without merging");
            assertEquals("308 /a/", ask(s, "GET", "///a"));
        }
    }

    @Test
    void aPathARouteTakesIsLeftAloneEvenWhenItsHandlerAnswers404() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            assertEquals("404 -", ask(s, "GET", "/raise"));
            assertEquals("200 -", ask(s, "GET", "/b?"));
        }
    }

    @Test
    void theVariantMustBeTakenWithTheRequestsMethod() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            assertEquals("308 /p/", ask(s, "POST", "/p"));
            assertEquals("404 -", ask(s, "GET", "/p"), "/p/ takes only POST");
        }
    }

    @Test
    void aPathNoVariantHelpsKeepsTheRoutersAnswer() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            assertEquals("404 -", ask(s, "GET", "/nothing"));
            assertEquals("404 -", ask(s, "GET", "/b/"), "removing is not tried unless asked for");
            assertEquals("404 -", ask(s, "POST", "/b/"));
        }
    }

    @Test
    void percentEscapesStayAsSentInTheLocation() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            assertEquals("308 /x%20y/", ask(s, "GET", "/x%20y"));
        }
    }

    @Test
    void removeSlashRedirectsToThePathWithoutItAndNoLongerAppends() throws Exception {
        try (Served s = serve(normalizePathMiddleware(false, true, true, 308))) {
            assertEquals("308 /b", ask(s, "GET", "/b/"));
            assertEquals("308 /c/d/", ask(s, "GET", "/c//d/"), "merged first");
            assertEquals("404 -", ask(s, "GET", "/a"));
            assertEquals("404 -", ask(s, "GET", "//c//d"));
        }
    }

    @Test
    void withoutMergingOnlyTheSlashIsTriedAndTheRedirectStatusIsTheOneGiven() throws Exception {
        try (Served s = serve(normalizePathMiddleware(true, false, false, 301))) {
            assertEquals("301 /a/", ask(s, "GET", "/a"));
            assertEquals("404 -", ask(s, "GET", "//c//d"));
            assertEquals("404 -", ask(s, "GET", "/a//"));
        }
    }

    @Test
    void aPathTheRouterAnswers405ForIsNormalizedToo() throws Exception {
        Application app = new Application(normalizePathMiddleware(false, true, true, 308))
                .addRoutes(get("/q", says("q")), post("/q/", says("pq")));
        try (Served s = Served.start(app)) {
            assertEquals("308 /q", ask(s, "GET", "/q/"));
            assertEquals("405 -", ask(s, "POST", "/q"));
        }
    }

    @Test
    void theServedApplicationsMiddlewareNormalizesPathsIntoASubapp() throws Exception {
        Application api = new Application().addRoutes(get("/x/", says("x")));
        Application root = new Application(normalizePathMiddleware()).addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals("308 /api/x/", ask(s, "GET", "/api/x"));
            assertEquals("308 /api/x/", ask(s, "GET", "/api//x"));
            assertEquals("308 /api/x/?z=1", ask(s, "GET", "//api/x?z=1"));
        }
    }

    @Test
    void theRedirectIsFollowedToTheRoute() throws Exception {
        try (Served s = serve(normalizePathMiddleware())) {
            Reply first = s.get("/c//d");
            assertEquals("cd", s.get(first.header("Location")).text());
            assertNull(s.get("/b").header("Location"), "a path a route takes goes straight to it");
        }
    }

    @Test
    void appendingAndRemovingTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> normalizePathMiddleware(true, true, true, 308));
        assertEquals("Web.normalizePathMiddleware(): appendSlash and removeSlash are both true; a path cannot both "
                + "gain and lose its trailing slash, choose one (aiohttp asserts \"Cannot both remove and append "
                + "slash\")", e.getMessage());
    }

    @Test
    void aStatusThatIsNotARedirectIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> normalizePathMiddleware(true, false, true, 404));
        assertEquals("Web.normalizePathMiddleware(): 404 is not a redirect status; use 301, 302, 303, 307 or 308 "
                + "(the default, aiohttp's HTTPPermanentRedirect)", e.getMessage());
    }
}
