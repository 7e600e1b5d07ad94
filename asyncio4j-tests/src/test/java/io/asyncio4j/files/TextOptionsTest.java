package io.asyncio4j.files;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.CharConversionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text files with {@code newline=}, {@code errors=} and {@code readline(size)}, against plain
 * {@code open()} under {@code PYENV_VERSION=3.13.0 python3} (aiofiles delegates to it); the
 * Python outputs are quoted at each test.
 */
@ExtendWith(AsyncioExtension.class)
class TextOptionsTest {
    @TempDir
    Path dir;

    private static final byte[] MIXED = "a\r\nb\rc\nd\r\r\ne".getBytes(StandardCharsets.US_ASCII);

    private List<String> lines(Path p, String newline) throws Exception {
        List<String> out = new ArrayList<>();
        try (AsyncTextFile f = AsyncFiles.open(p, "r", TextOptions.defaults().withNewline(newline))) {
            for (String line : f) {
                out.add(line);
            }
        }
        return out;
    }

    private String readAll(Path p, String newline) throws Exception {
        try (AsyncTextFile f = AsyncFiles.open(p, "r", TextOptions.defaults().withNewline(newline))) {
            return f.read();
        }
    }

    // open(p, newline=None): lines ['a\n', 'b\n', 'c\n', 'd\n', '\n', 'e'] read 'a\nb\nc\nd\n\ne'
    @Test
    void newlineNullSplitsAtAllThreeAndTranslates() throws Exception {
        Path p = Files.write(dir.resolve("m.txt"), MIXED);
        assertEquals(List.of("a\n", "b\n", "c\n", "d\n", "\n", "e"), lines(p, null));
        assertEquals("a\nb\nc\nd\n\ne", readAll(p, null));
    }

    // newline='': lines ['a\r\n', 'b\r', 'c\n', 'd\r', '\r\n', 'e'] read 'a\r\nb\rc\nd\r\r\ne'
    @Test
    void newlineEmptySplitsAtAllThreeWithoutTranslating() throws Exception {
        Path p = Files.write(dir.resolve("m.txt"), MIXED);
        assertEquals(List.of("a\r\n", "b\r", "c\n", "d\r", "\r\n", "e"), lines(p, ""));
        assertEquals("a\r\nb\rc\nd\r\r\ne", readAll(p, ""));
    }

    // newline='\n': lines ['a\r\n', 'b\rc\n', 'd\r\r\n', 'e']
    @Test
    void newlineLfSplitsOnlyAtLf() throws Exception {
        Path p = Files.write(dir.resolve("m.txt"), MIXED);
        assertEquals(List.of("a\r\n", "b\rc\n", "d\r\r\n", "e"), lines(p, "\n"));
        assertEquals("a\r\nb\rc\nd\r\r\ne", readAll(p, "\n"));
    }

    // newline='\r': lines ['a\r', '\nb\r', 'c\nd\r', '\r', '\ne']
    @Test
    void newlineCrSplitsOnlyAtCr() throws Exception {
        Path p = Files.write(dir.resolve("m.txt"), MIXED);
        assertEquals(List.of("a\r", "\nb\r", "c\nd\r", "\r", "\ne"), lines(p, "\r"));
    }

    // newline='\r\n': lines ['a\r\n', 'b\rc\nd\r\r\n', 'e']
    @Test
    void newlineCrLfSplitsOnlyAtThePair() throws Exception {
        Path p = Files.write(dir.resolve("m.txt"), MIXED);
        assertEquals(List.of("a\r\n", "b\rc\nd\r\r\n", "e"), lines(p, "\r\n"));
    }

    @Test
    void aCrLfPairSplitAcrossBuffersIsOneLineEndInEveryMode() throws Exception {
        Path p = dir.resolve("big.txt");
        String first = "x".repeat(AsyncFile.CHUNK - 1) + "\r\n";
        Files.writeString(p, first + "y\r\n");
        for (String nl : new String[] {"", "\r\n"}) {
            assertEquals(List.of(first, "y\r\n"), lines(p, nl), "newline=" + nl.length());
        }
        assertEquals(List.of(first.replace("\r\n", "\n"), "y\n"), lines(p, null));
    }

    // write 'x\ny\r\nz\r': None b'x\ny\r\nz\r' (Linux), '' and '\n' the same,
    //   '\r' b'x\ry\r\rz\r', '\r\n' b'x\r\ny\r\r\nz\r'
    @Test
    void writingTurnsLfIntoTheNewlineChoice() throws Exception {
        String[][] cases = {{null, "x" + System.lineSeparator() + "y\r" + System.lineSeparator() + "z\r"},
                {"", "x\ny\r\nz\r"}, {"\n", "x\ny\r\nz\r"}, {"\r", "x\ry\r\rz\r"}, {"\r\n", "x\r\ny\r\r\nz\r"}};
        for (String[] c : cases) {
            Path p = dir.resolve("w.txt");
            try (AsyncTextFile f = AsyncFiles.open(p, "w", TextOptions.defaults().withNewline(c[0]))) {
                assertEquals(7, f.write("x\ny\r\nz\r"));
            }
            assertEquals(c[1], Files.readString(p));
        }
    }

