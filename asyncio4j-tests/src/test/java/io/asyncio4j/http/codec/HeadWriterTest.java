package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;

import static io.asyncio4j.http.codec.HttpTesting.assertIllegal;
import static io.asyncio4j.http.codec.HttpTesting.bytes;
import static io.asyncio4j.http.codec.HttpTesting.head;
import static io.asyncio4j.http.codec.HttpTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** HeadWriter and ByteSink: heads as bytes that HeadParser reads back unchanged, and the refusals that keep them so. */
class HeadWriterTest {

    private static final Headers FIELDS = Headers.of("Host", "example.com", "x-Mixed-CASE", "caf\u00e9", "Accept", "a",
            "accept", "b", "Empty", "");

    private static String written(RequestHead h) {
        ByteSink out = new ByteSink(0);
        HeadWriter.writeRequestHead(h, out);
        return text(out.toByteArray());
    }

    private static String written(ResponseHead h) {
        ByteSink out = new ByteSink(0);
        HeadWriter.writeResponseHead(h, out);
        return text(out.toByteArray());
    }

    private static RequestHead get(String target) {
        return new RequestHead("GET", target, HttpVersion.HTTP_1_1, new Headers());
    }

    private static ResponseHead ok(int status, String reason) {
        return new ResponseHead(HttpVersion.HTTP_1_1, status, reason, new Headers());
    }

    /** Asserts that writing is refused with {@code problem} and that nothing reached the sink. */
    private static void assertRefusedWritingNothing(String problem, Consumer<ByteSink> write) {
        ByteSink out = new ByteSink(0);
        assertIllegal(problem, () -> write.accept(out));
        assertEquals(0, out.size(), () -> "written before the refusal: " + text(out.toByteArray()));
    }

    // ---- output -------------------------------------------------------------------------------

    @Test
    void aRequestHeadIsItsLineItsFieldsAndTheEmptyLineEachEndingInCrlf() {
        RequestHead h = new RequestHead("POST", "/a?b=c", HttpVersion.HTTP_1_0, Headers.of("Host", "x", "x-Id", "7"));
        assertEquals(head("POST /a?b=c HTTP/1.0", "Host: x", "x-Id: 7"), written(h));
    }

    @Test
    void aResponseHeadIsItsStatusLineItsFieldsAndTheEmptyLine() {
        ResponseHead h = new ResponseHead(HttpVersion.HTTP_1_1, 404, "Not Found", Headers.of("Content-Length", "0"));
        assertEquals(head("HTTP/1.1 404 Not Found", "Content-Length: 0"), written(h));
    }

    @Test
    void anEmptyReasonKeepsTheSpaceAfterTheStatus() {
        assertEquals(head("HTTP/1.1 299 "), written(ok(299, "")));
    }

    @Test
    void noFieldsWriteTheEmptyLineAlone() {
        ByteSink out = new ByteSink(0);
        HeadWriter.writeFields(new Headers(), out);
        assertEquals("\r\n", text(out.toByteArray()));
    }

    @Test
    void aSinkGrowsPastItsCapacityKeepingWhatWasWritten() {
        ByteSink out = new ByteSink(16);
        String target = "/" + "x".repeat(1000);
        HeadWriter.writeRequestHead(get(target), out);
        assertEquals(head("GET " + target + " HTTP/1.1"), text(out.toByteArray()));
        assertEquals(out.size(), out.toByteArray().length);
    }

    // ---- round trips --------------------------------------------------------------------------

    @Test
    void aWrittenRequestHeadParsesBackToTheSameHead() throws HttpParseException {
        RequestHead h = new RequestHead("M-SEARCH", "http://example.com/a%20b?q=1", HttpVersion.HTTP_1_1, FIELDS);
        assertEquals(h, HeadParser.parseRequest(bytes(written(h))));
    }

    @Test
    void aWrittenResponseHeadParsesBackToTheSameHead() throws HttpParseException {
        ResponseHead h = new ResponseHead(HttpVersion.HTTP_1_0, 599, "Custom \u00c9tat (x)", FIELDS);
        assertEquals(h, HeadParser.parseResponse(bytes(written(h))));
    }

    // ---- refusals -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"GE T", "GET\r\n", "G\u00c9T", "(GET)"})
    void aMethodThatIsNotATokenIsRefused(String method) {
        RequestHead h = new RequestHead(method, "/", HttpVersion.HTTP_1_1, new Headers());
        assertRefusedWritingNothing("must be a token", out -> HeadWriter.writeRequestHead(h, out));
    }

    @Test
    void anEmptyMethodIsRefused() {
        RequestHead h = new RequestHead("", "/", HttpVersion.HTTP_1_1, new Headers());
        assertRefusedWritingNothing("HTTP method must not be empty", out -> HeadWriter.writeRequestHead(h, out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/a\r\nX: injected", "/a\tb", "/caf\u00e9", "/\u007f"})
    void aTargetWithSpacesControlsOrNonAsciiIsRefusedWithTheWayOut(String target) {
        assertRefusedWritingNothing("percent-encode it", out -> HeadWriter.writeRequestHead(get(target), out));
    }

    @Test
    void anEmptyTargetIsRefused() {
        assertRefusedWritingNothing("use \"/\" for the root", out -> HeadWriter.writeRequestHead(get(""), out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OK\r\nX-Injected: 1", "OK\n", "OK\r", "\u20ac"})
    void aReasonThatWouldBreakTheStatusLineIsRefused(String reason) {
        assertRefusedWritingNothing("holds CR, LF or a character above U+00FF",
                out -> HeadWriter.writeResponseHead(ok(200, reason), out));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 99, 1000, -200})
    void aStatusThatIsNotThreeDigitsIsRefused(int status) {
        assertRefusedWritingNothing("HTTP status must be three digits (100-999); got " + status,
                out -> HeadWriter.writeResponseHead(ok(status, "X"), out));
    }
}
