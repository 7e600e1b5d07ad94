package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Persistent connections: HTTP/1.1 and 1.0 rules, Connection: close, pipelining, unread bodies. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class KeepAliveTest {

    /**
     * GET /n answers its target and counts the requests the application saw; POST /ignore does
     * not read its body; POST /echo does.
     */
    private static Served server() throws Exception {
        int[] count = {0};
        return Served.routes(get("/n", r -> Response.text(r.target() + " #" + ++count[0])),
                post("/ignore", r -> Response.text("ignored")),
                post("/echo", r -> Response.text("echo " + r.text())));
    }

    @Test
    void twoRequestsGoOverOneHttp11Connection() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply first = c.exchange(RawHttp.get("/n"));
            assertNull(first.header("Connection"), "HTTP/1.1 persists without saying so");
            assertEquals("/n #1", first.text());
            assertEquals("/n #2", c.exchange(RawHttp.get("/n")).text());
            assertEquals(1, s.runner.connectionCount());
        }
    }

    @Test
    void anHttp10ConnectionClosesAfterOneResponse() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange("GET /n HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK", r.version() + " " + r.status() + " " + r.reason());
            // aiohttp 3.8.4 sends no Connection field here (GET /text HTTP/1.0 -> Content-Type /
            // Content-Length / Date / Server): closing is HTTP/1.0's default
            assertNull(r.header("Connection"));
            c.assertClosedByServer();
        }
    }

    @Test
    void anHttp10ConnectionAskingForKeepAliveIsKeptAndToldSo() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange("GET /n HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
            assertEquals("keep-alive", r.header("Connection"));
            assertEquals("/n #2", c.exchange(RawHttp.get("/n")).text());
        }
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange("GET /n HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n");
            assertEquals("/n #1", r.text());
            assertEquals("close", r.header("Connection"));
            c.assertClosedByServer();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            c.send(RawHttp.get("/n") + RawHttp.withBody("POST", "/echo", "", "pipelined") + RawHttp.get("/n?x")
                    + "GET /n HTTP/1.1\r\nConnection: close\r\n\r\n");
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(c.read().text());
            }
            assertEquals(List.of("/n #1", "echo pipelined", "/n?x #2", "/n #3"), answers);
            c.assertClosedByServer();
        }
    }

    @Test
    void anUnreadBodyIsSkippedSoTheNextRequestParses() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            assertEquals("ignored", c.exchange(RawHttp.withBody("POST", "/ignore", "",
                    "GET /n?smuggled HTTP/1.1\r\n\r\n")).text());
            assertEquals("/n #1", c.exchange(RawHttp.get("/n")).text(), "the body was not taken for a request");
        }
    }

    @Test
    void anUnreadChunkedBodyIsSkippedSoTheNextRequestParses() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            c.send("POST /ignore HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nGET \r\n5;x=y\r\n/n?x \r\n0\r\n"
                    + "Trailer: 1\r\n\r\n" + RawHttp.get("/n"));
            assertEquals("ignored", c.read().text());
            assertEquals("/n #1", c.read().text());
        }
    }

    @Test
    void anUnreadBodyThatArrivesAfterTheResponseIsSkippedToo() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            c.send("POST /ignore HTTP/1.1\r\nContent-Length: 10\r\n\r\n01234");
            assertEquals("ignored", c.read().text());
            c.send("56789" + RawHttp.get("/n"));
            assertEquals("/n #1", c.read().text());
        }
    }

    @Test
    void aBodyReadByTheHandlerLeavesTheNextRequestIntact() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            assertEquals("echo a", c.exchange(RawHttp.withBody("POST", "/echo", "", "a")).text());
            assertEquals("echo bb", c.exchange(RawHttp.withBody("POST", "/echo", "", "bb")).text());
        }
    }

    @Test
    void theServerNoticesAClientClosingAnIdleKeepAliveConnection() throws Exception {
        try (Served s = server()) {
            RawHttp c = s.connect();
            assertEquals("/n #1", c.exchange(RawHttp.get("/n")).text());
            assertEquals(1, s.runner.connectionCount());
            c.close();
            s.awaitNoConnections();
        }
    }
}
