package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Application.onResponsePrepare with sub-applications: aiohttp 3.8.4 sends the signal of every
 * application of the request's match info, the served one first, and resolves that match info
 * before any middleware runs (checked with a root middleware answering 401 for a sub-application's
 * path: both applications' hooks ran).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResponsePrepareHookSubappTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** {@code app}, whose hook records "name status". */
    private Application named(String name, Application app) {
        app.onResponsePrepare().add((request, response) -> seen.add(name + " " + response.status()));
        return app;
    }

    @Test
    void theHooksOfEveryApplicationOnTheWayRunTheServedOnesFirst() throws Exception {
        Application v1 = named("v1", new Application().addRoutes(get("/x", r -> Response.text("x"))));
        Application api = named("api", new Application()).addSubapp("/v1", v1);
        Application root = named("root", new Application()).addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals("x", s.get("/api/v1/x").text());
        }
        assertEquals(List.of("root 200", "api 200", "v1 200"), seen);
    }

    @Test
    void aSubappsHooksDoNotRunForTheParentsOwnRoutes() throws Exception {
        Application api = named("api", new Application().addRoutes(get("/x", r -> Response.text("x"))));
        Application root = named("root", new Application().addRoutes(get("/y", r -> Response.text("y"))));
        root.addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals("y", s.get("/y").text());
        }
        assertEquals(List.of("root 200"), seen);
    }

    @Test
    void aParentMiddlewaresAnswerForAPathIntoASubappRunsTheSubappsHooksToo() throws Exception {
        Middleware guard = (request, next) -> {
            throw new HttpException(401);
        };
        Application api = named("api", new Application().addRoutes(get("/x", r -> Response.text("x"))));
        Application root = named("root", new Application(guard)).addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals(401, s.get("/api/x").status());
        }
        assertEquals(List.of("root 401", "api 401"), seen, "the route is found before the middlewares run");
    }

    @Test
    void aPathUnderThePrefixTheSubappDoesNotRouteRunsBothApplicationsHooks() throws Exception {
        Application api = named("api", new Application().addRoutes(get("/x", r -> Response.text("x"))));
        Application root = named("root", new Application()).addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals(404, s.get("/api/missing").status());
        }
        assertEquals(List.of("root 404", "api 404"), seen);
    }

    @Test
    void aSubappsHookRunsWhenTheServedApplicationHasNone() throws Exception {
        Application api = new Application().addRoutes(get("/x", r -> Response.text("x")));
        api.onResponsePrepare().add((request, response) -> response.header("X-Api", "1"));
        Application root = new Application().addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            Reply r = s.get("/api/x");
            assertEquals("1", r.header("X-Api"));
        }
    }

    @Test
    void aSubappsHookListRefusesChangesOnceTheServedApplicationServes() throws Exception {
        Application api = new Application().addRoutes(get("/x", r -> Response.text("x")));
        Application root = new Application().addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> api.onResponsePrepare().add((request, response) -> { }));
            assertEquals("Application.onResponsePrepare().add(): the application is already serving; configure it "
                    + "before AppRunner.setup() / runApp()", e.getMessage());
        }
    }
}
