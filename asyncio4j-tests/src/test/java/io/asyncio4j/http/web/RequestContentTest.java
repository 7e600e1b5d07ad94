package io.asyncio4j.http.web;

import io.asyncio4j.http.IncompleteBodyException;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.asyncio4j.http.web.Served.ask;
import static io.asyncio4j.http.web.Served.askText;
import static io.asyncio4j.http.web.Web.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request.content(): the body as a stream (aiohttp's request.content, a StreamReader). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RequestContentTest {
    private static String post(String body) {
        return RawHttp.withBody("POST", "/", "", body);
    }

    /** {@code body} in chunked framing, one chunk per piece. */
    private static String chunked(String... pieces) {
        StringBuilder b = new StringBuilder("POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (String p : pieces) {
            b.append(Integer.toHexString(p.length())).append("\r\n").append(p).append("\r\n");
        }
        return b.append("0\r\n\r\n").toString();
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void readGivesWhatHasArrivedUpToN() throws Exception {
        try (Served s = Served.routes(route("*", "/", r -> Response.text(s(r.content().read(100)))));
             RawHttp c = s.connect()) {
            // the head and 3 of the 8 bytes: read(100) answers with those 3 at once
            Reply reply = c.exchange("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 8\r\n\r\nabc");
            assertEquals("abc", reply.text());
            c.send("defgh"); // the rest, skipped by the server: the connection goes on
            assertEquals("xy", c.exchange(post("xy")).text());
        }
    }

    @Test
    void readWithNMinusOneOrNothingReadsToTheEnd() throws Exception {
        assertEquals("hello world|0|true", askText(r -> {
            RequestContent c = r.content();
            String all = s(c.read(-1));
            return Response.text(all + "|" + c.read(0).length + "|" + c.atEof());
        }, chunked("hello", " ", "world")));
        assertEquals("hello world", askText(r -> Response.text(s(r.content().read())), post("hello world")));
    }

    @Test
    void readTakesAtMostNOfWhatIsAlreadyBuffered() throws Exception {
        // readline() took the whole piece "a\nbcdef": read(2) hands out two of the five it keeps
        assertEquals("a\n|bc|def", askText(r -> Response.text(s(r.content().readline()) + "|" + s(r.content().read(2))
                + "|" + s(r.content().read(10))), post("a\nbcdef")));
    }

    @Test
    void readZeroIsEmptyAtOnceAndLeavesTheBody() throws Exception {
        assertEquals("0|abc", askText(r -> Response.text(r.content().read(0).length + "|" + s(r.content().read())),
                post("abc")));
    }

    @Test
    void readanyGivesThePieceThatArrivedThenEmptyAtTheEnd() throws Exception {
        assertEquals("[abc, de, ]", askText(r -> {
            List<String> got = new ArrayList<>();
            RequestContent c = r.content();
            got.add(s(c.readany()));
            got.add(s(c.readany()));
            got.add(s(c.readany()));
            return Response.text(got.toString());
        }, chunked("abc", "de")));
    }

    @Test
    void readChunkIsBoundedByItsMaxAndRefusesZero() throws Exception {
        assertEquals("ab|cd|e||IllegalArgumentException", askText(r -> {
            RequestContent c = r.content();
            String out = s(c.readChunk(2)) + "|" + s(c.readChunk(2)) + "|" + s(c.readChunk(2)) + "|" + s(c.readChunk(2));
            try {
                c.readChunk(0);
            } catch (IllegalArgumentException e) {
                out += "|IllegalArgumentException";
            }
            return Response.text(out);
        }, post("abcde")));
    }

    @Test
    void readlineGivesLinesWithTheirNewlineThenTheRestThenEmpty() throws Exception {
        assertEquals("[one\\n][two\\r\\n][three][]", askText(r -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                out.append('[').append(s(r.content().readline()).replace("\r", "\\r").replace("\n", "\\n")).append(']');
            }
            return Response.text(out.toString());
        }, chunked("one\ntw", "o\r\nthr", "ee")));
    }

    @Test
    void aForEachOverTheContentGivesItsLines() throws Exception {
        assertEquals("3:a\n|b\n|c", askText(r -> {
            List<String> lines = new ArrayList<>();
            for (byte[] line : r.content()) {
                lines.add(s(line));
            }
            return Response.text(lines.size() + ":" + String.join("|", lines));
        }, post("a\nb\nc")));
    }

    @Test
    void aLineOverTheLimitAnswers400() throws Exception {
        Reply reply = ask(r -> Response.text(s(r.content().readline())),
                post("x".repeat(RequestContent.LINE_LIMIT + 10) + "\n"));
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("longer than the 131072 bytes"), reply.text());
    }

    @Test
    void aLineWithoutANewlineOverTheLimitAnswers400Too() throws Exception {
        Reply reply = ask(r -> Response.text(s(r.content().readline())), post("x".repeat(RequestContent.LINE_LIMIT + 10)));
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("longer than the 131072 bytes"), reply.text());
    }

    @Test
    void aLineOfExactlyTheLimitIsRead() throws Exception {
        assertEquals(Integer.toString(RequestContent.LINE_LIMIT), askText(r -> Response.text(
                Integer.toString(r.content().readline().length)), post("x".repeat(RequestContent.LINE_LIMIT - 1) + "\nmore")));
    }

    @Test
    void readuntilStopsAfterItsSeparatorOrAtTheEnd() throws Exception {
        assertEquals("a--|b--|c|", askText(r -> {
            byte[] sep = "--".getBytes(StandardCharsets.US_ASCII);
            RequestContent c = r.content();
            return Response.text(s(c.readuntil(sep)) + "|" + s(c.readuntil(sep)) + "|" + s(c.readuntil(sep)) + "|"
                    + s(c.readuntil(sep)));
        }, chunked("a-", "-b--", "c")));
    }

    @Test
    void readexactlyGivesExactlyNAcrossPieces() throws Exception {
        assertEquals("abcdef|g", askText(r -> Response.text(s(r.content().readexactly(6)) + "|"
                + s(r.content().read())), chunked("ab", "cd", "efg")));
    }

    @Test
    void readexactlyPastTheEndFailsWithWhatWasLeft() throws Exception {
        assertEquals("IncompleteReadException|xyz|10|true", askText(r -> {
            r.content().readexactly(2);
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> r.content().readexactly(10));
            return Response.text(e.getClass().getSimpleName() + "|" + s(e.partial()) + "|" + e.expected() + "|"
                    + r.content().atEof());
        }, post("abxyz")));
    }

    @Test
    void atEofTurnsTrueOnceTheLastByteIsHandedOut() throws Exception {
        assertEquals("false|false|true|true", askText(r -> {
            RequestContent c = r.content();
            String a = String.valueOf(c.atEof());
            c.readexactly(2);
            String b = String.valueOf(c.atEof());
            c.readexactly(1);
            return Response.text(a + "|" + b + "|" + c.atEof() + "|" + (c.read(5).length == 0));
        }, post("abc")));
        assertEquals("true", askText(r -> Response.text(String.valueOf(r.content().atEof())), RawHttp.get("/")));
    }

    @Test
    void iterChunkedGivesPiecesOfAtMostNThatAddUpToTheBody() throws Exception {
        String body = "0123456789".repeat(50);
        assertEquals("true|" + body, askText(r -> {
            StringBuilder all = new StringBuilder();
            boolean small = true;
            for (byte[] chunk : r.content().iterChunked(7)) {
                small &= chunk.length > 0 && chunk.length <= 7;
                all.append(s(chunk));
            }
            return Response.text(small + "|" + all);
        }, chunked(body.substring(0, 123), body.substring(123))));
    }

    @Test
    void iterAnyGivesThePiecesAsTheyCome() throws Exception {
        assertEquals("abcdef", askText(r -> {
            StringBuilder all = new StringBuilder();
            for (byte[] piece : r.content().iterAny()) {
                all.append(s(piece));
            }
            return Response.text(all.toString());
        }, chunked("ab", "cd", "ef")));
    }

    @Test
    void asInputStreamTransfersTheBody() throws Exception {
        assertEquals("streamed body", askText(r -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.content().asInputStream().transferTo(out);
            return Response.text(out.toString(StandardCharsets.UTF_8));
        }, chunked("streamed", " body")));
    }

    @Test
    void contentIsTheSameStreamEachTime() throws Exception {
        assertEquals("true", askText(r -> Response.text(String.valueOf(r.content() == r.content())), post("x")));
    }

    @Test
    void theApplicationsBodyLimitDoesNotApplyToStreamedReadsAsInAiohttp() throws Exception {
        Application app = new Application().clientMaxSize(16);
        app.addRoutes(route("*", "/", r -> Response.text(Integer.toString(r.content().read().length))),
                route("*", "/whole", r -> Response.text(Integer.toString(r.read().length))));
        try (Served s = Served.start(app)) {
            assertEquals("100", s.request(post("y".repeat(100))).text());
            assertEquals(413, s.request(RawHttp.withBody("POST", "/whole", "", "y".repeat(100))).status());
        }
    }

    @Test
    void readAfterPartOfTheContentGivesTheRest() throws Exception {
        assertEquals("line 1\n|rest of it|true|0|rest of it", askText(r -> {
            String first = s(r.content().readline());
            String rest = s(r.read());
            return Response.text(first + "|" + rest + "|" + r.content().atEof() + "|" + r.content().read().length
                    + "|" + r.text());
        }, chunked("line 1\nrest", " of it")));
    }

    @Test
    void readAfterBufferedContentKeepsTheBufferedBytes() throws Exception {
        // readline buffers past the line: read() must give those bytes too, in order
        assertEquals("a\n|bcdef", askText(r -> Response.text(s(r.content().readline()) + "|" + s(r.read())),
                post("a\nbcdef")));
    }

    @Test
    void theLimitAppliesToTheRestThatReadReturns() throws Exception {
        Application app = new Application().clientMaxSize(10);
        app.addRoutes(route("*", "/", r -> {
            r.content().readexactly(15);
            return Response.text(s(r.read()));
        }));
        try (Served s = Served.start(app)) {
            // aiohttp refuses a read() of the limit or more (body_size >= client_max_size): 9 is the most
            assertEquals("012345678", s.request(post("x".repeat(15) + "012345678")).text());
            assertEquals(413, s.request(post("x".repeat(15) + "0123456789")).status());
        }
    }

    @Test
    void theLimitCountsTheBufferedBytesAndTheUnreadOnesTogether() throws Exception {
        Application app = new Application().clientMaxSize(10);
        app.addRoutes(route("*", "/", r -> {
            r.content().readexactly(15); // keeps "01234" of the first chunk
            return Response.text(s(r.read()));
        }));
        try (Served s = Served.start(app)) {
            assertEquals("012345678", s.request(chunked("x".repeat(15) + "01234", "5678")).text());
            assertEquals(413, s.request(chunked("x".repeat(15) + "01234", "56789")).status());
        }
    }

    @Test
    void postAfterPartOfTheContentParsesTheRest() throws Exception {
        assertEquals("a=1&|<FormData(b: '2', c: '3')>", askText(r -> Response.text(
                s(r.content().readuntil("&".getBytes(StandardCharsets.US_ASCII))) + "|" + r.post()),
                RawHttp.withBody("POST", "/", "Content-Type: application/x-www-form-urlencoded\r\n", "a=1&b=2&c=3")));
    }

    @Test
    void jsonAndTextAfterReadGiveTheSameBody() throws Exception {
        assertEquals("{\"a\":1}|{\"a\":1}|true", askText(r -> Response.text(s(r.read()) + "|" + r.json() + "|"
                + r.content().atEof()), RawHttp.withBody("POST", "/", "Content-Type: application/json\r\n", "{\"a\":1}")));
    }

    @Test
    void aMalformedChunkedBodyAnswers400AndEndsTheConnection() throws Exception {
        try (Served s = Served.routes(route("*", "/", r -> Response.text(s(r.content().read())))); RawHttp c = s.connect()) {
            Reply reply = c.exchange("POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
            assertEquals(400, reply.status());
            assertTrue(reply.text().contains("chunk size"), reply.text());
            assertEquals("close", reply.header("Connection"));
        }
    }

    @Test
    void aBodyCutShortFailsTheReadAndTheConnectionEndsWithoutAnswer() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (Served s = Served.routes(route("*", "/", r -> {
            try {
                r.content().read();
            } catch (Exception e) {
                seen.set(e);
                throw e;
            }
            return Response.text("no");
        })); RawHttp c = s.connect()) {
            c.send("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\nonly this");
            c.writeEof();
            c.assertClosedByServer();
        }
        assertInstanceOf(IncompleteBodyException.class, seen.get());
    }

    @Test
    void aHandlerThatReadsPartOfTheBodyLeavesTheConnectionUsable() throws Exception {
        try (Served s = Served.routes(route("*", "/", r -> Response.text(s(r.content().readexactly(3)))),
                route("GET", "/next", r -> Response.text("next")));
             RawHttp c = s.connect()) {
            assertEquals("abc", c.exchange(chunked("abcdef", "ghi")).text());
            assertEquals("next", c.exchange(RawHttp.get("/next")).text());
            assertEquals("xyz", c.exchange(post("xyz123")).text());
            assertEquals("next", c.exchange(RawHttp.get("/next")).text());
        }
    }

    @Test
    void aHandlerThatReadsNothingLeavesTheConnectionUsable() throws Exception {
        try (Served s = Served.routes(route("*", "/", r -> Response.text("ignored " + r.content().atEof())),
                route("GET", "/next", r -> Response.text("next")));
             RawHttp c = s.connect()) {
            assertEquals("ignored false", c.exchange(chunked("abcdef", "ghi")).text());
            assertEquals("next", c.exchange(RawHttp.get("/next")).text());
        }
    }

    @Test
    void theStreamShowsWhatItHandedOut() throws Exception {
        assertEquals("<RequestContent read=0>|<RequestContent read=1 buffered=2>|<RequestContent read=3 eof>|3",
                askText(r -> {
                    RequestContent c = r.content();
                    String a = c.toString();
                    c.readline(); // hands out "\n", keeps the "bc" that came with it
                    return Response.text(a + "|" + c + "|" + (c.read() == null ? "" : c) + "|" + c.bytesRead());
                }, post("\nbc")));
    }
}
