package io.asyncio4j.files;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spooled temporary files against aiofiles' {@code SpooledTemporaryFile} (under
 * {@code /usr/bin/python3}) and CPython 3.13's {@code tempfile.SpooledTemporaryFile}; their
 * output ({@code f._file._rolled} for {@code rolled()}) is in the comments.
 */
@ExtendWith(AsyncioExtension.class)
class SpooledTemporaryFileTest {
    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // SpooledTemporaryFile(10): write(b'0123456789') -> _rolled False, tell 10; write(b'a') -> True, 11
    @Test
    void aWritePastMaxSizeRollsTheFileOverToDisk() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(10)) {
            f.write(ascii("0123456789"));
            assertFalse(f.rolled());
            assertEquals(10, f.tell());
            f.write(ascii("a"));
            assertTrue(f.rolled());
            assertEquals(11, f.tell());
        }
    }

    // then seek(3), read(4) -> b'3456', write(b'XY'), seek(0), read() -> b'0123456XY9a'
    @Test
    void readsWritesAndSeeksGoOnAcrossTheRollover() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(10)) {
            f.write(ascii("0123456789"));
            f.write(ascii("a"));
            f.seek(3);
            assertArrayEquals(ascii("3456"), f.read(4));
            f.write(ascii("XY"));
            f.seek(0);
            assertArrayEquals(ascii("0123456XY9a"), f.read());
        }
    }

    // SpooledTemporaryFile(10): write(b'abcdef'), seek(2), write(b'Z') -> tell 3, _rolled False; read -> b'abZdef'
    @Test
    void inMemoryAFileIsReadAndWrittenAnywhere() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(10)) {
            f.write(ascii("abcdef"));
            f.seek(2);
            f.write(ascii("Z"));
            assertEquals(3, f.tell());
            assertFalse(f.rolled());
            f.seek(0);
            assertArrayEquals(ascii("abZdef"), f.read());
        }
    }

    // SpooledTemporaryFile(100): write(b'hello\nworld\n'), seek(6), rollover() -> _rolled True,
    // tell 6, readline() b'world\n', read() b''
    @Test
    void rolloverMovesTheBytesAndKeepsThePosition() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(100)) {
            f.write(ascii("hello\nworld\n"));
            f.seek(6);
            f.rollover();
            assertTrue(f.rolled());
            assertEquals(6, f.tell());
            assertArrayEquals(ascii("world\n"), f.readline());
            assertArrayEquals(new byte[0], f.read());
            f.rollover(); // once on disk: nothing
            assertTrue(f.rolled());
        }
    }

    // SpooledTemporaryFile(): write(b'x' * 100000) -> _rolled False (max_size 0 never rolls over)
    @Test
    void maxSizeZeroNeverRollsOverByItself() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(0)) {
            byte[] big = new byte[1_000_000];
            Arrays.fill(big, (byte) 'x');
            f.write(big);
            assertFalse(f.rolled());
            f.seek(0);
            assertArrayEquals(big, f.read());
        }
    }

    // then truncate(5) -> _rolled True (5 > max_size 0); seek(0), read() -> b'xxxxx'
    @Test
    void truncateToMoreThanMaxSizeRollsOverFirst() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(0)) {
            f.write(ascii("xxxxxxxxxx"));
            f.truncate(5);
            assertTrue(f.rolled());
            f.seek(0);
            assertArrayEquals(ascii("xxxxx"), f.read());
        }
    }

    // SpooledTemporaryFile(10): write(b'abc'), truncate() -> _rolled False; truncate(20) -> True,
    // tell 3; read() -> b'abc' + 17 zero bytes
    @Test
    void truncateWithoutASizeStaysInMemoryAndExtendingPadsWithZeros() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(10)) {
            f.write(ascii("abc"));
            f.truncate();
            assertFalse(f.rolled());
            assertEquals(20, f.truncate(20));
            assertTrue(f.rolled());
            assertEquals(3, f.tell());
            f.seek(0);
            byte[] expected = new byte[20];
            System.arraycopy(ascii("abc"), 0, expected, 0, 3);
            assertArrayEquals(expected, f.read());
        }
    }

    @Test
    void inMemoryTruncateAndExtendPadWithZerosToo() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(100)) {
            f.write(ascii("abcdef"));
            f.truncate(2);
            f.seek(4);
            f.write(ascii("Z"));
            assertFalse(f.rolled());
            f.seek(0);
            assertArrayEquals(new byte[] {'a', 'b', 0, 0, 'Z'}, f.read());
        }
    }

    // SpooledTemporaryFile(5, 'w+', encoding='utf-8', newline=''): write('h\xe9\r\n') -> _rolled
    // False, tell 5; write('x') -> True; seek(0), read() -> 'hé\r\nx'
    @Test
    void aSpooledTextFileCountsEncodedBytes() throws Exception {
        TextOptions opts = TextOptions.defaults().withNewline("");
        try (AsyncSpooledTextFile f = AsyncFiles.spooledTemporaryTextFile(5, "w+", opts)) {
            f.write("h\u00e9\r\n");
            assertFalse(f.rolled());
            assertEquals(5, f.tell());
            f.write("x");
            assertTrue(f.rolled());
            f.seek(0);
            assertEquals("h\u00e9\r\nx", f.read());
        }
    }

    // SpooledTemporaryFile(3, 'w+'): write('a\nb\n'), seek(0), readlines() -> ['a\n', 'b\n'], rolled
    @Test
    void aSpooledTextFileReadsLinesAfterTheRollover() throws Exception {
        try (AsyncSpooledTextFile f = AsyncFiles.spooledTemporaryTextFile(3, "w+", TextOptions.defaults())) {
            f.write("a\nb\n");
            assertTrue(f.rolled());
            f.seek(0);
            assertEquals(List.of("a\n", "b\n"), f.readlines());
        }
    }

    // tempfile.SpooledTemporaryFile(100, 'w+', encoding='ascii', errors='xmlcharrefreplace'):
    // write('\xe9'), seek(0), read() -> '&#233;'
    @Test
    void aSpooledTextFileUsesTheErrorHandlerOfItsOptions() throws Exception {
        TextOptions opts = TextOptions.defaults().withEncoding(StandardCharsets.US_ASCII)
                .withErrors(TextErrors.XMLCHARREF_REPLACE);
        try (AsyncSpooledTextFile f = AsyncFiles.spooledTemporaryTextFile(100, "w+", opts)) {
            f.write("\u00e9");
            f.seek(0);
            assertEquals("&#233;", f.read());
        }
    }

    // name -> None
    @Test
    void aSpooledFileHasNoPath() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(1)) {
            assertNull(f.path());
            f.write(ascii("ab"));
            assertNull(f.path());
        }
    }

    @Test
    void theRolledOverFileIsMadeInTheGivenDirectoryAndLeavesNothingThere() throws Exception {
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(1, "w+b", ".suf", "pre-", dir)) {
            f.write(ascii("ab"));
            assertTrue(f.rolled());
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count()); // unlinked at once, as TemporaryFile
            }
        }
    }

    // SpooledTemporaryFile(1, dir='/nonexistent'): the constructor is fine, write(b'ab') raises
    // FileNotFoundError (the rollover)
    @Test
    void aMissingDirectoryIsReportedByTheWriteThatRollsOver() throws Exception {
        Path missing = dir.resolve("missing");
        try (AsyncSpooledBinaryFile f = AsyncFiles.spooledTemporaryFile(1, "w+b", null, null, missing)) {
            f.write(ascii("a"));
            assertThrows(NoSuchFileException.class, () -> f.write(ascii("b")));
            assertFalse(f.rolled());
        }
    }

    @Test
    void anAppendingModeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncFiles.spooledTemporaryFile(10, "a+b", null, null, null));
        assertTrue(e.getMessage().contains("appends"), e.getMessage());
    }
}
