package io.asyncio4j.http.client;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's connection limits: ClientSessionOptions.limit and limitPerHost. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientConnectionLimitTest {

    /**
     * A server that answers each request (with its target) only once {@code go} is set, and
     * counts the connections it has open, the most it had at once, and the requests it read.
     */
    private static final class HeldServer implements AutoCloseable {
        final Event go = new Event();
        int open;
        int maxOpen;
        int read;
        final TestServer server;

        HeldServer() throws IOException {
            server = TestServer.start(conn -> {
                open++;
                maxOpen = Math.max(maxOpen, open);
                try {
                    while (true) {
                        TestServer.Request r = conn.readRequest();
                        if (r == null) {
                            return;
                        }
                        read++;
                        go.await();
                        conn.send(ok(r.target()));
                    }
                } finally {
                    open--;
                }
            });
        }

        String url(String path) {
            return server.url(path);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static String fetch(ClientSession session, String url) throws Exception {
        try (ClientResponse resp = session.get(url)) {
            return resp.text();
        }
    }

    private static Task<String> fetchTask(ClientSession session, String url) {
        return createTask(() -> fetch(session, url));
    }

    /** Waits (real time, up to 5 s) until {@code done} holds. May suspend. */
    private static void until(BooleanSupplier done, String what) {
        for (int i = 0; i < 500 && !done.getAsBoolean(); i++) {
            sleep(0.01);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    /** {@code n} concurrent GETs of /1 ... /n as tasks. */
    private static List<Task<String>> fetchTasks(ClientSession session, HeldServer server, int n) {
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            tasks.add(fetchTask(session, server.url("/" + i)));
        }
        return tasks;
    }

    private static ClientSession session(int limit, int limitPerHost) {
        return new ClientSession(ClientSessionOptions.defaults().withLimit(limit).withLimitPerHost(limitPerHost));
    }

    @Test
    void withLimitTwoFiveConcurrentRequestsUseAtMostTwoConnectionsAndAllComplete() throws Exception {
        try (HeldServer server = new HeldServer(); ClientSession session = session(2, 0)) {
            List<Task<String>> tasks = fetchTasks(session, server, 5);
            until(() -> server.read == 2, "two requests reach the server");
            sleep(0.05);
            assertEquals(2, server.read, "the other three wait for a connection");
            assertTrue(session.toString().contains("open=2 idle=0 waiting=3"), session.toString());
            server.go.set();
            List<String> pages = new ArrayList<>();
            for (Task<String> t : tasks) {
                pages.add(t.await());
            }
            assertEquals(List.of("/1", "/2", "/3", "/4", "/5"), pages);
            assertEquals(2, server.maxOpen, "never more than two connections at once");
            assertEquals(2, server.server.connections(), "the waiters took the released connections");
        }
    }

    @Test
    void waitingRequestsAreServedInTheOrderTheyCame() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()));
             ClientSession session = session(1, 0)) {
            ClientResponse first = session.get(server.url("/first")); // holds the only connection
            List<Task<String>> waiting = new ArrayList<>();
            for (String path : List.of("/a", "/b", "/c", "/d")) {
                waiting.add(fetchTask(session, server.url(path)));
            }
            until(() -> session.toString().contains("waiting=4"), "four requests wait");
            assertEquals("/first", first.text());
            first.close();
            for (Task<String> t : waiting) {
                t.await();
            }
            assertEquals(List.of("/first", "/a", "/b", "/c", "/d"),
                    server.requests.stream().map(TestServer.Request::target).toList());
            assertEquals(1, server.connections());
        }
    }

    @Test
    void withLimitPerHostOneARequestToEachOfTwoServersRunsAtOnce() throws Exception {
        try (HeldServer a = new HeldServer(); HeldServer b = new HeldServer();
             ClientSession session = session(100, 1)) {
            List<Task<String>> tasks = List.of(
                    fetchTask(session, a.url("/a1")), fetchTask(session, b.url("/b1")),
                    fetchTask(session, a.url("/a2")), fetchTask(session, b.url("/b2")));
            until(() -> a.read == 1 && b.read == 1, "one request reaches each server");
            sleep(0.05);
            assertEquals(1, a.read, "the second to a waits");
            assertEquals(1, b.read, "the second to b waits");
            assertTrue(session.toString().contains("waiting=2"), session.toString());
            a.go.set();
            b.go.set();
            List<String> pages = new ArrayList<>();
            for (Task<String> t : tasks) {
                pages.add(t.await());
            }
            assertEquals(List.of("/a1", "/b1", "/a2", "/b2"), pages);
            assertEquals(1, a.maxOpen);
            assertEquals(1, b.maxOpen);
        }
    }

    @Test
    void anIdleConnectionToAnotherServerIsClosedToMakeRoom(EventLoop loop) throws Exception {
        Future<Void> aClosed = loop.createFuture();
        try (TestServer a = TestServer.start(conn -> {
            conn.readRequest();
            conn.send(ok("a"));
            conn.awaitClientClose();
            aClosed.setResult(null);
        }); TestServer b = TestServer.answering(r -> ok("b"));
             ClientSession session = session(1, 0)) {
            assertEquals("a", fetch(session, a.url("/")));
            assertTrue(session.toString().contains("open=1 idle=1"), session.toString());
            assertEquals("b", fetch(session, b.url("/")), "does not wait for the keep-alive timeout");
            aClosed.await();
            assertTrue(session.toString().contains("open=1 idle=1"), session.toString());
        }
    }

    @Test
    void aCancelledWaiterDoesNotHoldBackTheOthers() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()));
             ClientSession session = session(1, 0)) {
            ClientResponse first = session.get(server.url("/first"));
            Task<String> cancelled = fetchTask(session, server.url("/cancelled"));
            Task<String> next = fetchTask(session, server.url("/next"));
            until(() -> session.toString().contains("waiting=2"), "two requests wait");
            cancelled.cancel();
            assertThrows(CancelledError.class, cancelled::await);
            assertEquals("/first", first.text());
            first.close();
            assertEquals("/next", next.await());
            assertEquals(List.of("/first", "/next"), server.requests.stream().map(TestServer.Request::target).toList());
        }
    }

    @Test
    void aWaiterCancelledJustAfterItWasGivenTheSlotPassesItOn() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()));
             ClientSession session = session(1, 0)) {
            ClientResponse first = session.get(server.url("/first"));
            Task<String> cancelled = fetchTask(session, server.url("/cancelled"));
            Task<String> next = fetchTask(session, server.url("/next"));
            until(() -> session.toString().contains("waiting=2"), "two requests wait");
            first.release(); // body unread: the connection closes, its slot is handed to "cancelled" ...
            cancelled.cancel(); // ... which is cancelled before it runs
            assertThrows(CancelledError.class, cancelled::await);
            assertEquals("/next", next.await(), "the slot went on to the next waiter");
            assertEquals(List.of("/first", "/next"), server.requests.stream().map(TestServer.Request::target).toList());
            assertTrue(session.toString().contains("open=1 idle=1"), session.toString());
        }
    }

    @Test
    void closingTheSessionFailsAWaitingRequest() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()))) {
            ClientSession session = session(1, 0);
            ClientResponse first = session.get(server.url("/first"));
            Task<String> waiting = fetchTask(session, server.url("/waiting"));
            until(() -> session.toString().contains("waiting=1"), "a request waits");
            session.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, waiting::await);
            assertTrue(e.getMessage().contains("the session was closed while this request waited for a connection"),
                    e.getMessage());
            first.release();
            assertEquals(1, server.connections(), "the waiting request was never sent");
        }
    }

    @Test
    void limitZeroMeansNoLimit() throws Exception {
        try (HeldServer server = new HeldServer(); ClientSession session = session(0, 0)) {
            List<Task<String>> tasks = fetchTasks(session, server, 5);
            until(() -> server.read == 5, "all five requests reach the server at once");
            server.go.set();
            for (Task<String> t : tasks) {
                t.await();
            }
            assertEquals(5, server.maxOpen);
        }
    }

    @Test
    void theDefaultLimitIs100AndNoneForEachHost() {
        assertEquals(100, ClientSessionOptions.defaults().limit());
        assertEquals(0, ClientSessionOptions.defaults().limitPerHost());
        try (ClientSession session = new ClientSession()) {
            assertEquals(100, session.sessionOptions().limit());
        }
    }

    @Test
    void negativeLimitsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withLimit(-1));
        assertTrue(e.getMessage().startsWith("ClientSessionOptions.withLimit():"), e.getMessage());
        assertTrue(e.getMessage().contains("give 0 for no limit or more"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClientSessionOptions.defaults().withLimitPerHost(-2));
        assertTrue(e.getMessage().startsWith("ClientSessionOptions.withLimitPerHost():"), e.getMessage());
        assertTrue(e.getMessage().contains("give 0 for no limit or more"), e.getMessage());
    }
}
