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
import java.nio.charset.CoderResult;
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
 * By default as Python's default text mode: reading turns {@code \r\n} and a lone {@code \r}
 * into {@code \n} (universal newlines); writing turns {@code \n} into
 * {@link System#lineSeparator()} (nothing changes on Linux); bytes that are not valid in the
 * encoding raise {@link CharConversionException} naming their offset when read, and characters
 * the encoding cannot represent raise it when written (Python's {@code errors='strict'}).
 * {@link TextOptions} chooses other line ends ({@code newline=}) and error handlers
 * ({@code errors=}).
 * {@link #tell()} and {@link #seek(long)} count bytes, and a seek must land on a character
 * boundary.
 * <p>
 * Encodings: those where {@code \r} and {@code \n} are the single bytes 13 and 10 (UTF-8,
 * ASCII, the ISO-8859 and Windows code pages, the East Asian multi-byte ones); UTF-16 and
 * UTF-32 are refused (open the file in binary mode and decode it yourself).
 * <p>
 * Buffering, states and threading are {@link AsyncFile}'s.
 * <p>
 * asyncio: {@code aiofiles.open(path, 'r', encoding=, newline=, errors=)}
 * ({@code AsyncTextIOWrapper}); Python's {@code io.TextIOWrapper}
 */
public sealed class AsyncTextFile extends AsyncFile implements Iterable<String> permits AsyncSpooledTextFile {
    /** Where lines end when reading, by {@code newline=}: null, "", "\n", "\r", "\r\n". */
    private enum LineEnds { UNIVERSAL, ANY, LF, CR, CRLF }

    private final TextOptions options;
    private final TextCodec codec;
    private final LineEnds lineEnds;
    /** What {@code \n} becomes when written, or null to write it as it is. */
    private final String writeNewline;
    /**
     * The end of a backslash escape ({@link TextErrors#BACKSLASH_REPLACE}) that a read of a
     * limited size split, as Python's {@code read(n)} does ({@code read(2)} of {@code b'a\xff'}
     * gives {@code "a\\"}, then {@code "xff"}); its byte is consumed already. The next read
     * starts with it; a seek or write forgets it. Under the lock.
     */
    private String pending = "";

    AsyncTextFile(EventLoop loop, Path path, FileMode mode, FileChannel channel, long position, TextOptions options) {
        super(loop, path, mode, channel, position);
        this.options = options;
        this.codec = new TextCodec(options.encoding(), options.errors(), describe(path));
        String nl = options.newline();
        this.lineEnds = nl == null ? LineEnds.UNIVERSAL : switch (nl) {
            case "" -> LineEnds.ANY;
            case "\n" -> LineEnds.LF;
            case "\r" -> LineEnds.CR;
            default -> LineEnds.CRLF;
        };
        String out = nl == null ? System.lineSeparator() : nl;
        this.writeNewline = out.isEmpty() || out.equals("\n") ? null : out;
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
        return options.encoding();
    }

    /**
     * The {@code newline=} choice: null (universal newlines), "", "\n", "\r" or "\r\n".
     * asyncio: the {@code newline} argument of {@code aiofiles.open()} (not {@code f.newlines})
     */
    public String newline() {
        return options.newline();
    }

    /** The error handler. asyncio: {@code errors} */
    public TextErrors errors() {
        return options.errors();
    }

    /** The options the file was opened with. asyncio: the arguments of {@code aiofiles.open()} */
    public TextOptions options() {
        return options;
    }

    // ---- reading ---------------------------------------------------------------------------------

    /**
     * The next line with its line end; the last line may lack it; {@code ""} at the end of the
     * file. With the default {@code newline} (null) the line end is {@code \n} whatever the file
     * had ({@code \n}, {@code \r\n} or {@code \r}); see {@link TextOptions#withNewline} for
     * the others. May suspend. asyncio: {@code await f.readline()}
     *
     * @throws CharConversionException if the line is not valid in the encoding (errors STRICT)
     */
    public String readline() throws IOException {
        return readline(-1);
    }

    /**
     * {@link #readline()}, but at most {@code size} characters (code points, as Python counts;
     * a translated {@code \r\n} is one): the rest of a longer line is left for the next read.
     * {@code size < 0}: no limit; {@code 0}: {@code ""}. May suspend.
     * asyncio: {@code await f.readline(size)}
     *
     * @throws CharConversionException if the line is not valid in the encoding (errors STRICT)
     */
    public String readline(int size) throws IOException {
        begin("readline", true, false);
        try {
            if (!pending.isEmpty() && size != 0) {
                // an escape's end holds no line end: it starts the line
                String head = takePending(size);
                if (size > 0 && head.length() == size) {
                    return head;
                }
                return head + (size < 0 && lineEnds == LineEnds.UNIVERSAL ? readlineLocked()
                        : readlineGeneral(size < 0 ? size : size - head.length()));
            }
            if (size < 0 && lineEnds == LineEnds.UNIVERSAL) {
                return readlineLocked(); // the common case keeps its own tight loop
            }
            return readlineGeneral(size);
        } finally {
            end();
        }
    }

    /** Any {@code newline} mode, with or without a size limit. Under the lock. May suspend. */
    private String readlineGeneral(int size) throws IOException {
        if (size == 0) {
            return "";
        }
        int scanned = 0;
        while (true) {
            int end = lineEnd(rstart + scanned);
            if (end >= 0) {
                return takeLine(end - rstart, size);
            }
            scanned = -1 - end - rstart;
            if (!fillMore()) {
                if (scanned < rend - rstart) {
                    continue; // a '\r' in the last byte: look again, now that it is known to be last
                }
                return takeLine(rend - rstart, size);
            }
        }
    }

    /**
     * The end (exclusive, line end included) of the line that starts at {@code rstart}, scanning
     * from {@code from}; or {@code -1 - i} when the buffer ends first, {@code i} being where the
     * scan must go on after more is read.
     */
    private int lineEnd(int from) {
        for (int i = from; i < rend; i++) {
            byte b = rbuf[i];
            if (b == '\n') {
                if (lineEnds == LineEnds.CRLF ? i > rstart && rbuf[i - 1] == '\r' : lineEnds != LineEnds.CR) {
                    return i + 1;
                }
            } else if (b == '\r') {
                if (lineEnds == LineEnds.CR) {
                    return i + 1;
                }
                if (lineEnds == LineEnds.UNIVERSAL || lineEnds == LineEnds.ANY) {
                    if (i + 1 < rend) {
                        return rbuf[i + 1] == '\n' ? i + 2 : i + 1;
                    }
                    if (eofSeen) {
                        return i + 1;
                    }
                    return -1 - i; // "\r\n" or a lone '\r': the next byte tells
                }
            }
        }
        return -1 - rend;
    }

    /** Returns the first {@code len} buffered bytes as a line, or its first {@code size} characters. */
    private String takeLine(int len, int size) throws IOException {
        if (size < 0) {
            String line = decode(rbuf, rstart, len);
            consume(len);
            return lineEnds == LineEnds.UNIVERSAL ? translateNewlines(line) : line;
        }
        return decodeWithin(len, size);
    }

    /**
     * Up to {@code n} code points of the next {@code len} buffered bytes, which end at a line
     * end or at the end of the file; consumes just their bytes.
     */
    private String decodeWithin(int len, int n) throws IOException {
        StringBuilder out = new StringBuilder();
        int codePoints = 0;
        int left = len;
        codec.reset();
        while (codePoints < n && left > 0) {
            CharBuffer cb = CharBuffer.allocate(Math.min(n - codePoints, 8192));
            ByteBuffer bb = ByteBuffer.wrap(rbuf, rstart, left);
            CoderResult r = codec.decodeStep(bb, cb, true, position - rstart);
            if (r.isOverflow() && cb.position() == 0) {
                // one char of room, and the next character is a surrogate pair: it is one code point
                cb = CharBuffer.allocate(2);
                r = codec.decodeStep(bb, cb, true, position - rstart);
            }
            int consumed = bb.position() - rstart;
            cb.flip();
            if (consumed == 0 && cb.length() == 0) {
                break;
            }
            boolean lastIsCr = lineEnds == LineEnds.UNIVERSAL && cb.length() > 0 && cb.get(cb.length() - 1) == '\r';
            consume(consumed);
            left -= consumed;
            if (lastIsCr && left > 0 && rbuf[rstart] == '\n') {
                consume(1); // "\r\n" is one translated character
                left--;
            }
            String piece = lineEnds == LineEnds.UNIVERSAL ? translateNewlines(cb.toString()) : cb.toString();
            out.append(piece);
            codePoints += piece.codePointCount(0, piece.length());
        }
        pending = codec.takeSpill();
        return out.toString();
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
            if (!pending.isEmpty() && n != 0) {
                String head = takePending(n);
                return n >= 0 && head.length() == n ? head : head + (n < 0 ? readAllLocked()
                        : readCharsLocked(n - head.length()));
            }
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
        return lineEnds == LineEnds.UNIVERSAL ? translateNewlines(all) : all;
    }

    private String readCharsLocked(int n) throws IOException {
        StringBuilder out = new StringBuilder();
        int codePoints = 0;
        boolean atEnd = false; // the buffer holds the rest of the file: its last bytes end the input
        codec.reset();
        while (codePoints < n) {
            if (rend == rstart && !fillMore()) {
                break;
            }
            // room for as many chars as code points are missing: never more code points than that
            CharBuffer cb = CharBuffer.allocate(Math.min(n - codePoints, 8192));
            ByteBuffer bb = ByteBuffer.wrap(rbuf, rstart, rend - rstart);
            CoderResult r = codec.decodeStep(bb, cb, atEnd, position - rstart);
            if (r.isOverflow() && cb.position() == 0) {
                // one char of room, and the next character is a surrogate pair: it is one code point
                cb = CharBuffer.allocate(2);
                r = codec.decodeStep(bb, cb, atEnd, position - rstart);
            }
            int consumed = bb.position() - rstart;
            cb.flip();
            if (consumed == 0 && cb.length() == 0) {
                // an incomplete character at the end of the buffer: read more, or end the input
                int have = rend - rstart;
                if (atEnd) {
                    break;
                }
                if (!fillMore() && rend - rstart == have) {
                    atEnd = true; // strict raises on the decode that follows; the others replace
                }
                continue;
            }
            boolean lastIsCr = lineEnds == LineEnds.UNIVERSAL && cb.length() > 0 && cb.get(cb.length() - 1) == '\r';
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
            String piece = lineEnds == LineEnds.UNIVERSAL ? translateNewlines(cb.toString()) : cb.toString();
            out.append(piece);
            codePoints += piece.codePointCount(0, piece.length());
        }
        pending = codec.takeSpill();
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

    /** Up to {@code n} chars of {@link #pending} ({@code n < 0}: all of it), removed from it. */
    private String takePending(int n) {
        int k = n < 0 ? pending.length() : Math.min(n, pending.length());
        String head = pending.substring(0, k);
        pending = pending.substring(k);
        return head;
    }

    @Override
    void readAheadDropped() {
        pending = "";
    }

    /** Decodes buffered bytes ({@code b} is {@code rbuf}: errors name the file offset). */
    private String decode(byte[] b, int off, int len) throws IOException {
        return codec.decode(b, off, len, position - rstart);
    }

    private static String translateNewlines(String s) {
        if (s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    // ---- writing ---------------------------------------------------------------------------------

    /**
     * Writes {@code text} in the file's encoding (each {@code \n} turned into the
     * {@code newline} choice: see {@link TextOptions#withNewline}) and returns its length in
     * characters. May suspend (when the buffer is full and the previous write is still running).
     * asyncio: {@code await f.write(text)}
     *
     * @throws CharConversionException if the encoding cannot represent a character (errors STRICT)
     */
    public int write(String text) throws IOException {
        begin("write", false, true);
        try {
            pending = ""; // as Python's write() drops the decoded characters not read yet
            String out = writeNewline != null && text.indexOf('\n') >= 0 ? text.replace("\n", writeNewline) : text;
            byte[] bytes = codec.encode(out);
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

    /** The lines from the position on, read with {@link #readline()} (suspending). asyncio: {@code async for line in f} */
    @Override
    public Iterator<String> iterator() {
        return new SuspendingIterator<>(this::readline, String::isEmpty, "AsyncTextFile: the file has no more lines");
    }
}