    // open(p, newline='x'): ValueError illegal newline value: x
    @Test
    void anIllegalNewlineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextOptions.defaults().withNewline("x"));
        assertTrue(e.getMessage().contains("illegal newline"), e.getMessage());
    }

    // 'héllo\nwörld\r\nz': readline(2) 'hé' 'llo' '' '\n' 'wörld\n' 'z'
    @Test
    void textReadlineOfSizeReturnsAtMostThatManyCharacters() throws Exception {
        Path p = Files.write(dir.resolve("s.txt"), "héllo\nwörld\r\nz".getBytes(StandardCharsets.UTF_8));
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals(List.of("hé", "llo", "", "\n", "wörld\n", "z", ""), List.of(f.readline(2), f.readline(3),
                    f.readline(0), f.readline(-1), f.readline(100), f.readline(2), f.readline(2)));
        }
    }

    // 'ab\r\ncd': readline(3) 'ab\n' 'cd' ''; with newline='': 'ab\r' '\n' 'cd'
    @Test
    void aTranslatedCrLfCountsAsOneCharacterOfTheSize() throws Exception {
        Path p = Files.writeString(dir.resolve("c.txt"), "ab\r\ncd");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals(List.of("ab\n", "cd", ""), List.of(f.readline(3), f.readline(3), f.readline()));
        }
        try (AsyncTextFile f = AsyncFiles.open(p, "r", TextOptions.defaults().withNewline(""))) {
            assertEquals(List.of("ab\r", "\n", "cd"), List.of(f.readline(3), f.readline(3), f.readline()));
        }
    }

    @Test
    void textReadlineOfSizeCountsAnEmojiAsOneCharacter() throws Exception {
        String smile = new String(Character.toChars(0x1F600));
        Path p = Files.writeString(dir.resolve("e.txt"), smile + smile + "\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals(smile, f.readline(1));
            assertEquals(smile + "\n", f.readline(5));
        }
    }

    // 'héllo\nwörld\r\nz' in 'rb': readline(2) b'h\xc3' b'\xa9ll' b'' b'o\n' b'w\xc3\xb6rld\r\n' b'z'
    @Test
    void binaryReadlineOfSizeReturnsAtMostThatManyBytes() throws Exception {
        byte[] data = "héllo\nwörld\r\nz".getBytes(StandardCharsets.UTF_8);
        Path p = Files.write(dir.resolve("b.bin"), data);
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
            assertArrayEquals(new byte[] {'h', (byte) 0xc3}, f.readline(2));
            assertArrayEquals(new byte[] {(byte) 0xa9, 'l', 'l'}, f.readline(3));
            assertArrayEquals(new byte[0], f.readline(0));
            assertArrayEquals(new byte[] {'o', '\n'}, f.readline(-1));
            assertArrayEquals("wörld\r\n".getBytes(StandardCharsets.UTF_8), f.readline(100));
            assertArrayEquals(new byte[] {'z'}, f.readline(2));
            assertArrayEquals(new byte[0], f.readline(2));
        }
    }

    private static final byte[] BAD = {'o', 'k', (byte) 0xff, 'b', 'a', 'd', '\n', (byte) 0xc3, '(', 'x', '\n'};

    private String readWith(Path p, TextErrors errors) throws Exception {
        try (AsyncTextFile f = AsyncFiles.open(p, "r", TextOptions.defaults().withErrors(errors))) {
            return f.read();
        }
    }

    // errors=strict: UnicodeDecodeError 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte.
    // Python decodes a whole 8 KiB chunk at once, so its read(2) already raises; ours raises at the
    // read that reaches the bad byte (the same offset is named)
    @Test
    void strictNamesTheBadByteAndItsOffset() throws Exception {
        Path p = Files.write(dir.resolve("bad.txt"), BAD);
        CharConversionException e = assertThrows(CharConversionException.class, () -> readWith(p, TextErrors.STRICT));
        assertTrue(e.getMessage().contains("byte 0xff at offset 2"), e.getMessage());
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("ok", f.read(2));
            e = assertThrows(CharConversionException.class, () -> f.read(1));
            assertTrue(e.getMessage().contains("byte 0xff at offset 2"), e.getMessage());
        }
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            e = assertThrows(CharConversionException.class, () -> f.readline());
            assertTrue(e.getMessage().contains("byte 0xff at offset 2"), e.getMessage());
        }
    }

    // errors=replace: 'ok\ufffdbad\n\ufffd(x\n'
    @Test
    void replaceTurnsEachBadSequenceIntoTheReplacementCharacter() throws Exception {
        Path p = Files.write(dir.resolve("bad.txt"), BAD);
        assertEquals("ok\uFFFDbad\n\uFFFD(x\n", readWith(p, TextErrors.REPLACE));
        try (AsyncTextFile f = AsyncFiles.open(p, "r", TextOptions.defaults().withErrors(TextErrors.REPLACE))) {
            assertEquals(List.of("ok\uFFFDbad\n", "\uFFFD(x\n"), f.readlines());
        }
    }

    // errors=ignore: 'okbad\n(x\n'
    @Test
    void ignoreDropsTheBadBytes() throws Exception {
        Path p = Files.write(dir.resolve("bad.txt"), BAD);
        assertEquals("okbad\n(x\n", readWith(p, TextErrors.IGNORE));
    }

    // errors=surrogateescape: 'ok\udcffbad\n\udcc3(x\n'; written back: b'ok\xffbad\n\xc3(x\n'
    @Test
    void surrogateEscapeKeepsTheBytesThroughAReadAndAWrite() throws Exception {
        Path p = Files.write(dir.resolve("bad.txt"), BAD);
        String s = readWith(p, TextErrors.SURROGATE_ESCAPE);
        assertEquals("ok\uDCFFbad\n\uDCC3(x\n", s);
        Path q = dir.resolve("copy.txt");
        try (AsyncTextFile f = AsyncFiles.open(q, "w", TextOptions.defaults().withErrors(TextErrors.SURROGATE_ESCAPE))) {
            f.write(s);
        }
        assertArrayEquals(BAD, Files.readAllBytes(q));
        try (AsyncTextFile f = AsyncFiles.open(p, "r", TextOptions.defaults().withErrors(TextErrors.SURROGATE_ESCAPE))) {
            assertEquals(List.of("o", "k", "\uDCFF", "b"), List.of(f.read(1), f.read(1), f.read(1), f.read(1)));
        }
    }

    @Test
    void anIncompleteCharacterAtTheEndIsReplacedOrRaisedByTheHandler() throws Exception {
        Path p = Files.write(dir.resolve("cut.txt"), new byte[] {'a', (byte) 0xc3});
        try (AsyncTextFile f = AsyncFiles.open(p, "r", TextOptions.defaults().withErrors(TextErrors.REPLACE))) {
            assertEquals("a\uFFFD", f.read(5));
        }
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("a", f.read(1));
            CharConversionException e = assertThrows(CharConversionException.class, () -> f.read(1));
            assertTrue(e.getMessage().contains("byte 0xc3 at offset 1"), e.getMessage());
        }
    }

    // latin-1 'a€b': strict UnicodeEncodeError ... position 1; replace b'a?b'; ignore b'ab'
    @Test
    void writeErrorsFollowTheHandler() throws Exception {
        Path p = dir.resolve("latin.txt");
        TextOptions latin = TextOptions.defaults().withEncoding(StandardCharsets.ISO_8859_1);
        try (AsyncTextFile f = AsyncFiles.open(p, "w", latin)) {
            CharConversionException e = assertThrows(CharConversionException.class, () -> f.write("a€b"));
            assertTrue(e.getMessage().contains("U+20AC at index 1"), e.getMessage());
        }
        try (AsyncTextFile f = AsyncFiles.open(p, "w", latin.withErrors(TextErrors.REPLACE))) {
            f.write("a€b");
        }
        assertEquals("a?b", Files.readString(p, StandardCharsets.ISO_8859_1));
        try (AsyncTextFile f = AsyncFiles.open(p, "w", latin.withErrors(TextErrors.IGNORE))) {
            f.write("a€b");
        }
        assertEquals("ab", Files.readString(p, StandardCharsets.ISO_8859_1));
    }

    // 'a\udcffb' strict: UnicodeEncodeError 'utf-8' codec can't encode character '\udcff' in position 1
    @Test
    void aLoneSurrogateIsAnEncodeErrorUnderStrict() throws Exception {
        Path p = dir.resolve("s.txt");
        try (AsyncTextFile f = AsyncFiles.open(p, "w")) {
            CharConversionException e = assertThrows(CharConversionException.class, () -> f.write("a\uDCFFb"));
            assertTrue(e.getMessage().contains("U+DCFF at index 1"), e.getMessage());
        }
    }

    // open(p, errors='bogus').read(): LookupError unknown error handler name 'bogus'
    @Test
    void pythonErrorHandlerNamesMapToTheEnum() {
        assertEquals(TextErrors.SURROGATE_ESCAPE, TextErrors.of("surrogateescape"));
        assertEquals(TextErrors.STRICT, TextErrors.of(null));
        assertEquals(TextErrors.BACKSLASH_REPLACE, TextErrors.of("backslashreplace"));
        assertEquals(TextErrors.XMLCHARREF_REPLACE, TextErrors.of("xmlcharrefreplace"));
        assertEquals(TextErrors.NAME_REPLACE, TextErrors.of("namereplace"));
        assertThrows(IllegalArgumentException.class, () -> TextErrors.of("bogus"));
    }
}
