package io.asyncio4j.http.testutils;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Handler;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.StreamResponse;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.asyncio4j.Asyncio.toThread;
import static io.asyncio4j.http.testutils.TestUtils.makeMockedRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TestUtils.makeMockedRequest (aiohttp.test_utils.make_mocked_request): a request to call a handler
 * with, no socket. The expected values are aiohttp 3.8.4's for the same call.
 */
@ExtendWith(AsyncioExtension.class)
class MakeMockedRequestTest {

    @Test
    void aHandlerCalledWithItReadsItsHeadersAndMatchInfo() throws Exception {
        Handler handler = r -> Response.text("user " + r.matchInfo("id") + " via " + r.headers().get("X-Via"));
        Request request = makeMockedRequest("GET", "/users/7", Headers.of("X-Via", "test"),
                MockedRequestOptions.defaults().withMatchInfo(Map.of("id", "7")));
        Response response = handler.handle(request);
        assertEquals("user 7 via test", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void itsDefaultsAreAiohttps() {
        // aiohttp: version HTTP/1.1, keep_alive True, host 'localhost', url http://localhost/x/y?a=1,
        // remote None, scheme http, match_info {}
        Request r = makeMockedRequest("GET", "/x/y?a=1", Headers.of("X-A", "b"));
        assertEquals(HttpVersion.HTTP_1_1, r.version());
        assertTrue(r.keepAlive());
        assertEquals("localhost", r.host());
        assertEquals("http://localhost/x/y?a=1", r.url());
        assertNull(r.remote());
        assertEquals("http", r.scheme());
        assertEquals(Map.of(), r.matchInfo());
        assertEquals("1", r.query("a"));
        assertEquals("b", r.headers().get("x-a"));
        assertEquals("GET", r.method());
    }

    @Test
    void anHttp10RequestIsNotKeptAlive() {
        Request r = makeMockedRequest("GET", "/x", new Headers(),
                MockedRequestOptions.defaults().withVersion(HttpVersion.HTTP_1_0));
        assertEquals(HttpVersion.HTTP_1_0, r.version());
        assertFalse(r.keepAlive());
    }

    @Test
    void thePayloadIsTheBodyItsReadersGive() throws Exception {
        // aiohttp: payload=StreamReader fed b'{"a": 1}' gives await request.json() == {'a': 1}, body_exists True
        Request r = makeMockedRequest("POST", "/j", Headers.of("Content-Type", "application/json"),
                MockedRequestOptions.defaults().withPayload("{\"a\": 1}"));
        assertTrue(r.hasBody());
        assertEquals(1, r.json().get("a").asInt());
        assertArrayEquals("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), r.read(), "read() after json() gives it again");
    }

    @Test
    void withoutAPayloadTheBodyIsEmpty() throws Exception {
        Request r = makeMockedRequest("GET", "/x");
        assertFalse(r.hasBody());
        assertEquals(0, r.read().length);
    }

    @Test
    void theApplicationGivenIsTheRequestsAndItsLimitApplies() {
        Application app = new Application().clientMaxSize(4);
        app.state().put("db", "the db");
        Request r = makeMockedRequest("POST", "/x", new Headers(),
                MockedRequestOptions.defaults().withApp(app).withPayload("too long"));
        assertSame(app, r.app());
        assertEquals("the db", r.app().state().get("db"));
        io.asyncio4j.http.web.HttpException e = assertThrows(io.asyncio4j.http.web.HttpException.class, r::read);
        assertEquals(413, e.status());
    }

    @Test
    void withoutAnApplicationEachRequestHasANewEmptyOne() {
        assertTrue(makeMockedRequest("GET", "/").app() != makeMockedRequest("GET", "/").app());
    }

    @Test
    void itsBodyCanBeReadOutsideTheLoop() throws Exception {
        Request r = makeMockedRequest("POST", "/x", new Headers(), MockedRequestOptions.defaults().withPayload("off"));
        assertEquals("off", toThread(r::text));
    }

    @Test
    void preparingAStreamResponseForItSaysItHasNoConnection() {
        Request r = makeMockedRequest("GET", "/stream");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new StreamResponse().prepare(r));
        assertTrue(e.getMessage().contains("not being answered by a server connection"), e.getMessage());
    }

    @Test
    void aMethodThatIsNotATokenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> makeMockedRequest("GE T", "/"));
        assertEquals("TestUtils.makeMockedRequest(): the method \"GE T\" is not an HTTP token; give one like GET",
                e.getMessage());
    }

    @Test
    void aPathThatIsNotARequestTargetIsRefused() {
        for (String path : new String[] {"x", "/a b", "/é", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> makeMockedRequest("GET", path));
            assertTrue(e.getMessage().contains("is not a request target"), e.getMessage());
        }
        assertEquals("/a%zz", makeMockedRequest("GET", "/a%zz").path(), "a malformed escape stays, as a server keeps it");
    }

    @Test
    void optionsRefuseNullsWithTheWayOut() {
        assertEquals("MockedRequestOptions.withMatchInfo(): the map is null; give Map.of() for none",
                assertThrows(IllegalArgumentException.class,
                        () -> MockedRequestOptions.defaults().withMatchInfo(null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MockedRequestOptions.defaults().withPayload((byte[]) null));
        assertThrows(IllegalArgumentException.class, () -> MockedRequestOptions.defaults().withApp(null));
        assertThrows(IllegalArgumentException.class, () -> MockedRequestOptions.defaults().withVersion(null));
    }

    @Test
    void thePayloadGivenIsCopied() throws Exception {
        byte[] b = {1, 2, 3};
        MockedRequestOptions o = MockedRequestOptions.defaults().withPayload(b);
        b[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, makeMockedRequest("POST", "/", new Headers(), o).read());
    }
}
