package io.asyncio4j.http.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Http#request}: aiohttp's {@code async with aiohttp.request(method, url) as resp:}, a
 * request in a session of its own, closed with the response. aiohttp 3.8.4 ({@code /usr/bin/python3})
 * sends the same head as a session's ({@code Host}, {@code Accept: *}{@code /*},
 * {@code Accept-Encoding: gzip, deflate}, {@code User-Agent}) and closes the connection when the
 * block ends; a request that fails ({@code raise_for_status=True} and a 500, say) closes its
 * session before the error goes up.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class HttpRequestTest {
    @Test
    void aOneOffRequestGivesTheResponse() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("hi " + r.target()));
             ClientResponse resp = Http.request("GET", server.url("/a"))) {
            assertEquals(200, resp.status());
            assertEquals("hi /a", resp.text());
        }
    }

    @Test
    void aOneOffRequestSendsTheHeadASessionSends() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""))) {
            Http.request("GET", server.url("/a")).close();
            Headers h = server.requests.get(0).headers();
            assertEquals("*/*", h.get("Accept"));
            assertEquals("gzip, deflate", h.get("Accept-Encoding"));
            assertEquals(RequestEncoder.USER_AGENT, h.get("User-Agent"));
        }
    }

    @Test
    void closingTheResponseClosesItsConnection(EventLoop loop) throws Exception {
        Future<Boolean> closed = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(ok("read whole")); // read to the end: a session would pool the connection
            conn.awaitClientClose();
            closed.setResult(true);
        })) {
            ClientResponse resp = Http.request("GET", server.url("/"));
            assertEquals("read whole", resp.text());
            resp.close();
            // bounded, so that a connection left in a pool fails the test instead of hanging it
            assertEquals(true, timeout(Duration.ofSeconds(10), () -> closed.await()),
                    "the session made for the request closed its connection");
        }
    }

    @Test
    void aOneOffRequestTakesRequestOptions() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""))) {
            Http.request("POST", server.url("/p"), RequestOptions.defaults().withJson(Map.of("a", 1))
                    .withHeader("X-Trace", "t1")).close();
            TestServer.Request r = server.requests.get(0);
            assertEquals("POST", r.method());
            assertEquals("{\"a\": 1}", r.text());
            assertEquals("t1", r.header("X-Trace"));
        }
    }

    @Test
    void aOneOffRequestTakesSessionOptions() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""))) {
            Http.request("POST", server.url("/p"), RequestOptions.defaults().withJson(Map.of("a", 1)),
                    ClientSessionOptions.defaults().withJsonSerialize(new ObjectMapper())).close();
            assertEquals("{\"a\":1}", server.requests.get(0).text(), "the session's serializer: Jackson's compact form");
        }
    }

    @Test
    void aOneOffRequestThatFailsClosesItsSessionBeforeTheErrorGoesUp(EventLoop loop) throws Exception {
        Future<Boolean> closed = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(response(500, "Internal Server Error", "boom"));
            conn.awaitClientClose();
            closed.setResult(true);
        })) {
            ClientResponseException e = assertThrows(ClientResponseException.class, () -> Http.request("GET",
                    server.url("/"), RequestOptions.defaults().withRaiseForStatus(true)));
            assertEquals(500, e.status());
            assertEquals(true, timeout(Duration.ofSeconds(10), () -> closed.await()));
        }
    }

    @Test
    void closingTheResponseTwiceIsHarmless() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("x"))) {
            ClientResponse resp = Http.request("GET", server.url("/"));
            resp.close();
            resp.close();
            assertEquals(ClientResponse.State.RELEASED, resp.state());
        }
    }
}
