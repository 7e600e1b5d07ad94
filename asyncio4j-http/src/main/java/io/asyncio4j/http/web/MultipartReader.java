package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.ContentType;
import io.asyncio4j.internal.util.SuspendingIterator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;

/**
 * A multipart body read part by part as it arrives ({@link Request#multipart()}): {@link #next()}
 * gives each part in turn — a {@link BodyPartReader}, or a nested {@code MultipartReader} for a
 * part that is itself {@code multipart/*} — and null after the close delimiter. Nothing is held
 * but the part being read and a window of the body the size of one read, so a part may be larger
 * than memory:
 * <pre>{@code
 * MultipartReader reader = request.multipart();
 * for (BodyPartReader part = reader.nextPart(); part != null; part = reader.nextPart()) {
 *     if (part.filename() != null) {
 *         for (byte[] chunk = part.readChunk(65536); chunk.length > 0; chunk = part.readChunk(65536)) {
 *             out.write(chunk);                                  // to disk, as it arrives
 *         }
 *     } else {
 *         fields.put(part.name(), part.text());
 *     }
 * }
 * }</pre>
 * Calling {@code next()} before the previous part was read to its end reads and drops the rest of
 * it, as aiohttp does. The syntax is RFC 2046's as aiohttp reads it: lines before the first
 * {@code --boundary} line (a preamble) are skipped; a delimiter line may carry trailing
 * whitespace; what follows the close delimiter (an epilogue) is left unread (a nested reader
 * skips its epilogue up to its parent's next delimiter).
 * <p>
 * Errors are {@link MultipartException}s (400 when a handler lets them through): a Content-Type
 * without a boundary (or one over 70 characters), a body that ends before the first delimiter or
 * inside a part, a line where a delimiter should be, a part header line without a colon, with a
 * name that is not a token, or longer than {@link #MAX_FIELD_SIZE} (aiohttp's 8190), more than
 * {@link #MAX_PART_FIELDS} header lines in one part; a line before the first delimiter longer
 * than {@link RequestContent#LINE_LIMIT}. Failures of the body itself are those of
 * {@link RequestContent}.
 * <p>
 * States ({@link State}); {@code DONE} is final:
 * <pre>
 *   AT_START ──first delimiter──▶ IN_PARTS ──close delimiter──▶ DONE
 *   AT_START ──close delimiter first (no parts)──────────────▶ DONE
 * </pre>
 * Threading: the task handling the request, one read at a time; reads may suspend.
 * <p>
 * asyncio: {@code aiohttp.MultipartReader} ({@code await request.multipart()})
 */
public final class MultipartReader implements MultipartPart, Iterable<MultipartPart> {
    /** Where the reader is in the body; see the class comment. asyncio: none ({@code _at_bof}, {@code _at_eof} flags) */
    public enum State {
        /** Before the first delimiter: nothing read yet. */
        AT_START,
        /** Between the first and the close delimiter. */
        IN_PARTS,
        /** The close delimiter has been read; final. */
        DONE
    }

    /** The longest name or value of a part's header field, 8190 bytes (aiohttp's HeadersParser). */
    public static final int MAX_FIELD_SIZE = 8190;
    /** The most header lines one part may have (the server's limit for a request head). */
    public static final int MAX_PART_FIELDS = 128;

    private static final byte[] LF = {'\n'};
    private static final int HEADER_LINE_LIMIT = 2 * MAX_FIELD_SIZE + 4;

    private final Headers headers;
    private final RequestContent content;
    private final String boundary;
    private final String subtype;
    private final byte[] dashBoundary;    // "--" + boundary
    private final byte[] closeBoundary;   // "--" + boundary + "--"
    private final byte[] delimiter;       // CRLF "--" boundary: where a part's data ends
    private final byte[] parentBoundary;  // a nested reader's parent's "--" + boundary; null at the top
    private State state = State.AT_START;
    private MultipartPart last;

    MultipartReader(Headers headers, RequestContent content) {
        this(headers, content, null);
    }

