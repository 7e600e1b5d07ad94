package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Served.ask;
import static io.asyncio4j.http.web.Served.askText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request.text() decodes strictly, as aiohttp's {@code bytes.decode(charset)}. aiohttp 3.8.4
 * (/tmp/httpdiff "textcs", "textcs_bad"): body b'\xe9!' with {@code charset=latin-1} gives 'é!';
 * with no charset (UTF-8) the decode raises UnicodeDecodeError, answered 500 — here a 400, as a
 * body that is not JSON is: the client sent it.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestTextTest {
    private static final Handler TEXT = r -> Response.text("[" + r.text() + "]");

    private static String post(String contentType) {
        return "POST /t HTTP/1.1\r\nHost: h\r\nContent-Type: " + contentType
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n\u00e9!";
    }

    @Test
    void theBodyIsDecodedWithTheCharsetTheContentTypeNames() throws Exception {
        assertEquals("[\u00e9!]", askText(TEXT, post("text/plain; charset=latin-1")));
    }

    @Test
    void aBodyThatIsNotValidInItsCharsetIsABadRequest() throws Exception {
        RawHttp.Reply r = ask(TEXT, post("text/plain"));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("Request.text(): the body is not valid UTF-8"), r.text());
    }
}
