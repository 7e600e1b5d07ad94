package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.ContentDisposition;
import io.asyncio4j.http.internal.ContentType;
import io.asyncio4j.http.internal.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * One part of a multipart body ({@link MultipartReader#next()}): its header fields, its
 * Content-Disposition's {@link #name()} and {@link #filename()}, and its content, read as it
 * arrives — in pieces ({@link #readChunk(int)}, nothing held but the piece) or whole
 * ({@link #read()}, {@link #text()}, {@link #json()}, {@link #form()}). The content ends at the
 * next delimiter; for a part of a multipart other than {@code form-data} that has a
 * {@code Content-Length} (RFC 7578 forbids it in forms), after that many bytes, as in aiohttp.
 * <p>
 * Decoding, as aiohttp's {@code read(decode=True)}: {@link #read()} and {@link #readChunk} give the
 * bytes as sent; {@link #read(boolean) read(true)}, {@link #text()}, {@link #json()} and
 * {@link #form()} undo a {@code Content-Transfer-Encoding} ({@code base64},
 * {@code quoted-printable}; {@code binary}, {@code 8bit}, {@code 7bit} as they are) and, outside
 * {@code form-data}, a {@code Content-Encoding} ({@code deflate}, {@code gzip}, {@code identity}).
 * An unknown coding is a {@link MultipartException}.
 * <p>
 * States: READING (content still to come) → AT_EOF (read or released to the delimiter; final),
 * shown by {@link #atEof()} and {@link #toString()}. Whole reads are not kept: a second
 * {@link #read()} gives an empty array, as in aiohttp.
 * <p>
 * Threading: the task handling the request, one read at a time; reads may suspend.
 * <p>
 * asyncio: {@code aiohttp.BodyPartReader}
 */
public final class BodyPartReader implements MultipartPart {
    /** The piece size of {@link #read()} and {@link #release()}, as aiohttp's {@code chunk_size}. */
    public static final int CHUNK_SIZE = 8192;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] CRLF = {'\r', '\n'};

    private final Headers headers;
    private final RequestContent content;
    private final byte[] delimiter; // CRLF "--" boundary
    private final boolean formData;
    private final long length;      // a non-form part's Content-Length, or -1
    private long readBytes;
    private boolean atEof;
    // stream mode: the buffered bytes at the front known to be this part's (no delimiter starts in
    // them), and whether the delimiter follows them at once
    private int clean;
    private boolean delimiterNext;
    private ContentDisposition.Parsed disposition;

    BodyPartReader(Headers headers, RequestContent content, byte[] delimiter, boolean formData) {
        this.headers = headers;
        this.content = content;
        this.delimiter = delimiter;
        this.formData = formData;
        long n = -1;
        String cl = formData ? null : headers.get("Content-Length");
        if (cl != null) {
            try {
                n = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                throw new MultipartException("a part's Content-Length is not a number: \"" + cl + "\"");
            }
            if (n < 0) {
                throw new MultipartException("a part's Content-Length is negative: " + n);
            }
        }
        this.length = n > 0 ? n : -1; // aiohttp's `if self._length:` — 0 reads to the delimiter
    }

    /** The part's header fields (one char per byte, as the request's). asyncio: {@code part.headers} */
    @Override
    public Headers headers() {
        return headers;
    }

    /**
     * The {@code name} parameter of the Content-Disposition (the form field's name), or null if
     * the field is missing or malformed. asyncio: {@code part.name}
     */
    public String name() {
        return ContentDisposition.parameter(disposition().params(), "name");
    }

    /**
     * The {@code filename} parameter ({@code filename*} first) of the Content-Disposition, or
     * null. Not a safe path: never join it to a directory unchecked. A name aiohttp's client
     * percent-encoded ({@code my%20file.txt}) comes as sent, as in aiohttp. asyncio: {@code part.filename}
     */
    public String filename() {
        return ContentDisposition.parameter(disposition().params(), "filename");
    }

    private ContentDisposition.Parsed disposition() {
        if (disposition == null) {
            disposition = ContentDisposition.parse(headers.get("Content-Disposition"));
        }
        return disposition;
    }

    /** Whether the content has been read (or released) to its end. Never suspends. asyncio: {@code part.at_eof()} */
    @Override
    public boolean atEof() {
        return atEof;
    }

    /**
     * The next piece of the content, at most {@code size} bytes, as it arrives; an empty array at
     * its end. The last piece sets {@link #atEof()}. May suspend. asyncio: {@code await part.read_chunk(size)}
     *
     * @throws MultipartException if the body ends before the part's delimiter
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public byte[] readChunk(int size) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("BodyPartReader.readChunk(): size is " + size + "; ask for 1 byte or more");
        }
        if (atEof) {
            return EMPTY;
        }
        byte[] chunk = length > 0 ? readFromLength(size) : readFromStream(size);
        readBytes += chunk.length;
        return chunk;
    }

    /** {@code readChunk(CHUNK_SIZE)}. May suspend. asyncio: {@code await part.read_chunk()} */
    public byte[] readChunk() throws IOException {
        return readChunk(CHUNK_SIZE);
    }

    private byte[] readFromLength(int size) throws IOException {
        if (content.buffered() == 0 && !content.fill(RequestContent.PIECE)) {
            throw new MultipartException("the body ends inside a part, " + (length - readBytes) + " bytes before "
                    + "its Content-Length of " + length);
        }
        int n = (int) Math.min(Math.min(size, length - readBytes), content.buffered());
        byte[] b = content.take(n);
        if (readBytes + n == length) {
            if (!content.ensure(2) || !content.bufferedStartsWith(CRLF)) {
                throw new MultipartException("a part's content does not end at its Content-Length of " + length);
            }
            content.skip(2);
            atEof = true;
        }
        return b;
    }

    private byte[] readFromStream(int size) throws IOException {
        if (clean == 0 && !delimiterNext) {
            scan();
        }
        if (clean == 0) {
            content.skip(2); // the delimiter's CRLF: "--boundary" is the reader's to read
            atEof = true;
            return EMPTY;
        }
        int n = Math.min(clean, size);
        clean -= n;
        byte[] b = content.take(n);
        if (clean == 0 && delimiterNext) {
            content.skip(2);
            atEof = true;
        }
        return b;
    }

    /** Finds how much of the buffered body is this part's, reading more of it as needed. May suspend. */
    private void scan() throws IOException {
        while (true) {
            int i = content.indexOf(delimiter, 0);
            if (i >= 0) {
                clean = i;
                delimiterNext = true;
                return;
            }
            int safe = content.buffered() - (delimiter.length - 1);
            if (safe > 0) {
                clean = safe;
                return;
            }
            if (!content.fill(RequestContent.PIECE)) {
                throw new MultipartException("the body ends inside a part (" + readBytes + " bytes of it read): no "
                        + "\"" + new String(delimiter, 2, delimiter.length - 2, StandardCharsets.ISO_8859_1)
                        + "\" delimiter after it");
            }
        }
    }

    /**
     * The rest of the content as sent (not decoded), read whole; empty once read. May suspend.
     * asyncio: {@code await part.read()}
     */
    public byte[] read() throws IOException {
        return read(false);
    }

    /**
     * The rest of the content, decoded if {@code decode} (see the class comment); empty once
     * read. May suspend. asyncio: {@code await part.read(decode=decode)}
     *
     * @throws HttpRequestEntityTooLarge for a part too large for one Java array (2 GiB)
     */
    public byte[] read(boolean decode) throws IOException {
        if (atEof) {
            return EMPTY;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!atEof) {
            byte[] chunk = readChunk(RequestContent.PIECE);
            if ((long) out.size() + chunk.length > Integer.MAX_VALUE - 16) {
                throw new HttpRequestEntityTooLarge(Integer.MAX_VALUE - 16, (long) out.size() + chunk.length,
                        "BodyPartReader.read(): the part is larger than one Java array holds (2 GiB); read it with "
                        + "readChunk()");
            }
            out.write(chunk, 0, chunk.length);
        }
        byte[] data = out.toByteArray();
        return decode ? decode(data) : data;
    }

    /**
     * The content decoded with {@code charset} parameter of the part's Content-Type, else UTF-8
     * (decoding undone first: see {@link #read(boolean)}). May suspend. asyncio: {@code await part.text()}
     *
     * @throws MultipartException for a charset this JDK does not know
     */
    public String text() throws IOException {
        return new String(read(true), charset());
    }

    /** The content decoded with {@code charset}. May suspend. asyncio: {@code await part.text(encoding=)} */
    public String text(Charset charset) throws IOException {
        return new String(read(true), charset);
    }

    /**
     * The content parsed as JSON (Jackson's tree), or null when it is empty. May suspend.
     * asyncio: {@code await part.json()}
     *
     * @throws MultipartException (400) for content that is not JSON (aiohttp lets the decode error through: 500)
     */
    public com.fasterxml.jackson.databind.JsonNode json() throws IOException {
        byte[] data = read(true);
        if (data.length == 0) {
            return null;
        }
        Charset cs = charset();
        try {
            return cs.equals(StandardCharsets.UTF_8) ? Json.parse(data) : Json.parse(new String(data, cs));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MultipartException("the part \"" + name() + "\" is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The content as a url-encoded form: its name-value pairs in order, decoded ({@code +} is a
     * space, {@code %XX} escapes UTF-8); empty when the content is.
     * May suspend. asyncio: {@code await part.form()}
     */
    public List<Map.Entry<String, String>> form() throws IOException {
        byte[] data = read(true);
        if (data.length == 0) {
            return List.of();
        }
        return UrlCoding.parsePairs(new String(data, charset()).stripTrailing());
    }

    /** Reads the rest of the content and drops it. May suspend. asyncio: {@code await part.release()} */
    @Override
    public void release() throws IOException {
        while (!atEof) {
            readChunk(RequestContent.PIECE);
        }
    }

    /**
     * The content as an {@link InputStream} whose reads are {@link #readChunk(int)}s (they suspend
     * the calling task), for java.io code ({@code transferTo} a file). asyncio: none
     */
    public InputStream asInputStream() {
        return new io.asyncio4j.http.internal.ChunkInputStream(this::readChunk, () -> { }, this);
    }

    /**
     * {@code data} with the part's Content-Transfer-Encoding and (outside form-data)
     * Content-Encoding undone. asyncio: {@code part.decode(data)}
     *
     * @throws MultipartException for an unknown coding or data that is not of it
     */
    public byte[] decode(byte[] data) {
        String cte = headers.get("Content-Transfer-Encoding");
        if (cte != null) {
            data = switch (cte.toLowerCase(Locale.ROOT)) {
                case "base64" -> base64(data);
                case "quoted-printable" -> quotedPrintable(data);
                case "binary", "8bit", "7bit" -> data;
                default -> throw new MultipartException("unknown Content-Transfer-Encoding: " + cte);
            };
        }
        String ce = formData ? null : headers.get("Content-Encoding");
        if (ce != null) {
            data = switch (ce.toLowerCase(Locale.ROOT)) {
                case "deflate" -> inflate(data, true);
                case "gzip" -> inflate(data, false);
                case "identity" -> data;
                default -> throw new MultipartException("unknown Content-Encoding: " + ce);
            };
        }
        return data;
    }

    private Charset charset() {
        String cs = ContentType.charset(headers.get("Content-Type"));
        if (cs == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return ContentType.lookup(cs);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MultipartException("unknown charset \"" + cs + "\" in a part's Content-Type");
        }
    }

    /** Python's {@code base64.b64decode}: characters outside the alphabet are skipped, padding is required. */
    private static byte[] base64(byte[] data) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(data.length);
        for (byte b : data) {
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
                    || b == '=') {
                kept.write(b);
            }
        }
        try {
            return Base64.getDecoder().decode(kept.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new MultipartException("a part's base64 content cannot be decoded: " + e.getMessage());
        }
    }

    /** Python's {@code binascii.a2b_qp}: {@code =XX} is a byte, {@code =} at a line's end a soft break. */
    private static byte[] quotedPrintable(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            if (i + 1 < data.length && data[i + 1] == '\n') {
                i += 1;
            } else if (i + 2 < data.length && data[i + 1] == '\r' && data[i + 2] == '\n') {
                i += 2;
            } else if (i + 1 == data.length) {
                // a lone '=' at the very end: a soft break
            } else if (i + 2 < data.length && Character.digit(data[i + 1], 16) >= 0
                    && Character.digit(data[i + 2], 16) >= 0) {
                out.write(Character.digit(data[i + 1], 16) * 16 + Character.digit(data[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] data, boolean raw) {
        try {
            if (!raw) {
                try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
                    return in.readAllBytes();
                }
            }
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(data);
                ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 2);
                byte[] buf = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new DataFormatException("the deflate stream is cut short");
                    }
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            } finally {
                inflater.end();
            }
        } catch (IOException | DataFormatException e) {
            throw new MultipartException("a part's " + (raw ? "deflate" : "gzip") + " content cannot be decoded: "
                    + e.getMessage());
        }
    }

    /** {@code <BodyPartReader name="f" filename="a.txt" read=12 READING>}. asyncio: {@code repr(part)} */
    @Override
    public String toString() {
        String n = name();
        String f = filename();
        return "<BodyPartReader" + (n == null ? "" : " name=\"" + n + "\"") + (f == null ? "" : " filename=\"" + f + "\"")
                + " read=" + readBytes + (atEof ? " AT_EOF" : " READING") + ">";
    }
}
