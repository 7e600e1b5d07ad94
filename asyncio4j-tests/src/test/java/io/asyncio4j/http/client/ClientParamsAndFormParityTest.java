package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers and text in {@code params=} and {@code data=} on the wire, as aiohttp 3.8.4 sends them.
 * aiohttp printed the request target and body its server received (/tmp probe, 2026-11-23).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientParamsAndFormParityTest {

    private static String targetFor(Object value) throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("a", value);
            session.get(server.url("/echo"), RequestOptions.defaults().withParams(p)).close();
            return server.requests.get(0).target();
        }
    }

    @Test
    void floatsIntegersAndBigIntegersAreWrittenAsPythonWritesThem() throws Exception {
        assertEquals("/echo?a=1.5", targetFor(1.5));                                          // aiohttp: a=1.5
        assertEquals("/echo?a=-3", targetFor(-3));                                            // a=-3
        assertEquals("/echo?a=100000000000000000000", targetFor(new java.math.BigInteger("100000000000000000000")));
        assertEquals("/echo?a=0.30000000000000004", targetFor(0.1 + 0.2));                   // repr(0.1 + 0.2)
        assertEquals("/echo?a=1e%2B20", targetFor(1e20));                                     // str(1e20) is 1e+20
        assertEquals("/echo?a=1e-05", targetFor(1e-5));                                       // yarl: a=1e-05
        assertEquals("/echo?a=1000000000000000.0", targetFor(1e15));                          // a=1000000000000000.0
        assertEquals("/echo?a=0.1", targetFor(0.1f), "a Float by its own digits");
    }

    @Test
    void anInfiniteFloatIsRefused() {
        // aiohttp: ValueError: float('inf') is not supported
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> targetFor(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("float('inf') is not supported"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> targetFor(Float.NaN)); // float('nan') is not supported
    }

    @Test
    void textIsQuotedAsAQueryValueAndAListRepeatsTheKey() throws Exception {
        assertEquals("/echo?a=x+y%2B%C3%A9%26%3D", targetFor("x y+\u00e9&="));           // aiohttp: a=x+y%2B%C3%A9%26%3D
        assertEquals("/echo?a=1&a=b+c", targetFor(List.of(1, "b c")));                    // a=1&a=b+c
    }

    @Test
    void aFormIsUrlencodedWithPlusForSpaceAndStarQuoted() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("k", "a b&\u00e9+~*");
            form.put("n", 1);
            form.put("f", 1.5);
            session.post(server.url("/echo"), RequestOptions.defaults().withForm(form)).close();
            TestServer.Request r = server.requests.get(0);
            // aiohttp: 'k=a+b%26%C3%A9%2B~%2A' and 'n=1&f=1.5', application/x-www-form-urlencoded
            assertEquals("k=a+b%26%C3%A9%2B~%2A&n=1&f=1.5", new String(r.body(), StandardCharsets.US_ASCII));
            assertEquals("application/x-www-form-urlencoded", r.header("Content-Type"));
        }
    }

    @Test
    void aFormWritesBooleansNullsAndFloatsAsPythonsStrDoes() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("b", true);
            form.put("n", null);
            form.put("f", 1e20);
            form.put("g", 1e-5);
            form.put("h", 123456789012345678.0);
            form.put("i", 0.0001);
            form.put("j", -0.0);
            form.put("k", 1e16);
            form.put("l", 1e15);
            form.put("m", 2.5e-7);
            session.post(server.url("/echo"), RequestOptions.defaults().withForm(form)).close();
            // aiohttp: FormData({...})() gives exactly this
            assertEquals("b=True&n=None&f=1e%2B20&g=1e-05&h=1.2345678901234568e%2B17&i=0.0001&j=-0.0&k=1e%2B16"
                    + "&l=1000000000000000.0&m=2.5e-07", new String(server.requests.get(0).body(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aStringBodyIsUtf8TextAndBytesAreAnOctetStream() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession session = new ClientSession()) {
            session.post(server.url("/echo"), "str \u00e9").close();
            session.post(server.url("/echo"), "raw".getBytes(StandardCharsets.US_ASCII)).close();
            // aiohttp: text/plain; charset=utf-8, Content-Length 6; application/octet-stream, 3
            assertEquals("text/plain; charset=utf-8", server.requests.get(0).header("Content-Type"));
            assertEquals("6", server.requests.get(0).header("Content-Length"));
            assertEquals("application/octet-stream", server.requests.get(1).header("Content-Type"));
            assertTrue(server.requests.get(1).body().length == 3);
        }
    }
}
