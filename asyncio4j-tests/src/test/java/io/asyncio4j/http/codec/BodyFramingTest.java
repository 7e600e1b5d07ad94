package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.asyncio4j.http.codec.HttpTesting.assertRefused;
import static io.asyncio4j.http.codec.HttpTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BodyFraming: RFC 9112 §6.3's rules for where a body ends, with the request-smuggling refusals h11 makes. */
class BodyFramingTest {

    private static BodyFraming request(String... fields) throws HttpParseException {
        return BodyFraming.forRequest(Headers.of(fields));
    }

    private static BodyFraming response(int status, String... fields) throws HttpParseException {
        return BodyFraming.forResponse("GET", status, Headers.of(fields));
    }

    private static BodyFraming length(long n) {
        return new BodyFraming(BodyFraming.Kind.LENGTH, n);
    }

    private static long chunkSize(String line) throws HttpParseException {
        return BodyFraming.chunkSize(bytes(line));
    }

    // ---- requests -----------------------------------------------------------------------------

    @Test
    void aRequestWithoutFramingFieldsHasNoBody() throws HttpParseException {
        assertEquals(BodyFraming.NONE, request("Host", "a"));
    }

    @Test
    void aRequestsContentLengthGivesItsLength() throws HttpParseException {
        assertEquals(length(42), request("Content-Length", "42"));
    }

