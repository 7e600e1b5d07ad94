package io.asyncio4j.http.client;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.net.TestNames;
import io.asyncio4j.streams.Server;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.startServer;
import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.net.LoopbackHosts.V4;
import static io.asyncio4j.net.LoopbackHosts.V4B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's DNS cache (aiohttp's {@code TCPConnector(use_dns_cache=True, ttl_dns_cache=10)}):
 * one lookup for the connections to a host and port while the answer is fresh, on the loop's
 * (here virtual) clock; concurrent lookups shared; the addresses handed out round robin. Host
 * names come from {@link TestNames}, which counts their lookups (the test JVMs run with the JDK's
 * own name cache off). The servers answer with {@code Connection: close}, so that every request
 * needs a new connection (a pooled one needs no lookup).
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientDnsCacheTest {
    private static int names;
    private final List<String> defined = new ArrayList<>();

    @AfterEach
    void forgetNames() {
        defined.forEach(TestNames::forget);
    }

    /** A fresh name resolving to {@code addrs}, in this order. */
    private String name(InetAddress... addrs) {
        String n = "h" + (++names) + ".dns-cache.asyncio4j.test";
        TestNames.define(n, addrs);
        defined.add(n);
        return n;
    }

    /** A fresh name whose lookup fails. */
    private String refusedName() {
        String n = "unknown" + (++names) + ".dns-cache.asyncio4j.test";
        TestNames.refuse(n);
        defined.add(n);
        return n;
    }

    private static TestServer closingServer() throws IOException {
        return TestServer.answering(r -> TestServer.response(200, "OK", "hello", "Connection: close"));
    }

    private static String fetch(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    private static ClientSession session(ClientSessionOptions o) {
        return new ClientSession(o);
    }

    // ---- one lookup while fresh -------------------------------------------------------------------

    @Test
    void twoConnectionsToOneHostLookItUpOnce() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer(); ClientSession s = new ClientSession()) {
            String url = "http://" + host + ":" + server.port() + "/";
            assertEquals("hello", fetch(s, url));
            assertEquals("hello", fetch(s, url));
            assertEquals(2, server.connections());
        }
        assertEquals(1, TestNames.lookups(host));
    }

    @Test
    void anAnswerYoungerThanTheTtlIsUsed() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer(); ClientSession s = new ClientSession()) {
            String url = "http://" + host + ":" + server.port() + "/";
            fetch(s, url);
            sleep(9.5);
            fetch(s, url);
        }
        assertEquals(1, TestNames.lookups(host));
    }

    @Test
    void anAnswerPastTheTtlIsLookedUpAgain() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer(); ClientSession s = new ClientSession()) {
            String url = "http://" + host + ":" + server.port() + "/";
            fetch(s, url);
            sleep(10.5);
            fetch(s, url);
            assertEquals(2, TestNames.lookups(host));
            fetch(s, url); // the new answer is fresh again
        }
        assertEquals(2, TestNames.lookups(host));
    }

    @Test
    void theTtlIsTheSessionsOwn() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer();
             ClientSession s = session(ClientSessionOptions.defaults().withDnsCacheTtl(Duration.ofSeconds(2)))) {
            String url = "http://" + host + ":" + server.port() + "/";
            fetch(s, url);
            sleep(3);
            fetch(s, url);
        }
        assertEquals(2, TestNames.lookups(host));
    }

    @Test
    void aNullTtlKeepsTheAnswerUntilCleared() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer();
             ClientSession s = session(ClientSessionOptions.defaults().withDnsCacheTtl(null))) {
            String url = "http://" + host + ":" + server.port() + "/";
            fetch(s, url);
            sleep(86_400);
            fetch(s, url);
            assertEquals(1, TestNames.lookups(host));
            s.clearDnsCache();
            fetch(s, url);
        }
        assertEquals(2, TestNames.lookups(host));
    }

    @Test
    void withoutTheCacheEveryConnectionLooksTheHostUp() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer();
             ClientSession s = session(ClientSessionOptions.defaults().withDnsCache(false))) {
            String url = "http://" + host + ":" + server.port() + "/";
            fetch(s, url);
            fetch(s, url);
        }
        assertEquals(2, TestNames.lookups(host));
    }

    @Test
    void aPooledConnectionNeedsNoLookup() throws Exception {
        String host = name(V4);
        try (TestServer server = TestServer.answering(r -> ok("kept"));
             ClientSession s = session(ClientSessionOptions.defaults().withDnsCache(false))) {
            String url = "http://" + host + ":" + server.port() + "/";
            fetch(s, url);
            fetch(s, url);
            assertEquals(1, server.connections());
        }
        assertEquals(1, TestNames.lookups(host));
    }

    @Test
    void theCacheIsKeyedByHostAndPort() throws Exception {
        String host = name(V4);
        try (TestServer a = closingServer(); TestServer b = closingServer(); ClientSession s = new ClientSession()) {
            fetch(s, "http://" + host + ":" + a.port() + "/");
            fetch(s, "http://" + host + ":" + b.port() + "/");
            assertEquals(2, TestNames.lookups(host));
            fetch(s, "http://" + host + ":" + a.port() + "/");
            fetch(s, "http://" + host + ":" + b.port() + "/");
        }
        assertEquals(2, TestNames.lookups(host));
    }

    @Test
    void clearingOneHostAndPortForgetsOnlyThatAnswer() throws Exception {
        String host = name(V4);
        try (TestServer a = closingServer(); TestServer b = closingServer(); ClientSession s = new ClientSession()) {
            fetch(s, "http://" + host + ":" + a.port() + "/");
            fetch(s, "http://" + host + ":" + b.port() + "/");
            s.clearDnsCache(host.toUpperCase(), a.port()); // host names are case-insensitive
            fetch(s, "http://" + host + ":" + a.port() + "/");
            assertEquals(3, TestNames.lookups(host));
            fetch(s, "http://" + host + ":" + b.port() + "/");
        }
        assertEquals(3, TestNames.lookups(host));
    }

    @Test
    void clearingANullHostIsRefused() {
        try (ClientSession s = new ClientSession()) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> s.clearDnsCache(null, 80));
            assertTrue(e.getMessage().contains("clearDnsCache()"), e.getMessage());
        }
    }

    @Test
    void aZeroTtlLooksTheHostUpForEveryConnection() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer();
             ClientSession s = session(ClientSessionOptions.defaults().withDnsCacheTtl(Duration.ZERO))) {
            String url = "http://" + host + ":" + server.port() + "/";
            fetch(s, url);
            sleep(0.001);
            fetch(s, url);
        }
        assertEquals(2, TestNames.lookups(host));
    }

    // ---- concurrent lookups -----------------------------------------------------------------------

    @Test
    void concurrentConnectionsShareOneLookup() throws Exception {
        String host = name(V4);
        try (TestServer server = closingServer(); ClientSession s = new ClientSession()) {
            String url = "http://" + host + ":" + server.port() + "/";
            List<Task<String>> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                all.add(createTask(() -> fetch(s, url)));
            }
            for (Task<String> t : all) {
                assertEquals("hello", t.await());
            }
            assertEquals(3, server.connections());
        }
        assertEquals(1, TestNames.lookups(host));
    }

    /** A trace config logging the cache signals as "label hit" / "label miss". */
    private static TraceConfig<TraceConfigContext> cacheSignals(List<String> log) {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onDnsCacheHit().append((s, c, p) -> log.add(c.traceRequestCtx() + " hit"));
        tc.onDnsCacheMiss().append((s, c, p) -> log.add(c.traceRequestCtx() + " miss"));
        return tc;
    }

    private static String fetch(ClientSession session, String url, String label) throws Exception {
        try (ClientResponse r = session.get(url, RequestOptions.defaults().withTraceRequestCtx(label))) {
            return r.text();
        }
    }

    @Test
    void aFailedLookupFailsEveryRequestWaitingForIt() throws Exception {
        // counted by the signals: the JDK caches a failed lookup for 10 s whatever the test JVM's flags
        String host = refusedName();
        List<String> log = new ArrayList<>();
        try (ClientSession s = session(ClientSessionOptions.defaults().withTraceConfigs(List.of(cacheSignals(log))))) {
            String url = "http://" + host + ":80/";
            Task<String> a = createTask(() -> fetch(s, url, "A"));
            Task<String> b = createTask(() -> fetch(s, url, "B"));
            for (Task<String> t : List.of(a, b)) {
                ClientConnectorException e = assertThrows(ClientConnectorException.class, t::await);
                assertInstanceOf(UnknownHostException.class, e.getCause());
            }
            assertEquals(List.of("A miss", "B hit"), log);
        }
    }

    @Test
    void aFailedLookupIsNotCached() throws Exception {
        String host = refusedName();
        List<String> log = new ArrayList<>();
        try (ClientSession s = session(ClientSessionOptions.defaults().withTraceConfigs(List.of(cacheSignals(log))))) {
            String url = "http://" + host + ":80/";
            assertThrows(ClientConnectorException.class, () -> fetch(s, url, "1"));
            assertThrows(ClientConnectorException.class, () -> fetch(s, url, "2"));
            assertEquals(List.of("1 miss", "2 miss"), log);
        }
    }

    @Test
    void aCancelledRequestLeavesTheLookupToTheOthers() throws Exception {
        String host = name(V4);
        TestNames.hold(host);
        try (TestServer server = closingServer(); ClientSession s = new ClientSession()) {
            String url = "http://" + host + ":" + server.port() + "/";
            Task<String> first = createTask(() -> fetch(s, url)); // starts the lookup
            Task<String> second = createTask(() -> fetch(s, url)); // waits for it
            while (TestNames.lookups(host) == 0) {
                sleep(0.001); // until the lookup is under way (held)
            }
            first.cancel();
            assertThrows(CancelledError.class, first::await);
            TestNames.release(host);
            assertEquals("hello", second.await());
            assertEquals("hello", fetch(s, url)); // and the answer was cached
        } finally {
            TestNames.release(host);
        }
        assertEquals(1, TestNames.lookups(host));
    }

    @Test
    void closingTheSessionFailsTheRequestsWaitingForALookup() throws Exception {
        String host = name(V4);
        TestNames.hold(host);
        try (ClientSession s = new ClientSession()) {
            Task<String> waiting = createTask(() -> fetch(s, "http://" + host + ":80/"));
            while (TestNames.lookups(host) == 0) {
                sleep(0.001); // until the lookup is under way (held)
            }
            s.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, waiting::await);
            assertTrue(e.getMessage().contains("closed while " + host + " was being looked up"), e.getMessage());
        } finally {
            TestNames.release(host);
        }
    }

    @Test
    void aRequestAboutToLookUpWhenTheSessionClosesFailsWithoutALookup() throws Exception {
        String host = name(V4);
        try (ClientSession s = new ClientSession()) {
            Task<String> waiting = createTask(() -> fetch(s, "http://" + host + ":80/"));
            sleep(0); // it has asked for the lookup, which starts on the loop's next turn
            s.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, waiting::await);
            assertTrue(e.getMessage().contains("closed before " + host + " was looked up"), e.getMessage());
        }
        assertEquals(0, TestNames.lookups(host));
    }

    // ---- round robin ------------------------------------------------------------------------------

    /** Servers on 127.0.0.1 and 127.0.0.2 at one port, each answering with the address it was reached at. */
    private static final class TwoAddressServer implements AutoCloseable {
        final List<Server> servers = new ArrayList<>();
        final int port;

        TwoAddressServer() throws IOException {
            int p = -1;
            for (int attempt = 0; p < 0; attempt++) {
                Server a = startServer(TwoAddressServer::answer, "127.0.0.1", 0);
                int candidate = io.asyncio4j.net.NetTesting.port(a);
                try {
                    servers.add(startServer(TwoAddressServer::answer, "127.0.0.2", candidate));
                    servers.add(a);
                    p = candidate;
                } catch (IOException taken) {
                    a.close();
                    if (attempt == 20) {
                        throw taken;
                    }
                }
            }
            port = p;
        }

        private static void answer(io.asyncio4j.streams.StreamReader r, io.asyncio4j.streams.StreamWriter w)
                throws IOException {
            r.readuntil("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String at = ((InetSocketAddress) w.getExtraInfo("sockname")).getAddress().getHostAddress();
            w.write(TestServer.response(200, "OK", at, "Connection: close").getBytes(StandardCharsets.UTF_8));
            w.drain();
            w.close();
        }

        @Override
        public void close() {
            for (Server s : servers) {
                s.close();
                s.waitClosed();
            }
        }
    }

    @Test
    void successiveConnectionsStartAtSuccessiveAddresses() throws Exception {
        String host = name(V4, V4B);
        List<String> reached = new ArrayList<>();
        try (TwoAddressServer server = new TwoAddressServer(); ClientSession s = new ClientSession()) {
            for (int i = 0; i < 3; i++) {
                reached.add(fetch(s, "http://" + host + ":" + server.port + "/"));
            }
        }
        assertEquals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.1"), reached);
        assertEquals(1, TestNames.lookups(host));
    }

    @Test
    void withoutTheCacheEveryConnectionStartsAtTheFirstAddress() throws Exception {
        String host = name(V4, V4B);
        List<String> reached = new ArrayList<>();
        try (TwoAddressServer server = new TwoAddressServer();
             ClientSession s = session(ClientSessionOptions.defaults().withDnsCache(false))) {
            for (int i = 0; i < 2; i++) {
                reached.add(fetch(s, "http://" + host + ":" + server.port + "/"));
            }
        }
        assertEquals(List.of("127.0.0.1", "127.0.0.1"), reached);
    }

    // ---- options ----------------------------------------------------------------------------------

    @Test
    void theCacheIsOnWithATenSecondTtlByDefault() {
        assertTrue(ClientSessionOptions.defaults().dnsCache());
        assertEquals(Duration.ofSeconds(10), ClientSessionOptions.defaults().dnsCacheTtl());
        assertEquals(Duration.ofMillis(2500), ClientSessionOptions.defaults().withDnsCacheTtl(2.5).dnsCacheTtl());
    }

    @Test
    void aNegativeTtlIsRefused() {
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withDnsCacheTtl(Duration.ofSeconds(-1)));
        assertTrue(d.getMessage().contains("dnsCacheTtl is PT-1S"), d.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withDnsCacheTtl(-0.5));
        assertTrue(s.getMessage().contains("give 0 or more seconds"), s.getMessage());
    }
}
