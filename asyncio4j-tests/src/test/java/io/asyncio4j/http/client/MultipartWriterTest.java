package io.asyncio4j.http.client;

import io.asyncio4j.http.AiohttpWire;
import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MultipartWriter and FormDataWriter (aiohttp's MultipartWriter and FormData): the bytes they
 * write, compared with what aiohttp 3.8.4 wrote for the same parts ({@link AiohttpWire}).
 */
@ExtendWith(AsyncioExtension.class)
class MultipartWriterTest {
    @TempDir
    Path dir;

    private static String written(MultipartWriter w) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String wire(String aiohttp) {
        return new String(AiohttpWire.bytes(aiohttp), StandardCharsets.ISO_8859_1);
    }

    private Path uploadBin() throws Exception {
        Path f = dir.resolve("upload.bin");
        Files.write(f, AiohttpWire.file());
        return f;
    }

    @Test
    void aFormWithFilesIsWrittenByteForByteAsAiohttpWritesIt() throws Exception {
        Path upload = uploadBin();
        FormDataWriter form = new FormDataWriter().boundary(AiohttpWire.BOUNDARY)
                .addField("title", "Grüße")
                .addFile("upload", "line 1\r\nline 2".getBytes(StandardCharsets.UTF_8), "notes.txt", "text/plain")
                .addField("say \"hi\"", "x")
                .addFile("file", upload, "my file ü.bin", "application/octet-stream")
                .addFile("doc", upload, "a.txt", null);
        assertTrue(form.isMultipart());
        MultipartWriter w = form.toMultipartWriter();
        assertEquals(wire(AiohttpWire.A), written(w));
        assertEquals(AiohttpWire.A_CONTENT_TYPE, w.contentType());
        assertEquals(AiohttpWire.A_CONTENT_LENGTH, w.contentLength());
    }

    @Test
    void aFormOfTextFieldsOnlyIsUrlEncodedAsAiohttpEncodesIt() {
        FormDataWriter form = new FormDataWriter().addField("a", "1 2").addField("é", "ü&=~*");
        assertFalse(form.isMultipart());
        assertEquals(AiohttpWire.B, new String(form.toUrlEncoded(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aMixedWriterWithANestedOneAndAFileIsWrittenAsAiohttpWritesIt() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "first line\nsecond line\n");
        MultipartWriter w = new MultipartWriter("mixed", AiohttpWire.BOUNDARY);
        w.append("hello");
        w.append(new byte[] {0, 1, 'b', 'y', 't', 'e', 's'}, Headers.of("Content-Type", "application/octet-stream"));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("a", "1");
        form.put("b", "x y");
        w.appendForm(form);
        MultipartWriter inner = new MultipartWriter("alternative", "inner");
        inner.append("plain", Headers.of("Content-Type", "text/plain"));
        inner.append("<b>html</b>", Headers.of("Content-Type", "text/html"));
        w.append(inner);
        w.append("att".getBytes(StandardCharsets.US_ASCII)).setContentDisposition("attachment",
                Map.of("filename", "résumé 1.txt"));
        w.append(notes);
        assertEquals(wire(AiohttpWire.C), written(w));
        assertEquals(AiohttpWire.C_CONTENT_TYPE, w.contentType());
        assertEquals(AiohttpWire.C_CONTENT_LENGTH, w.contentLength());
        assertEquals(6, w.size());
    }

    @Test
    void aPartOfChunksHasNoSizeSoTheWholeHasNone() throws Exception {
        MultipartWriter w = new MultipartWriter("form-data", "XyZ");
        w.append(List.of("abc".getBytes(StandardCharsets.US_ASCII), new byte[0], "defg".getBytes(StandardCharsets.US_ASCII)))
                .setContentDisposition("form-data", Map.of("name", "stream"));
        assertEquals(-1, w.contentLength());
        assertEquals(AiohttpWire.D_CONTENT_TYPE, w.contentType());
        // aiohttp's chunked body, unframed
        assertEquals("--XyZ\r\nContent-Type: application/octet-stream\r\nContent-Disposition: form-data; name=\"stream\""
                + "\r\n\r\nabcdefg\r\n--XyZ--\r\n", written(w));
    }

    @Test
    void namesAndFilenamesAreQuotedAsAiohttpQuotesThem() throws Exception {
        FormDataWriter form = new FormDataWriter().boundary(AiohttpWire.BOUNDARY)
                .addField("n;a\\me", "x")
                .addFile("f", "data".getBytes(StandardCharsets.US_ASCII), "we\"ird\\na;me.txt", "text/plain")
                .addField("empty", "");
        MultipartWriter w = form.toMultipartWriter();
        assertEquals(wire(AiohttpWire.G), written(w));
        assertEquals(AiohttpWire.G_CONTENT_LENGTH, w.contentLength());
    }

    @Test
    void withoutQuotingNamesGoAsUtf8InQuotes() throws Exception {
        FormDataWriter form = new FormDataWriter(false).boundary(AiohttpWire.BOUNDARY)
                .addField("naïve", "x")
                .addFile("f", "data".getBytes(StandardCharsets.US_ASCII), "ü \"q\".txt", null);
        MultipartWriter w = form.toMultipartWriter();
        assertEquals(wire(AiohttpWire.H), written(w));
        assertEquals(AiohttpWire.H_CONTENT_LENGTH, w.contentLength());
    }

    @Test
    void aNonAsciiNameWithQuotingIsRefusedAsAiohttpRefusesIt() {
        // aiohttp writes name*=utf-8''... and then fails its own "name=" check (an AssertionError)
        MultipartWriter w = new FormDataWriter().addField("naïve", "x").addFile("f", new byte[1], null, null)
                .toMultipartWriter();
        assertEquals("form-data; name*=utf-8''na%C3%AFve", w.parts().get(0).headers().get("Content-Disposition"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> written(w));
        assertTrue(e.getMessage().contains("without a name"), e.getMessage());
    }

    @Test
    void bytesWithoutAFilenameAreNamedAfterTheField() throws Exception {
        MultipartWriter w = new FormDataWriter().addFile("blob", new byte[] {1}, null, null).toMultipartWriter();
        assertEquals("form-data; name=\"blob\"; filename=\"blob\"", w.parts().get(0).headers().get("Content-Disposition"));
        assertEquals("application/octet-stream", w.parts().get(0).contentType());
    }

    @Test
    void aFileTakesItsTypeFromItsName() throws Exception {
        Path photo = dir.resolve("beach.jpg");
        Files.write(photo, new byte[] {1, 2, 3});
        MultipartWriter w = new FormDataWriter().addFile("photo", photo).toMultipartWriter();
        assertEquals("image/jpeg", w.parts().get(0).contentType());
        assertEquals("form-data; name=\"photo\"; filename=\"beach.jpg\"", w.parts().get(0).headers().get("Content-Disposition"));
        assertEquals(3, w.parts().get(0).size());
    }

    @Test
    void aFormDataPartWithoutADispositionGetsASectionName() throws Exception {
        MultipartWriter w = new MultipartWriter("form-data", "b");
        w.append("one");
        w.append("two");
        assertEquals("--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: form-data; name=\"section-0\""
                + "\r\n\r\none\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: form-data; "
                + "name=\"section-1\"\r\n\r\ntwo\r\n--b--\r\n", written(w));
    }

    @Test
    void aFormDataPartMayNotCarryALengthOrACoding() {
        MultipartWriter w = new MultipartWriter("form-data");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.append("x", Headers.of("Content-Length", "1")));
        assertTrue(e.getMessage().contains("RFC 7578"), e.getMessage());
        assertEquals(0, w.size());
    }

    @Test
    void codingsTheWriterDoesNotApplyAreRefused() {
        MultipartWriter w = new MultipartWriter();
        assertThrows(IllegalArgumentException.class, () -> w.append("x", Headers.of("Content-Encoding", "gzip")));
        assertThrows(IllegalArgumentException.class,
                () -> w.append("x", Headers.of("Content-Transfer-Encoding", "base64")));
        w.append("x", Headers.of("Content-Transfer-Encoding", "binary"));
        assertEquals(1, w.size());
    }

    @Test
    void aJsonPartIsWrittenAsPythonsJsonDumps() throws Exception {
        MultipartWriter w = new MultipartWriter("mixed", "b");
        w.appendJson(Map.of("a", 1));
        assertEquals("--b\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{\"a\": 1}\r\n--b--\r\n", written(w));
        assertEquals(written(w).length(), w.contentLength());
    }

    @Test
    void aBoundaryThatIsNoTokenIsQuotedInTheContentType() {
        assertEquals("multipart/mixed; boundary=\"a b\"", new MultipartWriter("mixed", "a b").contentType());
        assertEquals("multipart/mixed; boundary=\"a\\\"b\"", new MultipartWriter("mixed", "a\"b").contentType());
        assertEquals("multipart/related; boundary=x.y-z", new MultipartWriter("related", "x.y-z").contentType());
    }

    @Test
    void badBoundariesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MultipartWriter("mixed", "ü"));
        assertThrows(IllegalArgumentException.class, () -> new MultipartWriter("mixed", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> new MultipartWriter("mixed", ""));
        assertThrows(IllegalArgumentException.class, () -> new MultipartWriter("mixed", "x".repeat(71)));
    }

    @Test
    void aRandomBoundaryIs32HexDigitsAndNewEachTime() {
        String a = new MultipartWriter().boundary();
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertNotEquals(a, new MultipartWriter().boundary());
        assertTrue(new MultipartWriter().contentType().startsWith("multipart/mixed; boundary="));
    }
}
