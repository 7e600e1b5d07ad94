package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sub-applications (aiohttp's app.add_subapp(prefix, subapp)). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class SubappTest {
    /** A middleware adding its name to X-Trace on the way out (so the outermost comes last). */
    private static Middleware tracing(String name) {
        return (request, next) -> {
            Response r = next.handle(request);
            String t = r.headers().get("X-Trace");
            return r.header("X-Trace", t == null ? name : t + "," + name);
        };
    }

    @Test
    void aRequestUnderThePrefixIsRoutedByTheSubappOnTheRestOfItsPath() throws Exception {
        Application api = new Application().addRoutes(get("/users/{id}", r -> Response.text("user " + r.matchInfo("id"))));
        Application root = new Application().addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            Reply r = s.get("/api/users/42");
            assertEquals(200, r.status());
            assertEquals("user 42", r.text());
        }
    }

    @Test
    void theRequestsAppIsTheSubappItsPathLedTo() throws Exception {
        Application api = new Application();
        api.state().put("name", "api");
        api.addRoutes(get("/who", r -> Response.text(String.valueOf(r.app().state().get("name")))));
        Application root = new Application().addRoutes(get("/who", r -> Response.text("root " + (r.app() == null))));
        root.state().put("name", "root");
        root.addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals("api", s.get("/api/who").text());
            assertEquals("root false", s.get("/who").text());
        }
    }

    @Test
    void theParentsMiddlewaresWrapTheSubappsWhichWrapItsHandler() throws Exception {
        Application api = new Application(tracing("api")).addRoutes(get("/x", r -> Response.text("x")));
        Application root = new Application(tracing("root")).addRoutes(get("/y", r -> Response.text("y")));
        root.addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals("api,root", s.get("/api/x").header("X-Trace"), "the sub-application's inside the parent's");
            assertEquals("root", s.get("/y").header("X-Trace"), "the sub-application's stay out of the parent's routes");
        }
    }

    @Test
    void aPathUnderThePrefixTheSubappDoesNotRouteIsItsOwn404Or405() throws Exception {
        Middleware marking = (request, next) -> {
            try {
                return next.handle(request);
            } catch (HttpException e) {
                return e.toResponse().header("X-Answered-By", "api");
            }
        };
        Application api = new Application(marking).addRoutes(post("/items", r -> Response.text("made")));
        Application root = new Application().addRoutes(get("/api/other", r -> Response.text("never")));
        root.addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            Reply missing = s.get("/api/nothing");
            assertEquals(404, missing.status());
            assertEquals("api", missing.header("X-Answered-By"), "answered inside the sub-application");
            Reply wrongMethod = s.get("/api/items");
            assertEquals(405, wrongMethod.status());
            assertEquals("POST", wrongMethod.header("Allow"));
            assertEquals(404, s.get("/api").status(), "the bare prefix is not the sub-application's /");
        }
    }

    @Test
    void aPathThatOnlyStartsWithThePrefixTextIsNotTheSubapps() throws Exception {
        Application api = new Application().addRoutes(get("/x", r -> Response.text("sub")));
        Application root = new Application().addSubapp("/api", api)
                .addRoutes(get("/{name}", r -> Response.text("root " + r.matchInfo("name")))); // tried after /api
        try (Served s = Served.start(root)) {
            assertEquals("root apix", s.get("/apix").text());
        }
    }

    @Test
    void subappsNestAndAPrefixsTrailingSlashIsDropped() throws Exception {
        Application v1 = new Application().addRoutes(get("/ping", r -> Response.text("pong " + r.path())));
        Application api = new Application().addSubapp("/v1/", v1);
        Application root = new Application().addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals("pong /api/v1/ping", s.get("/api/v1/ping").text(), "path() stays the whole path");
        }
    }

    @Test
    void theSubappsHooksRunWithTheParentsInTheOrderAdded() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        Application api = new Application();
        api.onStartup().add(app -> calls.add("api start " + (app == api)));
        api.onCleanup().add(app -> calls.add("api cleanup"));
        Application root = new Application();
        root.onStartup().add(app -> calls.add("root start 1"));
        root.addSubapp("/api", api);
        root.onStartup().add(app -> calls.add("root start 2"));
        root.onCleanup().add(app -> calls.add("root cleanup"));
        AppRunner runner = new AppRunner(root);
        runner.setup();
        assertTrue(api.isFrozen(), "frozen with its parent");
        runner.cleanup();
        assertEquals(List.of("root start 1", "api start true", "root start 2", "api cleanup", "root cleanup"), calls);
    }

    @Test
    void theBodyLimitIsTheServedApplications() throws Exception {
        Application api = new Application().clientMaxSize(4).addRoutes(post("/echo", r -> Response.bytes(r.read(),
                "application/octet-stream")));
        Application root = new Application().addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            Reply r = s.request(RawHttp.withBody("POST", "/api/echo", "", "0123456789"));
            assertEquals(200, r.status());
            assertEquals("0123456789", r.text());
        }
    }

    @Test
    void badPrefixesAndSecondUsesAreRefused() {
        Application root = new Application();
        Application api = new Application();
        for (String bad : new String[] {null, "api", "/", "//"}) {
            assertThrows(IllegalArgumentException.class, () -> root.addSubapp(bad, new Application()), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> root.addSubapp("/me", root));
        root.addSubapp("/api", api);
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> new Application().addSubapp("/x", api));
        assertTrue(again.getMessage().contains("already a sub-application"), again.getMessage());
        IllegalArgumentException samePrefix = assertThrows(IllegalArgumentException.class,
                () -> root.addSubapp("/api/", new Application()));
        assertTrue(samePrefix.getMessage().contains("already has a sub-application"), samePrefix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> api.addSubapp("/up", root), "no cycles");
        assertSame(api, root.subapps().get(0));
    }

    @Test
    void aSubappCannotBeAddedOnceServing() throws Exception {
        Application root = new Application();
        AppRunner runner = new AppRunner(root);
        runner.setup();
        try {
            assertThrows(IllegalStateException.class, () -> root.addSubapp("/api", new Application()));
        } finally {
            runner.cleanup();
        }
    }
}
