package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's total timeout (aiohttp's {@code ClientTimeout(total=300)}): a whole request —
 * connect, send, head, body — that takes longer fails with a TimeoutException and its connection
 * is closed, so a server that never answers cannot hang the caller. Real clock, short timeouts.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientTimeoutTest {
    private static ClientSession session(Duration timeout) {
        return new ClientSession(ClientSessionOptions.defaults().withTimeout(timeout));
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndItsConnectionIsClosed(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.awaitClientClose(); // never answers
            closed.setResult(conn.index);
        }); ClientSession session = session(Duration.ofMillis(200))) {
            TimeoutException e = assertThrows(TimeoutException.class, () -> session.get(server.url("/slow")));
            assertTrue(e.getMessage().startsWith("ClientSession: GET " + server.url("/slow") + " did not complete "
                    + "within 0.2 s"), e.getMessage());
            assertEquals(1, closed.await(), "the client closed the connection");
        }
    }

    @Test
    void aBodyThatStallsTimesOutWithinTheSameTotal(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            conn.awaitClientClose();
            closed.setResult(conn.index);
        }); ClientSession session = session(Duration.ofMillis(200))) {
            ClientResponse r = session.get(server.url("/"));
            assertEquals(200, r.status());
            assertThrows(TimeoutException.class, r::read);
            assertEquals(ClientResponse.State.FAILED, r.state());
            assertEquals(1, closed.await());
            r.close();
        }
    }

    @Test
    void aRequestWithinTheTimeoutIsUnaffected() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            sleep(0.05);
            conn.send(ok("in time"));
        }); ClientSession session = session(Duration.ofSeconds(5)); ClientResponse r = session.get(server.url("/"))) {
            assertEquals("in time", r.text());
        }
    }

    @Test
    void aZeroTimeoutMeansNoLimit() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            sleep(0.3);
            conn.send(ok("late but fine"));
        }); ClientSession session = session(Duration.ZERO); ClientResponse r = session.get(server.url("/"))) {
            assertEquals("late but fine", r.text());
        }
    }

    @Test
    void theDefaultIsFiveMinutesAsAiohttps() {
        assertEquals(Duration.ofMinutes(5), ClientSessionOptions.defaults().timeout().total());
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withTimeout(Duration.ofSeconds(-1)));
        assertEquals("ClientTimeout(): total is PT-1S; give a positive Duration, or null (or Duration.ZERO) for no "
                + "limit", e.getMessage());
    }
}
