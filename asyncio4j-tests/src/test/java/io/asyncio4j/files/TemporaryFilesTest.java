package io.asyncio4j.files;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * aiofiles.tempfile: named and unnamed temporary files, temporary directories. The expected
 * behaviour is CPython 3.13's tempfile (which aiofiles 23 runs in a thread), checked with
 * programs such as {@code f = tempfile.NamedTemporaryFile('r', dir=d, prefix='pre-', suffix='.suf')}.
 */
@ExtendWith(AsyncioExtension.class)
class TemporaryFilesTest {
    @TempDir
    Path dir;

    /** Python's _RandomNameSequence: 8 of these characters. */
    private static final String RANDOM_PART = "[a-z0-9_]{8}";

    @Test
    void aNamedTemporaryFileIsNamedPrefixRandomSuffixInTheGivenDirectory() throws Exception {
        // CPython: NamedTemporaryFile(dir=d, prefix='pre-', suffix='.suf').name == d + '/pre-5zpjwlo5.suf'
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            try (AsyncBinaryFile f = AsyncFiles.namedTemporaryFile("w+b", ".suf", "pre-", dir, true)) {
                assertEquals(dir.toAbsolutePath(), f.path().getParent());
                String name = f.path().getFileName().toString();
                assertTrue(name.matches("pre-" + RANDOM_PART + "\\.suf"), name);
                assertTrue(Files.isRegularFile(f.path()));
                names.add(name);
            }
        }
        assertEquals(20, names.size());
    }

    @Test
    void aNamedTemporaryFileIsReadableAndWritableByItsOwnerOnly() throws Exception {
        // CPython: oct(stat.S_IMODE(os.stat(f.name).st_mode)) == '0o600' (mkstemp's mode)
        try (AsyncBinaryFile f = AsyncFiles.namedTemporaryFile("w+b", null, null, dir, true)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path())));
        }
    }

    @Test
    void theDefaultsAreModeWPlusBAndPrefixTmpInTheJvmsTemporaryDirectory() throws Exception {
        Path p;
        try (AsyncBinaryFile f = AsyncFiles.namedTemporaryFile()) {
            p = f.path();
            assertEquals("w+b", f.mode());
            assertTrue(f.readable() && f.writable());
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize(), p.getParent());
            assertTrue(p.getFileName().toString().matches("tmp" + RANDOM_PART), p.toString());
        }
        assertFalse(Files.exists(p));
    }

    @Test
    void closingANamedTemporaryFileDeletesIt() throws Exception {
        AsyncBinaryFile f = AsyncFiles.namedTemporaryFile("w+b", null, null, dir, true);
        f.write(new byte[] {1, 2, 3});
        f.flush();
        assertEquals(3, Files.size(f.path()));
        f.close();
        assertFalse(Files.exists(f.path()));
        f.close(); // a second close does nothing
    }

    @Test
    void aNamedTemporaryFileMadeWithDeleteFalseIsKeptAfterClose() throws Exception {
        Path p;
        try (AsyncTextFile f = AsyncFiles.namedTemporaryTextFile("w", StandardCharsets.UTF_8, ".txt", null, dir,
                false)) {
            p = f.path();
            f.write("kept\n");
        }
        assertEquals("kept\n", Files.readString(p));
    }

    @Test
    void aNamedTemporaryFileAlreadyDeletedByItsUserClosesQuietly() throws Exception {
        // CPython: os.unlink(f.name); f.close() raises nothing (FileNotFoundError is ignored)
        AsyncBinaryFile f = AsyncFiles.namedTemporaryFile("w+b", null, null, dir, true);
        Files.delete(f.path());
        f.close();
        assertEquals(AsyncFile.State.CLOSED, f.state());
    }

    @Test
    void aTextNamedTemporaryFileReadsBackWhatWasWritten() throws Exception {
        // aiofiles: async with NamedTemporaryFile('w+') as f: await f.write('ü'); await f.seek(0); await f.read()
        try (AsyncTextFile f = AsyncFiles.namedTemporaryTextFile("w+")) {
            f.write("ünï\nline 2\n");
            f.seek(0);
            assertEquals("ünï\nline 2\n", f.read());
            assertEquals(StandardCharsets.UTF_8, f.encoding());
        }
    }

    @Test
    void aNamedTemporaryFileInModeRIsEmptyAndCannotBeWritten() throws Exception {
        // CPython: NamedTemporaryFile('r').read() == '' and .write('x') raises UnsupportedOperation: not writable
        try (AsyncTextFile f = AsyncFiles.namedTemporaryTextFile("r")) {
            assertEquals("", f.read());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> f.write("x"));
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        }
    }

    @Test
    void anAppendModeNamedTemporaryFileAppends() throws Exception {
        // CPython: NamedTemporaryFile('a') works (a TextIOWrapper in mode 'a')
        Path p;
        try (AsyncTextFile f = AsyncFiles.namedTemporaryTextFile("a", StandardCharsets.UTF_8, null, null, dir, false)) {
            p = f.path();
            f.write("one\n");
            f.write("two\n");
        }
        assertEquals("one\ntwo\n", Files.readString(p));
    }

    @Test
    void aTemporaryFileHasNoPathAndLeavesNothingInItsDirectory() throws Exception {
        // CPython: TemporaryFile(dir=d).name is the descriptor number and os.listdir(d) stays empty
        try (AsyncBinaryFile f = AsyncFiles.temporaryFile("w+b", ".suf", "pre-", dir)) {
            assertNull(f.path());
            assertEquals(List.of(), AsyncFiles.listdir(dir));
            assertTrue(f.toString().contains("an unnamed temporary file"), f.toString());
        }
        assertEquals(List.of(), AsyncFiles.listdir(dir));
    }

    @Test
    void aTemporaryFileReadsBackWhatWasWrittenAfterSeekingToTheStart() throws Exception {
        // aiofiles: async with TemporaryFile() as f: await f.write(b'hi'); await f.seek(0); await f.read() == b'hi'
        byte[] data = new byte[AsyncFile.CHUNK + 10]; // more than a buffer: some of it really went to the disk
        Arrays.fill(data, (byte) 'z');
        try (AsyncBinaryFile f = AsyncFiles.temporaryFile()) {
            f.write(data);
            assertEquals(0, f.seek(0));
            assertArrayEquals(data, f.read());
        }
    }

    @Test
    void aTextTemporaryFileReadsBackText() throws Exception {
        try (AsyncTextFile f = AsyncFiles.temporaryTextFile("w+")) {
            f.write("a\r\nb\n");
            f.seek(0);
            assertEquals(List.of("a\n", "b\n"), f.readlines());
        }
    }

    @Test
    void aClosedTemporaryFileSaysItHasNoNameWhenUsed() throws Exception {
        AsyncBinaryFile f = AsyncFiles.temporaryFile("wb", null, null, dir);
        f.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.write(new byte[1]));
        assertTrue(e.getMessage().contains("closed file an unnamed temporary file"), e.getMessage());
    }

    @Test
    void aTemporaryDirectoryIsNamedPrefixRandomSuffixWithMode0700() throws Exception {
        // CPython: TemporaryDirectory(dir=d, prefix='P', suffix='S').name == d + '/P92hejissS', mode 0o700
        try (AsyncTemporaryDirectory t = AsyncFiles.temporaryDirectory("S", "P", dir)) {
            assertEquals(dir.toAbsolutePath(), t.path().getParent());
            assertTrue(t.path().getFileName().toString().matches("P" + RANDOM_PART + "S"), t.path().toString());
            assertTrue(Files.isDirectory(t.path()));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(t.path())));
            assertEquals(AsyncTemporaryDirectory.State.ACTIVE, t.state());
        }
    }

    @Test
    void closingATemporaryDirectoryRemovesItWithItsContentsButNotWhatLinksPointTo() throws Exception {
        Path outside = dir.resolve("outside.txt");
        Files.writeString(outside, "keep");
        AsyncTemporaryDirectory t = AsyncFiles.temporaryDirectory(null, null, dir);
        Path deep = t.path().resolve("a/b/c");
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("f.txt"), "x");
        Files.writeString(t.path().resolve("top.txt"), "y");
        Files.createSymbolicLink(t.path().resolve("link"), outside);
        Files.createSymbolicLink(t.path().resolve("dirlink"), dir);
        t.close();
        assertFalse(Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", Files.readString(outside));
        assertEquals(AsyncTemporaryDirectory.State.CLEANED_UP, t.state());
    }

    @Test
    void closingATemporaryDirectoryTwiceIsFine() throws Exception {
        AsyncTemporaryDirectory t = AsyncFiles.temporaryDirectory(null, null, dir);
        t.close();
        t.close();
        t.cleanup();
        assertFalse(Files.exists(t.path()));
    }

    @Test
    void aTemporaryDirectoryAlreadyRemovedByItsUserCleansUpQuietly() throws Exception {
        // CPython 3.13: os.rmdir(td.name); td.cleanup(); td.cleanup() raises nothing (_rmtree ignores
        // FileNotFoundError)
        AsyncTemporaryDirectory t = AsyncFiles.temporaryDirectory(null, null, dir);
        Files.delete(t.path());
        t.cleanup();
        assertEquals(AsyncTemporaryDirectory.State.CLEANED_UP, t.state());
    }

    @Test
    void cleaningUpAgainRemovesADirectoryMadeAgainAtThePath() throws Exception {
        // CPython: cleanup() runs _rmtree again if os.path.exists(self.name)
        AsyncTemporaryDirectory t = AsyncFiles.temporaryDirectory(null, null, dir);
        t.cleanup();
        Files.createDirectory(t.path());
        Files.writeString(t.path().resolve("again.txt"), "x");
        t.cleanup();
        assertFalse(Files.exists(t.path()));
    }

    @Test
    void aDirectoryThatDoesNotExistRaisesNoSuchFileNamingIt() {
        // CPython: FileNotFoundError [Errno 2] No such file or directory: d + '/nope/tmpufdzds29' (it names the
        // candidate; here the directory the caller gave)
        Path missing = dir.resolve("nope");
        List<org.junit.jupiter.api.function.Executable> makers = List.of(
                () -> AsyncFiles.namedTemporaryFile("w+b", null, null, missing, true),
                () -> AsyncFiles.namedTemporaryTextFile("w+", StandardCharsets.UTF_8, null, null, missing, true),
                () -> AsyncFiles.temporaryFile("w+b", null, null, missing),
                () -> AsyncFiles.temporaryDirectory(null, null, missing));
        for (var make : makers) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, make);
            assertEquals(missing.toString(), e.getFile());
            assertTrue(e.getMessage().contains("No such directory to create the temporary"), e.getMessage());
        }
    }

    @Test
    void aFileGivenAsTheDirectoryRaisesNotADirectoryNamingIt() throws Exception {
        // CPython: NotADirectoryError [Errno 20] Not a directory
        Path file = dir.resolve("afile");
        Files.writeString(file, "");
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> AsyncFiles.namedTemporaryFile("w+b", null, null, file, true));
        assertEquals(file.toString(), e.getFile());
        assertTrue(e.getMessage().contains("Not a directory"), e.getMessage());
        e = assertThrows(FileSystemException.class, () -> AsyncFiles.temporaryDirectory(null, null, file));
        assertTrue(e.getMessage().contains("Not a directory"), e.getMessage());
    }

    @Test
    void invalidOrWrongKindModesAreRefusedBeforeAnythingIsCreated() throws Exception {
        // CPython: NamedTemporaryFile('rw') raises ValueError before the opener makes a file
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncFiles.namedTemporaryFile("rw", null, null, dir, true));
        assertTrue(e.getMessage().contains("invalid mode 'rw'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AsyncFiles.namedTemporaryFile("w+t"));
        assertTrue(e.getMessage().contains("namedTemporaryTextFile"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AsyncFiles.temporaryTextFile("w+b"));
        assertTrue(e.getMessage().contains("temporaryFile(mode)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AsyncFiles.namedTemporaryTextFile("w+", StandardCharsets.UTF_16, null, null, dir, true));
        assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
        assertEquals(List.of(), AsyncFiles.listdir(dir));
    }

    @Test
    void aCancelledCloseStillDeletesTheNamedTemporaryFile() throws Exception {
        // aiofiles: close() runs whole in its thread (file close, then unlink) however its awaiter ends
        AsyncBinaryFile f = AsyncFiles.namedTemporaryFile("w+b", null, null, dir, true);
        f.write(new byte[AsyncFile.CHUNK + 1000]); // a background write, and more to flush at close
        Task<Void> closer = createTask(f::close);
        sleep(0); // the closer waits for the disk now
        closer.cancel();
        assertThrows(CancelledError.class, closer::await);
        assertEquals(AsyncFile.State.CLOSED, f.state());
        assertFalse(Files.exists(f.path()));
    }

    @Test
    void aNamedTemporaryFileMadeForACancelledCallerIsDeleted() throws Exception {
        // aiofiles: the file made in the thread for a cancelled awaiter is dropped, and its wrapper's
        // __del__ deletes it; here the creation hands the file over or deletes it, whichever side is second
        for (int i = 0; i < 100; i++) {
            Task<AsyncBinaryFile> t = createTask(() -> AsyncFiles.namedTemporaryFile("w+b", null, null, dir, true));
            sleep(0);
            t.cancel();
            try {
                t.await().close(); // the creation won the race: ours to close
            } catch (CancelledError e) {
                // cancelled while the file was made
            }
        }
        for (int i = 0; i < 200 && !AsyncFiles.listdir(dir).isEmpty(); i++) {
            // a file handed over just before the cancellation landed is lost with the task's result
            // (a task that returns while a cancel is pending ends cancelled, as in asyncio): its
            // finalizer deletes it once collected, as Python's refcount drop does at once
            System.gc();
            toThread(() -> {
                Thread.sleep(10); // creations still running on the pool finish, and delete what nobody took
                return null;
            });
        }
        assertEquals(List.of(), AsyncFiles.listdir(dir));
    }

    @Test
    void aNamedTemporaryFileNobodyClosedIsDeletedWhenCollected() throws Exception {
        // CPython: f = NamedTemporaryFile(); n = f.name; del f: os.path.exists(n) is False (_TemporaryFileCloser.__del__)
        Path p = makeAndDropNamedFile();
        collectUntil(() -> !Files.exists(p));
        assertFalse(Files.exists(p));
    }

    @Test
    void aTemporaryDirectoryNobodyCleanedUpIsRemovedWhenCollected() throws Exception {
        // CPython: TemporaryDirectory's weakref.finalize removes the tree (with a ResourceWarning)
        Path p = makeAndDropDirectory();
        collectUntil(() -> !Files.exists(p));
        assertFalse(Files.exists(p));
    }

    private Path makeAndDropNamedFile() throws IOException {
        AsyncBinaryFile f = AsyncFiles.namedTemporaryFile("w+b", null, null, dir, true);
        f.write(new byte[] {1});
        return f.path();
    }

    private Path makeAndDropDirectory() throws IOException {
        AsyncTemporaryDirectory t = AsyncFiles.temporaryDirectory(null, null, dir);
        Files.writeString(t.path().resolve("inside.txt"), "x");
        return t.path();
    }

    private static void collectUntil(BooleanSupplier done) throws IOException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            System.gc();
            toThread(() -> {
                Thread.sleep(10); // let the cleaner thread run
                return null;
            });
            sleep(0);
        }
    }
}
