package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.ContentDisposition;
import io.asyncio4j.http.internal.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A multipart body to send ({@link RequestOptions#withMultipart}): parts appended in order, each
 * with its header fields, written as aiohttp 3.8 writes them, byte for byte:
 * <pre>
 * --boundary CRLF
 * Content-Type: ... CRLF             (the part's fields, in order)
 * Content-Length: N CRLF             (outside form-data, when the size is known)
 * CRLF
 * content CRLF
 * ...
 * --boundary-- CRLF
 * </pre>
 * The request's Content-Type is {@link #contentType()}; its Content-Length the whole size when
 * every part's is known (bytes, text, files), else it goes {@code Transfer-Encoding: chunked} (a
 * part made of chunks). Files are streamed from disk when the request is written, never held
 * whole. A part may itself be a {@code MultipartWriter} (a nested multipart).
 * <pre>{@code
 * MultipartWriter mp = new MultipartWriter("mixed");
 * mp.append("hello");                                           // text/plain; charset=utf-8
 * mp.append(Path.of("report.pdf")).setContentDisposition("attachment", Map.of("filename", "report.pdf"));
 * session.post(url, RequestOptions.defaults().withMultipart(mp));
 * }</pre>
 * In a {@code form-data} writer a part gets {@code Content-Disposition: form-data; name="section-N"}
 * unless it has one, and may carry no Content-Length (RFC 7578); {@link FormDataWriter} builds
 * forms with names and filenames. Not there (aiohttp has them): a part's
 * {@code Content-Encoding} / {@code Content-Transfer-Encoding} applied while writing — encode
 * the content yourself; giving those fields is refused.
 * <p>
 * Threading: built by one task; written by the task sending the request (may suspend there).
 * <p>
 * asyncio: {@code aiohttp.MultipartWriter}
 */
public final class MultipartWriter {
    private static final Pattern TOKEN_BOUNDARY = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");
    private static final Pattern INVALID_QDTEXT = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");
    private static final byte[] CRLF = {'\r', '\n'};

    private final String subtype;
    private final String boundary;
    private final String contentType;
    private final boolean formData;
    private final List<Part> parts = new ArrayList<>();

    /**
     * One appended part: its content and its header fields (changeable until the request is sent).
     * asyncio: the {@code Payload} that {@code MultipartWriter.append} returns
     */
    public static final class Part {
        private final RequestBody body;
        private final Headers headers;

        Part(RequestBody body, Headers headers) {
            this.body = body;
            this.headers = headers;
        }

        /** The part's header fields, in the order they are written; changeable. asyncio: {@code payload.headers} */
        public Headers headers() {
            return headers;
        }

        /** The part's Content-Type. asyncio: {@code payload.content_type} */
        public String contentType() {
            return headers.get("Content-Type");
        }

        /**
         * Sets its Content-Disposition: {@code disptype} with {@code params} in order, as aiohttp
         * quotes them (a filename percent-encoded, another value a quoted-string or
         * {@code name*=utf-8''...}). asyncio: {@code payload.set_content_disposition(disptype, **params)}
         *
         * @throws IllegalArgumentException for a type or parameter name that is not a token
         */
        public Part setContentDisposition(String disptype, Map<String, String> params) {
            return setContentDisposition(disptype, true, params);
        }

        /**
         * {@link #setContentDisposition(String, Map)}; {@code quoteFields} false puts every value in
         * quotes as it is (non-ASCII as UTF-8), for receivers that take 8-bit names.
         * asyncio: {@code payload.set_content_disposition(disptype, quote_fields=, **params)}
         */
        public Part setContentDisposition(String disptype, boolean quoteFields, Map<String, String> params) {
            String value = ContentDisposition.header(disptype, quoteFields, params);
            // one char per byte, as every header here: a non-ASCII value goes as its UTF-8 bytes (aiohttp's encoding)
            headers.set("Content-Disposition",
                    new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            return this;
        }

        /** The content's size in bytes, or -1 when unknown (chunks). May do I/O. asyncio: {@code payload.size} */
        public long size() throws IOException {
            return body.size();
        }

        RequestBody body() {
            return body;
        }

        /** The header block as written: {@code name: value CRLF} each, then CRLF. */
        byte[] binaryHeaders() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < headers.size(); i++) {
                b.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
            }
            return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return "<MultipartWriter.Part " + contentType() + " " + body.describe() + ">";
        }
    }

    /** A {@code multipart/mixed} writer with a random boundary. asyncio: {@code MultipartWriter()} */
    public MultipartWriter() {
        this("mixed");
    }

    /** A {@code multipart/<subtype>} writer with a random boundary (32 hex digits). asyncio: {@code MultipartWriter(subtype)} */
    public MultipartWriter(String subtype) {
        this(subtype, UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * A {@code multipart/<subtype>} writer with {@code boundary}: as it is in the Content-Type when
     * it is a token, in quotes (with {@code \} and {@code "} escaped) otherwise.
     * asyncio: {@code MultipartWriter(subtype, boundary)}
     *
     * @throws IllegalArgumentException for a boundary that is not ASCII, empty, over 70 characters
     *         (RFC 2046), or holds a control character
     */
    public MultipartWriter(String subtype, String boundary) {
        if (subtype == null || subtype.isEmpty()) {
            throw new IllegalArgumentException("MultipartWriter: the subtype is empty; give mixed, form-data, "
                    + "alternative...");
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("MultipartWriter: the boundary must be 1 to 70 characters (RFC 2046); got "
                    + (boundary == null ? "null" : boundary.length()));
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            throw new IllegalArgumentException("MultipartWriter: the boundary should contain ASCII only chars");
        }
        String value;
        if (TOKEN_BOUNDARY.matcher(boundary).matches()) {
            value = boundary;
        } else if (INVALID_QDTEXT.matcher(boundary).find()) {
            throw new IllegalArgumentException("MultipartWriter: the boundary value contains invalid characters");
        } else {
            value = "\"" + boundary.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        this.subtype = subtype;
        this.boundary = boundary;
        this.formData = subtype.equals("form-data");
        this.contentType = "multipart/" + subtype + "; boundary=" + value;
    }

    /** The boundary. asyncio: {@code writer.boundary} */
    public String boundary() {
        return boundary;
    }

    /** The subtype ({@code mixed}, {@code form-data}...). asyncio: none (in {@code writer.content_type}) */
    public String subtype() {
        return subtype;
    }

    /** {@code multipart/<subtype>; boundary=<boundary>}: the request's Content-Type. asyncio: {@code writer.content_type} */
    public String contentType() {
        return contentType;
    }

    /** The parts, in order (unmodifiable). asyncio: {@code list(writer)} */
    public List<Part> parts() {
        return Collections.unmodifiableList(parts);
    }

    /** How many parts. asyncio: {@code len(writer)} */
    public int size() {
        return parts.size();
    }

    /** A part of {@code data}, {@code application/octet-stream}. asyncio: {@code writer.append(b"...")} */
    public Part append(byte[] data) {
        return append(data, null);
    }

    /**
     * A part of {@code data} (copied), {@code application/octet-stream} unless {@code headers} give
     * a Content-Type; their fields replace the defaults of the same name, the others follow.
     * asyncio: {@code writer.append(b"...", headers)}
     */
    public Part append(byte[] data, Headers headers) {
        return add(RequestBody.of(data.clone()), "application/octet-stream", headers);
    }

    /** A part of {@code text} in UTF-8, {@code text/plain; charset=utf-8}. asyncio: {@code writer.append("...")} */
    public Part append(String text) {
        return append(text, null);
    }

    /** {@link #append(String)} with {@code headers} (a Content-Type there replaces the default; the text stays UTF-8). asyncio: {@code writer.append("...", headers)} */
    public Part append(String text, Headers headers) {
        return add(RequestBody.of(text.getBytes(StandardCharsets.UTF_8)), "text/plain; charset=utf-8", headers);
    }

    /**
     * A part streamed from {@code file} when the request is written, of the type its name says
     * ({@code application/octet-stream} if unknown), with
     * {@code Content-Disposition: attachment; filename="<its name>"} as aiohttp gives a file object.
     * asyncio: {@code writer.append(open(path, "rb"))}
     *
     * @throws IOException if the file's size cannot be read (outside form-data it is sent as Content-Length)
     */
    public Part append(Path file) throws IOException {
        return append(file, null);
    }

    /** {@link #append(Path)} with {@code headers}. asyncio: {@code writer.append(open(path, "rb"), headers)} */
    public Part append(Path file, Headers headers) throws IOException {
        Headers h = new Headers();
        h.add("Content-Type", RequestBody.guessContentType(file));
        merge(h, headers);
        Path name = file.getFileName();
        if (name != null && !h.contains("Content-Disposition")) {
            h.set("Content-Disposition", ContentDisposition.header("attachment", true, Map.of("filename", name.toString())));
        }
        return append(new Part(RequestBody.of(file), h));
    }

    /**
     * A part of the chunks {@code chunks} hands out, iterated once when the request is written (an
     * {@link io.asyncio4j.AsyncGenerator} may produce them as it goes); its size is unknown, so
     * the request goes chunked. {@code application/octet-stream}.
     * asyncio: {@code writer.append(async_generator)}
     */
    public Part append(Iterable<byte[]> chunks) {
        return append(chunks, null);
    }

    /** {@link #append(Iterable)} with {@code headers}. asyncio: {@code writer.append(async_generator, headers)} */
    public Part append(Iterable<byte[]> chunks, Headers headers) {
        return add(RequestBody.of(chunks), "application/octet-stream", headers);
    }

    /** A nested multipart part. asyncio: {@code writer.append(other_writer)} */
    public Part append(MultipartWriter nested) {
        return append(nested, null);
    }

    /** {@link #append(MultipartWriter)} with {@code headers}. asyncio: {@code writer.append(other_writer, headers)} */
    public Part append(MultipartWriter nested, Headers headers) {
        if (nested == this) {
            throw new IllegalArgumentException("MultipartWriter.append(): a writer cannot be a part of itself");
        }
        return add(RequestBody.of(nested), nested.contentType, headers);
    }

    /**
     * A part of {@code value} as JSON (Jackson), {@code application/json}. Jackson writes no spaces
     * ({@code {"a":1}}); Python's {@code json.dumps} writes {@code {"a": 1}}: same JSON, other bytes.
     * asyncio: {@code writer.append_json(value)}
     */
    public Part appendJson(Object value) {
        return appendJson(value, null);
    }

    /** {@link #appendJson(Object)} with {@code headers}. asyncio: {@code writer.append_json(value, headers)} */
    public Part appendJson(Object value, Headers headers) {
        return add(RequestBody.of(Json.write(value)), "application/json", headers);
    }

    /**
     * A part of {@code fields} url-encoded as Python's {@code urlencode(doseq=True)} does it (a list
     * value repeats its name), {@code application/x-www-form-urlencoded}.
     * asyncio: {@code writer.append_form(fields)}
     */
    public Part appendForm(Map<String, ?> fields) {
        return appendForm(fields, null);
    }

    /** {@link #appendForm(Map)} with {@code headers}. asyncio: {@code writer.append_form(fields, headers)} */
    public Part appendForm(Map<String, ?> fields, Headers headers) {
        return add(RequestBody.of(FormDataWriter.urlencode(fields).getBytes(StandardCharsets.US_ASCII)),
                "application/x-www-form-urlencoded", headers);
    }

    private Part add(RequestBody body, String defaultType, Headers given) {
        Headers h = new Headers();
        h.add("Content-Type", defaultType);
        merge(h, given);
        try {
            return append(new Part(body, h));
        } catch (IOException e) {
            // a nested writer with a file whose size cannot be read
            throw new java.io.UncheckedIOException("MultipartWriter.append(): cannot read the size of the part", e);
        }
    }

    /** A part with {@code headers} as they are (FormDataWriter's, which sets their Content-Disposition). */
    Part appendPart(RequestBody body, Headers headers) {
        try {
            return append(new Part(body, headers));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("MultipartWriter.append(): cannot read the size of the part", e);
        }
    }

    /** aiohttp's {@code headers.update(given)}: a given name replaces the field of that name where it is. */
    private static void merge(Headers into, Headers given) {
        if (given == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String name = given.name(i);
            if (seen.add(name.toLowerCase(Locale.ROOT))) {
                into.set(name, given.value(i));
            } else {
                into.add(name, given.value(i));
            }
        }
    }

    /** aiohttp's {@code append_payload}: the form-data rules, or the Content-Length of a known size. */
    private Part append(Part p) throws IOException {
        Headers h = p.headers;
        if (formData) {
            for (String refused : List.of("Content-Encoding", "Content-Length", "Content-Transfer-Encoding")) {
                if (h.contains(refused)) {
                    throw new IllegalArgumentException("MultipartWriter.append(): a form-data part may not carry "
                            + refused + " (RFC 7578 section 4.7/4.8); remove the field");
                }
            }
            if (!h.contains("Content-Disposition")) {
                p.setContentDisposition("form-data", Map.of("name", "section-" + parts.size()));
            }
        } else {
            String ce = h.get("Content-Encoding");
            if (ce != null && !ce.equalsIgnoreCase("identity")) {
                throw new IllegalArgumentException("MultipartWriter.append(): Content-Encoding " + ce + " is not "
                        + "applied by this writer (aiohttp compresses the part); compress the content yourself, or "
                        + "leave the field out");
            }
            String te = h.get("Content-Transfer-Encoding");
            if (te != null && !te.equalsIgnoreCase("binary")) {
                throw new IllegalArgumentException("MultipartWriter.append(): Content-Transfer-Encoding " + te
                        + " is not applied by this writer (aiohttp encodes the part); encode the content yourself, "
                        + "or leave the field out");
            }
            long size = p.body.size();
            if (size >= 0) {
                h.set("Content-Length", Long.toString(size));
            }
        }
        parts.add(p);
        return p;
    }

    /**
     * The size of the whole body in bytes, delimiters included, or -1 if a part's is unknown (then
     * the request goes chunked). May do I/O (files' sizes). asyncio: {@code writer.size}
     */
    public long contentLength() throws IOException {
        long total = 0;
        int b = boundary.length();
        for (Part p : parts) {
            long size = p.body.size();
            if (size < 0) {
                return -1;
            }
            total += 2 + b + 2 + size + p.binaryHeaders().length + 2;
        }
        return total + 2 + b + 4;
    }

    /** Whether the body can be written again (no part made of chunks an iterator hands out once). */
    boolean replayable() {
        for (Part p : parts) {
            if (!p.body.replayable()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the body to {@code out}, as it goes on the wire without the chunked framing: for a
     * test, or a body kept in a file. Files are read piece by piece. May suspend (reading files, a
     * part's chunks). asyncio: {@code await writer.write(writer)}
     */
    public void writeTo(OutputStream out) throws IOException {
        writeTo(b -> out.write(b));
    }

    /**
     * Writes each piece as aiohttp does, one {@code write} each (in a chunked request each is a
     * chunk): the delimiter line, the header block, the content's pieces, the CRLF; at the end the
     * close delimiter line.
     */
    void writeTo(RequestBody.Sink sink) throws IOException {
        byte[] dash = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (Part p : parts) {
            if (formData) {
                String d = p.headers.get("Content-Disposition");
                if (d == null || !d.contains("name=")) {
                    throw new IllegalStateException("MultipartWriter: a form-data part without a name in its "
                            + "Content-Disposition (" + d + "); give it one with setContentDisposition(\"form-data\", "
                            + "Map.of(\"name\", ...))");
                }
            }
            sink.write(dash);
            sink.write(p.binaryHeaders());
            p.body.writeTo(sink);
            sink.write(CRLF);
        }
        sink.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code <MultipartWriter multipart/mixed; boundary=... parts=2>}. asyncio: {@code repr(writer)} */
    @Override
    public String toString() {
        return "<MultipartWriter " + contentType + " parts=" + parts.size() + ">";
    }
}
