// asyncio4j-http in one program: a small web application (routes with variables, a middleware,
// an error, a streamed response) served on a free port, and a client session calling it from
// tasks of the same loop — aiohttp.web and aiohttp.ClientSession, in straight-line Java.
// Run it with:  ./aio run examples/WebApp.java
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientResponseException;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Handler;
import io.asyncio4j.http.web.HttpNotFound;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.StreamResponse;
import io.asyncio4j.http.web.TcpSite;

import java.util.List;
import java.util.Map;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;

final Map<String, String> users = new java.util.concurrent.ConcurrentHashMap<>(Map.of("1", "ada", "2", "grace"));

/** GET /users/{id}: a path variable; an unknown id is a 404 thrown from the handler. */
Response user(Request request) {
    String name = users.get(request.matchInfo("id"));
    if (name == null) {
        throw new HttpNotFound("no user " + request.matchInfo("id"));
    }
    return Response.json("{\"id\": " + request.matchInfo("id") + ", \"name\": \"" + name + "\"}");
}

/** POST /users: reads the body (may suspend), answers 201. */
Response addUser(Request request) throws Exception {
    String name = request.text();
    String id = String.valueOf(users.size() + 1);
    users.put(id, name);
    return Response.text("created " + id).status(201);
}

/** GET /count?to=N: a body written while the handler runs, one line every 10 ms. */
Response count(Request request) throws Exception {
    int to = Integer.parseInt(request.query("to"));
    StreamResponse r = new StreamResponse();
    r.header("Content-Type", "text/plain");
    r.prepare(request);
    for (int i = 1; i <= to; i++) {
        r.write(i + "\n");
        sleep(0.01);
    }
    r.writeEof();
    return r;
}

/** A middleware: every answer carries the handler's time in milliseconds. */
Response timed(Request request, Handler next) throws Exception {
    long t0 = System.nanoTime();
    Response r = next.handle(request);
    r.header("X-Elapsed-Ms", String.valueOf((System.nanoTime() - t0) / 1_000_000));
    return r;
}

String fetch(ClientSession session, String url) throws Exception {
    try (ClientResponse r = session.get(url)) {
        r.raiseForStatus();
        return r.text();
    }
}

void main() {
    run(() -> {
        Application app = new Application(this::timed);
        app.addRoutes(get("/users/{id}", this::user), post("/users", this::addUser), get("/count", this::count));
        try (AppRunner runner = new AppRunner(app)) {
            runner.setup();
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
            String base = "http://127.0.0.1:" + site.port();

            try (ClientSession session = new ClientSession()) {
                // two requests at once, from two tasks, over the session's keep-alive pool
                List<String> both = gather(() -> fetch(session, base + "/users/1"), () -> fetch(session, base + "/users/2"));
                System.out.println("users: " + both);

                try (ClientResponse r = session.post(base + "/users", "barbara")) {
                    System.out.println("post: " + r.status() + " " + r.text());
                }
                System.out.println("user 3: " + fetch(session, base + "/users/3"));

                try {
                    fetch(session, base + "/users/9");
                } catch (ClientResponseException e) {
                    System.out.println("user 9: " + e.status() + " " + e.reason());
                }

                try (ClientResponse r = session.get(base + "/users/1")) {
                    System.out.println("timed by the middleware: " + (r.headers().get("X-Elapsed-Ms") != null));
                }
                // a streamed body's head left at prepare(): the middleware's field came too late for it
                try (ClientResponse r = session.get(base + "/count?to=3")) {
                    System.out.println("count (" + r.headers().get("Transfer-Encoding") + "): "
                            + r.text().strip().replace('\n', ' '));
                }
            }
        }
        System.out.println("served and shut down");
    });
}
