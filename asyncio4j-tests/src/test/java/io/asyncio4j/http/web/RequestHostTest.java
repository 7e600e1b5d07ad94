package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Served.askText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request.host, and the scheme and URL of an absolute-form target (aiohttp's request.host,
 * .scheme, .secure, .url): the expected values are aiohttp 3.8.4's for the same requests, but
 * where noted.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestHostTest {
    private static final Handler DESCRIBE = r -> Response.text(r.host() + " | " + r.scheme() + " | " + r.secure() + " | "
            + r.url());

    @Test
    void theHostIsTheHostFieldAsSent() throws Exception {
        assertEquals("Example.COM:8080 | http | false | http://Example.COM:8080/x", // aiohttp's url: example.com
                askText(DESCRIBE, "GET /x HTTP/1.1\r\nHost: Example.COM:8080\r\n\r\n"));
    }

    @Test
    void anEmptyHostFieldGivesAnEmptyHost() throws Exception {
        String answer = askText(DESCRIBE, "GET /x HTTP/1.1\r\nHost: \r\n\r\n");
        assertTrue(answer.startsWith(" | http | false | http://127.0.0.1:"), answer); // aiohttp's url: http:///x
    }

    @Test
    void withoutAHostFieldTheHostIsTheAddressTheConnectionCameInOn() throws Exception {
        // aiohttp: socket.getfqdn(), this machine's name ("localhost" on the machine that checked it)
        String answer = askText(DESCRIBE, "GET /x HTTP/1.0\r\n\r\n");
        assertTrue(answer.matches("127\\.0\\.0\\.1:(\\d+) \\| http \\| false \\| http://127\\.0\\.0\\.1:\\1/x"), answer);
    }

    @Test
    void anAbsoluteFormTargetsHostOverridesTheHostFieldWithoutItsPort() throws Exception {
        assertEquals("example.com | http | false | http://example.com:8080/p?q=1",
                askText(DESCRIBE, "GET http://example.com:8080/p?q=1 HTTP/1.1\r\nHost: other\r\n\r\n"));
    }

    @Test
    void anAbsoluteFormTargetsSchemeIsTheRequestsScheme() throws Exception {
        assertEquals("example.com | https | true | https://example.com/p",
                askText(DESCRIBE, "GET https://example.com/p HTTP/1.1\r\nHost: other\r\n\r\n"));
    }

    @Test
    void anAbsoluteFormTargetsIpv6HostLosesItsBrackets() throws Exception {
        assertEquals("::1 | http | false | http://[::1]:81/p",
                askText(DESCRIBE, "GET http://[::1]:81/p HTTP/1.1\r\nHost: other\r\n\r\n"));
    }

    @Test
    void anAbsoluteFormTargetsHostIsLowerCasedWithoutUserinfo() throws Exception {
        assertEquals("h | http | false | http://u:p@H:1/p",
                askText(DESCRIBE, "GET http://u:p@H:1/p HTTP/1.1\r\nHost: other\r\n\r\n"));
    }

    @Test
    void theFirstOfTwoHostFieldsIsTheHost() throws Exception {
        assertEquals("a | http | false | http://a/x", askText(DESCRIBE, "GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
    }
}
