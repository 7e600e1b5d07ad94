package io.asyncio4j.http.client;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.net.LoopbackHosts;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.net.LoopbackHosts.V4;
import static io.asyncio4j.net.LoopbackHosts.V4B;
import static io.asyncio4j.net.LoopbackHosts.V4C;
import static io.asyncio4j.net.LoopbackHosts.V6;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.waitFor;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Happy Eyeballs for the client's connects ({@link ClientSessionOptions#withHappyEyeballsDelay},
 * aiohttp 3.10's {@code TCPConnector(happy_eyeballs_delay=, interleave=)} over the core's
 * {@code ConnectOptions}). A host's addresses come from {@code TestNames}; an address that
 * "hangs" is a loopback listener whose accept queue is full (the kernel drops further SYNs), as
 * in the core's HappyEyeballsTest. On the real clock: the kernel's connects decide the race.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientHappyEyeballsTest {
    private final LoopbackHosts hosts = new LoopbackHosts("client-eyeballs");

    @AfterEach
    void closeEverything() throws Exception {
        hosts.close();
    }

    private String host(InetAddress... addrs) {
        return hosts.host(addrs);
    }

    private void hang(InetAddress a, int port) throws IOException {
        hosts.hang(a, port);
    }

    private static ClientSession racing(Duration delay) {
        return new ClientSession(ClientSessionOptions.defaults().withHappyEyeballsDelay(delay));
    }

    private static String text(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    @Test
    void aHostWhoseFirstAddressHangsIsReachedThroughTheNext() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("reached"));
             ClientSession session = racing(Duration.ofMillis(50))) {
            hang(V4B, server.port()); // the server listens on 127.0.0.1 only
            String url = "http://" + host(V4B, V4) + ":" + server.port() + "/";
            assertEquals("reached", waitFor(() -> text(session, url), 10.0));
        }
    }

    @Test
    void theDnsCachesAnswerIsRacedToo() throws Exception {
        try (TestServer server = TestServer.answering(r -> TestServer.response(200, "OK", "reached", "Connection: close"));
             ClientSession session = racing(Duration.ofMillis(50))) {
            hang(V4B, server.port());
            String name = host(V4B, V4);
            String url = "http://" + name + ":" + server.port() + "/";
            for (int i = 0; i < 3; i++) { // a new connection each: the cached list, rotated, raced each time
                assertEquals("reached", waitFor(() -> text(session, url), 10.0));
            }
            assertEquals(1, io.asyncio4j.net.TestNames.lookups(name));
        }
    }

    @Test
    void withoutHappyEyeballsTheRequestWaitsOnTheFirstAddress() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("reached")); ClientSession session = new ClientSession()) {
            hang(V4B, server.port());
            String url = "http://" + host(V4B, V4) + ":" + server.port() + "/";
            Task<String> fetching = createTask(() -> text(session, url));
            sleep(0.3);
            assertFalse(fetching.isDone(), "still connecting to 127.0.0.2");
            fetching.cancel();
            assertThrows(CancelledError.class, fetching::await);
            assertTrue(server.requests.isEmpty());
        }
    }

    @Test
    void aProxysAddressesAreRacedToo() throws Exception {
        try (TestProxy proxy = TestProxy.start(); TestServer server = TestServer.answering(r -> ok("via"));
             ClientSession session = racing(Duration.ofMillis(50))) {
            hang(V4B, proxy.port());
            RequestOptions via = RequestOptions.defaults().withProxy("http://" + host(V4B, V4) + ":" + proxy.port());
            assertEquals("via", waitFor(() -> {
                try (ClientResponse r = session.get(server.url("/"), via)) {
                    return r.text();
                }
            }, 10.0));
            assertEquals(1, proxy.connections());
        }
    }

    @Test
    void sockConnectBoundsTheWholeRace() throws Exception {
        int port = LoopbackHosts.refusedPort();
        hang(V4B, port);
        hang(V4C, port);
        String name = host(V4B, V4C);
        try (ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                .withHappyEyeballsDelay(Duration.ofMillis(20))
                .withTimeout(ClientTimeout.none().withSockConnect(Duration.ofMillis(300))))) {
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class,
                    () -> session.get("http://" + name + ":" + port + "/"));
            assertTrue(e.getMessage().contains("no address of " + name + " connected within 0.3 s "
                    + "(ClientTimeout.sockConnect, over the whole Happy Eyeballs race"), e.getMessage());
        }
        sleep(0.05); // the race cancels its attempts on the way out without awaiting them, as asyncio's staggered_race
    }

    @Test
    void interleavingAlternatesTheFamiliesByDefaultWithHappyEyeballs() throws Exception {
        int port = LoopbackHosts.refusedPort();
        String name = host(V4, V4B, V6);
        try (ClientSession session = racing(Duration.ofMillis(10))) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://" + name + ":" + port + "/"));
            String m = e.getCause().getMessage();
            int a = m.indexOf("('127.0.0.1', "), b = m.indexOf("('::1', "), c = m.indexOf("('127.0.0.2', ");
            assertTrue(a >= 0 && a < b && b < c, m);
        }
    }

    @Test
    void theInterleaveOptionSetsHowManyOfTheFirstFamilyComeFirst() throws Exception {
        int port = LoopbackHosts.refusedPort();
        String name = host(V4, V4B, V6);
        try (ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                .withHappyEyeballsDelay(Duration.ofMillis(10)).withInterleave(2))) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://" + name + ":" + port + "/"));
            String m = e.getCause().getMessage();
            int a = m.indexOf("('127.0.0.1', "), b = m.indexOf("('127.0.0.2', "), c = m.indexOf("('::1', ");
            assertTrue(a >= 0 && a < b && b < c, m);
        }
    }


    @Test
    void happyEyeballsIsOffByDefault() {
        assertNull(ClientSessionOptions.defaults().happyEyeballsDelay());
        assertNull(ClientSessionOptions.defaults().interleave());
    }

    @Test
    void aNegativeDelayOrInterleaveIsRefused() {
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withHappyEyeballsDelay(Duration.ofMillis(-1)));
        assertTrue(d.getMessage().startsWith("ClientSessionOptions(): happyEyeballsDelay is PT-0.001S; give a "
                + "Duration of 0 or more"), d.getMessage());
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withInterleave(-1));
        assertTrue(i.getMessage().startsWith("ClientSessionOptions(): interleave is -1"), i.getMessage());
    }
}
