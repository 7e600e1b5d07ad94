package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.TreeMap;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Request.state() and Request.configDict(): aiohttp's {@code request[key]} (how a middleware hands
 * what it found to the handler) and {@code request.config_dict} (the application's state, then its
 * parents'). The expected values are aiohttp 3.8.4's for the same applications.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestStateTest {

    @Test
    void aValueAMiddlewarePutsInTheRequestsStateIsReadByTheHandler() throws Exception {
        Middleware auth = (request, next) -> {
            request.state().put("user", "alice");
            return next.handle(request);
        };
        Application app = new Application(auth).addRoutes(get("/", r -> Response.text("hello "
                + r.state().get("user"))));
        try (Served s = Served.start(app)) {
            assertEquals("hello alice", s.get("/").text());
        }
    }

    @Test
    void eachRequestStartsWithAnEmptyState() throws Exception {
        Application app = new Application().addRoutes(get("/", r -> {
            String before = r.state().toString();
            r.state().put("seen", true);
            return Response.text(before);
        }));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            assertEquals("{}", c.exchange(RawHttp.get("/")).text());
            assertEquals("{}", c.exchange(RawHttp.get("/")).text(), "the second request on the connection does not "
                    + "see the first's");
        }
    }

    @Test
    void aCloneStartsWithACopyOfTheStateThatTheRequestDoesNotSeeChange() throws Exception {
        // aiohttp 3.8.4: clone() passes state=self._state.copy(); the handler of the clone sees
        // {'user': 'alice', 'extra': 1}, the middleware's request still {'user': 'alice'}
        Middleware m = (request, next) -> {
            request.state().put("user", "alice");
            Request c = request.cloneWith(Request.Changes.none());
            c.state().put("extra", 1);
            Response r = next.handle(c);
            return r.header("X-Orig", request.state().toString());
        };
        Application app = new Application(m).addRoutes(get("/", r -> Response.text(r.state().toString())));
        try (Served s = Served.start(app)) {
            RawHttp.Reply r = s.get("/");
            assertEquals("{user=alice, extra=1}", r.text());
            assertEquals("{user=alice}", r.header("X-Orig"));
        }
    }

    @Test
    void theConfigDictFindsAKeyInTheSubappFirstThenInItsParents() throws Exception {
        // aiohttp 3.8.4: config_dict.get('db') is the root's, .get('name') the sub-application's,
        // .get('missing') None
        Application sub = new Application().addRoutes(get("/x", r -> {
            Map<String, Object> cfg = r.configDict();
            return Response.text(cfg.get("db") + " " + cfg.get("name") + " " + cfg.get("missing") + " "
                    + cfg.containsKey("db") + " " + cfg.containsKey("missing"));
        }));
        sub.state().put("name", "sub");
        Application root = new Application().addSubapp("/api", sub);
        root.state().put("db", "rootdb");
        root.state().put("name", "root");
        try (Served s = Served.start(root)) {
            assertEquals("rootdb sub null true false", s.get("/api/x").text());
        }
    }

    @Test
    void theConfigDictIteratesEachKeyOnceWithTheValueALookupGives() throws Exception {
        // aiohttp 3.8.4: len(config_dict) == 2, dict(config_dict) == {'db': 'rootdb', 'name': 'sub'}
        // (the order is not compared: Application.state() is a concurrent map, unordered)
        Application sub = new Application().addRoutes(get("/x", r -> Response.text(r.configDict().size() + " "
                + new TreeMap<>(r.configDict()))));
        sub.state().put("name", "sub");
        Application root = new Application().addSubapp("/api", sub);
        root.state().put("db", "rootdb");
        root.state().put("name", "root");
        try (Served s = Served.start(root)) {
            assertEquals("2 {db=rootdb, name=sub}", s.get("/api/x").text());
        }
    }

    @Test
    void theConfigDictOfARequestToTheServedApplicationIsItsState() throws Exception {
        Application root = new Application().addRoutes(get("/", r -> Response.text(String.valueOf(
                r.configDict().get("db")))));
        root.state().put("db", "rootdb");
        try (Served s = Served.start(root)) {
            assertEquals("rootdb", s.get("/").text());
        }
    }

    @Test
    void theConfigDictIsReadOnly() throws Exception {
        Application root = new Application().addRoutes(get("/", r -> {
            try {
                r.configDict().put("db", "other");
                return Response.text("changed");
            } catch (UnsupportedOperationException e) {
                return Response.text("refused " + r.app().state().get("db"));
            }
        }));
        root.state().put("db", "rootdb");
        try (Served s = Served.start(root)) {
            assertEquals("refused rootdb", s.get("/").text());
        }
    }

    @Test
    void aParentMiddlewareSeesItsOwnApplicationAgainAfterTheSubapplicationAnswered() throws Exception {
        // aiohttp 3.8.4: a root middleware reads request.app before and after handler(request) on
        // /api/x: "root root"; the handler's request.app is the sub-application
        Middleware mw = (request, next) -> {
            String before = (String) request.app().state().get("name");
            Response resp = next.handle(request);
            String after = (String) request.app().state().get("name");
            resp.header("X-Apps", before + " " + after);
            return resp;
        };
        Application sub = new Application().addRoutes(get("/x", r -> Response.text((String) r.app().state().get("name"))));
        sub.state().put("name", "sub");
        Application root = new Application().addMiddleware(mw).addSubapp("/api", sub);
        root.state().put("name", "root");
        try (Served s = Served.start(root)) {
            var r = s.get("/api/x");
            assertEquals("sub", r.text());
            assertEquals("root root", r.header("X-Apps"));
        }
    }
}
