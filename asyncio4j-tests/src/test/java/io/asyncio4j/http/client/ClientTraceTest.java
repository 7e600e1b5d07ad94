package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.http.Headers;
import io.asyncio4j.net.TestNames;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client tracing (aiohttp's TraceConfig): which signals a request sends, in which order, with
 * which parameters and context. The sequences are aiohttp 3.8.4's, printed by a program that
 * appends a listener naming itself to every signal of a TraceConfig and makes the same requests
 * to a local aiohttp server. For the DNS cache sequences that server answers
 * {@code Connection: close}, so that each request needs a new connection, and the connector is
 * {@code aiohttp.TCPConnector(family=AF_INET)} (with {@code use_dns_cache=False} where noted).
 * On the virtual clock; the autojump threshold lets loopback bytes arrive before a pending timer
 * is jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientTraceTest {
    /** A config whose every signal appends its aiohttp name (after the trace request context, if any) to {@code log}. */
    private static TraceConfig<TraceConfigContext> recorder(List<String> log) {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestStart().append((s, c, p) -> log.add(label(c) + "request_start"));
        tc.onRequestEnd().append((s, c, p) -> log.add(label(c) + "request_end"));
        tc.onRequestException().append((s, c, p) -> log.add(label(c) + "request_exception"));
        tc.onRequestRedirect().append((s, c, p) -> log.add(label(c) + "request_redirect"));
        tc.onRequestHeadersSent().append((s, c, p) -> log.add(label(c) + "request_headers_sent"));
        tc.onRequestChunkSent().append((s, c, p) -> log.add(label(c) + "request_chunk_sent"));
        tc.onResponseChunkReceived().append((s, c, p) -> log.add(label(c) + "response_chunk_received"));
        tc.onConnectionQueuedStart().append((s, c, p) -> log.add(label(c) + "connection_queued_start"));
        tc.onConnectionQueuedEnd().append((s, c, p) -> log.add(label(c) + "connection_queued_end"));
        tc.onConnectionCreateStart().append((s, c, p) -> log.add(label(c) + "connection_create_start"));
        tc.onConnectionCreateEnd().append((s, c, p) -> log.add(label(c) + "connection_create_end"));
        tc.onConnectionReuseconn().append((s, c, p) -> log.add(label(c) + "connection_reuseconn"));
        tc.onDnsResolvehostStart().append((s, c, p) -> log.add(label(c) + "dns_resolvehost_start " + p.host()));
        tc.onDnsResolvehostEnd().append((s, c, p) -> log.add(label(c) + "dns_resolvehost_end " + p.host()));
        tc.onDnsCacheHit().append((s, c, p) -> log.add(label(c) + "dns_cache_hit " + p.host()));
        tc.onDnsCacheMiss().append((s, c, p) -> log.add(label(c) + "dns_cache_miss " + p.host()));
        return tc;
    }

    private static String label(TraceConfigContext c) {
        return c.traceRequestCtx() == null ? "" : c.traceRequestCtx() + " ";
    }

    private static ClientSession tracing(TraceConfig<?>... configs) {
        return new ClientSession(ClientSessionOptions.defaults().withTraceConfigs(List.of(configs)));
    }

    /** /hello answers "hello", /redir redirects to /hello, /nope is a 404, anything else echoes its body. */
    private static TestServer server() throws Exception {
        return TestServer.answering(r -> switch (r.target()) {
            case "/hello", "/hello?x=1" -> ok("hello");
            case "/redir" -> TestServer.response(302, "Found", "", "Location: /hello?x=1");
            case "/nope" -> TestServer.response(404, "Not Found", "404: Not Found");
            default -> ok(r.text());
        });
    }

    private static String fetch(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    private static int refusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    // ---- the sequences, as aiohttp 3.8.4 sends them -----------------------------------------------

    @Test
    void aPlainRequestSignalsAsAiohttpDoes() throws Exception {
        List<String> log = new ArrayList<>();
        try (TestServer server = server(); ClientSession session = tracing(recorder(log))) {
            assertEquals("hello", fetch(session, server.url("/hello")));
        }
        assertEquals(List.of("request_start", "connection_create_start", "connection_create_end",
                "request_headers_sent", "request_chunk_sent", "request_end", "response_chunk_received"), log);
    }

    @Test
    void aRedirectSignalsBeforeTheNextExchangeWhichReusesTheConnection() throws Exception {
        List<String> log = new ArrayList<>();
        try (TestServer server = server(); ClientSession session = tracing(recorder(log))) {
            assertEquals("hello", fetch(session, server.url("/redir")));
        }
        assertEquals(List.of("request_start", "connection_create_start", "connection_create_end",
                "request_headers_sent", "request_chunk_sent", "request_redirect", "connection_reuseconn",
                "request_headers_sent", "request_chunk_sent", "request_end", "response_chunk_received"), log);
    }

    @Test
    void aReusedConnectionSignalsReuseconnInsteadOfCreate() throws Exception {
        List<String> log = new ArrayList<>();
        try (TestServer server = server(); ClientSession session = tracing(recorder(log))) {
            for (int i = 1; i <= 2; i++) {
                try (ClientResponse r = session.get(server.url("/hello"),
                        RequestOptions.defaults().withTraceRequestCtx(i))) {
                    r.read();
                }
            }
        }
        assertEquals(List.of("1 request_start", "1 connection_create_start", "1 connection_create_end",
                "1 request_headers_sent", "1 request_chunk_sent", "1 request_end", "1 response_chunk_received",
                "2 request_start", "2 connection_reuseconn", "2 request_headers_sent", "2 request_chunk_sent",
                "2 request_end", "2 response_chunk_received"), log);
    }

    @Test
    void aFailedConnectSignalsTheExceptionWithoutCreateEnd() throws Exception {
        List<String> log = new ArrayList<>();
        int port = refusedPort();
        try (ClientSession session = tracing(recorder(log))) {
            assertThrows(ClientConnectorException.class, () -> session.get("http://127.0.0.1:" + port + "/"));
        }
        assertEquals(List.of("request_start", "connection_create_start", "request_exception"), log);
    }

    @Test
    void aHostNameIsLookedUpBetweenTheCreateSignalsAndAnAddressIsNot() throws Exception {
        List<String> log = new ArrayList<>();
        String name = "trace-lookup.asyncio4j.test";
        TestNames.define(name, InetAddress.ofLiteral("127.0.0.1"));
        try (TestServer server = server(); ClientSession session = tracing(recorder(log))) {
            assertEquals("hello", fetch(session, "http://" + name + ":" + server.port() + "/hello"));
            assertEquals("hello", fetch(session, "http://" + name + ":" + server.port() + "/hello"));
        } finally {
            TestNames.forget(name);
        }
        assertEquals(List.of("request_start", "connection_create_start", "dns_cache_miss " + name,
                "dns_resolvehost_start " + name,
                "dns_resolvehost_end " + name, "connection_create_end", "request_headers_sent", "request_chunk_sent",
                "request_end", "response_chunk_received",
                "request_start", "connection_reuseconn", "request_headers_sent", "request_chunk_sent", "request_end",
                "response_chunk_received"), log);
    }

    @Test
    void aNameThatDoesNotResolveEndsWithTheExceptionAfterTheLookupStarted() throws Exception {
        List<String> log = new ArrayList<>();
        String name = "trace-unknown.asyncio4j.test";
        TestNames.refuse(name);
        try (ClientSession session = tracing(recorder(log))) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://" + name + "/"));
            assertInstanceOf(java.net.UnknownHostException.class, e.getCause());
        } finally {
            TestNames.forget(name);
        }
        assertEquals(List.of("request_start", "connection_create_start", "dns_cache_miss " + name,
                "dns_resolvehost_start " + name, "request_exception"), log);
    }

    /** A server answering "hello" with Connection: close: every request needs a new connection. */
    private static TestServer closingServer() throws Exception {
        return TestServer.answering(r -> TestServer.response(200, "OK", "hello", "Connection: close"));
    }

    private static void fetchLabelled(ClientSession session, String url, Object label, List<String> into)
            throws Exception {
        try (ClientResponse r = session.get(url, RequestOptions.defaults().withTraceRequestCtx(label))) {
            into.add(r.text());
        }
    }

    @Test
    void aSecondConnectionToACachedHostSignalsACacheHitAndNoLookup() throws Exception {
        List<String> log = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        String name = "trace-cache-hit.asyncio4j.test";
        TestNames.define(name, InetAddress.ofLiteral("127.0.0.1"));
        try (TestServer server = closingServer(); ClientSession session = tracing(recorder(log))) {
            for (int i = 1; i <= 2; i++) {
                fetchLabelled(session, "http://" + name + ":" + server.port() + "/hello", i, bodies);
            }
        } finally {
            TestNames.forget(name);
        }
        // aiohttp 3.8.4 (the host "localhost" there)
        assertEquals(List.of("1 request_start", "1 connection_create_start", "1 dns_cache_miss " + name,
                "1 dns_resolvehost_start " + name, "1 dns_resolvehost_end " + name, "1 connection_create_end",
                "1 request_headers_sent", "1 request_chunk_sent", "1 request_end", "1 response_chunk_received",
                "2 request_start", "2 connection_create_start", "2 dns_cache_hit " + name, "2 connection_create_end",
                "2 request_headers_sent", "2 request_chunk_sent", "2 request_end", "2 response_chunk_received"), log);
    }

    @Test
    void aRequestWaitingForAnotherRequestsLookupSignalsACacheHit() throws Exception {
        List<String> log = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        String name = "trace-cache-shared.asyncio4j.test";
        TestNames.define(name, InetAddress.ofLiteral("127.0.0.1"));
        try (TestServer server = closingServer(); ClientSession session = tracing(recorder(log))) {
            String url = "http://" + name + ":" + server.port() + "/hello";
            Task<Void> a = createTask(() -> fetchLabelled(session, url, "A", bodies));
            Task<Void> b = createTask(() -> fetchLabelled(session, url, "B", bodies));
            a.await();
            b.await();
        } finally {
            TestNames.forget(name);
        }
        // aiohttp 3.8.4, the two requests gathered
        assertEquals(List.of("A request_start", "A connection_create_start", "B request_start",
                "B connection_create_start", "A dns_cache_miss " + name, "A dns_resolvehost_start " + name,
                "B dns_cache_hit " + name, "A dns_resolvehost_end " + name, "A connection_create_end",
                "A request_headers_sent", "A request_chunk_sent", "B connection_create_end", "B request_headers_sent",
                "B request_chunk_sent", "A request_end", "A response_chunk_received", "B request_end",
                "B response_chunk_received"), log);
    }

    @Test
    void withoutTheCacheEveryConnectionSignalsItsLookupAndNoCacheSignal() throws Exception {
        List<String> log = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        String name = "trace-no-cache.asyncio4j.test";
        TestNames.define(name, InetAddress.ofLiteral("127.0.0.1"));
        try (TestServer server = closingServer(); ClientSession session = new ClientSession(ClientSessionOptions
                .defaults().withDnsCache(false).withTraceConfigs(List.of(recorder(log))))) {
            for (int i = 1; i <= 2; i++) {
                fetchLabelled(session, "http://" + name + ":" + server.port() + "/hello", i, bodies);
            }
        } finally {
            TestNames.forget(name);
        }
        // aiohttp 3.8.4, TCPConnector(use_dns_cache=False)
        assertEquals(List.of("1 request_start", "1 connection_create_start", "1 dns_resolvehost_start " + name,
                "1 dns_resolvehost_end " + name, "1 connection_create_end", "1 request_headers_sent",
                "1 request_chunk_sent", "1 request_end", "1 response_chunk_received",
                "2 request_start", "2 connection_create_start", "2 dns_resolvehost_start " + name,
                "2 dns_resolvehost_end " + name, "2 connection_create_end", "2 request_headers_sent",
                "2 request_chunk_sent", "2 request_end", "2 response_chunk_received"), log);
    }

    @Test
    void aRequestWaitingUnderTheLimitSignalsQueuedThenReusesTheReleasedConnection() throws Exception {
        List<String> log = new ArrayList<>();
        Event go = new Event();
        try (TestServer server = TestServer.start(conn -> {
                 TestServer.Request r;
                 while ((r = conn.readRequest()) != null) {
                     go.await();
                     conn.send(ok("slow"));
                 }
             });
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withLimit(1)
                     .withTraceConfigs(List.of(recorder(log))))) {
            Task<String> a = createTask(() -> fetchLabelled(session, server.url("/slow"), "A"));
            Task<String> b = createTask(() -> fetchLabelled(session, server.url("/slow"), "B"));
            sleep(0.1);
            go.set();
            assertEquals("slow", a.await());
            assertEquals("slow", b.await());
        }
        assertEquals(List.of("A request_start", "A connection_create_start", "B request_start",
                "B connection_queued_start", "A connection_create_end", "A request_headers_sent",
                "A request_chunk_sent", "A request_end", "A response_chunk_received", "B connection_queued_end",
                "B connection_reuseconn", "B request_headers_sent", "B request_chunk_sent", "B request_end",
                "B response_chunk_received"), log);
    }

    private static String fetchLabelled(ClientSession session, String url, String label) throws Exception {
        try (ClientResponse r = session.get(url, RequestOptions.defaults().withTraceRequestCtx(label))) {
            return r.text();
        }
    }

    @Test
    void raiseForStatusSignalsTheExceptionInsteadOfTheEnd() throws Exception {
        List<String> log = new ArrayList<>();
        try (TestServer server = server();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withRaiseForStatus(true)
                     .withTraceConfigs(List.of(recorder(log))))) {
            assertThrows(ClientResponseException.class, () -> session.get(server.url("/nope")));
        }
        assertEquals(List.of("request_start", "connection_create_start", "connection_create_end",
                "request_headers_sent", "request_chunk_sent", "request_exception"), log);
    }

    @Test
    void aResponseNotReadSignalsNoChunkReceived() throws Exception {
        List<String> log = new ArrayList<>();
        try (TestServer server = server(); ClientSession session = tracing(recorder(log));
             ClientResponse r = session.get(server.url("/hello"))) {
            assertEquals(200, r.status());
        }
        assertEquals(List.of("request_start", "connection_create_start", "connection_create_end",
                "request_headers_sent", "request_chunk_sent", "request_end"), log);
    }

    // ---- parameters -----------------------------------------------------------------------------------

    @Test
    void requestStartHasTheUrlWithItsParamsAndTheCallersFieldsOnly() throws Exception {
        List<TraceParams.RequestStart> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestStart().append((s, c, p) -> seen.add(p));
        try (TestServer server = server();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                     .withHeaders(Headers.of("X-S", "s", "X-R", "session")).withTraceConfigs(List.of(tc)));
             ClientResponse r = session.get(server.url("/hello?x=1"), RequestOptions.defaults()
                     .withParam("p", "1").withHeader("X-R", "r"))) {
            r.read();
        }
        TraceParams.RequestStart p = seen.get(0);
        assertEquals("GET", p.method());
        assertTrue(p.url().toString().endsWith("/hello?x=1&p=1"), p.url().toString());
        // aiohttp 3.8.4: {'X-S': 's', 'X-R': 'r'} — the request's fields over the session's, no User-Agent or Host
        assertEquals("s", p.headers().get("X-S"));
        assertEquals(List.of("r"), p.headers().getAll("X-R"));
        assertNull(p.headers().get("User-Agent"));
    }

    @Test
    void headersSentHasTheFieldsAsWritten() throws Exception {
        List<TraceParams.RequestHeadersSent> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestHeadersSent().append((s, c, p) -> seen.add(p));
        try (TestServer server = server(); ClientSession session = tracing(tc);
             ClientResponse r = session.post(server.url("/echo"), "abc")) {
            r.read();
            Headers h = seen.get(0).headers();
            assertEquals("127.0.0.1:" + server.port(), h.get("Host"));
            assertEquals(RequestEncoder.USER_AGENT, h.get("User-Agent"));
            assertEquals("3", h.get("Content-Length"));
        }
        assertEquals("POST", seen.get(0).method());
    }

    @Test
    void aRequestWithoutABodySignalsOneEmptyChunkAsAiohttpWritesOne() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestChunkSent().append((s, c, p) -> chunks.add(p.chunk()));
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            fetch(session, server.url("/hello"));
        }
        assertEquals(1, chunks.size());
        assertEquals(0, chunks.get(0).length);
    }

    @Test
    void anInMemoryBodyIsSignalledAsOneChunk() throws Exception {
        List<String> chunks = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestChunkSent().append((s, c, p) -> chunks.add(new String(p.chunk(), StandardCharsets.UTF_8)));
        try (TestServer server = server(); ClientSession session = tracing(tc);
             ClientResponse r = session.post(server.url("/echo"), "abc")) {
            assertEquals("abc", r.text());
        }
        assertEquals(List.of("abc"), chunks);
    }

    @Test
    void aStreamedBodySignalsEachPieceEmptyOnesToo() throws Exception {
        List<String> chunks = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestChunkSent().append((s, c, p) -> chunks.add(new String(p.chunk(), StandardCharsets.UTF_8)));
        List<byte[]> pieces = List.of("ab".getBytes(StandardCharsets.UTF_8), new byte[0],
                "cd".getBytes(StandardCharsets.UTF_8));
        try (TestServer server = TestServer.answering(r -> ok("got")); ClientSession session = tracing(tc);
             ClientResponse r = session.post(server.url("/echo"), RequestOptions.defaults().withBody(pieces)
                     .withHeader("Content-Length", "4"))) { // unframed: the test server reads lengths only
            assertEquals("got", r.text());
        }
        // aiohttp 3.8.4 with an async generator yielding b"ab", b"", b"cd"
        assertEquals(List.of("ab", "", "cd"), chunks);
    }

    @Test
    void theBodyReadIsSignalledOnceWhole() throws Exception {
        List<String> received = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onResponseChunkReceived().append((s, c, p) -> received.add(p.method() + " "
                + new String(p.chunk(), StandardCharsets.UTF_8)));
        try (TestServer server = server(); ClientSession session = tracing(tc);
             ClientResponse r = session.post(server.url("/echo"), "a body")) {
            r.read();
            r.text();
        }
        assertEquals(List.of("POST a body"), received);
    }

    @Test
    void readingInChunksIsNotSignalledAsInAiohttp38() throws Exception {
        List<byte[]> received = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onResponseChunkReceived().append((s, c, p) -> received.add(p.chunk()));
        try (TestServer server = server(); ClientSession session = tracing(tc);
             ClientResponse r = session.get(server.url("/hello"))) {
            assertEquals("hello", new String(r.readChunk(100), StandardCharsets.UTF_8));
            assertEquals(0, r.readChunk(100).length);
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void aHeadRequestsEmptyBodyIsSignalledWhenRead() throws Exception {
        List<byte[]> received = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onResponseChunkReceived().append((s, c, p) -> received.add(p.chunk()));
        try (TestServer server = TestServer.answering(r -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
             ClientSession session = tracing(tc); ClientResponse r = session.head(server.url("/"))) {
            r.read();
        }
        assertEquals(1, received.size());
        assertEquals(0, received.get(0).length);
    }

    @Test
    void requestEndCarriesTheResponseReturnedAndTheLastUrl() throws Exception {
        List<TraceParams.RequestEnd> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestEnd().append((s, c, p) -> seen.add(p));
        try (TestServer server = server(); ClientSession session = tracing(tc);
             ClientResponse r = session.get(server.url("/redir"))) {
            assertSame(r, seen.get(0).response());
            assertEquals(URI.create(server.url("/hello?x=1")), seen.get(0).url());
            r.read();
        }
    }

    @Test
    void requestRedirectCarriesTheUrlRedirectedFromAndTheRedirectResponse() throws Exception {
        List<String> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestRedirect().append((s, c, p) -> seen.add(p.method() + " " + p.url() + " "
                + p.response().status() + " " + p.response().headers().get("Location")));
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            fetch(session, server.url("/redir"));
            assertEquals(List.of("GET " + server.url("/redir") + " 302 /hello?x=1"), seen);
        }
    }

    @Test
    void requestExceptionCarriesTheExceptionRaised() throws Exception {
        List<Throwable> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestException().append((s, c, p) -> seen.add(p.exception()));
        int port = refusedPort();
        try (ClientSession session = tracing(tc)) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://127.0.0.1:" + port + "/"));
            assertEquals(List.of(e), seen);
        }
    }

    @Test
    void aTotalTimeoutIsSignalledAsTheRequestsException() throws Exception {
        List<Throwable> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestException().append((s, c, p) -> seen.add(p.exception()));
        try (TestServer server = TestServer.start(conn -> {
                 conn.readRequest();
                 conn.awaitClientClose();
             });
             ClientSession session = tracing(tc)) {
            assertThrows(TimeoutException.class, () -> session.get(server.url("/"),
                    RequestOptions.defaults().withTimeout(Duration.ofSeconds(2))));
        }
        assertInstanceOf(TimeoutException.class, seen.get(0));
    }

    // ---- contexts ------------------------------------------------------------------------------------

    @Test
    void theTraceRequestCtxReachesEveryListenerOfTheRequest() throws Exception {
        List<Object> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestStart().append((s, c, p) -> seen.add(c.traceRequestCtx()));
        tc.onRequestEnd().append((s, c, p) -> seen.add(c.traceRequestCtx()));
        Object mine = new Object();
        try (TestServer server = server(); ClientSession session = tracing(tc);
             ClientResponse r = session.get(server.url("/hello"), RequestOptions.defaults().withTraceRequestCtx(mine))) {
            r.read();
        }
        assertEquals(List.of(mine, mine), seen);
    }

    @Test
    void eachRequestGetsAContextOfItsOwnSharedByItsSignals(EventLoop loop) throws Exception {
        List<String> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestStart().append((s, c, p) -> {
            assertNull(c.get("n"), "a fresh context");
            c.set("n", p.url().getPath());
        });
        tc.onRequestEnd().append((s, c, p) -> seen.add((String) c.get("n")));
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            fetch(session, server.url("/hello"));
            fetch(session, server.url("/echo"));
        }
        assertEquals(List.of("/hello", "/echo"), seen);
    }

    @Test
    void aContextFactoryMakesTheContextFromTheTraceRequestCtx() throws Exception {
        record Span(String name, List<String> events) {
        }
        TraceConfig<Span> tc = new TraceConfig<>(ctx -> new Span((String) ctx, new ArrayList<>()));
        List<Span> spans = new ArrayList<>();
        tc.onRequestStart().append((s, span, p) -> spans.add(span));
        tc.onRequestEnd().append((s, span, p) -> span.events().add("end " + p.response().status()));
        try (TestServer server = server(); ClientSession session = tracing(tc);
             ClientResponse r = session.get(server.url("/hello"), RequestOptions.defaults().withTraceRequestCtx("span-1"))) {
            r.read();
        }
        assertEquals(List.of(new Span("span-1", List.of("end 200"))), spans);
    }

    @Test
    void severalConfigsAreSignalledInTheOrderGiven() throws Exception {
        List<String> log = new ArrayList<>();
        TraceConfig<TraceConfigContext> first = TraceConfig.create();
        TraceConfig<TraceConfigContext> second = TraceConfig.create();
        first.onRequestStart().append((s, c, p) -> log.add("first a")).append((s, c, p) -> log.add("first b"));
        second.onRequestStart().append((s, c, p) -> log.add("second"));
        try (TestServer server = server(); ClientSession session = tracing(first, second)) {
            fetch(session, server.url("/hello"));
        }
        assertEquals(List.of("first a", "first b", "second"), log);
    }

    @Test
    void theListenersGetTheSession() throws Exception {
        List<ClientSession> seen = new ArrayList<>();
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestStart().append((s, c, p) -> seen.add(s));
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            fetch(session, server.url("/hello"));
            assertEquals(List.of(session), seen);
        }
    }

    @Test
    void aListenerMaySuspendTheRequest(EventLoop loop) throws Exception {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestHeadersSent().append((s, c, p) -> sleep(5));
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            double start = loop.time();
            assertEquals("hello", fetch(session, server.url("/hello")));
            assertTrue(loop.time() - start >= 5, "the head went out after the listener's sleep");
        }
    }

    // ---- listeners' failures and freezing -----------------------------------------------------------

    @Test
    void aListenersRuntimeExceptionFailsTheRequestAsItIs() throws Exception {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        IllegalStateException boom = new IllegalStateException("boom");
        tc.onConnectionCreateEnd().append((s, c, p) -> {
            throw boom;
        });
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            assertSame(boom, assertThrows(IllegalStateException.class, () -> session.get(server.url("/hello"))));
            assertTrue(session.toString().contains("open=0"), "the new connection was closed: " + session);
        }
    }

    @Test
    void aListenersCheckedExceptionIsWrappedInAClientException() throws Exception {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestStart().append((s, c, p) -> {
            throw new Exception("checked");
        });
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            ClientException e = assertThrows(ClientException.class, () -> session.get(server.url("/hello")));
            assertEquals("checked", e.getCause().getMessage());
            assertTrue(e.getMessage().contains("on_request_start"), e.getMessage());
            assertTrue(server.requests.isEmpty());
        }
    }

    @Test
    void aFailingEndListenerReleasesTheResponse() throws Exception {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestEnd().append((s, c, p) -> {
            throw new IllegalStateException("end");
        });
        try (TestServer server = server(); ClientSession session = tracing(tc)) {
            assertThrows(IllegalStateException.class, () -> session.get(server.url("/hello")));
            assertTrue(session.toString().contains("open=0"), session.toString());
        }
    }

    @Test
    void aFailingExceptionListenerIsSuppressedUnderTheRequestsOwnFailure() throws Exception {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestException().append((s, c, p) -> {
            throw new IllegalStateException("listener");
        });
        int port = refusedPort();
        try (ClientSession session = tracing(tc)) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> session.get("http://127.0.0.1:" + port + "/"));
            assertEquals("listener", e.getSuppressed()[0].getMessage());
        }
    }

    @Test
    void aQueuedEndListenersFailureHandsTheConnectionBack() throws Exception {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onConnectionQueuedEnd().append((s, c, p) -> {
            throw new IllegalStateException("queued");
        });
        try (TestServer server = server();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withLimit(1)
                     .withTraceConfigs(List.of(tc)))) {
            ClientResponse held = session.get(server.url("/hello"));
            Task<ClientResponse> waiting = createTask(() -> session.get(server.url("/hello")));
            sleep(0.05);
            assertEquals("hello", held.text()); // released: handed to the waiter
            assertThrows(IllegalStateException.class, waiting::await);
            assertEquals("hello", fetch(session, server.url("/hello")), "the connection went back to the pool");
            assertEquals(1, server.connections());
        }
    }

    @Test
    void makingASessionFreezesItsConfigs() {
        TraceConfig<TraceConfigContext> tc = TraceConfig.create();
        tc.onRequestStart().append((s, c, p) -> { });
        assertEquals(TraceSignal.State.OPEN, tc.state());
        try (ClientSession session = tracing(tc)) {
            assertTrue(tc.isFrozen());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> tc.onRequestEnd().append((s, c, p) -> { }));
            assertTrue(e.getMessage().contains("is frozen: a ClientSession was made with its TraceConfig"),
                    e.getMessage());
            assertEquals("<TraceConfig FROZEN>", tc.toString());
        }
    }

    @Test
    void aNullConfigIsRefused() {
        List<TraceConfig<?>> configs = new ArrayList<>();
        configs.add(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withTraceConfigs(configs));
        assertTrue(e.getMessage().contains("a trace config is null"), e.getMessage());
    }

    @Test
    void aWebSocketHandshakeIsTracedAsARequest() throws Exception {
        List<String> log = new ArrayList<>();
        try (TestServer server = TestServer.answering(r -> TestServer.response(404, "Not Found", ""));
             ClientSession session = tracing(recorder(log))) {
            assertThrows(WsServerHandshakeException.class, () -> session.wsConnect("ws://127.0.0.1:" + server.port()
                    + "/ws"));
        }
        assertEquals(List.of("request_start", "connection_create_start", "connection_create_end",
                "request_headers_sent", "request_chunk_sent", "request_end"), log);
    }
}
