package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;

import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code skip_auto_headers}: the automatic fields a session or request leaves out. aiohttp 3.8.4
 * against an aiohttp server echoing the request's fields (/tmp probe, 2026-11-23):
 * <pre>
 * get()                                          Host, Accept: *&#47;*, Accept-Encoding: gzip, deflate, User-Agent
 * get(skip_auto_headers=['user-agent','ACCEPT']) Host, Accept-Encoding
 * get(skip=['Accept-Encoding'], headers={'Accept-Encoding': 'br'})   Accept-Encoding: br (and the others)
 * get(skip=['Host','Content-Length','Connection'])                   all four as by default
 * post(data=b'x', skip=['content-type'])         no Content-Type; Content-Length: 1
 * post(data='x' | json= | data={'a': '1'}, skip=['content-type'])    no Content-Type
 * post(skip=['content-type'])                    no Content-Type (not even octet-stream); Content-Length: 0
 * post(data=b'x', skip=['content-type'], headers={'Content-Type': 'a/b'})   Content-Type: a/b
 * ClientSession(skip_auto_headers=['User-Agent'], headers={'User-Agent': 'mine'})   User-Agent: mine
 * ClientSession(skip_auto_headers=['User-Agent']).get(skip_auto_headers=['Accept'])  Host, Accept-Encoding
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientSkipAutoHeadersTest {

    /** The head of the one request {@code call} makes, as the server got it. */
    private static Headers sent(ClientSessionOptions options, Call call) throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("ok"));
             ClientSession session = new ClientSession(options);
             ClientResponse r = call.make(session, server.url("/"))) {
            r.read();
            return server.requests.get(0).headers();
        }
    }

    private interface Call {
        ClientResponse make(ClientSession session, String url) throws Exception;
    }

    @Test
    void byDefaultUserAgentAcceptAndAcceptEncodingAreSent() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults(), ClientSession::get);
        assertEquals("*/*", h.get("Accept"));
        assertEquals("gzip, deflate", h.get("Accept-Encoding"));
        assertEquals(RequestEncoder.USER_AGENT, h.get("User-Agent"));
    }

    @Test
    void aRequestSkipsTheNamedAutomaticFieldsInAnyCase() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults(),
                (s, u) -> s.get(u, RequestOptions.defaults().withSkipAutoHeaders("user-agent", "ACCEPT")));
        assertNull(h.get("User-Agent"));
        assertNull(h.get("Accept"));
        assertEquals("gzip, deflate", h.get("Accept-Encoding"));
    }

    @Test
    void aFieldTheRequestGivesIsSentThoughItsNameIsSkipped() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults(), (s, u) -> s.get(u, RequestOptions.defaults()
                .withSkipAutoHeaders("Accept-Encoding").withHeader("Accept-Encoding", "br")));
        assertEquals("br", h.get("Accept-Encoding"));
        assertEquals("*/*", h.get("Accept"));
    }

    @Test
    void hostContentLengthAndConnectionAreNotSkippable() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults(), (s, u) -> s.post(u, RequestOptions.defaults()
                .withBody("x").withSkipAutoHeaders("Host", "Content-Length", "Connection")));
        assertNotNull(h.get("Host"));
        assertEquals("1", h.get("Content-Length"));
    }

    @Test
    void skippingContentTypeLeavesOutTheBodysType() throws Exception {
        Headers bytes = sent(ClientSessionOptions.defaults(), (s, u) -> s.post(u, RequestOptions.defaults()
                .withBody(new byte[] {'x'}).withSkipAutoHeaders("content-type")));
        assertNull(bytes.get("Content-Type"));
        assertEquals("1", bytes.get("Content-Length"));
        Headers text = sent(ClientSessionOptions.defaults(), (s, u) -> s.post(u, RequestOptions.defaults()
                .withBody("x").withSkipAutoHeaders("content-type")));
        assertNull(text.get("Content-Type"));
        Headers json = sent(ClientSessionOptions.defaults(), (s, u) -> s.post(u, RequestOptions.defaults()
                .withJson(java.util.Map.of("a", 1)).withSkipAutoHeaders("content-type")));
        assertNull(json.get("Content-Type"));
    }

    @Test
    void skippingContentTypeLeavesOutTheOctetStreamDefaultOfABodilessPost() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults(),
                (s, u) -> s.post(u, RequestOptions.defaults().withSkipAutoHeaders("Content-Type")));
        assertNull(h.get("Content-Type"));
        assertEquals("0", h.get("Content-Length"));
    }

    @Test
    void aContentTypeTheRequestGivesIsSentThoughContentTypeIsSkipped() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults(), (s, u) -> s.post(u, RequestOptions.defaults()
                .withBody(new byte[] {'x'}).withSkipAutoHeaders("content-type").withHeader("Content-Type", "a/b")));
        assertEquals("a/b", h.get("Content-Type"));
    }

    @Test
    void aSessionsSkippedFieldTheSessionGivesItselfIsSent() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults().withSkipAutoHeaders("User-Agent")
                .withHeaders(Headers.of("User-Agent", "mine")), ClientSession::get);
        assertEquals("mine", h.get("User-Agent"));
        assertEquals("*/*", h.get("Accept"));
    }

    @Test
    void aRequestsSkippedNamesAddToTheSessions() throws Exception {
        Headers h = sent(ClientSessionOptions.defaults().withSkipAutoHeaders("User-Agent"),
                (s, u) -> s.get(u, RequestOptions.defaults().withSkipAutoHeaders("Accept")));
        assertNull(h.get("User-Agent"));
        assertNull(h.get("Accept"));
        assertEquals("gzip, deflate", h.get("Accept-Encoding"));
    }

    @Test
    void theSkippedNamesAreKeptInLowerCase() {
        assertEquals(Set.of("user-agent"), ClientSessionOptions.defaults().withSkipAutoHeaders("User-Agent")
                .skipAutoHeaders());
        assertEquals(Set.of("accept"), RequestOptions.defaults().withSkipAutoHeaders("ACCEPT").skipAutoHeaders());
        assertThrows(NullPointerException.class, () -> RequestOptions.defaults().withSkipAutoHeaders("a", null));
    }
}