    @Test
    void aRequestWithContentLengthZeroHasNoBody() throws HttpParseException {
        assertEquals(BodyFraming.NONE, request("Content-Length", "0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked", " CHUNKED "})
    void aChunkedRequestIsChunkedWhateverTheCase(String te) throws HttpParseException {
        assertEquals(BodyFraming.CHUNKED, request("Transfer-Encoding", te));
    }

    @Test
    void aRequestWithBothTransferEncodingAndContentLengthIsRefused() {
        assertRefused(400, "both Transfer-Encoding and Content-Length",
                () -> request("Content-Length", "5", "Transfer-Encoding", "chunked"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "identity", "chunked, gzip", "chunked,"})
    void aRequestsTransferEncodingNotEndingInChunkedIsRefused(String te) {
        assertRefused(400, "Transfer-Encoding must end in chunked; got " + te, () -> request("Transfer-Encoding", te));
    }

    @Test
    void theLastTransferEncodingFieldIsTheOneThatMustEndInChunked() {
        assertRefused(400, "must end in chunked; got chunked, gzip",
                () -> request("Transfer-Encoding", "chunked", "Transfer-Encoding", "gzip"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip, chunked", "chunked, chunked"})
    void aRequestWithACodingBeforeChunkedIsAnswered501(String te) {
        assertRefused(501, "Transfer-Encoding " + te + " is not supported: only chunked",
                () -> request("Transfer-Encoding", te));
    }

    @Test
    void aCodingBeforeChunkedInAnEarlierFieldIsAnswered501() {
        assertRefused(501, "is not supported: only chunked",
                () -> request("Transfer-Encoding", "gzip", "Transfer-Encoding", "chunked"));
    }

    // ---- Content-Length -----------------------------------------------------------------------

    @Test
    void differingContentLengthFieldsAreRefused() {
        assertRefused(400, "Duplicate Content-Length", () -> request("Content-Length", "5", "Content-Length", "6"));
    }

    @Test
    void aListOfContentLengthsInOneFieldIsRefused() {
        // aiohttp 3.8.4, raw socket: "Content-Length: 3, 3" -> 400 "Invalid character in Content-Length"
        assertRefused(400, "Bad Content-Length \"5, 6\": expected decimal digits only",
                () -> request("Content-Length", "5, 6"));
        assertRefused(400, "Bad Content-Length \"5, 5\": expected decimal digits only",
                () -> request("Content-Length", "5, 5"));
    }

    @Test
    void repeatedEqualContentLengthFieldsAreRefusedAsAiohttpDoes() {
        // aiohttp 3.8.4, raw socket: "Content-Length: 3" twice -> 400 "Duplicate Content-Length"
        // (RFC 9110 8.6 lets a recipient take equal ones as one; this side counted them once before)
        assertRefused(400, "Duplicate Content-Length", () -> request("Content-Length", "5", "content-length", "5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+5", "0x10", "5 5", "five", "5.0", "\u00b2", "5,"})
    void aContentLengthThatIsNotDecimalDigitsIsRefused(String value) {
        assertRefused(400, "Bad Content-Length \"" + value + "\": expected decimal digits only",
                () -> request("Content-Length", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567890123456789"})
    void anEmptyOrTooLongContentLengthIsRefused(String value) {
        assertRefused(400, "expected 1 to 18 decimal digits", () -> request("Content-Length", value));
    }

    @Test
    void eighteenDigitsAreTheLongestContentLength() throws HttpParseException {
        assertEquals(999_999_999_999_999_999L, BodyFraming.contentLength(Headers.of("Content-Length", "9".repeat(18))));
    }

    @Test
    void theContentLengthOfHeadersWithoutOneIsZero() throws HttpParseException {
        assertEquals(0, BodyFraming.contentLength(new Headers()));
    }

    // ---- responses ----------------------------------------------------------------------------

    @Test
    void aResponseToHeadHasNoBodyWhateverItsFieldsSay() throws HttpParseException {
        assertEquals(BodyFraming.NONE, BodyFraming.forResponse("HEAD", 200, Headers.of("Content-Length", "100")));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 199, 204, 304})
    void aResponseWithABodylessStatusHasNoBody(int status) throws HttpParseException {
        assertEquals(BodyFraming.NONE, response(status, "Transfer-Encoding", "chunked"));
    }

    @Test
    void aResponsesContentLengthGivesItsLength() throws HttpParseException {
        assertEquals(length(7), response(200, "Content-Length", "7"));
    }

    @Test
    void aResponseWithContentLengthZeroHasNoBody() throws HttpParseException {
        assertEquals(BodyFraming.NONE, response(200, "Content-Length", "0"));
    }

    @Test
    void aResponseWithoutFramingFieldsRunsUntilTheConnectionCloses() throws HttpParseException {
        assertEquals(BodyFraming.UNTIL_CLOSE, response(200));
    }

    @Test
    void aChunkedResponseIsChunked() throws HttpParseException {
        assertEquals(BodyFraming.CHUNKED, response(200, "Transfer-Encoding", "chunked"));
    }

    @Test
    void aResponsesTransferEncodingOverridesItsContentLength() throws HttpParseException {
        assertEquals(BodyFraming.CHUNKED, response(200, "Content-Length", "5", "Transfer-Encoding", "chunked"));
    }

    @Test
    void aResponsesTransferEncodingNotEndingInChunkedRunsUntilClose() throws HttpParseException {
        assertEquals(BodyFraming.UNTIL_CLOSE, response(200, "Transfer-Encoding", "gzip"));
    }

    @Test
    void aResponseWithACodingBeforeChunkedIsRefused() {
        assertRefused(501, "only chunked", () -> response(200, "Transfer-Encoding", "gzip, chunked"));
    }

    @Test
    void aResponsesBadContentLengthIsRefused() {
        assertRefused(400, "Bad Content-Length \"x\"", () -> response(200, "Content-Length", "x"));
    }

    // ---- keep-alive ---------------------------------------------------------------------------

    @Test
    void anHttp11ConnectionIsKeptAliveByDefault() {
        assertTrue(BodyFraming.keepAlive(HttpVersion.HTTP_1_1, new Headers()));
    }

    @Test
    void anHttp10ConnectionClosesByDefault() {
        assertFalse(BodyFraming.keepAlive(HttpVersion.HTTP_1_0, new Headers()));
    }

    @Test
    void connectionCloseEndsAnHttp11Connection() {
        assertFalse(BodyFraming.keepAlive(HttpVersion.HTTP_1_1, Headers.of("Connection", "Upgrade, CLOSE")));
    }

    @Test
    void connectionKeepAliveKeepsAnHttp10ConnectionOpen() {
        assertTrue(BodyFraming.keepAlive(HttpVersion.HTTP_1_0, Headers.of("connection", " Keep-Alive ")));
    }

    @Test
    void closeWinsOverKeepAliveInAnyField() {
        Headers h = Headers.of("Connection", "keep-alive", "Connection", "close");
        assertFalse(BodyFraming.keepAlive(HttpVersion.HTTP_1_0, h));
    }

    // ---- chunk-size lines ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1a\r\n", "1A\n", "1a", "001a\r\n", "1a;name=value\r\n", "1a ;ext\r\n", "1a\t; a=\"b\"\r\n",
                            "1a \r\n"})
    void aChunkSizeIsHexBeforeAnyExtensions(String line) throws HttpParseException {
        assertEquals(26, chunkSize(line));
    }

    @Test
    void fifteenHexDigitsAreTheLargestChunkSize() throws HttpParseException {
        assertEquals(0xFFF_FFFF_FFFF_FFFFL, chunkSize("fffffffffffffff\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", ";ext\r\n", "x1\r\n", " 1\r\n", "-1\r\n", "1000000000000000\r\n"})
    void aSizeLineNotStartingWithUpToFifteenHexDigitsIsRefused(String line) {
        assertRefused(400, "Bad chunk size line: expected 1 to 15 hex digits", () -> chunkSize(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1g\r\n", "0x1a\r\n", "1 a\r\n", "1a\r\r\n"})
    void junkAfterTheChunkSizeIsRefusedNamingTheLine(String line) {
        String shown = line.substring(0, line.length() - 2).replace("\r", "\\x0d");
        assertRefused(400, "Bad chunk size line \"" + shown + "\": junk after the size", () -> chunkSize(line));
    }
}
