// HTTP hello-world on asyncio4j-http: the counterpart of /work/shared/bench/http_server_aiohttp.py
// (aiohttp.web, GET / -> 200 "Hello, World!" text/plain, keep-alive, backlog 1024, no access log).
// Single-threaded on its loop. Stops by itself after --max-seconds, as the kit's servers do.
//   ./aio java bench/HttpServerHello.java --port 8080 [--max-seconds 900]
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.TcpSite;

import static io.asyncio4j.Asyncio.run;
import static io.asyncio4j.Asyncio.sleep;

Response hello(Request request) {
    return Response.text("Hello, World!");
}

void main(String[] args) {
    String host = "127.0.0.1";
    int port = 8080;
    double maxSeconds = 900;
    for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
            case "--host" -> host = args[++i];
            case "--port" -> port = Integer.parseInt(args[++i]);
            case "--max-seconds" -> maxSeconds = Double.parseDouble(args[++i]);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
    }
    String h = host;
    int p = port;
    double secs = maxSeconds;
    run(() -> {
        Application app = new Application();
        app.router().addGet("/", this::hello);
        AppRunner runner = new AppRunner(app);
        runner.setup();
        try {
            new TcpSite(runner, h, p).start();
            System.out.println("http serving on " + h + ":" + p);
            System.out.flush();
            sleep(secs);
        } finally {
            runner.cleanup();
        }
    });
}
