package io.asyncio4j.files;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error handlers {@code backslashreplace}, {@code xmlcharrefreplace} and {@code namereplace},
 * against {@code open(p, encoding=, errors=)} under {@code PYENV_VERSION=3.13.0 python3}
 * (aiofiles delegates to it); the Python results are in the comments.
 */
@ExtendWith(AsyncioExtension.class)
class TextErrorHandlersTest {
    @TempDir
    Path dir;

    /** b'ab\xff\xfec\x80\xe2\x82z\n': bad bytes alone, in a row, and a truncated sequence. */
    private static final byte[] BAD = {'a', 'b', (byte) 0xff, (byte) 0xfe, 'c', (byte) 0x80, (byte) 0xe2,
        (byte) 0x82, 'z', '\n'};
    /** 'a\xe9\u20ac\U0001F600\udc80\uac00\u4e00\x00\x7f\ufffd\u0378' */
    private static final String TEXT = "a\u00e9\u20ac\uD83D\uDE00\uDC80\uAC00\u4E00\u0000\u007F\uFFFD\u0378";

    private static TextOptions opts(Charset cs, TextErrors errors) {
        return TextOptions.defaults().withEncoding(cs).withErrors(errors);
    }

    private byte[] written(Charset cs, TextErrors errors, String text) throws Exception {
        Path p = dir.resolve("w.txt");
        try (AsyncTextFile f = AsyncFiles.open(p, "w", opts(cs, errors))) {
            f.write(text);
        }
        return Files.readAllBytes(p);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // open(p, errors='backslashreplace').read() -> 'ab\\xff\\xfec\\x80\\xe2\\x82z\n'
    @Test
    void backslashReplaceReadsEachBadByteAsItsHexEscape() throws Exception {
        Path p = Files.write(dir.resolve("b.txt"), BAD);
        try (AsyncTextFile f = AsyncFiles.open(p, "r", opts(StandardCharsets.UTF_8, TextErrors.BACKSLASH_REPLACE))) {
            assertEquals("ab\\xff\\xfec\\x80\\xe2\\x82z\n", f.read());
        }
    }

    // b'a\xffb\xfe\n\xfdc\n', errors='backslashreplace': [f.readline() for _ in range(3)]
    // -> ['a\\xffb\\xfe\n', '\\xfdc\n', '']
    @Test
    void backslashReplaceReadsLinesWithEscapes() throws Exception {
        Path p = Files.write(dir.resolve("b.txt"), new byte[] {'a', (byte) 0xff, 'b', (byte) 0xfe, '\n',
            (byte) 0xfd, 'c', '\n'});
        List<String> lines = new ArrayList<>();
        try (AsyncTextFile f = AsyncFiles.open(p, "r", opts(StandardCharsets.UTF_8, TextErrors.BACKSLASH_REPLACE))) {
            for (String line : f) {
                lines.add(line);
            }
        }
        assertEquals(List.of("a\\xffb\\xfe\n", "\\xfdc\n"), lines);
    }

    // f.read(n), then f.read(), n = 1..7: 'a' | '\\xffb\\xfe\n\\xfdc\n', 'a\\' | 'xffb...',
    // 'a\\x' | 'ffb...', 'a\\xf' | 'fb...', 'a\\xff' | 'b...', 'a\\xffb' | '\\xfe...', 'a\\xffb\\' | 'xfe...'
    @Test
    void readOfASizeSplitsAnEscapeAndTheNextReadGoesOnWithIt() throws Exception {
        Path p = Files.write(dir.resolve("b.txt"), new byte[] {'a', (byte) 0xff, 'b', (byte) 0xfe, '\n',
            (byte) 0xfd, 'c', '\n'});
        String all = "a\\xffb\\xfe\n\\xfdc\n";
        for (int n = 1; n <= 7; n++) {
            try (AsyncTextFile f = AsyncFiles.open(p, "r",
                    opts(StandardCharsets.UTF_8, TextErrors.BACKSLASH_REPLACE))) {
                assertEquals(all.substring(0, n), f.read(n), "read(" + n + ")");
                assertEquals(all.substring(n), f.read(), "read() after read(" + n + ")");
            }
        }
    }

    // f.readline(3), f.readline(3), f.readline() -> 'a\\x', 'ffb', '\\xfe\n'
    @Test
    void readlineOfASizeSplitsAnEscapeToo() throws Exception {
        Path p = Files.write(dir.resolve("b.txt"), new byte[] {'a', (byte) 0xff, 'b', (byte) 0xfe, '\n',
            (byte) 0xfd, 'c', '\n'});
        try (AsyncTextFile f = AsyncFiles.open(p, "r", opts(StandardCharsets.UTF_8, TextErrors.BACKSLASH_REPLACE))) {
            assertEquals("a\\x", f.readline(3));
            assertEquals("ffb", f.readline(3));
            assertEquals("\\xfe\n", f.readline());
        }
    }

    @Test
    void aSeekForgetsTheRestOfASplitEscape() throws Exception {
        Path p = Files.write(dir.resolve("b.txt"), new byte[] {(byte) 0xff, 'b'});
        try (AsyncTextFile f = AsyncFiles.open(p, "r", opts(StandardCharsets.UTF_8, TextErrors.BACKSLASH_REPLACE))) {
            assertEquals("\\x", f.read(2));
            f.seek(1);
            assertEquals("b", f.read());
        }
    }

    // open(p, errors='xmlcharrefreplace').read() -> TypeError: don't know how to handle
    // UnicodeDecodeError in error callback
    @Test
    void xmlcharrefReplaceCannotDecodeABadByte() throws Exception {
        Path p = Files.write(dir.resolve("b.txt"), BAD);
        try (AsyncTextFile f = AsyncFiles.open(p, "r", opts(StandardCharsets.UTF_8, TextErrors.XMLCHARREF_REPLACE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f::read);
            assertTrue(e.getMessage().contains("don't know how to handle UnicodeDecodeError in error callback"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("byte 0xff at offset 2"), e.getMessage());
        }
    }

    // open(p, errors='namereplace').read() -> TypeError: don't know how to handle UnicodeDecodeError in error callback
    @Test
    void nameReplaceCannotDecodeABadByte() throws Exception {
        Path p = Files.write(dir.resolve("b.txt"), BAD);
        try (AsyncTextFile f = AsyncFiles.open(p, "r", opts(StandardCharsets.UTF_8, TextErrors.NAME_REPLACE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f::read);
            assertTrue(e.getMessage().contains("don't know how to handle UnicodeDecodeError in error callback"),
                    e.getMessage());
        }
    }

    // Python raises only when the handler is called: valid text reads as usual
    @Test
    void encodeOnlyHandlersReadValidTextAsUsual() throws Exception {
        Path p = Files.writeString(dir.resolve("ok.txt"), "h\u00e9\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "r", opts(StandardCharsets.UTF_8, TextErrors.NAME_REPLACE))) {
            assertEquals("h\u00e9\n", f.read());
        }
    }

    // latin-1 backslashreplace: b'a\xe9\\u20ac\\U0001f600\\udc80\\uac00\\u4e00\x00\x7f\\ufffd\\u0378'
    @Test
    void backslashReplaceWritesHexEscapesByCodePoint() throws Exception {
        assertEquals("a\u00e9\\u20ac\\U0001f600\\udc80\\uac00\\u4e00\u0000\u007f\\ufffd\\u0378",
                latin1(written(StandardCharsets.ISO_8859_1, TextErrors.BACKSLASH_REPLACE, TEXT)));
        // ascii: b'a\\xe9\\u20ac...'
        assertEquals("a\\xe9\\u20ac\\U0001f600\\udc80\\uac00\\u4e00\u0000\u007f\\ufffd\\u0378",
                latin1(written(StandardCharsets.US_ASCII, TextErrors.BACKSLASH_REPLACE, TEXT)));
    }

    // ascii xmlcharrefreplace: b'a&#233;&#8364;&#128512;&#56448;&#44032;&#19968;\x00\x7f&#65533;&#888;'
    @Test
    void xmlcharrefReplaceWritesDecimalCharacterReferences() throws Exception {
        assertEquals("a&#233;&#8364;&#128512;&#56448;&#44032;&#19968;\u0000\u007f&#65533;&#888;",
                latin1(written(StandardCharsets.US_ASCII, TextErrors.XMLCHARREF_REPLACE, TEXT)));
    }

    // ascii namereplace: b'a\\N{LATIN SMALL LETTER E WITH ACUTE}\\N{EURO SIGN}\\N{GRINNING FACE}\\udc80
    // \\N{HANGUL SYLLABLE GA}\\N{CJK UNIFIED IDEOGRAPH-4E00}\x00\x7f\\N{REPLACEMENT CHARACTER}\\u0378'
    @Test
    void nameReplaceWritesUnicodeNamesAndEscapesTheUnnamed() throws Exception {
        assertEquals("a\\N{LATIN SMALL LETTER E WITH ACUTE}\\N{EURO SIGN}\\N{GRINNING FACE}\\udc80"
                + "\\N{HANGUL SYLLABLE GA}\\N{CJK UNIFIED IDEOGRAPH-4E00}\u0000\u007f\\N{REPLACEMENT CHARACTER}"
                + "\\u0378", latin1(written(StandardCharsets.US_ASCII, TextErrors.NAME_REPLACE, TEXT)));
    }

    // utf-8: only the lone surrogate is unencodable: b'...\\udc80...', b'...&#56448;...', b'...\\udc80...'
    @Test
    void inUtf8OnlyALoneSurrogateIsReplaced() throws Exception {
        String expected = "a\u00e9\u20ac\uD83D\uDE00%s\uAC00\u4E00\u0000\u007F\uFFFD\u0378";
        assertEquals(String.format(expected, "\\udc80"), new String(written(StandardCharsets.UTF_8,
                TextErrors.BACKSLASH_REPLACE, TEXT), StandardCharsets.UTF_8));
        assertEquals(String.format(expected, "&#56448;"), new String(written(StandardCharsets.UTF_8,
                TextErrors.XMLCHARREF_REPLACE, TEXT), StandardCharsets.UTF_8));
        assertEquals(String.format(expected, "\\udc80"), new String(written(StandardCharsets.UTF_8,
                TextErrors.NAME_REPLACE, TEXT), StandardCharsets.UTF_8));
    }

    /**
     * chr(cp).encode('ascii', 'namereplace') for each code point, from CPython 3.13 (Unicode
     * 15.1). Where the JDK's Character.getName differs: controls (no name in Python), CJK
     * ideographs and Hangul syllables (other forms), Unicode 16.0 additions and Tangut (no name
     * in Python), surrogates and private use.
     */
    private static final String[] NAMES = {
        "80", "\\x80",
        "85", "\\x85",
        "9F", "\\x9f",
        "A0", "\\N{NO-BREAK SPACE}",
        "E9", "\\N{LATIN SMALL LETTER E WITH ACUTE}",
        "378", "\\u0378",
        "897", "\\u0897",
        "1B4E", "\\u1b4e",
        "2427", "\\u2427",
        "3400", "\\N{CJK UNIFIED IDEOGRAPH-3400}",
        "4DBF", "\\N{CJK UNIFIED IDEOGRAPH-4DBF}",
        "4E00", "\\N{CJK UNIFIED IDEOGRAPH-4E00}",
        "9FFF", "\\N{CJK UNIFIED IDEOGRAPH-9FFF}",
        "A7CB", "\\ua7cb",
        "AC00", "\\N{HANGUL SYLLABLE GA}",
        "AC01", "\\N{HANGUL SYLLABLE GAG}",
        "D4DB", "\\N{HANGUL SYLLABLE PWILH}",
        "D7A3", "\\N{HANGUL SYLLABLE HIH}",
        "D7A4", "\\ud7a4",
        "D800", "\\ud800",
        "DC80", "\\udc80",
        "E000", "\\ue000",
        "F8FF", "\\uf8ff",
        "F900", "\\N{CJK COMPATIBILITY IDEOGRAPH-F900}",
        "FA6E", "\\ufa6e",
        "FEFF", "\\N{ZERO WIDTH NO-BREAK SPACE}",
        "FFFD", "\\N{REPLACEMENT CHARACTER}",
        "FFFF", "\\uffff",
        "10000", "\\N{LINEAR B SYLLABLE B008 A}",
        "13000", "\\N{EGYPTIAN HIEROGLYPH A001}",
        "13460", "\\U00013460",
        "17000", "\\U00017000",
        "18800", "\\N{TANGUT COMPONENT-001}",
        "18B00", "\\N{KHITAN SMALL SCRIPT CHARACTER-18B00}",
        "18CFF", "\\U00018cff",
        "18D00", "\\U00018d00",
        "1B170", "\\N{NUSHU CHARACTER-1B170}",
        "1CC00", "\\U0001cc00",
        "1F600", "\\N{GRINNING FACE}",
        "1FA89", "\\U0001fa89",
        "20000", "\\N{CJK UNIFIED IDEOGRAPH-20000}",
        "2A6DF", "\\N{CJK UNIFIED IDEOGRAPH-2A6DF}",
        "2EBF0", "\\N{CJK UNIFIED IDEOGRAPH-2EBF0}",
        "30000", "\\N{CJK UNIFIED IDEOGRAPH-30000}",
        "323AF", "\\N{CJK UNIFIED IDEOGRAPH-323AF}",
        "2F800", "\\N{CJK COMPATIBILITY IDEOGRAPH-2F800}",
        "E0001", "\\N{LANGUAGE TAG}",
        "10FFFD", "\\U0010fffd",
    };

    @Test
    void nameReplaceGivesPythonsNamesForATableOfCodePoints() throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < NAMES.length; i += 2) {
            text.appendCodePoint(Integer.parseInt(NAMES[i], 16));
            expected.append(NAMES[i + 1]).append('|');
            text.append('|');
        }
        assertEquals(expected.toString(), latin1(written(StandardCharsets.US_ASCII, TextErrors.NAME_REPLACE,
                text.toString())));
    }

    // unicodedata.name(chr(cp), None): None for controls, e.g. '\x00' (the JDK says NULL)
    @Test
    void controlsHaveNoNameAsInPython() {
        assertNull(UnicodeNames.name(0));
        assertNull(UnicodeNames.name(0x85));
        assertEquals("SPACE", UnicodeNames.name(0x20));
    }
}
