package io.asyncio4j.http.web;

import io.asyncio4j.http.AiohttpWire;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.FormDataWriter;
import io.asyncio4j.http.client.MultipartWriter;
import io.asyncio4j.http.client.RequestOptions;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static io.asyncio4j.http.web.Served.ask;
import static io.asyncio4j.http.web.Served.askText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request.multipart(): multipart bodies read part by part as they arrive (aiohttp's
 * MultipartReader / BodyPartReader), on bodies aiohttp's client wrote ({@link AiohttpWire}) and
 * on hand-made ones; the expected names and contents are what aiohttp's own reader gives.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class MultipartReaderTest {
    private static final String B = "frontier";
    private static final String CT = "multipart/form-data; boundary=" + B;

    @TempDir
    Path dir;

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A POST of {@code body} (ISO-8859-1 text) with {@code contentType}. */
    private static String request(String contentType, String body) {
        return RawHttp.withBody("POST", "/", "Content-Type: " + contentType + "\r\n", body);
    }

    private static String form(String body) {
        return request(CT, body);
    }

    private static String part(String disposition, String body) {
        return "--" + B + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + body + "\r\n";
    }

    private static final String END = "--" + B + "--\r\n";

    /** Every part, nested ones indented, as "name|filename|type|content" lines (the file shown as FILE). */
    private static String describe(MultipartReader reader, String indent) throws Exception {
        StringBuilder out = new StringBuilder();
        for (MultipartPart p = reader.next(); p != null; p = reader.next()) {
            if (p instanceof MultipartReader nested) {
                out.append(indent).append("NESTED ").append(nested.subtype()).append(' ').append(nested.boundary())
                        .append('\n').append(describe(nested, indent + "  "));
            } else if (p instanceof BodyPartReader part) {
                byte[] data = part.read();
                String content = Arrays.equals(data, AiohttpWire.file()) ? "FILE" : new String(data, StandardCharsets.UTF_8);
                out.append(indent).append(part.name()).append('|').append(part.filename()).append('|')
                        .append(part.headers().get("Content-Type")).append('|').append(content).append('|')
                        .append(part.atEof()).append('\n');
            }
        }
        return out.append(indent).append("END ").append(reader.atEof()).append('\n').toString();
    }

    private static String describe(Request r) throws Exception {
        return describe(r.multipart(), "");
    }

    @Test
    void aFormAiohttpsClientWroteGivesItsFieldsAndFiles() throws Exception {
        assertEquals("""
                title|null|text/plain; charset=utf-8|Grüße|true
                upload|notes.txt|text/plain|line 1\r
                line 2|true
                say "hi"|null|text/plain; charset=utf-8|x|true
                file|my%20file%20%C3%BC.bin|application/octet-stream|FILE|true
                doc|a.txt|application/octet-stream|FILE|true
                END true
                """, askText(r -> Response.text(describe(r)),
                request(AiohttpWire.A_CONTENT_TYPE, s(AiohttpWire.bytes(AiohttpWire.A)))));
    }

    @Test
    void aMixedBodyWithANestedMultipartGivesANestedReader() throws Exception {
        assertEquals("""
                null|null|text/plain; charset=utf-8|hello|true
                null|null|application/octet-stream|\u0000\u0001bytes|true
                null|null|application/x-www-form-urlencoded|a=1&b=x+y|true
                NESTED alternative inner
                  null|null|text/plain|plain|true
                  null|null|text/html|<b>html</b>|true
                  END true
                null|r%C3%A9sum%C3%A9%201.txt|application/octet-stream|att|true
                null|notes.txt|text/plain|first line
                second line
                |true
                END true
                """, askText(r -> Response.text(describe(r)), request(AiohttpWire.C_CONTENT_TYPE, AiohttpWire.C)));
    }

    @Test
    void aChunkedMultipartBodyIsReadThroughItsFraming() throws Exception {
        String head = "POST / HTTP/1.1\r\nHost: test\r\nContent-Type: " + AiohttpWire.D_CONTENT_TYPE
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertEquals("stream|null|application/octet-stream|abcdefg|true\nEND true\n",
                askText(r -> Response.text(describe(r)), head + AiohttpWire.D));
    }

    @Test
    void quotedNamesAndFilenamesReadAsAiohttpReadsThem() throws Exception {
        assertEquals("""
                n;a\\me|null|text/plain; charset=utf-8|x|true
                f|we%22ird%5Cna%3Bme.txt|text/plain|data|true
                empty|null|text/plain; charset=utf-8||true
                END true
                """, askText(r -> Response.text(describe(r)), request(AiohttpWire.G_CONTENT_TYPE, AiohttpWire.G)));
        assertEquals("""
                naïve|null|text/plain; charset=utf-8|x|true
                f|ü "q".txt|application/octet-stream|data|true
                END true
                """, askText(r -> Response.text(describe(r)), request(AiohttpWire.H_CONTENT_TYPE, AiohttpWire.H)));
    }

    @Test
    void anExtendedFilenameIsDecoded() throws Exception {
        String body = part("name=\"f\"; filename=\"fallback.txt\"; filename*=utf-8''%E2%82%AC%20rates.txt", "x") + END;
        assertEquals("€ rates.txt", askText(r -> Response.text(r.multipart().nextPart().filename()), form(body)));
    }

    @Test
    void nextSkipsWhatIsLeftOfThePreviousPart() throws Exception {
        String body = part("name=\"a\"", "skipped entirely\r\n--frontie not a delimiter") + part("name=\"b\"", "two") + END;
        assertEquals("a|s|b|two|null", askText(r -> {
            MultipartReader m = r.multipart();
            BodyPartReader a = m.nextPart();
            String first = s(a.readChunk(1));
            BodyPartReader b = m.nextPart();
            return Response.text(a.name() + "|" + first + "|" + b.name() + "|" + b.text() + "|" + m.nextPart());
        }, form(body)));
    }

    @Test
    void chunksOfAnySizeReassembleTheContentExactly() throws Exception {
        // delimiter look-alikes, a CR or a CRLF at chunk seams
        String content = "\r\n--frontie\r\n-\r\r\n--frontiex is not the end, nor \n--frontier, nor \r--frontier\r";
        String body = part("name=\"a\"", content) + END;
        for (int size : new int[] {1, 2, 3, 7, 11, 64, 8192}) {
            assertEquals(content + "|true", askText(r -> {
                BodyPartReader p = r.multipart().nextPart();
                StringBuilder got = new StringBuilder();
                for (byte[] c = p.readChunk(size); c.length > 0; c = p.readChunk(size)) {
                    assertTrue(c.length <= size);
                    got.append(s(c));
                }
                return Response.text(got + "|" + p.atEof());
            }, form(body)), "chunk size " + size);
        }
    }

    @Test
    void atEofTurnsTrueWithTheLastChunkAndAWholeReadIsNotKept() throws Exception {
        String body = part("name=\"a\"", "abcdef") + END;
        assertEquals("false|abcdef|true||0", askText(r -> {
            BodyPartReader p = r.multipart().nextPart();
            String before = String.valueOf(p.atEof());
            byte[] all = p.readChunk(6);
            return Response.text(before + "|" + s(all) + "|" + p.atEof() + "|" + s(p.read()) + "|" + p.readChunk(4).length);
        }, form(body)));
    }

    @Test
    void anEmptyPartAtEofAtOnce() throws Exception {
        String body = part("name=\"a\"", "") + part("name=\"b\"", "b") + END;
        assertEquals("|true|b", askText(r -> {
            MultipartReader m = r.multipart();
            BodyPartReader a = m.nextPart();
            return Response.text(s(a.readChunk(10)) + "|" + a.atEof() + "|" + m.nextPart().text());
        }, form(body)));
    }

    @Test
    void transferEncodingsAreUndoneByDecodingReadsOnly() throws Exception {
        String body = "--" + B + "\r\nContent-Disposition: form-data; name=\"b64\"\r\nContent-Transfer-Encoding: base64"
                + "\r\n\r\naGVsbG8g\r\nd29ybGQ=\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"qp\"\r\nContent-Transfer-Encoding: quoted-printable"
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ncaf=C3=A9 au=\r\n lait\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"raw\"\r\nContent-Transfer-Encoding: base64"
                + "\r\n\r\naGk=\r\n" + END;
        assertEquals("hello world|café au lait|aGk=", askText(r -> {
            MultipartReader m = r.multipart();
            String b64 = s(m.nextPart().read(true));
            String qp = m.nextPart().text();
            String raw = s(m.nextPart().read());
            return Response.text(b64 + "|" + qp + "|" + raw);
        }, form(body)));
    }

    @Test
    void anUnknownTransferEncodingAnswers400() throws Exception {
        String body = "--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: rot13\r\n\r\nx\r\n"
                + END;
        Reply reply = ask(r -> Response.text(r.multipart().nextPart().text()), form(body));
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("unknown Content-Transfer-Encoding: rot13"), reply.text());
    }

    @Test
    void formJsonAndTextPartsAreParsed() throws Exception {
        String body = "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\na=1&b=x+y&c=%C3%A9&d\r\n"
                + part("name=\"j\"", "{\"k\": [1, 2]}") + part("name=\"e\"", "")
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"t\"\r\nContent-Type: text/plain; charset=iso-8859-1"
                + "\r\n\r\ncaf\u00e9\r\n" + END;
        assertEquals("[a=1, b=x y, c=é, d=]|{\"k\":[1,2]}|null|café", askText(r -> {
            MultipartReader m = r.multipart();
            List<Map.Entry<String, String>> f = m.nextPart().form();
            String j = String.valueOf(m.nextPart().json());
            String e = String.valueOf(m.nextPart().json());
            return Response.text(f + "|" + j + "|" + e + "|" + m.nextPart().text());
        }, form(body)));
    }

    @Test
    void aPartThatIsNotJsonAnswers400() throws Exception {
        Reply reply = ask(r -> Response.text(String.valueOf(r.multipart().nextPart().json())),
                form(part("name=\"j\"", "{nope") + END));
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("is not JSON"), reply.text());
    }

    @Test
    void aPreambleAPaddedDelimiterAndAnEpilogueAreTolerated() throws Exception {
        String body = "preamble line 1\r\npreamble line 2\r\n--" + B + " \t\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                + "\r\n1\r\n--" + B + "--  \r\nepilogue, ignored\r\n";
        assertEquals("a|null|null|1|true\nEND true\n", askText(r -> Response.text(describe(r)), form(body)));
    }

    @Test
    void aForEachOverTheReaderGivesItsParts() throws Exception {
        String body = part("name=\"a\"", "1") + part("name=\"b\"", "2") + END;
        assertEquals("a=1 b=2 ", askText(r -> {
            StringBuilder out = new StringBuilder();
            for (MultipartPart p : r.multipart()) {
                BodyPartReader part = (BodyPartReader) p;
                out.append(part.name()).append('=').append(part.text()).append(' ');
            }
            return Response.text(out.toString());
        }, form(body)));
    }

    @Test
    void releaseReadsEverythingToTheCloseDelimiter() throws Exception {
        String body = part("name=\"a\"", "1") + part("name=\"b\"", "2") + END + "epilogue";
        assertEquals("true|DONE|epilogue", askText(r -> {
            MultipartReader m = r.multipart();
            m.nextPart();
            m.release();
            return Response.text(m.atEof() + "|" + m.state() + "|" + s(r.content().read()));
        }, form(body)));
    }

    @Test
    void aMixedPartWithAContentLengthEndsThere() throws Exception {
        String body = "--x\r\nContent-Length: 4\r\n\r\nab\r\n\r\n--x--\r\n";
        assertEquals("null|null|null|ab\r\n|true\nEND true\n",
                askText(r -> Response.text(describe(r)), request("multipart/mixed; boundary=x", body)));
        Reply bad = ask(r -> Response.text(describe(r)),
                request("multipart/mixed; boundary=x", "--x\r\nContent-Length: 2\r\n\r\nabcd\r\n--x--\r\n"));
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("does not end at its Content-Length of 2"), bad.text());
    }

    @Test
    void nextPartRefusesANestedMultipart() throws Exception {
        Reply reply = ask(r -> Response.text(String.valueOf(r.multipart().nextPart())),
                form("--" + B + "\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n--in--\r\n\r\n" + END));
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("nested multipart"), reply.text());
    }

    // ---- malformed bodies: 400 with what is wrong --------------------------------------------

    private static void assert400(String request, String expectedText) throws Exception {
        Reply reply = ask(r -> Response.text(describe(r)), request);
        assertEquals(400, reply.status(), reply.toString());
        assertTrue(reply.text().startsWith("Malformed multipart body: "), reply.text());
        assertTrue(reply.text().contains(expectedText), reply.text());
    }

    @Test
    void aContentTypeWithoutABoundaryAnswers400() throws Exception {
        assert400(request("multipart/form-data", "x"), "no boundary parameter");
    }

    @Test
    void aBodyThatIsNotMultipartAnswers400() throws Exception {
        assert400(request("text/plain", "x"), "not multipart/*");
    }

    @Test
    void aBoundaryOver70CharactersAnswers400() throws Exception {
        assert400(request("multipart/form-data; boundary=" + "b".repeat(71), "x"), "longer than 70");
    }

    @Test
    void aBodyWithoutTheStartingDelimiterAnswers400() throws Exception {
        assert400(form("just text\r\nno delimiter\r\n"), "no \"--frontier\" delimiter line before the end of the body");
    }

    @Test
    void aBodyWithoutTheClosingDelimiterAnswers400() throws Exception {
        assert400(form("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished"),
                "the body ends inside a part");
    }

    @Test
    void aBodyEndingInAPartsHeadersAnswers400() throws Exception {
        assert400(form("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"), "ends inside a part's header");
    }

    @Test
    void anOverlongPreambleLineAnswers400() throws Exception {
        assert400(form("x".repeat(RequestContent.LINE_LIMIT + 1) + "\r\n" + part("name=\"a\"", "1") + END),
                "before the first \"--frontier\" delimiter");
    }

    @Test
    void anOverlongPartHeaderAnswers400() throws Exception {
        assert400(form("--" + B + "\r\nContent-Disposition: form-data; name=\"" + "n".repeat(9000) + "\"\r\n\r\nx\r\n" + END),
                "longer than 8190 bytes");
        assert400(form("--" + B + "\r\nX: " + "n".repeat(20000) + "\r\n\r\nx\r\n" + END), "header line is longer than");
    }

    @Test
    void aPartHeaderWithoutAColonAnswers400() throws Exception {
        assert400(form("--" + B + "\r\nnot a header\r\n\r\nx\r\n" + END), "without a colon: \"not a header\"");
    }

    @Test
    void aPartHeaderNameThatIsNoTokenAnswers400() throws Exception {
        assert400(form("--" + B + "\r\nBad Name: x\r\n\r\nx\r\n" + END), "not a token: \"Bad Name\"");
    }

    @Test
    void aDelimiterFollowedByJunkAnswers400() throws Exception {
        assert400(form(part("name=\"a\"", "1") + "--" + B + "junk\r\n"), "expected the delimiter line \"--frontier\"");
    }

    @Test
    void tooManyPartHeaderFieldsAnswer400() throws Exception {
        assert400(form("--" + B + "\r\n" + "X: 1\r\n".repeat(200) + "\r\nx\r\n" + END), "more than 128 header fields");
    }

    @Test
    void aMalformedBodyLeavesTheConnectionUsable() throws Exception {
        try (Served s = Served.routes(Web.route("*", "/", r -> Response.text(describe(r)))); RawHttp c = s.connect()) {
            assertEquals(400, c.exchange(form("--" + B + "\r\nno colon\r\n\r\nx\r\n" + END)).status());
            assertEquals("a|null|null|1|true\nEND true\n", c.exchange(form(part("name=\"a\"", "1") + END)).text());
        }
    }

    @Test
    void aHandlerReadingOnlyTheFirstPartLeavesTheConnectionUsable() throws Exception {
        try (Served s = Served.routes(Web.route("*", "/", r -> Response.text(r.multipart().nextPart().text())));
             RawHttp c = s.connect()) {
            String body = part("name=\"a\"", "first") + part("name=\"b\"", "x".repeat(100_000)) + END;
            assertEquals("first", c.exchange(form(body)).text());
            assertEquals("again", c.exchange(form(part("name=\"a\"", "again") + END)).text());
        }
    }

    // ---- our client's multipart, read by our server -------------------------------------------

    @Test
    void aLargeUploadIsStreamedThroughWithoutBeingHeld() throws Exception {
        int size = 50 * 1024 * 1024;
        Path big = dir.resolve("big.bin");
        CRC32 sent = new CRC32();
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] block = new byte[1 << 16];
            for (int off = 0; off < size; off += block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) ((off + i) * 31 + ((off + i) >>> 16));
                }
                out.write(block);
                sent.update(block);
            }
        }
        Handler handler = r -> {
            MultipartReader m = r.multipart();
            BodyPartReader title = m.nextPart();
            String t = title.text();
            BodyPartReader file = m.nextPart();
            CRC32 got = new CRC32();
            long n = 0;
            int maxBuffered = 0;
            for (byte[] chunk = file.readChunk(65536); chunk.length > 0; chunk = file.readChunk(65536)) {
                got.update(chunk);
                n += chunk.length;
                maxBuffered = Math.max(maxBuffered, r.content().buffered());
            }
            return Response.text(t + "|" + file.filename() + "|" + n + "|" + Long.toHexString(got.getValue()) + "|"
                    + (maxBuffered <= 2 * 65536 + 100) + "|" + m.nextPart());
        };
        Application app = new Application().clientMaxSize(1024); // streamed: the limit does not apply
        app.addRoutes(Web.post("/up", handler));
        try (Served s = Served.start(app); ClientSession session = new ClientSession();
             ClientResponse resp = session.post("http://127.0.0.1:" + s.port() + "/up", RequestOptions.defaults()
                     .withFormData(new FormDataWriter().addField("title", "big one").addFile("file", big)))) {
            assertEquals("big one|big.bin|" + size + "|" + Long.toHexString(sent.getValue()) + "|true|null", resp.text());
        }
    }

    @Test
    void ourClientsFormArrivesThroughMultipartAndPost() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "first line\nsecond line\n");
        FormDataWriter form = new FormDataWriter()
                .addField("title", "Grüße")
                .addFile("notes", notes)
                .addFile("bin", new byte[] {0, 13, 10, 45, 45}, "b.bin", "application/x-thing")
                .addFile("gen", List.of("chunk 1, ".getBytes(StandardCharsets.UTF_8), "chunk 2".getBytes(StandardCharsets.UTF_8)),
                        "gen.txt", "text/plain");
        try (Served s = Served.routes(Web.post("/m", r -> Response.text(describe(r))),
                Web.post("/p", r -> {
                    FormData f = r.post();
                    return Response.text(f.get("title") + "|" + new String(f.file("notes").content(), StandardCharsets.UTF_8)
                            + "|" + Arrays.toString(f.file("bin").content()) + "|" + f.file("bin").contentType() + "|"
                            + new String(f.file("gen").content(), StandardCharsets.UTF_8));
                }));
             ClientSession session = new ClientSession()) {
            String base = "http://127.0.0.1:" + s.port();
            try (ClientResponse resp = session.post(base + "/m", RequestOptions.defaults().withFormData(form))) {
                assertEquals("""
                        title|null|text/plain; charset=utf-8|Grüße|true
                        notes|notes.txt|text/plain|first line
                        second line
                        |true
                        bin|b.bin|application/x-thing|\u0000\r
                        --|true
                        gen|gen.txt|text/plain|chunk 1, chunk 2|true
                        END true
                        """, resp.text());
            }
            try (ClientResponse resp = session.post(base + "/p", RequestOptions.defaults().withFormData(form))) {
                assertEquals("Grüße|first line\nsecond line\n|[0, 13, 10, 45, 45]|application/x-thing|chunk 1, chunk 2",
                        resp.text());
            }
        }
    }

    @Test
    void ourClientsNestedMultipartArrivesNested() throws Exception {
        MultipartWriter mp = new MultipartWriter("mixed");
        mp.append("outer text");
        MultipartWriter inner = new MultipartWriter("alternative");
        inner.append("plain");
        inner.appendJson(Map.of("a", 1));
        mp.append(inner);
        mp.append(new byte[] {1, 2});
        try (Served s = Served.routes(Web.post("/m", r -> Response.text(describe(r))));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.post("http://127.0.0.1:" + s.port() + "/m",
                     RequestOptions.defaults().withMultipart(mp))) {
            assertEquals("null|null|text/plain; charset=utf-8|outer text|true\n"
                    + "NESTED alternative " + inner.boundary() + "\n"
                    + "  null|null|text/plain; charset=utf-8|plain|true\n"
                    + "  null|null|application/json|{\"a\": 1}|true\n"
                    + "  END true\n"
                    + "null|null|application/octet-stream|\u0001\u0002|true\n"
                    + "END true\n", resp.text());
        }
    }

    @Test
    void partsShowTheirNameAndState() throws Exception {
        assertEquals("<BodyPartReader name=\"a\" filename=\"f.txt\" read=0 READING>|<BodyPartReader name=\"a\" "
                + "filename=\"f.txt\" read=2 AT_EOF>|<MultipartReader form-data IN_PARTS>", askText(r -> {
                    MultipartReader m = r.multipart();
                    BodyPartReader p = m.nextPart();
                    String before = p.toString();
                    p.read();
                    return Response.text(before + "|" + p + "|" + m);
                }, form(part("name=\"a\"; filename=\"f.txt\"", "xy") + END)));
    }

    @Test
    void aPartsContentStreamsThroughAnInputStream() throws Exception {
        List<String> got = new ArrayList<>();
        assertEquals("hello there", askText(r -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            r.multipart().nextPart().asInputStream().transferTo(out);
            got.add(out.toString(StandardCharsets.UTF_8));
            return Response.text(got.get(0));
        }, form(part("name=\"a\"", "hello there") + END)));
    }
}
