package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.asyncio4j.http.codec.HttpTesting.assertRefused;
import static io.asyncio4j.http.codec.HttpTesting.bytes;
import static io.asyncio4j.http.codec.HttpTesting.head;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** HeadParser: request and status lines, fields, and the refusals (400, 431, 505) h11 and aiohttp make. */
class HeadParserTest {

    private static RequestHead request(String... lines) throws HttpParseException {
        return HeadParser.parseRequest(bytes(head(lines)));
    }

    private static ResponseHead response(String... lines) throws HttpParseException {
        return HeadParser.parseResponse(bytes(head(lines)));
    }

    /** A GET head with one extra field line, for the field refusals. */
    private static RequestHead requestWithField(String fieldLine) throws HttpParseException {
        return request("GET / HTTP/1.1", "Host: example.com", fieldLine);
    }

    /** The value of field X parsed from {@code fieldLine} in a request head. */
    private static String valueOf(String fieldLine) throws HttpParseException {
        return requestWithField(fieldLine).headers().get("X");
    }

    /** A head of a request line and {@code n} distinct fields. */
    private static String[] requestWithFields(int n) {
        String[] lines = new String[n + 1];
        lines[0] = "GET / HTTP/1.1";
        for (int i = 1; i <= n; i++) {
            lines[i] = "X-Field-" + i + ": " + i;
        }
        return lines;
    }

    // ---- requests -----------------------------------------------------------------------------

    @Test
    void aRequestHeadGivesItsMethodTargetVersionAndFields() throws HttpParseException {
        RequestHead h = request("POST /submit?x=1 HTTP/1.1", "Host: example.com", "Content-Length: 3");
        assertEquals(new RequestHead("POST", "/submit?x=1", HttpVersion.HTTP_1_1,
                Headers.of("Host", "example.com", "Content-Length", "3")), h);
    }

    @Test
    void anHttp10RequestIsParsed() throws HttpParseException {
        assertEquals(HttpVersion.HTTP_1_0, request("GET / HTTP/1.0").version());
    }

    @Test
    void aRequestWithoutFieldsHasEmptyHeaders() throws HttpParseException {
        assertEquals(new Headers(), request("OPTIONS * HTTP/1.1").headers());
    }

    @Test
    void anUncommonMethodIsKeptAsSent() throws HttpParseException {
        assertEquals("M-SEARCH", request("M-SEARCH * HTTP/1.1").method());
    }

    @Test
    void anAbsoluteFormTargetIsKeptAsSent() throws HttpParseException {
        assertEquals("http://example.com:8080/a?b#c", request("GET http://example.com:8080/a?b#c HTTP/1.1").target());
    }

    @Test
    void fieldNamesKeepTheCaseTheyWereSentIn() throws HttpParseException {
        assertEquals("content-length", requestWithField("content-length: 0").headers().name(1));
    }

