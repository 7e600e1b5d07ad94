// Testing an asyncio4j-http application, as aiohttp.test_utils does it for aiohttp: a TestClient
// serves the application on a free port and sends requests by path; makeMockedRequest calls a
// handler with no server at all. Framework-neutral: the same calls work in a JUnit test.
// Run it with:  ./aio run examples/TestingAnApp.java
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.client.ClientWebSocketResponse;
import io.asyncio4j.http.testutils.MockedRequestOptions;
import io.asyncio4j.http.testutils.TestClient;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.HttpBadRequest;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.WebSocketResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.asyncio4j.Asyncio.run;
import static io.asyncio4j.http.testutils.TestUtils.makeMockedRequest;
import static io.asyncio4j.http.web.Web.get;

/** GET /hello/{name}: greets in the language of the Accept-Language field. */
Response hello(Request request) {
    String name = request.matchInfo("name");
    if (name.isBlank()) {
        throw new HttpBadRequest("a name, please");
    }
    boolean fr = "fr".equals(request.headers().get("Accept-Language"));
    return Response.text((fr ? "bonjour " : "hello ") + name);
}

/** GET /ws: echoes each text message in upper case. */
WebSocketResponse shout(Request request) throws Exception {
    WebSocketResponse ws = new WebSocketResponse();
    ws.prepare(request);
    for (WsMessage m : ws) {
        ws.sendStr(m.text().toUpperCase());
    }
    return ws;
}

void main() {
    run(() -> {
        Application app = new Application().addRoutes(get("/hello/{name}", this::hello), get("/ws", this::shout));

        // over a socket: the client closes its responses, WebSockets, session and the server
        try (TestClient client = TestClient.start(app)) {
            System.out.println("GET /hello/ada: " + client.get("/hello/ada").text());
            System.out.println("GET /nowhere: " + client.get("/nowhere").status());
            ClientWebSocketResponse ws = client.wsConnect("/ws");
            ws.sendStr("quiet");
            System.out.println("ws: " + ws.receive().text());
        }

        // no socket: a request made up for the handler, match info and headers as given
        Request request = makeMockedRequest("GET", "/hello/ada", Headers.of("Accept-Language", "fr"),
                MockedRequestOptions.defaults().withMatchInfo(Map.of("name", "ada")));
        System.out.println("mocked: " + new String(hello(request).body(), StandardCharsets.UTF_8));
        try {
            hello(makeMockedRequest("GET", "/hello/%20", new Headers(),
                    MockedRequestOptions.defaults().withMatchInfo(Map.of("name", " "))));
        } catch (HttpBadRequest e) {
            System.out.println("mocked blank name: " + e.status());
        }
    });
}
