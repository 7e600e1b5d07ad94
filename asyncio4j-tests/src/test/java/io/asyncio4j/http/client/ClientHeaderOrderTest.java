package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The order of the fields a request sends: aiohttp 3.8.4's, as a raw socket server received them
 * (/tmp/httpdiff/capture.py, 2026-11-23):
 * <pre>
 * get(url)                                  Host, Accept, Accept-Encoding, User-Agent
 * get(headers={'X-A': '1', 'accept': 'text/x'}, cookies={'k': 'v w'})
 *                                           Host, X-A, accept, Accept-Encoding, User-Agent, Cookie
 * post(data=b'abc')                         Host, Accept, Accept-Encoding, User-Agent, Content-Length, Content-Type
 * put()                                     ... User-Agent, Content-Length: 0, Content-Type
 * ClientSession(headers={'X-S': '1', 'X-T': '2'}).get(headers={'X-T': '9', 'Host': 'h.example', 'X-R': 'r'})
 *                                           Host: h.example, X-S: 1, X-T: 9, X-R: r, Accept, Accept-Encoding, User-Agent
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientHeaderOrderTest {

    private interface Call {
        ClientResponse make(ClientSession session, String url) throws Exception;
    }

    /** The field names of the one request {@code call} makes, in the order the server got them. */
    private static List<String> names(ClientSessionOptions options, Call call) throws Exception {
        return sent(options, call).stream().map(e -> e.getKey()).toList();
    }

    private static List<Map.Entry<String, String>> sent(ClientSessionOptions options, Call call) throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("ok"));
             ClientSession session = new ClientSession(options);
             ClientResponse r = call.make(session, server.url("/"))) {
            r.read();
            List<Map.Entry<String, String>> out = new ArrayList<>();
            for (Map.Entry<String, String> e : server.requests.get(0).headers()) {
                out.add(Map.entry(e.getKey(), e.getValue()));
            }
            return out;
        }
    }

    @Test
    void aPlainGetSendsHostAcceptAcceptEncodingThenUserAgent() throws Exception {
        assertEquals(List.of("Host", "Accept", "Accept-Encoding", "User-Agent"),
                names(ClientSessionOptions.defaults(), ClientSession::get));
    }

    @Test
    void theCallersFieldsComeRightAfterHostAndBeforeTheAutomaticOnesThenTheCookie() throws Exception {
        assertEquals(List.of("Host", "X-A", "accept", "Accept-Encoding", "User-Agent", "Cookie"),
                names(ClientSessionOptions.defaults(), (s, u) -> s.get(u, RequestOptions.defaults()
                        .withHeader("X-A", "1").withHeader("accept", "text/x").withCookies(Map.of("k", "v w")))));
    }

    @Test
    void contentLengthPrecedesContentTypeAtTheEnd() throws Exception {
        assertEquals(List.of("Host", "Accept", "Accept-Encoding", "User-Agent", "Content-Length", "Content-Type"),
                names(ClientSessionOptions.defaults(), (s, u) -> s.post(u, "abc".getBytes())));
        assertEquals(List.of("Host", "Accept", "Accept-Encoding", "User-Agent", "Content-Length", "Content-Type"),
                names(ClientSessionOptions.defaults(), (s, u) -> s.put(u, RequestOptions.defaults())));
    }

    @Test
    void aRequestFieldReplacesTheSessionsOrTheHostInItsPlace() throws Exception {
        List<Map.Entry<String, String>> got = sent(
                ClientSessionOptions.defaults().withHeaders(Headers.of("X-S", "1", "X-T", "2")),
                (s, u) -> s.get(u, RequestOptions.defaults()
                        .withHeaders(Headers.of("X-T", "9", "Host", "h.example", "X-R", "r"))));
        assertEquals(List.of(Map.entry("Host", "h.example"), Map.entry("X-S", "1"), Map.entry("X-T", "9"),
                Map.entry("X-R", "r")), got.subList(0, 4));
        assertEquals(List.of("Accept", "Accept-Encoding", "User-Agent"),
                got.subList(4, got.size()).stream().map(Map.Entry::getKey).toList());
    }
}
