package io.asyncio4j.http.testutils;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientSessionOptions;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TestServer (aiohttp.test_utils.TestServer): where it listens, the URLs it makes, its life cycle. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class TestServerTest {

    private static Application hello() {
        return new Application().addRoutes(get("/", r -> Response.text("hello")));
    }

    @Test
    void itListensOnTheLoopbackAddressAndAPortTheSystemPicks() throws Exception {
        try (TestServer server = TestServer.start(hello())) {
            assertEquals("127.0.0.1", server.host());
            assertTrue(server.port() > 0, "port " + server.port());
            assertEquals("http", server.scheme());
            assertEquals("http://127.0.0.1:" + server.port() + "/a", server.makeUrl("/a"));
            assertEquals(BaseTestServer.State.STARTED, server.state());
        }
    }

    @Test
    void makeUrlJoinsAPathOntoTheRootAsAiohttpDoes() throws Exception {
        // aiohttp 3.8.4: TestServer.make_url(p) for each p, the port written as PORT
        Map<String, String> aiohttp = new LinkedHashMap<>();
        aiohttp.put("/a", "http://127.0.0.1:PORT/a");
        aiohttp.put("a", "http://127.0.0.1:PORT/a");
        aiohttp.put("", "http://127.0.0.1:PORT");
        aiohttp.put("/a/b?x=1&y=2", "http://127.0.0.1:PORT/a/b?x=1&y=2");
        aiohttp.put("a b", "http://127.0.0.1:PORT/a%20b");
        aiohttp.put("/a%20b", "http://127.0.0.1:PORT/a%20b");
        aiohttp.put("../x", "http://127.0.0.1:PORT/x");
        aiohttp.put("/a/../b", "http://127.0.0.1:PORT/b");
        aiohttp.put("?q=1", "http://127.0.0.1:PORT/?q=1");
        aiohttp.put("#frag", "http://127.0.0.1:PORT/#frag");
        aiohttp.put("/é", "http://127.0.0.1:PORT/%C3%A9");
        try (TestServer server = TestServer.start(hello())) {
            Map<String, String> ours = new LinkedHashMap<>();
            for (String path : aiohttp.keySet()) {
                ours.put(path, server.makeUrl(path).replace(String.valueOf(server.port()), "PORT"));
            }
            assertEquals(aiohttp, ours);
        }
    }

    @Test
    void makeUrlRefusesAnAbsoluteUrlAsAiohttpAssertsAgainstIt() throws Exception {
        try (TestServer server = TestServer.start(hello())) {
            for (String url : List.of("http://example.com/x", "ws://h/x", "//other/x")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.makeUrl(url));
                assertTrue(e.getMessage().contains("is an absolute URL; give a path"), e.getMessage());
            }
        }
    }

    @Test
    void makeUrlBeforeStartServerSaysToStartIt() {
        TestServer server = new TestServer(hello());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.makeUrl("/"));
        assertEquals("TestServer.makeUrl(): the server is NEW; call startServer() first", e.getMessage());
    }

    @Test
    void aSecondStartServerKeepsTheSamePort() throws Exception {
        try (TestServer server = TestServer.start(hello())) {
            int port = server.port();
            server.startServer();
            assertEquals(port, server.port());
        }
    }

    @Test
    void closeShutsTheServerSoANewConnectionIsRefused() throws Exception {
        TestServer server = TestServer.start(hello());
        int port = server.port();
        server.close();
        assertTrue(server.isClosed());
        assertThrows(ConnectException.class, () -> openConnection("127.0.0.1", port));
    }

    @Test
    void closeRunsTheApplicationsCleanupHooks() throws Exception {
        List<String> seen = new ArrayList<>();
        Application app = hello();
        app.onCleanup().add(a -> seen.add("cleanup"));
        TestServer server = TestServer.start(app);
        assertEquals(List.of(), seen);
        server.close();
        assertEquals(List.of("cleanup"), seen);
    }

    @Test
    void aPortInUseFailsStartServerAndUndoesTheStartupHooks() throws Exception {
        List<String> seen = new ArrayList<>();
        try (TestServer first = TestServer.start(hello())) {
            Application app = hello();
            app.onStartup().add(a -> seen.add("startup"));
            app.onCleanup().add(a -> seen.add("cleanup"));
            TestServer second = new TestServer(app, "127.0.0.1", first.port(), null);
            assertThrows(java.net.BindException.class, second::startServer);
            assertEquals(List.of("startup", "cleanup"), seen);
            assertEquals(BaseTestServer.State.NEW, second.state());
        }
    }

    @Test
    void closeIsIdempotentAndAClosedServerDoesNotStartAgain() throws Exception {
        TestServer server = TestServer.start(hello());
        server.close();
        server.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, server::startServer);
        assertTrue(e.getMessage().contains("the server is closed; make a new one"), e.getMessage());
        assertThrows(IllegalStateException.class, server::port);
    }

    @Test
    void aServerClosedBeforeItStartedIsClosed() throws Exception {
        TestServer server = new TestServer(hello());
        server.close();
        assertEquals(BaseTestServer.State.CLOSED, server.state());
        assertEquals(false, server.isStarted());
    }

    @Test
    void aGivenPortIsTheOneItListensOn() throws Exception {
        int port = TestUtils.unusedPort();
        try (TestServer server = new TestServer(hello(), "127.0.0.1", port, null)) {
            server.startServer();
            assertEquals(port, server.port());
            try (ClientSession session = new ClientSession();
                 ClientResponse r = session.get("http://127.0.0.1:" + port + "/")) {
                assertEquals("hello", r.text());
            }
        }
    }

    @Test
    void withAnSslContextItServesHttps() throws Exception {
        TestCerts.prepare();
        try (TestClient client = new TestClient(new TestServer(hello(), "127.0.0.1", 0, TestCerts.server()),
                ClientSessionOptions.defaults().withSslContext(TestCerts.client()))) {
            client.startServer();
            assertEquals("https", client.server().scheme());
            assertTrue(client.makeUrl("/").startsWith("https://127.0.0.1:"), client.makeUrl("/"));
            assertEquals("hello", client.get("/").text());
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheWayOut() {
        assertEquals("TestServer(): the application is null; give the Application to serve (or a handler to a "
                + "RawTestServer)", assertThrows(IllegalArgumentException.class, () -> new TestServer(null)).getMessage());
        assertEquals("TestServer(): the port 70000 is out of range; give 0 (the system picks one) to 65535",
                assertThrows(IllegalArgumentException.class,
                        () -> new TestServer(hello(), "127.0.0.1", 70000, null)).getMessage());
    }

    @Test
    void toStringShowsTheStateAndTheRoot() throws Exception {
        TestServer server = new TestServer(hello());
        assertEquals("<TestServer NEW>", server.toString());
        server.startServer();
        assertEquals("<TestServer STARTED http://127.0.0.1:" + server.port() + ">", server.toString());
        server.close();
        assertEquals("<TestServer CLOSED>", server.toString());
    }
}
