package io.asyncio4j.files;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.util.SuspendingIterator;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A file opened in text mode ({@code "r"}, {@code "w"}, {@code "a"}, {@code "r+"}...) by
 * {@link AsyncFiles#open}: reads and writes {@code String}s in an encoding (UTF-8 unless told
 * otherwise). For-each yields its lines.
 * <pre>{@code
 * try (AsyncTextFile f = AsyncFiles.open(path, "r")) {
 *     for (String line : f) { ... }       // each line ends with "\n" (the last perhaps not)
 * }
 * }</pre>
 * As Python's default text mode: reading turns {@code \r\n} and a lone {@code \r} into
 * {@code \n} (universal newlines); writing leaves {@code \n} as it is (Linux); bytes that are
 * not valid in the encoding raise {@link CharConversionException} when read, and characters the
 * encoding cannot represent raise it when written (Python's {@code errors='strict'}).
 * {@link #tell()} and {@link #seek(long)} count bytes, and a seek must land on a character
 * boundary.
 * <p>
 * Encodings: those where {@code \r} and {@code \n} are the single bytes 13 and 10 (UTF-8,
 * ASCII, the ISO-8859 and Windows code pages, the East Asian multi-byte ones); UTF-16 and
 * UTF-32 are refused (open the file in binary mode and decode it yourself).
 * <p>
 * Buffering, states and threading are {@link AsyncFile}'s.
 * <p>
 * asyncio: {@code aiofiles.open(path, 'r')} ({@code AsyncTextIOWrapper}); Python's
 * {@code io.TextIOWrapper} with {@code newline=None}
 */
public final class AsyncTextFile extends AsyncFile implements Iterable<String> {
    private final Charset charset;
    private final boolean utf8;
    private final CharsetDecoder decoder;
    private final CharsetEncoder encoder;

    AsyncTextFile(EventLoop loop, Path path, FileMode mode, FileChannel channel, long position, Charset charset) {
        super(loop, path, mode, channel, position);
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Refuses encodings whose line ends are not the single bytes 13 and 10. */
    static void checkEncoding(Charset cs, String what) {
        byte[] bytes;
        try {
            ByteBuffer bb = cs.newEncoder().encode(CharBuffer.wrap("\r\n"));
            bytes = new byte[bb.remaining()];
            bb.get(bytes);
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 2 || bytes[0] != '\r' || bytes[1] != '\n') {
            throw new IllegalArgumentException(what + ": text mode does not support the encoding " + cs.name()
                    + " (its line ends are not the bytes 13 and 10); open the file with openBinary() and decode "
                    + "the bytes yourself");
        }
    }

    @Override
    String kind() {
        return "AsyncTextFile";
    }

    /** The encoding. asyncio: {@code encoding} */
    public Charset encoding() {
        return charset;
    }

    // ---- reading ---------------------------------------------------------------------------------

    /**
     * The next line, ending with {@code \n} (whatever the file had: {@code \n}, {@code \r\n}
     * or {@code \r}); the last line may lack it; {@code ""} at the end of the file. May suspend.
     * asyncio: {@code await f.readline()}
     *
     * @throws CharConversionException if the line is not valid in the encoding
     */
    public String readline() throws IOException {
        begin("readline", true, false);
        try {
            return readlineLocked();
        } finally {
            end();
        }
    }

    private String readlineLocked() throws IOException {
        int scanned = 0;
        while (true) {
            int i = indexOfLineEnd(rbuf, rstart + scanned, rend);
            if (i >= 0) {
                if (rbuf[i] == '\n') {
                    String line = decode(rbuf, rstart, i + 1 - rstart);
                    consume(i + 1 - rstart);
                    return line;
                }
                // '\r': a "\r\n" pair or a lone '\r'; look at the next byte, reading it if needed
                if (i + 1 == rend) {
                    int rel = i - rstart;
                    if (fillMore()) {
                        i = rstart + rel;
                    }
                }
                String line = decode(rbuf, rstart, i - rstart) + "\n";
                boolean pair = i + 1 < rend && rbuf[i + 1] == '\n';
                consume(i + (pair ? 2 : 1) - rstart);
                return line;
            }
            scanned = rend - rstart;
            if (!fillMore()) {
                String rest = decode(rbuf, rstart, rend - rstart);
                consume(rend - rstart);
                return rest;
            }
        }
    }

    private static int indexOfLineEnd(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = a[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Everything from the position to the end, with line ends turned into {@code \n}. May
     * suspend. asyncio: {@code await f.read()}
     */
    public String read() throws IOException {
        return read(-1);
    }

    /**
     * Up to {@code n} characters, counted as Python counts them (code points: an emoji is one,
     * though it is two Java {@code char}s), fewer only at the end; {@code ""} at the end;
     * everything left if {@code n < 0}. May suspend. asyncio: {@code await f.read(n)}
     */
    public String read(int n) throws IOException {
        begin("read", true, false);
        try {
            if (n < 0) {
                return readAllLocked();
            }
            return readCharsLocked(n);
        } finally {
            end();
        }
    }

    private String readAllLocked() throws IOException {
        while (fillMore()) {
            // read to the end: the decoded text needs all of it
        }
        String all = decode(rbuf, rstart, rend - rstart);
        consume(rend - rstart);
        return translateNewlines(all);
    }

    private String readCharsLocked(int n) throws IOException {
        StringBuilder out = new StringBuilder();
        int codePoints = 0;
        decoder.reset();
        while (codePoints < n) {
            if (rend == rstart && !fillMore()) {
                break;
            }
            // room for as many chars as code points are missing: never more code points than that
            CharBuffer cb = CharBuffer.allocate(Math.min(n - codePoints, 8192));
            ByteBuffer bb = ByteBuffer.wrap(rbuf, rstart, rend - rstart);
            CoderResult r = decoder.decode(bb, cb, false);
            if (r.isOverflow() && cb.position() == 0) {
                // one char of room, and the next character is a surrogate pair: it is one code point
                cb = CharBuffer.allocate(2);
                r = decoder.decode(bb, cb, false);
            }
            if (r.isError()) {
                throw decodeError(bb.position());
            }
            int consumed = bb.position() - rstart;
            cb.flip();
            if (consumed == 0) {
                // an incomplete character at the end of the buffer: read more, or fail at the end
                int have = rend - rstart;
                if (!fillMore() && rend - rstart == have) {
                    throw decodeError(rstart);
                }
                continue;
            }
            boolean lastIsCr = cb.length() > 0 && cb.get(cb.length() - 1) == '\r';
            consume(consumed);
            if (lastIsCr) {
                // "\r" then maybe "\n" in the next byte: one line end either way
                if (rend == rstart) {
                    fillMore();
                }
                if (rend > rstart && rbuf[rstart] == '\n') {
                    consume(1);
                }
            }
            String piece = translateNewlines(cb.toString());
            out.append(piece);
            codePoints += piece.codePointCount(0, piece.length());
        }
        return out.toString();
    }

    /** All the remaining lines. May suspend. asyncio: {@code await f.readlines()} */
    public List<String> readlines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : this) {
            lines.add(line);
        }
        return lines;
    }

    private String decode(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return "";
        }
        if (utf8) {
            // the JDK's fast path replaces bad bytes with U+FFFD: decode strictly only then
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') < 0) {
                return s;
            }
        }
        try {
            decoder.reset();
            return decoder.decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw decodeError(off);
        }
    }

    private CharConversionException decodeError(int bufferIndex) {
        return new CharConversionException("AsyncTextFile: bytes near offset " + (position + bufferIndex - rstart)
                + " of " + describe(path()) + " are not valid " + charset.name() + "; open it with the right encoding, or with "
                + "openBinary() to read bytes");
    }

    private static String translateNewlines(String s) {
        if (s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    // ---- writing ---------------------------------------------------------------------------------

    /**
     * Writes {@code text} in the file's encoding and returns its length in characters. May
     * suspend (when the buffer is full and the previous write is still running).
     * asyncio: {@code await f.write(text)}
     *
     * @throws CharConversionException if the encoding cannot represent a character
     */
    public int write(String text) throws IOException {
        begin("write", false, true);
        try {
            byte[] bytes = encode(text);
            writeBytes(bytes, 0, bytes.length);
            return text.length();
        } finally {
            end();
        }
    }

    /** Writes each string in order (no line ends are added, as in Python). May suspend. asyncio: {@code await f.writelines(lines)} */
    public void writelines(Iterable<String> lines) throws IOException {
        for (String s : lines) {
            write(s);
        }
    }

    private byte[] encode(String text) throws IOException {
        if (utf8 && !hasSurrogates(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            ByteBuffer bb = encoder.reset().encode(CharBuffer.wrap(text));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new CharConversionException("AsyncTextFile.write(): the text has characters that " + charset.name()
                    + " cannot encode (or an unpaired surrogate); open the file with another encoding");
        }
    }

    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The lines from the position on, read with {@link #readline()} (suspending). asyncio: {@code async for line in f} */
    @Override
    public Iterator<String> iterator() {
        return new SuspendingIterator<>(this::readline, String::isEmpty, "AsyncTextFile: the file has no more lines");
    }
}