    private MultipartReader(Headers headers, RequestContent content, byte[] parentBoundary) {
        this.headers = headers;
        this.content = content;
        this.parentBoundary = parentBoundary;
        String field = headers.get("Content-Type");
        String media = ContentType.mediaType(field);
        if (field == null || !media.startsWith("multipart/")) {
            throw new MultipartException("the Content-Type is " + (field == null ? "missing" : "\"" + field + "\"")
                    + ", not multipart/*");
        }
        this.subtype = media.substring("multipart/".length());
        String b = ContentType.parameter(field, "boundary");
        if (b == null) {
            throw new MultipartException("no boundary parameter in Content-Type: " + field);
        }
        if (b.length() > 70) {
            throw new MultipartException("the boundary \"" + b + "\" is longer than 70 characters (RFC 2046)");
        }
        this.boundary = b;
        this.dashBoundary = ("--" + b).getBytes(StandardCharsets.ISO_8859_1);
        this.closeBoundary = ("--" + b + "--").getBytes(StandardCharsets.ISO_8859_1);
        this.delimiter = ("\r\n--" + b).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The header fields: the request's, or a nested part's. asyncio: {@code reader.headers} */
    @Override
    public Headers headers() {
        return headers;
    }

    /** The boundary parameter. asyncio: {@code reader._boundary} (without the dashes) */
    public String boundary() {
        return boundary;
    }

    /** The subtype: {@code form-data}, {@code mixed}, {@code alternative}... asyncio: {@code reader._mimetype.subtype} */
    public String subtype() {
        return subtype;
    }

    /** Where the reader is; see the class comment. asyncio: none (see {@link State}) */
    public State state() {
        return state;
    }

    /** Whether the close delimiter has been read. Never suspends. asyncio: {@code reader.at_eof()} */
    @Override
    public boolean atEof() {
        return state == State.DONE;
    }

    /**
     * The next part — a {@link BodyPartReader}, or a nested {@code MultipartReader} when its
     * Content-Type is {@code multipart/*} — or null after the close delimiter. The previous part,
     * if not read to its end, is read and dropped first. May suspend. asyncio: {@code await reader.next()}
     *
     * @throws MultipartException for a malformed body (see the class comment)
     */
    public MultipartPart next() throws IOException {
        if (state == State.DONE) {
            return null;
        }
        releaseLast();
        if (state == State.AT_START) {
            readUntilFirstBoundary();
        } else {
            readBoundary();
        }
        if (state == State.DONE) {
            return null;
        }
        Headers h = readPartHeaders();
        MultipartPart part = ContentType.mediaType(h.get("Content-Type")).startsWith("multipart/")
                && h.get("Content-Type") != null
                ? new MultipartReader(h, content, dashBoundary)
                : new BodyPartReader(h, content, delimiter, subtype.equals("form-data"));
        last = part;
        return part;
    }

    /**
     * {@link #next()} for a body whose parts are not nested multiparts (a form): the next part, or
     * null after the close delimiter. May suspend. asyncio: none ({@code await reader.next()})
     *
     * @throws MultipartException for a nested multipart part, and as {@link #next()}
     */
    public BodyPartReader nextPart() throws IOException {
        MultipartPart p = next();
        if (p instanceof MultipartReader nested) {
            throw new MultipartException("a nested multipart part (Content-Type: " + nested.headers.get("Content-Type")
                    + ") where a plain part was expected; read it with MultipartReader.next()");
        }
        return (BodyPartReader) p;
    }

    /**
     * Reads every remaining part to the close delimiter and drops them. May suspend.
     * asyncio: {@code await reader.release()}
     */
    @Override
    public void release() throws IOException {
        while (state != State.DONE) {
            MultipartPart p = next();
            if (p == null) {
                break;
            }
            p.release();
        }
    }

    /**
     * The parts, for a for-each loop: each step is a {@link #next()} (and may suspend); an I/O
     * error arrives undeclared. asyncio: {@code async for part in reader}
     */
    @Override
    public Iterator<MultipartPart> iterator() {
        return new SuspendingIterator<>(this::next, Objects::isNull, "MultipartReader: no more parts");
    }

    private void releaseLast() throws IOException {
        if (last != null) {
            if (!last.atEof()) {
                last.release();
            }
            last = null;
        }
    }

    private void readUntilFirstBoundary() throws IOException {
        while (true) {
            if (parentBoundary != null && content.ensure(parentBoundary.length)
                    && content.bufferedStartsWith(parentBoundary)) {
                throw new MultipartException("a nested multipart part ends before its first \"--" + boundary
                        + "\" delimiter");
            }
            byte[] line = content.readuntil(LF, RequestContent.LINE_LIMIT);
            if (line == null) {
                throw new MultipartException("a line of more than " + RequestContent.LINE_LIMIT + " bytes before the "
                        + "first \"--" + boundary + "\" delimiter");
            }
            if (line.length == 0) {
                throw new MultipartException("no \"--" + boundary + "\" delimiter line before the end of the body");
            }
            byte[] s = rstrip(line);
            if (Arrays.equals(s, dashBoundary)) {
                state = State.IN_PARTS;
                return;
            }
            if (Arrays.equals(s, closeBoundary)) {
                done();
                return;
            }
        }
    }

    private void readBoundary() throws IOException {
        byte[] line = content.readuntil(LF, HEADER_LINE_LIMIT);
        byte[] s = line == null ? null : rstrip(line);
        if (s != null && Arrays.equals(s, dashBoundary)) {
            return;
        }
        if (s != null && Arrays.equals(s, closeBoundary)) {
            done();
            return;
        }
        throw new MultipartException("expected the delimiter line \"--" + boundary + "\" after a part, got "
                + (line == null ? "a longer line" : line.length == 0 ? "the end of the body" : quote(s)));
    }

    /** The close delimiter was read: a nested reader skips its epilogue, up to its parent's next delimiter. */
    private void done() throws IOException {
        state = State.DONE;
        if (parentBoundary == null) {
            return;
        }
        while (true) {
            if (content.ensure(parentBoundary.length) && content.bufferedStartsWith(parentBoundary)) {
                return;
            }
            byte[] line = content.readuntil(LF, RequestContent.LINE_LIMIT);
            if (line == null) {
                throw new MultipartException("a line of more than " + RequestContent.LINE_LIMIT + " bytes after the "
                        + "close delimiter of the nested multipart \"--" + boundary + "--\"");
            }
            if (line.length == 0) {
                return; // the end of the body: the parent reports the missing delimiter
            }
        }
    }

    private Headers readPartHeaders() throws IOException {
        Headers h = new Headers();
        for (int n = 0; ; n++) {
            byte[] line = content.readuntil(LF, HEADER_LINE_LIMIT);
            if (line == null) {
                throw new MultipartException("a part's header line is longer than " + HEADER_LINE_LIMIT + " bytes");
            }
            if (line.length == 0) {
                throw new MultipartException("the body ends inside a part's header fields");
            }
            String text = strip(new String(line, StandardCharsets.ISO_8859_1));
            if (text.isEmpty()) {
                return h;
            }
            if (n >= MAX_PART_FIELDS) {
                throw new MultipartException("a part with more than " + MAX_PART_FIELDS + " header fields");
            }
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new MultipartException("a part's header line without a colon: " + quote(text));
            }
            String name = text.substring(0, colon);
            if (name.length() > MAX_FIELD_SIZE) {
                throw new MultipartException("a part's header field name is longer than " + MAX_FIELD_SIZE + " bytes");
            }
            for (int i = 0; i < name.length(); i++) {
                if (!Headers.isTokenChar(name.charAt(i))) {
                    throw new MultipartException("a part's header field name is not a token: " + quote(name));
                }
            }
            if (name.isEmpty()) {
                throw new MultipartException("a part's header line without a field name: " + quote(text));
            }
            int v = colon + 1;
            while (v < text.length() && (text.charAt(v) == ' ' || text.charAt(v) == '\t')) {
                v++;
            }
            String value = text.substring(v);
            if (value.length() > MAX_FIELD_SIZE) {
                throw new MultipartException("the value of a part's " + name + " field is longer than " + MAX_FIELD_SIZE
                        + " bytes");
            }
            try {
                h.add(name, value);
            } catch (IllegalArgumentException e) {
                throw new MultipartException("a part's " + name + " field holds a control character");
            }
        }
    }

    /** Python's {@code bytes.rstrip()}: ASCII whitespace off the end. */
    private static byte[] rstrip(byte[] line) {
        int end = line.length;
        while (end > 0 && isSpace(line[end - 1])) {
            end--;
        }
        return end == line.length ? line : Arrays.copyOf(line, end);
    }

    /** Python's {@code bytes.strip()} on a line taken one char per byte. */
    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace((byte) s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace((byte) s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
    }

    private static String quote(byte[] b) {
        return quote(new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < Math.min(s.length(), 200); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(s.length() > 200 ? "...\"" : "\"").toString();
    }

    /** {@code <MultipartReader form-data IN_PARTS>}: the subtype and the state. asyncio: {@code repr(reader)} */
    @Override
    public String toString() {
        return "<MultipartReader " + subtype + " " + state + ">";
    }
}
