package io.asyncio4j.http.web;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientSessionOptions;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.http.web.Served.askText;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Request.scheme/secure/relUrl/url (aiohttp's request.scheme, .secure, .rel_url, .url). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestUrlTest {
    private static final Handler DESCRIBE = r -> Response.text(r.scheme() + "|" + r.secure() + "|" + r.relUrl() + "|"
            + r.url());

    @Test
    void aPlainRequestIsHttpWithItsHostPathAndQueryAsSent() throws Exception {
        assertEquals("http|false|/a%20b?x=1&y|http://example.com:8080/a%20b?x=1&y",
                askText(DESCRIBE, "GET /a%20b?x=1&y HTTP/1.1\r\nHost: example.com:8080\r\n\r\n"));
    }

    // aiohttp 3.8.4 (make_mocked_request): '/t/a/../b/./c?x=../y' -> url http://localhost/t/b/c?x=../y,
    // path and rel_url as sent; '/a/%2E%2E/b' -> http://localhost/b; '/a/..' -> http://localhost/
    @Test
    void theUrlResolvesDotSegmentsWhileRelUrlKeepsThemAsSent() throws Exception {
        assertEquals("http|false|/t/a/../b/./c?x=../y|http://h/t/b/c?x=../y",
                askText(DESCRIBE, "GET /t/a/../b/./c?x=../y HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals("http|false|/a/%2E%2E/b|http://h/b",
                askText(DESCRIBE, "GET /a/%2E%2E/b HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals("http|false|/a/..|http://h/",
                askText(DESCRIBE, "GET /a/.. HTTP/1.1\r\nHost: h\r\n\r\n"));
    }

    @Test
    void anAbsoluteFormTargetGivesItsPathAndQuery() throws Exception {
        assertEquals("http|false|/p?q=2|http://example.com/p?q=2",
                askText(DESCRIBE, "GET http://example.com/p?q=2 HTTP/1.1\r\nHost: example.com\r\n\r\n"));
    }

    @Test
    void withoutAHostFieldTheUrlNamesTheAddressServed() throws Exception {
        String answer = askText(DESCRIBE, "GET /x HTTP/1.0\r\n\r\n");
        assertEquals(true, answer.matches("http\\|false\\|/x\\|http://127\\.0\\.0\\.1:\\d+/x"), answer);
    }

    @Test
    void aRequestOverTlsIsHttps() throws Exception {
        TestCerts.prepare();
        AppRunner runner = new AppRunner(new Application().addRoutes(get("/s", DESCRIBE)));
        runner.setup();
        try {
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0, ServerOptions.defaults().withSsl(TestCerts.server()));
            site.start();
            try (ClientSession session = new ClientSession(ClientSessionOptions.defaults()
                    .withSslContext(TestCerts.client()));
                 ClientResponse resp = session.get("https://localhost:" + site.port() + "/s?k=v")) {
                assertEquals("https|true|/s?k=v|https://localhost:" + site.port() + "/s?k=v", resp.text());
            }
        } finally {
            runner.cleanup();
        }
    }
}
