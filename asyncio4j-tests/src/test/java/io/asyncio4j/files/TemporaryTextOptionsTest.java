package io.asyncio4j.files;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Temporary text files with {@link TextOptions} ({@code encoding=}, {@code newline=},
 * {@code errors=}), against CPython 3.13's {@code tempfile} (which takes {@code errors=}) and
 * aiofiles' {@code tempfile} (which passes {@code newline=} on); results in the comments.
 */
@ExtendWith(AsyncioExtension.class)
class TemporaryTextOptionsTest {

    // tempfile.NamedTemporaryFile('w+', newline='', errors='backslashreplace', encoding='ascii'):
    // write('a\r\nb\xe9\n'), seek(0), read() -> 'a\r\nb\\xe9\n'; the file holds b'a\r\nb\\xe9\n'
    @Test
    void aNamedTemporaryTextFileUsesTheNewlineAndErrorsOfItsOptions() throws Exception {
        TextOptions opts = TextOptions.defaults().withEncoding(StandardCharsets.US_ASCII).withNewline("")
                .withErrors(TextErrors.BACKSLASH_REPLACE);
        try (AsyncTextFile f = AsyncFiles.namedTemporaryTextFile("w+", opts)) {
            assertEquals(opts, f.options());
            f.write("a\r\nb\u00e9\n");
            f.flush();
            assertArrayEquals("a\r\nb\\xe9\n".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(f.path()));
            f.seek(0);
            assertEquals("a\r\nb\\xe9\n", f.read());
        }
    }

    // aiofiles.tempfile.NamedTemporaryFile('w+', newline='', encoding='ascii'): write('a\r\nb\n'),
    // seek(0), readlines() -> ['a\r\n', 'b\n']
    @Test
    void newlineEmptyKeepsLineEndsInANamedTemporaryFile() throws Exception {
        TextOptions opts = TextOptions.defaults().withNewline("");
        try (AsyncTextFile f = AsyncFiles.namedTemporaryTextFile("w+", opts, ".txt", "pre-", null, true)) {
            f.write("a\r\nb\n");
            f.seek(0);
            assertEquals(List.of("a\r\n", "b\n"), f.readlines());
        }
    }

    // tempfile.TemporaryFile('w+', newline='\r\n', errors='replace', encoding='ascii'):
    // write('x\ny\xe9'), seek(0), read() -> 'x\r\ny?'
    @Test
    void aTemporaryTextFileUsesTheNewlineAndErrorsOfItsOptions() throws Exception {
        TextOptions opts = TextOptions.defaults().withEncoding(StandardCharsets.US_ASCII).withNewline("\r\n")
                .withErrors(TextErrors.REPLACE);
        try (AsyncTextFile f = AsyncFiles.temporaryTextFile("w+", opts)) {
            f.write("x\ny\u00e9");
            f.seek(0);
            assertEquals("x\r\ny?", f.read());
        }
    }

    // tempfile.TemporaryFile('w+'): write('p\r\nq\rr\n'), seek(0), readlines() -> ['p\n', 'q\n', 'r\n']
    @Test
    void theDefaultOptionsReadUniversalNewlines() throws Exception {
        try (AsyncTextFile f = AsyncFiles.temporaryTextFile("w+", TextOptions.defaults(), null, "t", null)) {
            f.write("p\r\nq\rr\n");
            f.seek(0);
            assertEquals(List.of("p\n", "q\n", "r\n"), f.readlines());
        }
    }

    @Test
    void nullOptionsAreRefusedWithTheWayOut() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> AsyncFiles.temporaryTextFile("w+", (TextOptions) null));
        assertEquals("AsyncFiles.temporaryTextFile(): the options are null; pass TextOptions.defaults()",
                e.getMessage());
    }

    @Test
    void aBinaryModeIsRefusedWithOptionsToo() {
        assertThrows(IllegalArgumentException.class,
                () -> AsyncFiles.namedTemporaryTextFile("w+b", TextOptions.defaults()));
    }
}
