package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What goes on the wire for a handler's Response (aiohttp's web.Response and the server's framing). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResponseTest {
    private static final Pattern DATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d\\d:\\d\\d:\\d\\d GMT");

    /** The response to GET / when {@code handler} answers it. */
    private static Reply answer(Handler handler) throws Exception {
        try (Served s = Served.routes(get("/", handler))) {
            return s.get("/");
        }
    }

    @Test
    void aTextResponseGoesOutExactlyAsAiohttpWouldFrameIt() throws Exception {
        Reply r = answer(req -> Response.text("hi"));
        String date = r.header("Date");
        assertTrue(DATE.matcher(date).matches(), date);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\nDate: "
                + date + "\r\nServer: asyncio4j-http/0.1\r\n\r\n", r.headText());
        assertEquals("hi", r.text());
    }

    @Test
    void textIsEncodedAsUtf8() throws Exception {
        Reply r = answer(req -> Response.text("h\u00e9llo \u2603"));
        assertArrayEquals("h\u00e9llo \u2603".getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals("10", r.header("Content-Length"), "bytes, not chars");
    }

    @Test
    void eachFactorySetsItsContentType() throws Exception {
        assertEquals("text/html; charset=utf-8", answer(req -> Response.text("<p>", "text/html")).header("Content-Type"));
        assertEquals("application/json; charset=utf-8", answer(req -> Response.json("{\"a\":1}")).header("Content-Type"));
        Reply bytes = answer(req -> Response.bytes(new byte[] {0, (byte) 0xff, 10}, "image/x-test"));
        assertEquals("image/x-test", bytes.header("Content-Type"));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 10}, bytes.body());
    }

    @Test
    void aResponseMadeFromAStatusAloneHasAnEmptyBodyTypedAsBytes() throws Exception {
        // aiohttp: web.Response(status=202) is sent with Content-Type: application/octet-stream
        Reply r = answer(req -> new Response(202));
        assertEquals("202 Accepted", r.status() + " " + r.reason());
        assertEquals("0", r.header("Content-Length"));
        assertEquals("application/octet-stream", r.header("Content-Type"));
    }

    @Test
    void aNoContentAnswerHasNoType() throws Exception {
        // aiohttp: raise web.HTTPNoContent() sends 204 without Content-Type
        Reply r = answer(req -> {
            throw new HttpException(204);
        });
        assertEquals(204, r.status());
        assertNull(r.header("Content-Type"));
    }

    @Test
    void aCustomStatusAndReasonGoInTheStatusLine() throws Exception {
        assertEquals("HTTP/1.1 299 Fine Thanks", statusLine(answer(req -> Response.text("c").status(299, "Fine Thanks"))));
        assertEquals("HTTP/1.1 201 Created", statusLine(answer(req -> Response.text("c").status(201))));
        assertEquals("HTTP/1.1 299 ", statusLine(answer(req -> Response.text("c").status(299))),
                "a code without a standard reason: an empty one");
    }

    private static String statusLine(Reply r) {
        return r.headText().substring(0, r.headText().indexOf("\r\n"));
    }

    @Test
    void customFieldsGoOutInOrderWithTheirNamesAsGiven() throws Exception {
        Reply r = answer(req -> {
            Response resp = Response.text("x").header("X-One", "1");
            resp.headers().add("set-cookie", "a=1").add("set-cookie", "b=2");
            return resp;
        });
        assertEquals(List.of("Content-Type", "X-One", "set-cookie", "set-cookie", "Content-Length", "Date", "Server"),
                r.names());
        assertEquals(List.of("a=1", "b=2"), r.headers("Set-Cookie"));
    }

    @Test
    void theHandlersFramingFieldsAreReplacedByTheServersOwn() throws Exception {
        Reply r = answer(req -> Response.text("abc").header("Content-Length", "99")
                .header("Transfer-Encoding", "chunked").header("Connection", "upgrade"));
        assertEquals(List.of("3"), r.headers("Content-Length"));
        assertNull(r.header("Transfer-Encoding"));
        assertNull(r.header("Connection"));
        assertEquals("abc", r.text());
    }

    @Test
    void aHandlersOwnDateAndServerFieldsAreKept() throws Exception {
        Reply r = answer(req -> Response.text("x").header("Server", "mine").header("Date", "yesterday"));
        assertEquals(List.of("mine"), r.headers("Server"));
        assertEquals(List.of("yesterday"), r.headers("Date"));
    }

    @Test
    void a204HasNeitherBodyNorContentLength() throws Exception {
        try (Served s = Served.routes(get("/", req -> Response.text("dropped").status(204)))) {
            try (RawHttp c = s.connect()) {
                Reply r = c.exchange(RawHttp.get("/"));
                assertEquals(204, r.status());
                assertNull(r.header("Content-Length"));
                // the body was not sent: the next response follows the head at once
                assertEquals(204, c.exchange(RawHttp.get("/")).status());
            }
        }
    }

    @Test
    void a304HasNeitherBodyNorContentLength() throws Exception {
        try (Served s = Served.routes(get("/", req -> Response.text("dropped").status(304)))) {
            try (RawHttp c = s.connect()) {
                assertNull(c.exchange(RawHttp.get("/")).header("Content-Length"));
                assertEquals(304, c.exchange(RawHttp.get("/")).status());
            }
        }
    }

    @Test
    void aLargeBodyArrivesWhole() throws Exception {
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertArrayEquals(big, answer(req -> Response.bytes(big, "application/octet-stream")).body());
    }

    @Test
    void anHttp10RequestIsAnsweredInHttp10() throws Exception {
        try (Served s = Served.routes(get("/", req -> Response.text("old")))) {
            assertEquals("HTTP/1.0", s.request("GET / HTTP/1.0\r\n\r\n").version());
        }
    }

    @Test
    void theResponseObjectReportsWhatWasSet() {
        Response r = Response.text("h\u00e9", "text/html").status(404).header("X-A", "1");
        assertEquals(404, r.status());
        assertEquals("Not Found", r.reason());
        assertEquals("text/html", r.contentType());
        assertEquals("h\u00e9", r.text());
        assertEquals(3, r.body().length);
        assertEquals("Mine", r.status(404, "Mine").reason());
        assertEquals("Not Found", r.status(404).reason(), "a status alone brings back the standard reason");
        assertEquals("<Response 404 Not Found 3 bytes>", r.toString());
        assertNull(new Response(200).contentType());
    }

    @Test
    void aResponseRefusesWhatCannotGoOnTheWire() {
        assertThrows(IllegalArgumentException.class, () -> Response.text(null));
        assertThrows(IllegalArgumentException.class, () -> Response.bytes(null, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> new Response(99));
        assertThrows(IllegalArgumentException.class, () -> new Response(1000));
        assertThrows(IllegalArgumentException.class, () -> new Response(200).status(200, "a\r\nX-Injected: 1"));
        assertThrows(IllegalArgumentException.class, () -> new Response(200).header("X-A", "a\r\nX-Injected: 1"));
        assertThrows(IllegalArgumentException.class, () -> new Response(200).body(null));
    }
}
