package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.post;
import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Request.cloneWith (aiohttp's request.clone(method=, rel_url=, headers=, scheme=, host=, remote=)):
 * a middleware passes a rewritten request on. The expected values are aiohttp 3.8.4's for the same
 * requests (a middleware cloning, a handler describing what it got), but where noted.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestCloneTest {
    /** What a handler sees of a request. */
    private static final Handler DESCRIBE = r -> Response.text("method=" + r.method() + " path=" + r.path()
            + " relUrl=" + r.relUrl() + " query=" + r.queryString() + " host=" + r.host() + " scheme=" + r.scheme()
            + " secure=" + r.secure() + " remote=" + r.remote() + " url=" + r.url() + " matchInfo=" + r.matchInfo()
            + " X=" + r.headers().get("X"));

    /** A middleware passing on {@code request.cloneWith(changes)}. */
    private static Middleware cloning(Request.Changes changes) {
        return (request, next) -> next.handle(request.cloneWith(changes));
    }

    private static Reply ask(Middleware m, Route route, String request) throws Exception {
        try (Served s = Served.start(new Application(m).addRoutes(route))) {
            return s.request(request);
        }
    }

    @Test
    void aCloneWithNoChangesIsACopyOfTheRequest() throws Exception {
        Reply r = ask(cloning(Request.Changes.none()), get("/c/{x}", DESCRIBE),
                "GET /c/1?a=b HTTP/1.1\r\nHost: orig:1\r\nX: 0\r\n\r\n");
        assertEquals("method=GET path=/c/1 relUrl=/c/1?a=b query=a=b host=orig:1 scheme=http secure=false "
                + "remote=127.0.0.1 url=http://orig:1/c/1?a=b matchInfo={x=1} X=0", r.text());
    }

    @Test
    void aClonesSchemeHostAndRemoteAreThoseGivenAndItsUrlAndSecureFollow() throws Exception {
        Reply r = ask(cloning(Request.Changes.none().withScheme("https").withHost("example.com").withRemote("1.2.3.4")),
                get("/c/{x}", DESCRIBE), "GET /c/1?a=b HTTP/1.1\r\nHost: orig:1\r\n\r\n");
        assertEquals("method=GET path=/c/1 relUrl=/c/1?a=b query=a=b host=example.com scheme=https secure=true "
                + "remote=1.2.3.4 url=https://example.com/c/1?a=b matchInfo={x=1} X=null", r.text());
    }

    @Test
    void aCloneWithAnotherRelUrlHasItsPathAndQueryButKeepsTheRouteAndMatchInfo() throws Exception {
        Middleware m = cloning(Request.Changes.none().withRelUrl("/other/zz?k=v"));
        try (Served s = Served.start(new Application(m).addRoutes(get("/u/{x}", DESCRIBE),
                get("/other/{y}", r -> Response.text("the other route"))))) {
            assertEquals("method=GET path=/other/zz relUrl=/other/zz?k=v query=k=v host=orig scheme=http "
                    + "secure=false remote=127.0.0.1 url=http://orig/other/zz?k=v matchInfo={x=1} X=null",
                    s.request("GET /u/1?a=b HTTP/1.1\r\nHost: orig\r\n\r\n").text());
        }
    }

    @Test
    void aCloneWithAnAbsoluteRelUrlTakesItsSchemeAndHost() throws Exception {
        // aiohttp's url lower-cases the host (yarl): https://x.org:81/q?z; ours keeps it as sent
        Reply r = ask(cloning(Request.Changes.none().withRelUrl("https://X.org:81/q?z")), get("/p", DESCRIBE),
                "GET /p HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("method=GET path=/q relUrl=/q?z query=z host=x.org scheme=https secure=true remote=127.0.0.1 "
                + "url=https://X.org:81/q?z matchInfo={} X=null", r.text());
    }

    @Test
    void aCloneWithOtherHeadersHasThoseAloneAndItsHostFollowsThem() throws Exception {
        Reply r = ask(cloning(Request.Changes.none().withHeaders(Headers.of("X", "1"))), get("/p", DESCRIBE),
                "GET /p HTTP/1.1\r\nHost: orig\r\nX: 0\r\n\r\n");
        // no Host field left: the address the connection came in on (aiohttp: socket.getfqdn())
        assertEquals(true, r.text().matches("method=GET path=/p relUrl=/p query= host=127\\.0\\.0\\.1:\\d+ scheme=http "
                + "secure=false remote=127\\.0\\.0\\.1 url=http://127\\.0\\.0\\.1:\\d+/p matchInfo=\\{} X=1"), r.text());
    }

    @Test
    void aCloneWithAnotherMethodKeepsTheRouteOfTheMethodSent() throws Exception {
        Reply r = ask(cloning(Request.Changes.none().withMethod("POST")), route("GET", "/p", DESCRIBE),
                "GET /p HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(200, r.status());
        assertEquals(true, r.text().startsWith("method=POST path=/p "), r.text());
    }

    @Test
    void aClonesHeadersAreACopy() throws Exception {
        Middleware m = (request, next) -> {
            Request c = request.cloneWith(Request.Changes.none());
            c.headers().set("X", "changed");
            return Response.text(request.headers().get("X") + " " + c.headers().get("X"));
        };
        assertEquals("0 changed", ask(m, get("/", DESCRIBE), "GET / HTTP/1.1\r\nHost: h\r\nX: 0\r\n\r\n").text());
    }

    @Test
    void aCloneOfACloneKeepsTheSchemeHostAndRemoteItsSourceWasGiven() throws Exception {
        // aiohttp 3.8.4 drops them (its clone() passes only the arguments given), against its own docstring
        Middleware m = (request, next) -> next.handle(request
                .cloneWith(Request.Changes.none().withScheme("https").withHost("b").withRemote("9.9.9.9"))
                .cloneWith(Request.Changes.none().withMethod("PUT")));
        Reply r = ask(m, get("/p", DESCRIBE), "GET /p HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("method=PUT path=/p relUrl=/p query= host=b scheme=https secure=true remote=9.9.9.9 "
                + "url=https://b/p matchInfo={} X=null", r.text());
    }

    @Test
    void aCloneKeepsTheRequestsApplication() throws Exception {
        Application api = new Application().addRoutes(get("/x", r -> Response.text(String.valueOf(
                r.app().state().get("name")))));
        api.state().put("name", "api");
        Application root = new Application(cloning(Request.Changes.none().withHost("h2"))).addSubapp("/api", api);
        try (Served s = Served.start(root)) {
            assertEquals("api", s.get("/api/x").text());
        }
    }

    @Test
    void aCloneAndItsRequestShareTheBodyWhichIsReadOnce() throws Exception {
        // aiohttp 3.8.4 shares the stream, not the bytes: the second read() there gives b''
        Middleware m = (request, next) -> {
            Request c = request.cloneWith(Request.Changes.none().withHost("h2"));
            String viaClone = new String(c.read());
            return Response.text(viaClone + "|" + new String(request.read()));
        };
        assertEquals("abc|abc", ask(m, post("/", DESCRIBE), RawHttp.withBody("POST", "/", "", "abc")).text());
    }

    @Test
    void aCloneMayBeMadeAfterTheBodyWasReadAndHasIt() throws Exception {
        // aiohttp refuses ("Cannot clone request after reading its content"): its clone could not read it
        Middleware m = (request, next) -> {
            request.read();
            return Response.text(new String(request.cloneWith(Request.Changes.none()).read()));
        };
        assertEquals("abc", ask(m, post("/", DESCRIBE), RawHttp.withBody("POST", "/", "", "abc")).text());
    }

    @Test
    void aBodyTooLargeReadThroughACloneIsSkippedAsThroughTheRequest() throws Exception {
        // as through the request: 413, the rest skipped, the connection goes on (aiohttp 3.8.4's)
        Application app = new Application(cloning(Request.Changes.none().withHost("h2")))
                .addRoutes(post("/", r -> Response.text(new String(r.read()))), get("/next", DESCRIBE));
        app.clientMaxSize(2);
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            Reply r = c.exchange(RawHttp.withBody("POST", "/", "", "abc"));
            assertEquals(413, r.status());
            assertEquals(null, r.header("Connection"));
            assertEquals(200, c.exchange(RawHttp.get("/next")).status());
        }
    }

    @Test
    void aStreamResponsePreparedForACloneGoesOutWithTheHooksSeeingTheClone() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Application app = new Application(cloning(Request.Changes.none().withScheme("https")))
                .addRoutes(get("/s", r -> {
                    StreamResponse sr = new StreamResponse().contentLength(1);
                    sr.prepare(r);
                    sr.write("s");
                    return sr;
                }), get("/p", r -> Response.text("p")));
        app.onResponsePrepare().add((request, response) -> seen.add(request.path() + " " + request.scheme()));
        try (Served s = Served.start(app); RawHttp c = s.connect()) {
            assertEquals("s", c.exchange(RawHttp.get("/s")).text());
            assertEquals("p", c.exchange(RawHttp.get("/p")).text());
        }
        // as aiohttp: prepare(clone) hands the clone to the hooks; the server prepares a returned
        // response with the request it read
        assertEquals(List.of("/s https", "/p http"), seen);
    }

    @Test
    void aWebSocketPreparedForACloneOpens() throws Exception {
        Application app = new Application(cloning(Request.Changes.none().withRemote("1.2.3.4")))
                .addRoutes(get("/ws", r -> {
                    WebSocketResponse ws = new WebSocketResponse();
                    ws.prepare(r);
                    ws.sendStr(r.remote());
                    ws.receive(); // the client's close
                    return ws;
                }));
        try (Served s = Served.start(app); WsPeer peer = WsPeer.open(s, "/ws")) {
            assertEquals("1.2.3.4", new String(peer.read().payload()));
            peer.sendClose(1000, "");
        }
    }

    @Test
    void aCloneOfAnotherConnectionsRequestCannotBePrepared() throws Exception {
        List<Request> first = new CopyOnWriteArrayList<>();
        Application app = new Application().addRoutes(get("/keep", r -> {
            first.add(r);
            return Response.text("kept");
        }), get("/use", r -> {
            try {
                new StreamResponse().prepare(first.get(0).cloneWith(Request.Changes.none()));
                return Response.text("prepared");
            } catch (IllegalStateException e) {
                return Response.text(e.getMessage());
            }
        }));
        try (Served s = Served.start(app)) {
            s.get("/keep");
            assertEquals(true, s.get("/use").text().startsWith("StreamResponse.prepare(): the request is not the one "
                    + "this connection is answering now"));
        }
    }

    @Test
    void changesAreImmutableEachWithGivingANewValue() {
        Request.Changes none = Request.Changes.none();
        Request.Changes https = none.withScheme("https");
        assertNotSame(none, https);
        assertSame(none, Request.Changes.none());
        assertEquals("<Changes>", none.toString());
        assertEquals("<Changes scheme=https host=example.com>", https.withHost("example.com").toString());
    }

    @Test
    void aNullChangesIsRefused() throws Exception {
        Middleware m = (request, next) -> Response.text(assertThrows(IllegalArgumentException.class,
                () -> request.cloneWith(null)).getMessage());
        assertEquals("Request.cloneWith(): the changes are null; give Request.Changes.none() for a plain copy",
                ask(m, get("/", DESCRIBE), RawHttp.get("/")).text());
    }

    @Test
    void aSchemeThatIsNoUrlSchemeIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Request.Changes.none().withScheme("ht tp"));
        assertEquals("Request.Changes.withScheme(): the scheme \"ht tp\" is not a URL scheme; give http or https "
                + "(leave it out to keep the request's)", e.getMessage());
    }

    @Test
    void aRelUrlThatIsNeitherAPathNorAnHttpUrlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Request.Changes.none().withRelUrl("other"));
        assertEquals("Request.Changes.withRelUrl(): the target \"other\" is neither a path starting with / nor an "
                + "http(s):// URL (leave it out to keep the request's)", e.getMessage());
    }

    @Test
    void aRelUrlWithASpaceIsRefusedAsNoTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Request.Changes.none().withRelUrl("/a b"));
        assertEquals(true, e.getMessage().contains("percent-encode it"), e.getMessage());
    }

    @Test
    void aHostWithAPathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Request.Changes.none().withHost("example.com/x"));
    }

    @Test
    void aMethodThatIsNoTokenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Request.Changes.none().withMethod("GE T"));
    }

    @Test
    void aRemoteWithALineBreakIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Request.Changes.none().withRemote("1.2.3.4\r\nX: y"));
    }

    @Test
    void nullHeadersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Request.Changes.none().withHeaders(null));
    }
}