    @Test
    void repeatedFieldsAreKeptInOrder() throws HttpParseException {
        RequestHead h = request("GET / HTTP/1.1", "Accept: a", "X: 1", "accept: b");
        assertEquals(List.of("a", "b"), h.headers().getAll("Accept"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'X: \t a \t b \t'     | 'a \t b'",         // whitespace around it goes, inside it stays
        "'X:'                  | ''",               // empty
        "'X: example.com:8080' | example.com:8080", // colons after the first are the value's
        "'X: caf\u00e9'         | caf\u00e9",       // obs-text, as Latin-1
    })
    void aFieldValueIsWhatFollowsTheColonWithoutTheWhitespaceAroundIt(String line, String value)
            throws HttpParseException {
        assertEquals(value, valueOf(line));
    }

    @Test
    void bareLfLineEndsAreAccepted() throws HttpParseException {
        RequestHead h = HeadParser.parseRequest(bytes("GET / HTTP/1.1\nHost: a\r\nX: 1\n\n"));
        assertEquals(Headers.of("Host", "a", "X", "1"), h.headers());
    }

    @Test
    void bytesAfterTheEmptyLineAreNotPartOfTheHead() throws HttpParseException {
        RequestHead h = HeadParser.parseRequest(bytes(head("GET / HTTP/1.1", "Host: a") + "X: body"));
        assertEquals(Headers.of("Host", "a"), h.headers());
    }

    // ---- malformed requests -------------------------------------------------------------------

    @Test
    void aHeadWithoutItsEmptyLineIsIncomplete() {
        assertRefused(400, "no empty line ends it",
                () -> HeadParser.parseRequest(bytes("GET / HTTP/1.1\r\nHost: a\r\n")));
    }

    @Test
    void noBytesAtAllAreAnIncompleteHead() {
        assertRefused(400, "no empty line ends it", () -> HeadParser.parseRequest(new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /", "GET  / HTTP/1.1", " GET / HTTP/1.1", "GET / HTTP/1.1 ", "GET / x HTTP/1.1", ""})
    void aRequestLineNotOfThreePartsIsRefused(String line) {
        assertRefused(400, "expected METHOD SP target SP HTTP/1.x", () -> request(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"G(T / HTTP/1.1", "GE\tT / HTTP/1.1", "G\u00c9T / HTTP/1.1"})
    void aMethodThatIsNotATokenIsRefused(String line) {
        assertRefused(400, "the method must be a token", () -> request(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /a\u0000b HTTP/1.1", "GET /a\tb HTTP/1.1", "GET /a\u007fb HTTP/1.1"})
    void aControlCharacterInTheTargetIsRefused(String line) {
        assertRefused(400, "the target holds a control or non-ASCII byte; percent-encode it", () -> request(line));
    }

    @Test
    void aNonAsciiByteInTheTargetIsRefused() {
        assertRefused(400, "the target holds a control or non-ASCII byte; percent-encode it",
                () -> request("GET /caf\u00e9 HTTP/1.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3.1"})
    void aRequestOfAnotherHttpVersionIsAnswered505(String version) {
        assertRefused(505, "Unsupported HTTP version \"" + version + "\" in the request line",
                () -> request("GET / " + version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http/1.1", "HTTP/1.10", "HTTP/1", "HTTP/1.x", "HTTPS/1.1", "HTTP-1.1"})
    void aVersionNotShapedLikeHttpSlashDigitDotDigitIsRefused(String version) {
        assertRefused(400, "Bad request line: \"" + version + "\" is not an HTTP version",
                () -> request("GET / " + version));
    }

    @Test
    void aBareCrInTheRequestLineIsRefused() {
        assertRefused(400, "a bare CR is only accepted before LF",
                () -> HeadParser.parseRequest(bytes("GET /\r HTTP/1.1\r\n\r\n")));
    }

    // ---- malformed fields ---------------------------------------------------------------------

    @Test
    void aBareCrInAFieldLineIsRefused() {
        assertRefused(400, "a bare CR is only accepted before LF", () -> requestWithField("X: a\rb"));
    }

    @Test
    void aCrBeforeTheLineEndsCrlfIsRefused() {
        assertRefused(400, "a bare CR is only accepted before LF", () -> requestWithField("X: a\r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" folded", "\tfolded"})
    void obsoleteLineFoldingIsRefused(String continuation) {
        assertRefused(400, "obsolete line folding is not accepted",
                () -> request("GET / HTTP/1.1", "X: a", continuation));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length : 5", "Content-Length\t: 5"})
    void whitespaceBeforeTheColonIsRefused(String line) {
        assertRefused(400, "whitespace between the field name and the colon is not accepted",
                () -> requestWithField(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NoColon", ": empty name"})
    void aFieldLineWithoutANameAndColonIsRefused(String line) {
        assertRefused(400, "expected name: value", () -> requestWithField(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X(Y): 1", "X\"Y: 1", "X\u00e9: 1", "X\u007fY: 1"})
    void aFieldNameThatIsNotATokenIsRefused(String line) {
        assertRefused(400, "the field name must be a token", () -> requestWithField(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X: a\u0000b", "X: a\u0001b", "X: a\u001fb", "X: a\u007fb"})
    void aControlCharacterInAFieldValueIsRefused(String line) {
        assertRefused(400, "the value holds a control character", () -> requestWithField(line));
    }

    @Test
    void theRefusalQuotesTheLineWithControlBytesEscaped() {
        assertRefused(400, "Bad header line \"X: a\\x01b\"", () -> requestWithField("X: a\u0001b"));
    }

    @Test
    void aLongBadLineIsQuotedShortened() {
        String value = "v".repeat(200) + "\u0001";
        assertRefused(400, "\"X: " + "v".repeat(77) + "...\"", () -> requestWithField("X: " + value));
    }

    @Test
    void maxFieldsFieldsAreAccepted() throws HttpParseException {
        assertEquals(HeadParser.MAX_FIELDS, request(requestWithFields(HeadParser.MAX_FIELDS)).headers().size());
    }

    @Test
    void oneFieldMoreThanMaxFieldsIsAnswered431() {
        assertRefused(431, "Too many header fields: more than " + HeadParser.MAX_FIELDS,
                () -> request(requestWithFields(HeadParser.MAX_FIELDS + 1)));
    }

    // ---- responses ----------------------------------------------------------------------------

    @Test
    void aResponseHeadGivesItsVersionStatusReasonAndFields() throws HttpParseException {
        ResponseHead h = response("HTTP/1.1 404 Not Found", "Content-Length: 0");
        assertEquals(new ResponseHead(HttpVersion.HTTP_1_1, 404, "Not Found", Headers.of("Content-Length", "0")), h);
    }

    @Test
    void aStatusLineWithoutAReasonIsAccepted() throws HttpParseException {
        assertEquals(new ResponseHead(HttpVersion.HTTP_1_0, 200, "", new Headers()), response("HTTP/1.0 200"));
    }

    @Test
    void anEmptyReasonAfterTheSpaceIsAccepted() throws HttpParseException {
        assertEquals("", response("HTTP/1.1 204 ").reason());
    }

    @Test
    void aReasonKeepsItsSpaces() throws HttpParseException {
        assertEquals("Not  Really  OK ", response("HTTP/1.1 299 Not  Really  OK ").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 20 OK", "HTTP/1.1 2x0 OK", "HTTP/1.1 2000 OK", "HTTP/1.1  200 OK",
                            "HTTP/1.1 -20 OK"})
    void aStatusThatIsNotThreeDigitsIsRefused(String line) {
        assertRefused(400, "the status must be three digits", () -> response(line));
    }

    @Test
    void aStatusBelow100IsRefused() {
        assertRefused(400, "the status must be 100 to 999", () -> response("HTTP/1.1 099 Odd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.1 20", ""})
    void aStatusLineWithoutAStatusIsRefused(String line) {
        assertRefused(400, "expected HTTP/1.x SP 3-digit-status SP reason", () -> response(line));
    }

    @Test
    void aResponseOfAnotherHttpVersionIsAnswered505() {
        assertRefused(505, "Unsupported HTTP version \"HTTP/2.0\" in the status line",
                () -> response("HTTP/2.0 200 OK"));
    }

    @Test
    void aStatusLineNotStartingWithAVersionIsRefused() {
        assertRefused(400, "Bad status line: \"ICY\" is not an HTTP version", () -> response("ICY 200 OK"));
    }

    @Test
    void aResponsesFieldsAreCheckedAsARequestsAre() {
        assertRefused(400, "obsolete line folding", () -> response("HTTP/1.1 200 OK", "X: a", " b"));
    }
}
