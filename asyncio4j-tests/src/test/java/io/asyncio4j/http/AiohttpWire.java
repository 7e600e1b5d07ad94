package io.asyncio4j.http;

import java.nio.charset.StandardCharsets;

/**
 * Request bodies as aiohttp 3.8.4's client wrote them, captured byte for byte from the socket
 * (an aiohttp ClientSession posting to a plain asyncio socket server; uuid4 fixed so the random
 * boundary is {@link #BOUNDARY}). Each constant is the body as ISO-8859-1 text, one char per byte;
 * {@code FILE} stands for the 512-byte file upload.bin ({@code bytes(range(256)) * 2}), spliced in
 * by {@link #bytes(String)}. The client's tests compare what the encoder writes with them, the
 * server's parse them.
 */
public final class AiohttpWire {
    private AiohttpWire() {
    }

    /** The boundary aiohttp drew (uuid4().hex, fixed for the capture). */
    public static final String BOUNDARY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /** The content of upload.bin: bytes 0 to 255, twice. */
    public static byte[] file() {
        byte[] b = new byte[512];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** A body constant's bytes, the file spliced in where it says FILE. */
    public static byte[] bytes(String wire) {
        return wire.replace(FILE_MARK, new String(file(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String FILE_MARK = "<<FILE>>";

    /** aiohttp.FormData(): add_field("title", "Grüße"); add_field("upload", b"line 1\r\nline 2", filename="notes.txt", content_type="text/plain"); add_field('say "hi"', "x"); add_field("file", open(upload.bin), filename="my file ü.bin", content_type="application/octet-stream"); add_field("doc", open(upload.bin), filename="a.txt"). Content-Type: multipart/form-data; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90; Content-Length: 1781 */
    public static final String A = "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n"
            + "\r\n"
            + "Gr\u00c3\u00bc\u00c3\u009fe\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n"
            + "\r\n"
            + "line 1\r\n"
            + "line 2\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Disposition: form-data; name=\"say\\ \\\"hi\\\"\"\r\n"
            + "\r\n"
            + "x\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"my%20file%20%C3%BC.bin\"\r\n"
            + "\r\n"
            + "<<FILE>>\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n"
            + "\r\n"
            + "<<FILE>>\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90--\r\n"
            + "";

    /** The Content-Type aiohttp sent with {@link #A}. */
    public static final String A_CONTENT_TYPE = "multipart/form-data; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /** The Content-Length aiohttp sent with {@link #A}. */
    public static final long A_CONTENT_LENGTH = 1781;

    /** aiohttp.FormData(): add_field("a", "1 2"); add_field("é", "ü&=~*") (text only: url-encoded). Content-Type: application/x-www-form-urlencoded; Content-Length: 29 */
    public static final String B = "a=1+2&%C3%A9=%C3%BC%26%3D~%2A";

    /** The Content-Type aiohttp sent with {@link #B}. */
    public static final String B_CONTENT_TYPE = "application/x-www-form-urlencoded";

    /** The Content-Length aiohttp sent with {@link #B}. */
    public static final long B_CONTENT_LENGTH = 29;

    /** aiohttp.MultipartWriter("mixed"): append("hello"); append(b"\x00\x01bytes", {"Content-Type": "application/octet-stream"}); append_form([("a", "1"), ("b", "x y")]); append(MultipartWriter("alternative", boundary="inner") with append("plain", {"Content-Type": "text/plain"}), append("<b>html</b>", {"Content-Type": "text/html"})); append(b"att").set_content_disposition("attachment", filename="résumé 1.txt"); append(open(notes.txt)). Content-Type: multipart/mixed; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90; Content-Length: 959 */
    public static final String C = "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 5\r\n"
            + "\r\n"
            + "hello\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Length: 7\r\n"
            + "\r\n"
            + "\u0000\u0001bytes\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 9\r\n"
            + "\r\n"
            + "a=1&b=x+y\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: multipart/alternative; boundary=inner\r\n"
            + "Content-Length: 143\r\n"
            + "\r\n"
            + "--inner\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 5\r\n"
            + "\r\n"
            + "plain\r\n"
            + "--inner\r\n"
            + "Content-Type: text/html\r\n"
            + "Content-Length: 11\r\n"
            + "\r\n"
            + "<b>html</b>\r\n"
            + "--inner--\r\n"
            + "\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Length: 3\r\n"
            + "Content-Disposition: attachment; filename=\"r%C3%A9sum%C3%A9%201.txt\"\r\n"
            + "\r\n"
            + "att\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Disposition: attachment; filename=\"notes.txt\"\r\n"
            + "Content-Length: 23\r\n"
            + "\r\n"
            + "first line\n"
            + "second line\n"
            + "\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90--\r\n"
            + "";

    /** The Content-Type aiohttp sent with {@link #C}. */
    public static final String C_CONTENT_TYPE = "multipart/mixed; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /** The Content-Length aiohttp sent with {@link #C}. */
    public static final long C_CONTENT_LENGTH = 959;

    /** aiohttp.MultipartWriter("form-data", boundary="XyZ"): append(async generator yielding b"abc", b"", b"defg").set_content_disposition("form-data", name="stream"); sent chunked: this is the chunked body as on the wire. Content-Type: multipart/form-data; boundary=XyZ; Transfer-Encoding: chunked */
    public static final String D = "7\r\n"
            + "--XyZ\r\n"
            + "\r\n"
            + "59\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Disposition: form-data; name=\"stream\"\r\n"
            + "\r\n"
            + "\r\n"
            + "3\r\n"
            + "abc\r\n"
            + "4\r\n"
            + "defg\r\n"
            + "2\r\n"
            + "\r\n"
            + "\r\n"
            + "9\r\n"
            + "--XyZ--\r\n"
            + "\r\n"
            + "0\r\n"
            + "\r\n"
            + "";

    /** The Content-Type aiohttp sent with {@link #D}. */
    public static final String D_CONTENT_TYPE = "multipart/form-data; boundary=XyZ";

    /** data=async generator yielding b"hello ", b"", b"world": the chunked body as on the wire. Content-Type: application/octet-stream; Transfer-Encoding: chunked */
    public static final String E = "6\r\n"
            + "hello \r\n"
            + "5\r\n"
            + "world\r\n"
            + "0\r\n"
            + "\r\n"
            + "";

    /** The Content-Type aiohttp sent with {@link #E}. */
    public static final String E_CONTENT_TYPE = "application/octet-stream";

    /** data=open(upload.bin). Content-Type: application/octet-stream; Content-Length: 512 */
    public static final String F = "<<FILE>>";

    /** The Content-Type aiohttp sent with {@link #F}. */
    public static final String F_CONTENT_TYPE = "application/octet-stream";

    /** The Content-Length aiohttp sent with {@link #F}. */
    public static final long F_CONTENT_LENGTH = 512;

    /** aiohttp.FormData(): add_field("n;a\\me", "x"); add_field("f", b"data", filename='we"ird\\na;me.txt', content_type="text/plain"); add_field("empty", ""). Content-Type: multipart/form-data; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90; Content-Length: 442 */
    public static final String G = "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Disposition: form-data; name=\"n;a\\\\me\"\r\n"
            + "\r\n"
            + "x\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Disposition: form-data; name=\"f\"; filename=\"we%22ird%5Cna%3Bme.txt\"\r\n"
            + "\r\n"
            + "data\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Disposition: form-data; name=\"empty\"\r\n"
            + "\r\n"
            + "\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90--\r\n"
            + "";

    /** The Content-Type aiohttp sent with {@link #G}. */
    public static final String G_CONTENT_TYPE = "multipart/form-data; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /** The Content-Length aiohttp sent with {@link #G}. */
    public static final long G_CONTENT_LENGTH = 442;

    /** aiohttp.FormData(quote_fields=False): add_field("naïve", "x"); add_field("f", b"data", filename='ü "q".txt'). Content-Type: multipart/form-data; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90; Content-Length: 318 */
    public static final String H = "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Disposition: form-data; name=\"na\u00c3\u00afve\"\r\n"
            + "\r\n"
            + "x\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Disposition: form-data; name=\"f\"; filename=\"\u00c3\u00bc \\\"q\\\".txt\"\r\n"
            + "\r\n"
            + "data\r\n"
            + "--a1b2c3d4e5f60718293a4b5c6d7e8f90--\r\n"
            + "";

    /** The Content-Type aiohttp sent with {@link #H}. */
    public static final String H_CONTENT_TYPE = "multipart/form-data; boundary=a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /** The Content-Length aiohttp sent with {@link #H}. */
    public static final long H_CONTENT_LENGTH = 318;

}
