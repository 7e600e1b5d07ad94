// seed: 17_http_server.py (tested by HttpServerSeedTest)
// A small HTTP server with a handler, as aiohttp.web in the seed. The seed serves 127.0.0.1:8080;
// an optional argument picks another port (0: any free one; the banner shows which).
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.runApp;

Response handle(Request request) {
    return Response.text("Hello, async world");
}

void main(String[] args) {
    Application app = new Application();
    app.addRoutes(get("/", this::handle));
    runApp(app, "127.0.0.1", args.length > 0 ? Integer.parseInt(args[0]) : 8080);
}
