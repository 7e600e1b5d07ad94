package io.asyncio4j.http.web;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Request.forwarded (aiohttp's request.forwarded, RFC 7239): each expected value is what aiohttp
 * 3.8.4 gives for the same fields (make_mocked_request with those Forwarded fields).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestForwardedTest {
    private static List<Map<String, String>> parse(String... fields) {
        return ForwardedField.parse(Arrays.asList(fields));
    }

    /** A map of name, value, name, value..., in that order. */
    private static Map<String, String> element(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void anElementsPairsBecomeOneMap() {
        assertEquals(List.of(element("for", "192.0.2.60", "proto", "http", "by", "203.0.113.43")),
                parse("for=192.0.2.60;proto=http;by=203.0.113.43"));
    }

    @Test
    void eachCommaSeparatedElementIsAHop() {
        assertEquals(List.of(element("for", "192.0.2.43"), element("for", "198.51.100.17")),
                parse("for=192.0.2.43, for=198.51.100.17"));
    }

    @Test
    void severalFieldsGiveTheirElementsInOrder() {
        assertEquals(List.of(element("for", "192.0.2.43"), element("for", "198.51.100.17", "by", "x")),
                parse("for=192.0.2.43", "for=198.51.100.17;by=x"));
    }

    @Test
    void aQuotedValueLosesItsQuotes() {
        assertEquals(List.of(element("for", "[2001:db8:cafe::17]:4711")), parse("For=\"[2001:db8:cafe::17]:4711\""));
    }

    @Test
    void escapesInAQuotedValueAreUndone() {
        assertEquals(List.of(element("for", "a\"b\\c")), parse("for=\"a\\\"b\\\\c\""));
    }

    @Test
    void namesAreLowerCasedAndARepeatedNameKeepsItsLastValueInItsFirstPlace() {
        List<Map<String, String>> parsed = parse("proto=https;FOR=a;Proto=http");
        assertEquals(List.of(element("proto", "http", "for", "a")), parsed);
        assertEquals(List.of("proto", "for"), List.copyOf(parsed.get(0).keySet()));
    }

    @Test
    void aPortOfUpToFourDigitsIsGluedToATokenValue() {
        assertEquals(List.of(element("for", "1.2.3.4:80")), parse("for=1.2.3.4:80"));
    }

    @Test
    void aFifthPortDigitIsBadSyntaxThatEndsTheElement() {
        assertEquals(List.of(element("for", "a:1234")), parse("for=a:12345"));
    }

    @Test
    void anUnterminatedQuotedStringGivesAnEmptyElement() {
        assertEquals(List.of(element()), parse("for=\"unterminated"));
    }

    @Test
    void aPairNotPrecededBySemicolonSkipsToTheNextElement() {
        assertEquals(List.of(element("for", "a")), parse("for=a b;proto=http"));
        assertEquals(List.of(element("for", "a"), element("for", "b")), parse("for=a garbage;proto=x, for=b"));
    }

    @Test
    void aPairFollowingAPairWithoutSemicolonSkipsToTheNextElement() {
        assertEquals(List.of(element("for", "a"), element("for", "d")), parse("for=a by=c, for=d"));
        assertEquals(List.of(element("for", "a")), parse("for=\"a\"by=c;proto=x"));
        assertEquals(List.of(element("for", "a")), parse("for=a\tproto=x;by=b"));
    }

    @Test
    void whitespaceAndEmptyPairsBetweenPairsAreSkipped() {
        assertEquals(List.of(element("for", "a", "proto", "https"), element("by", "b")),
                parse("for=a ; proto=https , by=b"));
        assertEquals(List.of(element("for", "a", "proto", "http")), parse("for=a;;proto=http"));
    }

    @Test
    void whitespaceAroundTheEqualsSignIsBadSyntax() {
        assertEquals(List.of(element()), parse("  for = a"));
    }

    @Test
    void emptyElementsAreKept() {
        assertEquals(List.of(element("for", "a"), element(), element("for", "b")), parse("for=a,,for=b"));
        assertEquals(List.of(element("for", "a"), element("for", "b"), element()), parse("for=a,for=b,"));
        assertEquals(List.of(element(), element()), parse(","));
        assertEquals(List.of(element()), parse(""));
    }

    @Test
    void garbageBeforeACommaEmptiesOnlyItsElement() {
        assertEquals(List.of(element(), element("for", "b")), parse("garbage, for=b"));
    }

    @Test
    void aNonAsciiValueIsBadSyntaxQuotedOrNot() {
        assertEquals(List.of(element()), parse("for=\u00e9"));
        assertEquals(List.of(element()), parse("for=\"\u00e9\""));
    }

    @Test
    void aBackslashBeforeAControlCharacterIsBadSyntax() {
        assertEquals(List.of(element()), parse("for=\"a\\\u007f\""));
    }

    @Test
    void aTabInsideAQuotedValueIsKept() {
        assertEquals(List.of(element("for", "\ta")), parse("for=\"\ta\""));
    }

    @Test
    void aNameWithoutValueOrAValueWithoutNameIsBadSyntax() {
        assertEquals(List.of(element("for", "a")), parse("for=a;by"));
        assertEquals(List.of(element()), parse("for=;by=b"));
        assertEquals(List.of(element()), parse("=a;by=b"));
    }

    @Test
    void textGluedToAQuotedValueIsBadSyntaxUpToTheNextComma() {
        assertEquals(List.of(element("for", "a"), element("by", "c")), parse("for=\"a\"b, by=c"));
        assertEquals(List.of(element("for", "a", "x", "y")), parse("for=\"a\";x=y\"z\";by=c"));
    }

    @Test
    void aLongRunOfBackslashesIsParsedInLinearTime() {
        // the quoted-string pattern has one reading of each backslash, so no backtracking blow-up
        String field = "for=\"" + "\\".repeat(100_000) + "\u0001";
        assertEquals(List.of(element()), parse(field));
    }

    @Test
    void theMapsAndTheListAreUnmodifiable() {
        List<Map<String, String>> parsed = parse("for=a");
        assertThrows(UnsupportedOperationException.class, () -> parsed.get(0).put("by", "b"));
        assertThrows(UnsupportedOperationException.class, () -> parsed.add(Map.of()));
    }

    @Test
    void aRequestsForwardedReadsEveryForwardedField() throws Exception {
        Handler h = r -> Response.text(r.forwarded().toString());
        assertEquals("[{for=192.0.2.43}, {for=198.51.100.17, proto=https}]", Served.askText(h,
                "GET / HTTP/1.1\r\nHost: h\r\nForwarded: for=192.0.2.43\r\nforwarded: for=198.51.100.17;proto=https\r\n"
                        + "\r\n"));
    }

    @Test
    void aRequestWithoutTheFieldHasNoElements() throws Exception {
        assertEquals("[]", Served.askText(r -> Response.text(r.forwarded().toString()), RawHttp.get("/")));
    }

    @Test
    void aRequestsForwardedIsParsedOnce() throws Exception {
        Handler h = r -> Response.text(String.valueOf(r.forwarded() == r.forwarded()));
        assertEquals("true", Served.askText(h, "GET / HTTP/1.1\r\nHost: h\r\nForwarded: for=a\r\n\r\n"));
    }

    @Test
    void aMiddlewareTrustingItsProxyAppliesTheLastHopWithAClone() throws Exception {
        Middleware behindProxy = (request, next) -> {
            List<Map<String, String>> hops = request.forwarded();
            if (hops.isEmpty()) {
                return next.handle(request);
            }
            Map<String, String> last = hops.get(hops.size() - 1);
            Request.Changes changes = Request.Changes.none();
            if (last.containsKey("proto")) {
                changes = changes.withScheme(last.get("proto"));
            }
            if (last.containsKey("host")) {
                changes = changes.withHost(last.get("host"));
            }
            if (last.containsKey("for")) {
                changes = changes.withRemote(last.get("for"));
            }
            return next.handle(request.cloneWith(changes));
        };
        Application app = new Application(behindProxy).addRoutes(get("/p", r -> Response.text(r.url() + " "
                + r.remote() + " " + r.secure())));
        try (Served s = Served.start(app)) {
            assertEquals("https://example.com/p?x 203.0.113.9 true", s.request("GET /p?x HTTP/1.1\r\nHost: backend\r\n"
                    + "Forwarded: for=203.0.113.9;proto=https;host=example.com\r\n\r\n").text());
        }
    }
}
