package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.ContentType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Parses a posted form, without I/O: {@code application/x-www-form-urlencoded} (as a query
 * string) and {@code multipart/form-data} (RFC 7578 over RFC 2046's multipart syntax: parts
 * between {@code --boundary} lines, each with its header fields; a part with a {@code filename}
 * is a file). A malformed body is an {@link HttpBadRequest} naming what is wrong.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: aiohttp's {@code BaseRequest.post} and {@code MultipartReader}
 */
final class FormParser {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private FormParser() {
    }

    /** {@code body}, a url-encoded form: names and values percent-decoded (UTF-8), + as space. */
    static FormData urlEncoded(byte[] body) {
        FormData.Builder b = new FormData.Builder();
        String text = new String(body, StandardCharsets.ISO_8859_1).strip();
        for (Map.Entry<String, String> p : UrlCoding.parsePairs(text)) {
            b.add(p.getKey(), p.getValue());
        }
        return b.build();
    }

    /**
     * {@code body}, a multipart form with {@code boundary}; text parts decoded with their own
     * charset, else {@code charset}.
     */
    static FormData multipart(byte[] body, String boundary, Charset charset) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new HttpBadRequest("multipart/form-data without a valid boundary parameter (1 to 70 "
                    + "characters, RFC 2046)");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] between = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        FormData.Builder form = new FormData.Builder();
        // the first delimiter: at the start, or after a preamble ending in CRLF
        int p = startsWith(body, 0, delimiter) ? 0 : indexOf(body, between, 0);
        if (p < 0) {
            throw bad("no \"--" + boundary + "\" delimiter line");
        }
        p += p == 0 && startsWith(body, 0, delimiter) ? delimiter.length : between.length;
        while (true) {
            if (startsWith(body, p, new byte[] {'-', '-'})) {
                return form.build(); // the close delimiter; an epilogue after it is ignored
            }
            while (p < body.length && (body[p] == ' ' || body[p] == '\t')) {
                p++; // transport padding
            }
            if (!startsWith(body, p, CRLF)) {
                throw bad("a delimiter line not ended by CRLF");
            }
            p += 2;
            int headEnd = startsWith(body, p, CRLF) ? p : indexOf(body, HEAD_END, p);
            if (headEnd < 0) {
                throw bad("a part whose header fields do not end");
            }
            Headers h = partHeaders(body, p, headEnd);
            p = headEnd + (headEnd == p ? 2 : 4);
            int end = indexOf(body, between, p);
            if (end < 0) {
                throw bad("a part with no delimiter after it (the body is cut short?)");
            }
            addPart(form, h, Arrays.copyOfRange(body, p, end), charset);
            p = end + between.length;
        }
    }

    private static void addPart(FormData.Builder form, Headers h, byte[] content, Charset fallback) {
        // as aiohttp's post() (and MultipartForm): the name parameter, whatever the disposition type
        String disposition = h.get("Content-Disposition");
        String name = disposition == null ? null : ContentType.parameter(disposition, "name");
        if (name == null) {
            throw bad("a part without a name in its Content-Disposition (RFC 7578 §4.2)");
        }
        String filename = ContentType.parameter(disposition, "filename");
        String contentType = h.get("Content-Type");
        if (filename != null && !filename.isEmpty()) { // aiohttp's `if field.filename`
            form.add(name, new FileField(name, filename,
                    contentType == null ? "application/octet-stream" : ContentType.mediaType(contentType), content, h));
        } else {
            form.add(name, new String(content, ContentType.charsetOr(contentType, fallback)));
        }
    }

    private static Headers partHeaders(byte[] body, int from, int to) {
        Headers h = new Headers();
        if (from >= to) {
            return h;
        }
        for (String line : new String(body, from, to - from, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw bad("a part header line without a name: \"" + line + "\"");
            }
            h.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return h;
    }

    private static HttpBadRequest bad(String what) {
        return new HttpBadRequest("Malformed multipart/form-data body: " + what);
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at < 0 || b.length - at < prefix.length) {
            return false;
        }
        return Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] b, byte[] sep, int from) {
        outer:
        for (int i = Math.max(0, from); i <= b.length - sep.length; i++) {
            if (b[i] != sep[0]) {
                continue;
            }
            for (int k = 1; k < sep.length; k++) {
                if (b[i + k] != sep[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
