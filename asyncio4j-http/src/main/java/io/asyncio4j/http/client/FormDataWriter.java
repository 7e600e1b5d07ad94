package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.ContentDisposition;
import io.asyncio4j.http.internal.ContentType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form to send ({@link RequestOptions#withFormData}), built field by field as aiohttp's
 * {@code FormData}: text fields and files — from bytes, from a {@link Path} streamed from disk when
 * the request is written (never held whole), or from chunks an iterator hands out. With a file, a
 * content type or a filename among its fields it goes as {@code multipart/form-data}
 * ({@link #toMultipartWriter()}: each part {@code Content-Type} then
 * {@code Content-Disposition: form-data; name="..."; filename="..."}, quoted as aiohttp quotes
 * them, no Content-Length per part); with text fields only, as
 * {@code application/x-www-form-urlencoded}, as aiohttp does.
 * <pre>{@code
 * FormDataWriter form = new FormDataWriter()
 *         .addField("title", "Holiday")
 *         .addFile("photo", Path.of("beach.jpg"));                  // image/jpeg, filename="beach.jpg"
 * session.post(url, RequestOptions.defaults().withFormData(form));
 * }</pre>
 * Named {@code FormDataWriter}, not {@code FormData}: the server's {@link io.asyncio4j.http.web.FormData}
 * is the form a request posted (what {@code request.post()} gives); this one writes a form, as
 * {@link MultipartWriter} writes a multipart body.
 * <p>
 * Threading: built by one task (mutable); the writer it makes is read when the request is sent.
 * <p>
 * asyncio: {@code aiohttp.FormData}
 */
public final class FormDataWriter {
    /** One field: a value (String, byte[], Path or Iterable of chunks) and what was given with it. */
    private record Field(String name, Object value, String contentType, String filename) {
    }

    private final List<Field> fields = new ArrayList<>();
    private final boolean quoteFields;
    private boolean multipart;
    private String boundary;

    /** An empty form whose names and filenames are quoted as aiohttp's default. asyncio: {@code FormData()} */
    public FormDataWriter() {
        this(true);
    }

    /**
     * An empty form; {@code quoteFields} false writes names and filenames in quotes as they are
     * (non-ASCII as UTF-8) instead of percent-encoding or {@code name*=}. asyncio: {@code FormData(quote_fields=)}
     */
    public FormDataWriter(boolean quoteFields) {
        this.quoteFields = quoteFields;
    }

    /** A text field. asyncio: {@code form.add_field(name, value)} */
    public FormDataWriter addField(String name, String value) {
        return add(name, value, null, null);
    }

    /**
     * A text field of {@code contentType} (its charset encodes the text; UTF-8 if it names none):
     * the form goes as multipart. asyncio: {@code form.add_field(name, value, content_type=)}
     */
    public FormDataWriter addField(String name, String value, String contentType) {
        return add(name, value, contentType, null);
    }

    /**
     * A file of {@code data} (copied) named {@code filename} ({@code name} when null, as aiohttp
     * names bytes), of {@code contentType} ({@code application/octet-stream} when null).
     * asyncio: {@code form.add_field(name, data, filename=, content_type=)}
     */
    public FormDataWriter addFile(String name, byte[] data, String filename, String contentType) {
        return add(name, data.clone(), contentType, filename == null ? name : filename);
    }

    /**
     * A file streamed from {@code file} when the request is written, named as the file, of the
     * type its name says ({@code application/octet-stream} if unknown).
     * asyncio: {@code form.add_field(name, open(path, "rb"))}
     */
    public FormDataWriter addFile(String name, Path file) {
        return addFile(name, file, null, null);
    }

    /**
     * A file streamed from {@code file}, named {@code filename} (the file's name when null), of
     * {@code contentType} (from the file's name when null).
     * asyncio: {@code form.add_field(name, open(path, "rb"), filename=, content_type=)}
     */
    public FormDataWriter addFile(String name, Path file, String filename, String contentType) {
        Path base = file.getFileName();
        return add(name, file, contentType, filename != null ? filename : base == null ? name : base.toString());
    }

    /**
     * A file whose content {@code chunks} hands out, iterated once when the request is written (an
     * {@link io.asyncio4j.AsyncGenerator} may produce it as it goes); the request goes chunked.
     * asyncio: {@code form.add_field(name, async_generator, filename=, content_type=)}
     */
    public FormDataWriter addFile(String name, Iterable<byte[]> chunks, String filename, String contentType) {
        return add(name, chunks, contentType, filename == null ? name : filename);
    }

    /**
     * Uses {@code boundary} instead of a random one (for a reproducible body). asyncio: none
     * (aiohttp's FormData always draws one)
     */
    public FormDataWriter boundary(String boundary) {
        new MultipartWriter("form-data", boundary); // checks it
        this.boundary = boundary;
        return this;
    }

    private FormDataWriter add(String name, Object value, String contentType, String filename) {
        if (name == null) {
            throw new NullPointerException("FormDataWriter: the field name is null");
        }
        if (value == null) {
            throw new NullPointerException("FormDataWriter: the value of field \"" + name + "\" is null");
        }
        fields.add(new Field(name, value, contentType, filename));
        multipart |= contentType != null || filename != null;
        return this;
    }

    /** Whether it goes as multipart/form-data (a file, a content type or a filename given). asyncio: {@code form.is_multipart} */
    public boolean isMultipart() {
        return multipart;
    }

    /**
     * The form as a {@code multipart/form-data} writer (whatever {@link #isMultipart()} says).
     * asyncio: {@code form._gen_form_data()}
     */
    public MultipartWriter toMultipartWriter() {
        MultipartWriter w = boundary == null ? new MultipartWriter("form-data") : new MultipartWriter("form-data", boundary);
        for (Field f : fields) {
            Headers h = new Headers();
            RequestBody body;
            String type = f.contentType;
            if (f.value instanceof String text) {
                Charset cs = type == null ? StandardCharsets.UTF_8 : ContentType.charsetOr(type, StandardCharsets.UTF_8);
                body = RequestBody.of(text.getBytes(cs));
                type = type == null ? "text/plain; charset=utf-8" : type;
            } else if (f.value instanceof byte[] data) {
                body = RequestBody.of(data);
                type = type == null ? "application/octet-stream" : type;
            } else if (f.value instanceof Path file) {
                body = RequestBody.of(file);
                type = type == null ? RequestBody.guessContentType(file) : type;
            } else {
                @SuppressWarnings("unchecked")
                Iterable<byte[]> chunks = (Iterable<byte[]>) f.value;
                body = RequestBody.of(chunks);
                type = type == null ? "application/octet-stream" : type;
            }
            h.add("Content-Type", type);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("name", f.name);
            if (f.filename != null) {
                params.put("filename", f.filename);
            }
            MultipartWriter.Part p = w.appendPart(body, h);
            p.setContentDisposition("form-data", quoteFields, params);
        }
        return w;
    }

    /**
     * The text fields url-encoded as Python's {@code urlencode} does them (UTF-8, space as
     * {@code +}, nothing left unescaped but {@code A-Za-z0-9_.-~}); files' values are not text and
     * have no place there. asyncio: {@code form._gen_form_urlencoded()}
     *
     * @throws IllegalStateException if the form holds a file
     */
    public byte[] toUrlEncoded() {
        StringBuilder b = new StringBuilder();
        for (Field f : fields) {
            if (!(f.value instanceof String text)) {
                throw new IllegalStateException("FormDataWriter.toUrlEncoded(): the field \"" + f.name + "\" is a file; "
                        + "a form with files goes as multipart (toMultipartWriter())");
            }
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(quotePlus(f.name)).append('=').append(quotePlus(text));
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Python's {@code urlencode(fields, doseq=True)}: a list (any Iterable) value repeats its name. */
    static String urlencode(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            // a single value may be null (Python's None); List.of refuses nulls
            Iterable<?> values = e.getValue() instanceof Iterable<?> it ? it : java.util.Collections.singletonList(e.getValue());
            for (Object v : values) {
                if (!b.isEmpty()) {
                    b.append('&');
                }
                b.append(quotePlus(e.getKey())).append('=').append(quotePlus(PyRepr.str(v)));
            }
        }
        return b.toString();
    }

    /** Python's {@code quote_plus} over UTF-8. */
    static String quotePlus(String s) {
        return io.asyncio4j.http.internal.PercentEncoding.quote(s, "_.-~", true);
    }

    /** {@code <FormDataWriter multipart fields=3>}. asyncio: {@code repr(form)} */
    @Override
    public String toString() {
        return "<FormDataWriter " + (multipart ? "multipart" : "urlencoded") + " fields=" + fields.size() + ">";
    }
}
