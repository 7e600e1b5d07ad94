package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query parameters (aiohttp's params=), encoded as yarl encodes them. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientParamsTest {
    private static String targetFor(String path, RequestOptions o) throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()));
             ClientSession s = new ClientSession();
             ClientResponse r = s.get(server.url(path), o)) {
            return r.text();
        }
    }

    @Test
    void paramsFollowTheUrlsOwnQueryEncodedAsAiohttpDoes() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("q", "a b&c=d/?");
        p.put("x", "é");
        p.put("n", "1+1");
        p.put("t", "~*");
        // yarl: URL('http://h/p?a=1') + with_query({...}) as aiohttp merges them
        assertEquals("/p?a=1&q=a+b%26c%3Dd/?&x=%C3%A9&n=1%2B1&t=~*",
                targetFor("/p?a=1", RequestOptions.defaults().withParams(p)));
    }

    @Test
    void spacesAndNonAsciiWrittenRightIntoTheUrlAreQuotedAsYarlQuotesThem() throws Exception {
        // aiohttp 3.8: s.get(".../echo/ü?q=hello world&e=é") sends /echo/%C3%BC?q=hello+world&e=%C3%A9
        assertEquals("/echo/%C3%BC%20x?q=hello+world&e=%C3%A9",
                targetFor("/echo/\u00fc x?q=hello world&e=\u00e9", RequestOptions.defaults()));
    }

    @Test
    void everyPrintableCharacterIsQuotedAsYarlQuotesIt() {
        StringBuilder all = new StringBuilder();
        for (char c = 32; c < 127; c++) {
            all.append(c);
        }
        // yarl 1.8: str(URL('http://h/p').with_query({'k': chars}))
        assertEquals("http://h/p?k=+!%22%23$%25%26'()*%2B,-./0123456789:%3B%3C%3D%3E?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        + "%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~",
                ClientSession.withQuery("http://h/p", List.of(Map.entry("k", all.toString()))));
    }

    @Test
    void anIterableValueRepeatsTheKeyAndNumbersAreWrittenAsAiohttpWritesThem() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("k", List.of("1", "2"));
        p.put("i", 5);
        p.put("f", 1.0);
        p.put("d", 0.5);
        assertEquals("/p?k=1&k=2&i=5&f=1.0&d=0.5", targetFor("/p", RequestOptions.defaults().withParams(p)));
    }

    @Test
    void withParamAddsOnePairAfterTheOthers() throws Exception {
        assertEquals("/p?a=1&b=2", targetFor("/p",
                RequestOptions.defaults().withParam("a", "1").withParam("b", "2")));
    }

    @Test
    void aFragmentStaysAfterTheQueryAndAnEmptyQueryIsFilled() {
        assertEquals("http://h/p?a=1#top", ClientSession.withQuery("http://h/p#top", List.of(Map.entry("a", "1"))));
        assertEquals("http://h/p?a=1", ClientSession.withQuery("http://h/p?", List.of(Map.entry("a", "1"))));
    }

    @Test
    void paramsGoWithTheUrlAskedForNotWithItsRedirects() throws Exception {
        try (TestServer server = TestServer.answering(r -> r.target().startsWith("/start")
                     ? response(302, "Found", "", "Location: /next") : ok(r.target()));
             ClientSession s = new ClientSession();
             ClientResponse r = s.get(server.url("/start"), RequestOptions.defaults().withParam("a", "1"))) {
            assertEquals("/next", r.text());
            assertEquals("/start?a=1", server.requests.get(0).target());
        }
    }

    @Test
    void aValueOfAnotherTypeOrANullKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.defaults().withParams(Map.of("flag", true)));
        assertTrue(e.getMessage().contains("give a String or a Number"), e.getMessage());
        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, "x");
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.defaults().withParams(nullKey));
    }
}
