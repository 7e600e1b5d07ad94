package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import javax.net.ssl.SSLContext;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request's own {@link ClientTimeout} (aiohttp's {@code timeout=} on a request), which replaces
 * the session's, and the connect-side limits: {@code sockConnect} (one connect and its TLS
 * handshake) and {@code connect} (the slot, the connect, the handshake). Cases checked against
 * aiohttp 3.8.4. On the virtual clock; the autojump threshold lets loopback bytes arrive before a
 * pending timer is jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientRequestTimeoutTest {
    static SSLContext clientCtx;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        clientCtx = TestCerts.client();
    }

    /** A server that answers after {@code seconds}. */
    private static TestServer answeringAfter(double seconds) throws Exception {
        return TestServer.answering(req -> {
            sleep(seconds);
            return ok("late");
        });
    }

    /** A plain TCP server that never says a word: a TLS handshake with it never ends. */
    private static TestServer mute() throws Exception {
        return TestServer.start(TestServer.Conn::awaitClientClose);
    }

    @Test
    void aRequestsOwnTimeoutReplacesTheSessionsAsAWhole() throws Exception {
        try (TestServer server = answeringAfter(3);
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withTimeout(ClientTimeout.none().withSockRead(Duration.ofSeconds(1))));
             ClientResponse r = session.get(server.url("/"), RequestOptions.defaults()
                     .withTimeout(ClientTimeout.ofTotal(Duration.ofSeconds(10))))) {
            assertEquals("late", r.text()); // the session's 1 s sock_read is not in force
        }
    }

    @Test
    void aRequestsTotalRaisesAsyncioTimeoutErrorNotServerTimeout(EventLoop loop) throws Exception {
        try (TestServer server = answeringAfter(60); ClientSession session = new ClientSession()) {
            double start = loop.time();
            TimeoutException e = assertThrows(TimeoutException.class, () -> session.get(server.url("/"),
                    RequestOptions.defaults().withTimeout(Duration.ofSeconds(2))));
            assertEquals(2.0, loop.time() - start, 0.1);
            assertTrue(e.getMessage().contains("did not complete within 2.0 s (ClientTimeout.total"), e.getMessage());
        }
    }

    @Test
    void aRequestsTotalCoversReadingTheBodyAfterTheHead(EventLoop loop) throws Exception {
        try (TestServer server = TestServer.start(conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            conn.awaitClientClose();
        }); ClientSession session = new ClientSession();
             ClientResponse r = session.get(server.url("/"), RequestOptions.defaults()
                     .withTimeout(Duration.ofSeconds(2)))) {
            double start = loop.time();
            assertThrows(TimeoutException.class, r::read);
            assertEquals(2.0, loop.time() - start, 0.1);
            assertEquals(ClientResponse.State.FAILED, r.state());
        }
    }

    @Test
    void aTlsHandshakeThatNeverEndsHitsSockConnect(EventLoop loop) throws Exception {
        try (TestServer server = mute();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx)
                     .withTimeout(ClientTimeout.none().withSockConnect(Duration.ofSeconds(1))))) {
            double start = loop.time();
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class,
                    () -> session.get("https://127.0.0.1:" + server.port() + "/"));
            assertEquals(1.0, loop.time() - start, 0.1);
            assertTrue(e.getMessage().startsWith("Connection timeout to host https://127.0.0.1:" + server.port()
                    + ": /127.0.0.1:" + server.port() + " did not connect within 1.0 s (ClientTimeout.sockConnect"),
                    e.getMessage());
            assertTrue(session.toString().contains("open=0"), "its slot is given back: " + session);
        }
    }

    @Test
    void theWaitForASlotIsNotPartOfSockConnect() throws Exception {
        try (TestServer server = TestServer.answering(req -> ok("hi"));
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withLimit(1)
                     .withTimeout(ClientTimeout.none().withSockConnect(Duration.ofSeconds(1))))) {
            ClientResponse held = session.get(server.url("/1")); // the only slot, until its body is read
            Task<String> later = createTask(() -> {
                sleep(3);
                String s = held.text();
                held.close();
                return s;
            });
            try (ClientResponse r = session.get(server.url("/2"))) { // waits 3 s for the slot
                assertEquals("hi", r.text());
            }
            assertEquals("hi", later.await());
        }
    }

    @Test
    void aTlsHandshakeThatNeverEndsHitsTheConnectTimeout(EventLoop loop) throws Exception {
        try (TestServer server = mute();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx)
                     .withConnectTimeout(Duration.ofSeconds(2)))) {
            double start = loop.time();
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class,
                    () -> session.get("https://127.0.0.1:" + server.port() + "/"));
            assertEquals(2.0, loop.time() - start, 0.1);
            assertTrue(e.getMessage().contains("(ClientTimeout.connect: the wait for a slot, the connect and the TLS "
                    + "handshake)"), e.getMessage());
        }
    }

    @Test
    void aRequestsOwnConnectLimitAppliesToItsConnection(EventLoop loop) throws Exception {
        try (TestServer server = mute();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withSslContext(clientCtx))) {
            double start = loop.time();
            assertThrows(ServerTimeoutException.class, () -> session.get("https://127.0.0.1:" + server.port() + "/",
                    RequestOptions.defaults().withTimeout(ClientTimeout.none().withConnect(Duration.ofSeconds(4)))));
            assertEquals(4.0, loop.time() - start, 0.1);
        }
    }
}
