package io.asyncio4j.http.testutils;

import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSessionOptions;
import io.asyncio4j.http.client.ClientWebSocketResponse;
import io.asyncio4j.http.client.DummyCookieJar;
import io.asyncio4j.http.client.RequestOptions;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TestClient (aiohttp.test_utils.TestClient): requests by path, WebSockets, and what close() closes. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class TestClientTest {

    /** Echoes each text message back with "echo " in front; records that the client closed. */
    private static WebSocketResponse echo(io.asyncio4j.http.web.Request req, Event clientClosed) throws Exception {
        WebSocketResponse ws = new WebSocketResponse();
        ws.prepare(req);
        for (WsMessage m : ws) {
            ws.sendStr("echo " + m.text());
        }
        clientClosed.set();
        return ws;
    }

    private static Application app(Event clientClosed) {
        return new Application().addRoutes(
                get("/", r -> Response.text("root")),
                get("/users/{id}", r -> Response.text("user " + r.matchInfo("id") + " " + r.query())),
                post("/echo", r -> Response.text(r.text())),
                route("*", "/method", r -> Response.text(r.method())),
                get("/ws", r -> echo(r, clientClosed)));
    }

    private static Application app() {
        return app(new Event());
    }

    @Test
    void getOnARouteReturnsItsBody() throws Exception {
        try (TestClient client = TestClient.start(app())) {
            assertEquals("root", client.get("/").text());
            assertEquals("user 7 {a=[1]}", client.get("/users/7?a=1").text());
        }
    }

    @Test
    void aPathWithoutALeadingSlashIsJoinedToTheRootToo() throws Exception {
        try (TestClient client = TestClient.start(app())) {
            assertEquals("user 7 {}", client.get("users/7").text());
        }
    }

    @Test
    void anAbsoluteUrlIsRefusedAndTheSessionTakesIt() throws Exception {
        try (TestClient client = TestClient.start(app())) {
            String absolute = "http://127.0.0.1:" + client.port() + "/";
            assertThrows(IllegalArgumentException.class, () -> client.get(absolute));
            try (ClientResponse r = client.session().get(absolute)) {
                assertEquals("root", r.text());
            }
        }
    }

    @Test
    void eachRequestMethodSendsItsMethodToThePath() throws Exception {
        try (TestClient client = TestClient.start(app())) {
            assertEquals("PUT", client.put("/method", "x").text());
            assertEquals("PATCH", client.patch("/method", RequestOptions.defaults()).text());
            assertEquals("DELETE", client.delete("/method").text());
            assertEquals("OPTIONS", client.options("/method").text());
            assertEquals("BREW", client.request("BREW", "/method").text());
            assertEquals(200, client.head("/method").status());
            assertEquals("body", client.post("/echo", "body").text());
        }
    }

    @Test
    void aWebSocketRoundTripsThroughThePath() throws Exception {
        try (TestClient client = TestClient.start(app())) {
            ClientWebSocketResponse ws = client.wsConnect("/ws");
            ws.sendStr("hi");
            assertEquals("echo hi", ws.receive().text());
        }
    }

    @Test
    void closeClosesTheResponsesItHandedOut() throws Exception {
        TestClient client = TestClient.start(app());
        ClientResponse r = client.get("/");
        assertEquals(ClientResponse.State.OPEN, r.state());
        client.close();
        assertTrue(r.state() != ClientResponse.State.OPEN, r.toString());
    }

    @Test
    void closeClosesItsWebSocketsWithACloseTheServerSees() throws Exception {
        Event clientClosed = new Event();
        TestClient client = TestClient.start(app(clientClosed));
        ClientWebSocketResponse ws = client.wsConnect("/ws");
        client.close();
        assertTrue(ws.isClosed());
        assertTrue(clientClosed.isSet(), "the server's handler saw the close before the server shut down");
    }

    @Test
    void closeClosesTheSessionAndTheServerSoANewConnectIsRefused() throws Exception {
        TestClient client = TestClient.start(app());
        int port = client.port();
        client.close();
        assertTrue(client.session().isClosed());
        assertTrue(client.server().isClosed());
        assertEquals(TestClient.State.CLOSED, client.state());
        assertThrows(ConnectException.class, () -> openConnection("127.0.0.1", port));
        client.close(); // idempotent
    }

    @Test
    void appIsTheServersApplicationAndNullForARawServer() throws Exception {
        Application app = app();
        try (TestClient client = TestClient.start(app)) {
            assertSame(app, client.app());
        }
        try (TestClient raw = TestClient.start(new RawTestServer(r -> Response.text("raw")))) {
            assertNull(raw.app());
        }
    }

    @Test
    void itsSessionKeepsTheCookiesOfTheIpAddressServerAsAiohttpsUnsafeJar() throws Exception {
        Application app = new Application().addRoutes(
                get("/set", r -> Response.text("ok").setCookie("k", "v")),
                get("/get", r -> Response.text(String.valueOf(r.cookies().get("k")))));
        try (TestClient client = TestClient.start(app)) {
            client.get("/set").close();
            assertEquals("v", client.get("/get").text());
        }
    }

    @Test
    void aCookieJarInTheOptionsIsTheOneUsed() throws Exception {
        Application app = new Application().addRoutes(get("/set", r -> Response.text("ok").setCookie("k", "v")));
        DummyCookieJar jar = new DummyCookieJar();
        try (TestClient client = new TestClient(new TestServer(app), ClientSessionOptions.defaults().withCookieJar(jar))) {
            client.startServer();
            client.get("/set").close();
            assertSame(jar, client.session().cookieJar());
        }
    }

    @Test
    void aRequestBeforeTheServerStartedSaysToStartIt() throws Exception {
        try (TestClient client = new TestClient(new TestServer(app()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.get("/"));
            assertTrue(e.getMessage().contains("call startServer() first"), e.getMessage());
            assertFalse(client.server().isStarted());
        }
    }

    @Test
    void aNullServerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TestClient(null));
        assertTrue(e.getMessage().startsWith("TestClient(): the server is null"), e.getMessage());
    }
}
