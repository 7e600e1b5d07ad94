package io.asyncio4j.http.client;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session belongs to the loop its connections were made on (as an aiohttp session to its
 * loop). Two {@code run()} calls make two loops, so these tests run outside the testing kit's
 * loop, against the JDK's HTTP server on its own threads.
 */
class ClientSessionLoopTest {
    private HttpServer server;
    private String url;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "hi".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String get(ClientSession session) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    @Test
    void aSessionWithConnectionsFromALoopThatClosedRefusesAnotherLoop() throws Exception {
        ClientSession session = new ClientSession();
        assertEquals("hi", run(() -> get(session))); // leaves a kept-alive connection in the pool
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> get(session)));
        assertTrue(e.getMessage().startsWith("ClientSession.request(): the event loop this session's connections "
                + "were made on is closed"), e.getMessage());
    }

    @Test
    void aSessionClosedOnItsLoopLeavesNothingBehindAndANewOneWorksOnTheNextLoop() throws Exception {
        ClientSession first = new ClientSession();
        run(() -> {
            get(first);
            first.close();
        });
        ClientSession second = new ClientSession();
        assertEquals("hi", run(() -> {
            try (second) {
                return get(second);
            }
        }));
    }
}
