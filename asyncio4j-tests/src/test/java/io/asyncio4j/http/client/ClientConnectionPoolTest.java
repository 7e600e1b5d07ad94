package io.asyncio4j.http.client;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's pool: which connections are kept, reused, retried and closed. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientConnectionPoolTest {

    private static String fetch(ClientSession session, String url) throws Exception {
        try (ClientResponse resp = session.get(url)) {
            return resp.text();
        }
    }

    @Test
    void twoRequestsInTurnShareOneKeepAliveConnection() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("page " + r.target()));
             ClientSession session = new ClientSession()) {
            assertEquals("page /1", fetch(session, server.url("/1")));
            assertEquals("page /2", fetch(session, server.url("/2")));
            assertEquals(1, server.connections());
            assertEquals(List.of(1, 1), server.requests.stream().map(TestServer.Request::connection).toList());
        }
    }

    @Test
    void aResponseSayingConnectionCloseIsNotReused() throws Exception {
        try (TestServer server = TestServer.answering(r -> response(200, "OK", "bye", "Connection: close"));
             ClientSession session = new ClientSession()) {
            assertEquals("bye", fetch(session, server.url("/1")));
            assertEquals("bye", fetch(session, server.url("/2")));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aRequestSayingConnectionCloseIsNotReused() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("x"));
             ClientSession session = new ClientSession()) {
            try (ClientResponse resp = session.get(server.url("/"),
                    RequestOptions.defaults().withHeader("Connection", "close"))) {
                resp.read();
            }
            assertEquals("x", fetch(session, server.url("/")));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void anHttp10ResponseIsReusedOnlyIfItAsksForKeepAlive() throws Exception {
        try (TestServer server = TestServer.answering(r -> r.target().equals("/keep")
                ? "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nk"
                : "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nc");
             ClientSession session = new ClientSession()) {
            assertEquals("k", fetch(session, server.url("/keep")));
            assertEquals("c", fetch(session, server.url("/close")));
            assertEquals("k", fetch(session, server.url("/keep")));
            assertEquals(List.of(1, 1, 2), server.requests.stream().map(TestServer.Request::connection).toList());
        }
    }

    @Test
    void aResponseReleasedBeforeItsBodyEndsClosesItsConnection(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(ok("a body nobody reads"));
            if (conn.index == 1) {
                conn.awaitClientClose();
                closed.setResult(conn.index);
            }
        }); ClientSession session = new ClientSession()) {
            ClientResponse unread = session.get(server.url("/"));
            unread.release();
            assertEquals(1, closed.await(), "the client closed the connection");
            assertEquals(ClientResponse.State.RELEASED, unread.state());
            assertEquals("a body nobody reads", fetch(session, server.url("/")));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aRequestOnAStaleConnectionIsRetriedOnAFreshOne() throws Exception {
        // the first connection answers once, then reads the second request and closes without a word,
        // as a server does whose idle timeout struck just as the client reused the connection
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(ok("first"));
            if (conn.index == 1) {
                conn.readRequest();
                return;
            }
        }); ClientSession session = new ClientSession()) {
            assertEquals("first", fetch(session, server.url("/a")));
            assertEquals("first", fetch(session, server.url("/b")));
            assertEquals(2, server.connections());
            assertEquals(List.of("/a", "/b", "/b"), server.requests.stream().map(TestServer.Request::target).toList());
        }
    }

    @Test
    void aPostOnAStaleConnectionIsNotSentAgain() throws Exception {
        // the server may have applied a POST before the connection died: RFC 9112 9.3.1
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(ok("first"));
            if (conn.index == 1) {
                conn.readRequest();
            }
        }); ClientSession session = new ClientSession()) {
            assertEquals("first", fetch(session, server.url("/a")));
            assertThrows(ServerDisconnectedException.class, () -> session.post(server.url("/b"), "order #1"));
            assertEquals(1, server.connections(), "not sent again on a fresh connection");
        }
    }

    @Test
    void aStaleConnectionIsRetriedOnlyOnce() throws Exception {
        // every connection after the first closes without answering
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            if (conn.index == 1) {
                conn.send(ok("first"));
                conn.readRequest();
            }
        }); ClientSession session = new ClientSession()) {
            assertEquals("first", fetch(session, server.url("/a")));
            ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class,
                    () -> session.get(server.url("/b")));
            assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
            assertEquals(2, server.connections(), "one retry, no more");
        }
    }

    @Test
    void anIdleConnectionTheServerClosedIsNotReused(EventLoop loop) throws Exception {
        Future<Void> serverClosed = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(ok("x"));
            if (conn.index == 1) {
                conn.writer.close();
                conn.writer.waitClosed();
                serverClosed.setResult(null);
            } else {
                conn.awaitClientClose();
            }
        }); ClientSession session = new ClientSession()) {
            assertEquals("x", fetch(session, server.url("/")));
            serverClosed.await();
            // whether the client has seen the end of the stream yet (the connection is dropped from
            // the pool) or not (the request fails on it and goes again on a fresh one), it gets its page
            assertEquals("x", fetch(session, server.url("/")));
            assertEquals(2, server.connections());
            assertEquals(2, server.requests.size(), "no request was answered on the closed connection");
        }
    }

    @Test
    void concurrentRequestsUseConnectionsOfTheirOwnThenShareThem() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()));
             ClientSession session = new ClientSession()) {
            List<String> pages = gather(
                    () -> fetch(session, server.url("/1")),
                    () -> fetch(session, server.url("/2")),
                    () -> fetch(session, server.url("/3")));
            assertEquals(List.of("/1", "/2", "/3"), pages);
            assertEquals(3, server.connections());
            for (int i = 0; i < 6; i++) {
                fetch(session, server.url("/again"));
            }
            assertEquals(3, server.connections(), "the pooled ones are reused");
            assertTrue(session.toString().contains("open=3 idle=3"), session.toString());
        }
    }

    /** A server answering "x" once per connection, then completing {@code closed} with the connection's index when the client closes it. */
    private static TestServer answersOnceThenAwaitsTheClientsClose(Future<Integer> closed) throws IOException {
        return TestServer.start(conn -> {
            conn.readRequest();
            conn.send(ok("x"));
            conn.awaitClientClose();
            closed.setResult(conn.index);
        });
    }

    @Test
    void closingTheSessionClosesItsIdleConnections(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = answersOnceThenAwaitsTheClientsClose(closed)) {
            ClientSession session = new ClientSession();
            assertEquals("x", fetch(session, server.url("/")));
            assertTrue(session.toString().contains("idle=1"), session.toString());
            session.close();
            assertEquals(1, closed.await());
            assertTrue(session.toString().contains("open=0 idle=0"), session.toString());
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheKeepaliveTimeout(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = answersOnceThenAwaitsTheClientsClose(closed);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withKeepaliveTimeout(Duration.ofMillis(50)))) {
            assertEquals("x", fetch(session, server.url("/")));
            assertEquals(1, closed.await(), "the client closed it without being asked to");
            assertTrue(session.toString().contains("open=0 idle=0"), session.toString());
        }
    }

    @Test
    void cancellingARequestMidBodyClosesItsConnection(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            if (conn.index == 1) {
                conn.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nten bytes.");
                conn.awaitClientClose();
                closed.setResult(conn.index);
            } else {
                conn.send(ok("whole"));
                conn.awaitClientClose();
            }
        }); ClientSession session = new ClientSession()) {
            ClientResponse resp = session.get(server.url("/"));
            assertEquals("ten bytes.", new String(resp.readChunk(100)));
            Task<byte[]> rest = createTask(resp::read);
            sleep(0); // the task starts and waits for the other 90 bytes
            rest.cancel();
            assertThrows(CancelledError.class, rest::await);
            assertEquals(ClientResponse.State.FAILED, resp.state());
            assertEquals(1, closed.await(), "the cancelled request's connection was closed");
            assertEquals("whole", fetch(session, server.url("/")));
            assertEquals(2, server.connections(), "and not reused");
        }
    }

    @Test
    void cancellingARequestWaitingForItsHeadClosesItsConnection(EventLoop loop) throws Exception {
        Future<Integer> closed = loop.createFuture();
        Future<Void> requestRead = loop.createFuture();
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            requestRead.setResult(null);
            conn.awaitClientClose(); // never answers
            closed.setResult(conn.index);
        }); ClientSession session = new ClientSession()) {
            Task<ClientResponse> req = createTask(() -> session.get(server.url("/slow")));
            requestRead.await();
            req.cancel();
            assertThrows(CancelledError.class, req::await);
            assertEquals(1, closed.await());
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }
}
