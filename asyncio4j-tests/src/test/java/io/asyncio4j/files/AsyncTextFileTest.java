package io.asyncio4j.files;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.CharConversionException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text files: lines, newlines, encodings, positions. */
@ExtendWith(AsyncioExtension.class)
class AsyncTextFileTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        Path p = dir.resolve("a.txt");
        try (AsyncTextFile f = AsyncFiles.open(p, "w")) {
            assertEquals(6, f.write("héllo\n"));
            f.writelines(List.of("two\n", "three"));
        }
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("héllo\ntwo\nthree", f.read());
        }
        assertEquals("héllo\ntwo\nthree", Files.readString(p));
    }

    @Test
    void readOfNCountsCharactersAsPythonDoesAnEmojiBeingOne() throws Exception {
        // CPython/aiofiles, 'ab\U0001F600c\U0001F600' read n at a time:
        //   n=1 [a, b, 😀, c, 😀]   n=2 [ab, 😀c, 😀]   n=3 [ab😀, c😀]
        Path p = dir.resolve("emoji.txt");
        String smile = new String(Character.toChars(0x1F600));
        Files.writeString(p, "ab" + smile + "c" + smile);
        List<List<String>> got = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            List<String> chunks = new ArrayList<>();
            try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
                for (String s = f.read(n); !s.isEmpty(); s = f.read(n)) {
                    chunks.add(s);
                }
            }
            got.add(chunks);
        }
        assertEquals(List.of(List.of("a", "b", smile, "c", smile), List.of("ab", smile + "c", smile),
                List.of("ab" + smile, "c" + smile)), got);
    }

    @Test
    void readlineReturnsEachLineWithItsNewlineThenEmpty() throws Exception {
        Path p = dir.resolve("l.txt");
        Files.writeString(p, "a\nbb\nlast");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("a\n", f.readline());
            assertEquals("bb\n", f.readline());
            assertEquals("last", f.readline());
            assertEquals("", f.readline());
            assertEquals("", f.readline());
        }
    }

    @Test
    void forEachIteratesOverTheLines() throws Exception {
        Path p = dir.resolve("it.txt");
        Files.writeString(p, "x\ny\nz\n");
        List<String> lines = new ArrayList<>();
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            for (String line : f) {
                lines.add(line);
            }
        }
        assertEquals(List.of("x\n", "y\n", "z\n"), lines);
    }

    @Test
    void windowsAndOldMacLineEndsReadAsNewlines() throws Exception {
        Path p = dir.resolve("crlf.txt");
        Files.writeString(p, "one\r\ntwo\rthree\n\r\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals(List.of("one\n", "two\n", "three\n", "\n"), f.readlines());
        }
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("one\ntwo\nthree\n\n", f.read());
        }
    }

    @Test
    void aCarriageReturnAtTheEndOfABufferPairsWithTheNewlineAfterIt() throws Exception {
        Path p = dir.resolve("edge.txt");
        String first = "x".repeat(AsyncFile.CHUNK - 1) + "\r\n";
        Files.writeString(p, first + "next\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("x".repeat(AsyncFile.CHUNK - 1) + "\n", f.readline());
            assertEquals("next\n", f.readline());
        }
    }

    @Test
    void readOfNCharactersCountsCharactersNotBytes() throws Exception {
        Path p = dir.resolve("n.txt");
        Files.writeString(p, "ééé\r\nabc");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("éé", f.read(2));
            assertEquals("é\na", f.read(3));
            assertEquals("bc", f.read(10));
            assertEquals("", f.read(10));
        }
    }

    @Test
    void appendModeAddsToTheEnd() throws Exception {
        Path p = dir.resolve("app.txt");
        Files.writeString(p, "first\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "a")) {
            assertEquals(6, f.tell());
            f.write("second\n");
            assertEquals(13, f.tell());
        }
        try (AsyncTextFile f = AsyncFiles.open(p, "a")) {
            f.write("third\n");
        }
        assertEquals("first\nsecond\nthird\n", Files.readString(p));
    }

    @Test
    void seekAndTellCountBytes() throws Exception {
        Path p = dir.resolve("s.txt");
        Files.writeString(p, "héllo\nworld\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("héllo\n", f.readline());
            assertEquals(7, f.tell());
            assertEquals(7, f.seek(0, 1));
            assertEquals(0, f.seek(0));
            assertEquals("héllo\n", f.readline());
            assertEquals(13, f.seek(0, 2));
            assertEquals("", f.read());
            f.seek(7);
            assertEquals("world\n", f.read());
        }
    }

    @Test
    void readPlusModeReadsThenOverwritesInPlace() throws Exception {
        Path p = dir.resolve("rw.txt");
        Files.writeString(p, "aaaa\nbbbb\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "r+")) {
            assertEquals("aaaa\n", f.readline());
            f.write("BB");
            assertEquals(7, f.tell());
            assertEquals("bb\n", f.readline());
        }
        assertEquals("aaaa\nBBbb\n", Files.readString(p));
    }

    @Test
    void anotherEncodingIsUsedBothWays() throws Exception {
        Path p = dir.resolve("latin.txt");
        Charset latin1 = StandardCharsets.ISO_8859_1;
        try (AsyncTextFile f = AsyncFiles.open(p, "w", latin1)) {
            f.write("café\n");
        }
        assertEquals(5, Files.size(p));
        try (AsyncTextFile f = AsyncFiles.open(p, "r", latin1)) {
            assertEquals(latin1, f.encoding());
            assertEquals("café\n", f.readline());
        }
    }

    @Test
    void bytesThatAreNotUtf8RaiseCharConversion() throws Exception {
        Path p = dir.resolve("bad.txt");
        Files.write(p, new byte[] {'o', 'k', '\n', (byte) 0xff, '\n'});
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            assertEquals("ok\n", f.readline());
            CharConversionException e = assertThrows(CharConversionException.class, f::readline);
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        }
    }

    @Test
    void charactersTheEncodingCannotWriteRaiseCharConversion() throws Exception {
        Path p = dir.resolve("ascii.txt");
        try (AsyncTextFile f = AsyncFiles.open(p, "w", StandardCharsets.US_ASCII)) {
            assertThrows(CharConversionException.class, () -> f.write("ü"));
        }
    }

    @Test
    void utf16IsRefusedInTextMode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncFiles.open(dir.resolve("x"), "w", StandardCharsets.UTF_16));
        assertTrue(e.getMessage().contains("openBinary"), e.getMessage());
    }

    @Test
    void aBigFileIsReadLineByLine() throws Exception {
        Path p = dir.resolve("big.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500_000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Files.writeString(p, sb);
        int n = 0;
        long chars = 0;
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            for (String line : f) {
                assertEquals("line " + n + "\n", line);
                n++;
                chars += line.length();
            }
        }
        assertEquals(500_000, n);
        assertEquals(sb.length(), chars);
    }

    @Test
    void aBigFileIsWrittenLineByLine() throws Exception {
        Path p = dir.resolve("bigw.txt");
        try (AsyncTextFile f = AsyncFiles.open(p, "w")) {
            for (int i = 0; i < 200_000; i++) {
                f.write("line " + i + "\n");
            }
        }
        List<String> lines = Files.readAllLines(p);
        assertEquals(200_000, lines.size());
        assertEquals("line 199999", lines.get(199_999));
    }
}
