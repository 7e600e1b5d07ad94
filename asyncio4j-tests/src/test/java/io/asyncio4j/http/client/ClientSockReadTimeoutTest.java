package io.asyncio4j.http.client;

import io.asyncio4j.AsyncGenerator;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.time.Duration;

import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-inactivity timeout (aiohttp's {@code ClientTimeout(sock_read=)}): from the moment the
 * request is sent until the body's end, the server may not leave the client waiting for its next
 * bytes longer than the limit. Cases checked against aiohttp 3.8.4 (and its 3.8.5 fix for slow
 * uploads, #7149). On the virtual clock; the autojump threshold lets loopback bytes arrive before
 * a pending timer is jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientSockReadTimeoutTest {
    private static final String AIOHTTP_MESSAGE = "Timeout on reading data from socket";

    private static ClientSession session(double sockReadSeconds) {
        return new ClientSession(ClientSessionOptions.defaults().withTimeout(ClientTimeout.defaults()
                .withSockRead(Duration.ofMillis((long) (sockReadSeconds * 1000)))));
    }

    /** A server that answers with a head announcing 10 bytes and 3 of them, then sends nothing until the client closes. */
    private static TestServer stallingAfter3Of10(Future<Integer> closed) throws Exception {
        return TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            conn.awaitClientClose();
            closed.setResult(conn.index);
        });
    }

    @Test
    void aServerSilentBeforeItsHeadFailsTheRequestWithServerTimeoutAfterTheLimit(EventLoop loop) throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.awaitClientClose(); // never answers
        }); ClientSession session = session(1)) {
            double start = loop.time();
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class, () -> session.get(server.url("/")));
            assertEquals(1.0, loop.time() - start, 0.1);
            assertTrue(e.getMessage().startsWith(AIOHTTP_MESSAGE + ": nothing arrived from http://127.0.0.1:"
                    + server.port() + " for 1.0 s (ClientTimeout.sockRead)"), e.getMessage());
        }
    }

    @Test
    void aBodyThatStallsFailsItsReadWithServerTimeoutAndTheResponseFails(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = stallingAfter3Of10(closed); ClientSession session = session(1);
             ClientResponse r = session.get(server.url("/"))) {
            double start = loop.time();
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class, r::read);
            assertTrue(e.getMessage().startsWith(AIOHTTP_MESSAGE), e.getMessage());
            assertEquals(1.0, loop.time() - start, 0.1);
            assertEquals(ClientResponse.State.FAILED, r.state());
        }
    }

    @Test
    void theConnectionOfATimedOutResponseIsClosedNotPooled(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = stallingAfter3Of10(closed); ClientSession session = session(1);
             ClientResponse r = session.get(server.url("/"))) {
            assertThrows(ServerTimeoutException.class, r::read);
            assertEquals(1, closed.await(), "the client closed the connection");
            assertTrue(session.toString().contains("open=0 idle=0"), session.toString());
        }
    }

    @Test
    void readingTheBodyPieceByPieceIsTimedToo() throws Exception {
        Future<Integer> closed = io.asyncio4j.EventLoop.getRunningLoop().createFuture();
        try (TestServer server = stallingAfter3Of10(closed); ClientSession session = session(1);
             ClientResponse r = session.get(server.url("/"))) {
            InputStream in = r.content();
            assertArrayEquals("abc".getBytes(), in.readNBytes(3));
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class, in::read);
            assertTrue(e.getMessage().startsWith(AIOHTTP_MESSAGE), e.getMessage());
        }
    }

    @Test
    void aBodyTricklingInFasterThanTheLimitIsReadWholeHoweverLongItTakes(EventLoop loop) throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
            for (char c : "abcde".toCharArray()) {
                sleep(0.6);
                conn.send(String.valueOf(c));
            }
            conn.awaitClientClose();
        }); ClientSession session = session(1); ClientResponse r = session.get(server.url("/"))) {
            double start = loop.time();
            assertEquals("abcde", r.text());
            assertEquals(3.0, loop.time() - start, 0.1);
        }
    }

    @Test
    void aBodyTricklingInIsTimedPerPieceWhenReadPieceByPiece(EventLoop loop) throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n");
            for (double pause : new double[] {0.6, 0.6, 0.6, 1.5}) {
                sleep(pause);
                conn.send("x");
            }
            conn.awaitClientClose();
        }); ClientSession session = session(1); ClientResponse r = session.get(server.url("/"))) {
            double start = loop.time();
            InputStream in = r.content();
            byte[] b = new byte[10];
            for (int i = 0; i < 3; i++) {
                assertEquals(1, in.read(b), "piece " + i + " came within the limit of the one before");
            }
            assertThrows(ServerTimeoutException.class, () -> in.read(b));
            assertEquals(2.8, loop.time() - start, 0.1);
        }
    }

    @Test
    void aSilenceWhileTheCallerIsNotReadingFailsItsLaterRead() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
            conn.awaitClientClose();
        }); ClientSession session = session(1); ClientResponse r = session.get(server.url("/"))) {
            sleep(2); // nothing arrives meanwhile: the timer fires at 1 s, as aiohttp's does
            assertTrue(session.toString().contains("open=0"), "closed when it fired: " + session);
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class, r::read);
            assertTrue(e.getMessage().startsWith(AIOHTTP_MESSAGE), e.getMessage());
        }
    }

    @Test
    void aBodyThatArrivedWholeCanBeReadLongAfterTheLimit() throws Exception {
        try (TestServer server = TestServer.answering(req -> ok("all here")); ClientSession session = session(1);
             ClientResponse r = session.get(server.url("/"))) {
            sleep(5);
            assertEquals("all here", r.text());
        }
    }

    @Test
    void anUploadSlowerThanTheLimitIsNotTheServersSilence() throws Exception {
        AsyncGenerator<byte[]> slowly = generator((AsyncGenerator.Yield<byte[]> out) -> {
            for (int i = 0; i < 3; i++) {
                out.yield("0123456789".getBytes());
                sleep(0.8);
            }
        });
        try (TestServer server = TestServer.answering(req -> ok(req.body().length + " bytes"));
             ClientSession session = session(1);
             ClientResponse r = session.post(server.url("/"), RequestOptions.defaults().withBody(slowly)
                     .withHeader("Content-Length", "30"))) {
            assertEquals("30 bytes", r.text());
        }
    }

    @Test
    void anIdlePooledConnectionIsNotTimed() throws Exception {
        try (TestServer server = TestServer.answering(req -> ok("hi")); ClientSession session = session(1)) {
            try (ClientResponse r = session.get(server.url("/1"))) {
                assertEquals("hi", r.text());
            }
            sleep(5); // idle in the pool, well past the limit (and within the 15 s keep-alive)
            try (ClientResponse r = session.get(server.url("/2"))) {
                assertEquals("hi", r.text());
            }
            assertEquals(1, server.connections(), "the idle connection was reused");
        }
    }

    @Test
    void aServerThatClosesEarlyIsReportedAsDisconnectedNotAsATimeout() throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"); // and closes
        }); ClientSession session = session(1); ClientResponse r = session.get(server.url("/"))) {
            sleep(3); // the end of the stream stood the timer down
            assertInstanceOf(io.asyncio4j.http.IncompleteBodyException.class,
                    assertThrows(ClientPayloadException.class, r::read).getCause());
        }
    }

    @Test
    void thereIsNoSockReadLimitByDefault() {
        assertEquals(null, ClientSessionOptions.defaults().timeout().sockRead());
    }
}
