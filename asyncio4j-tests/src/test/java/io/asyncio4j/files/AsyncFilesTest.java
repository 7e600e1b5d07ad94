package io.asyncio4j.files;

import io.asyncio4j.Coroutine;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening, whole-file helpers, errors, concurrency. */
@ExtendWith(AsyncioExtension.class)
class AsyncFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeStringThenReadStringRoundTrips() throws Exception {
        Path p = dir.resolve("s.txt");
        AsyncFiles.writeString(p, "ünïcode\n");
        assertEquals("ünïcode\n", AsyncFiles.readString(p));
        AsyncFiles.writeString(p, "more\n", StandardOpenOption.APPEND);
        assertEquals(List.of("ünïcode", "more"), AsyncFiles.readAllLines(p));
        assertEquals(15, AsyncFiles.size(p));
    }

    @Test
    void writeThenReadAllBytesRoundTrips() throws Exception {
        Path p = dir.resolve("b.bin");
        AsyncFiles.write(p, new byte[] {0, 1, (byte) 255});
        assertArrayEquals(new byte[] {0, 1, (byte) 255}, AsyncFiles.readAllBytes(p));
        assertTrue(AsyncFiles.exists(p));
        assertTrue(AsyncFiles.deleteIfExists(p));
        assertFalse(AsyncFiles.exists(p));
    }

    @Test
    void openingAMissingFileForReadingRaisesNoSuchFileNamingIt() {
        Path p = dir.resolve("missing.txt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AsyncFiles.open(p, "r"));
        assertEquals(p.toString(), e.getFile());
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> AsyncFiles.readString(p));
    }

    @Test
    void exclusiveCreationFailsIfTheFileExists() throws Exception {
        Path p = dir.resolve("x.txt");
        try (AsyncTextFile f = AsyncFiles.open(p, "x")) {
            f.write("new");
        }
        assertThrows(FileAlreadyExistsException.class, () -> AsyncFiles.open(p, "x"));
    }

    @Test
    void openingADirectoryRaisesIsADirectory() {
        FileSystemException e = assertThrows(FileSystemException.class, () -> AsyncFiles.open(dir, "r"));
        assertTrue(e.getMessage().contains("Is a directory"), e.getMessage());
    }

    @Test
    void exclusiveCreationOfADirectorysPathSaysItExistsAndAnEmptyPathIsNoFile() {
        // CPython: open(dir, "x") raises FileExistsError, open("") FileNotFoundError
        assertThrows(FileAlreadyExistsException.class, () -> AsyncFiles.open(dir, "x"));
        assertThrows(NoSuchFileException.class, () -> AsyncFiles.open("", "r"));
    }

    @Test
    void invalidModesAreRefusedWithTheReason() {
        for (String mode : List.of("", "rw", "rr", "z", "r++", "rbt")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AsyncFiles.open(dir.resolve("m"), mode));
            assertTrue(e.getMessage().contains("invalid mode '" + mode + "'"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncFiles.open(dir.resolve("m"), "rb"));
        assertTrue(e.getMessage().contains("openBinary"), e.getMessage());
    }

    @Test
    void readingAFileOpenedForWritingIsUnsupported() throws Exception {
        try (AsyncTextFile f = AsyncFiles.open(dir.resolve("w.txt"), "w")) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, f::readline);
            assertTrue(e.getMessage().contains("not readable"), e.getMessage());
        }
    }

    @Test
    void writingAFileOpenedForReadingIsUnsupported() throws Exception {
        Path p = dir.resolve("r.txt");
        Files.writeString(p, "x");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> f.write("y"));
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        }
    }

    @Test
    void usingAClosedFileRaisesIllegalState() throws Exception {
        AsyncTextFile f = AsyncFiles.open(dir.resolve("c.txt"), "w");
        f.close();
        assertTrue(f.isClosed());
        assertEquals(AsyncFile.State.CLOSED, f.state());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.write("x"));
        assertTrue(e.getMessage().contains("I/O operation on closed file"), e.getMessage());
        f.close(); // a second close does nothing
    }

    @Test
    void manyFilesAreWrittenAndReadConcurrentlyWithGather() throws Exception {
        List<Coroutine<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Path p = dir.resolve("f" + i + ".txt");
            String text = ("file " + i + "\n").repeat(1000);
            jobs.add(() -> {
                try (AsyncTextFile f = AsyncFiles.open(p, "w")) {
                    f.write(text);
                }
                try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
                    return f.read();
                }
            });
        }
        @SuppressWarnings("unchecked")
        List<String> results = gather(jobs.toArray(new Coroutine[0]));
        for (int i = 0; i < 50; i++) {
            assertEquals(("file " + i + "\n").repeat(1000), results.get(i));
        }
    }

    @Test
    void twoTasksReadingOneFileGetEveryLineOnce() throws Exception {
        Path p = dir.resolve("shared.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append('\n');
        }
        Files.writeString(p, sb);
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            Coroutine<List<String>> reader = () -> {
                List<String> mine = new ArrayList<>();
                for (String line : f) {
                    mine.add(line);
                    if (mine.size() % 1000 == 0) {
                        sleep(0);
                    }
                }
                return mine;
            };
            Task<List<String>> a = createTask(reader);
            Task<List<String>> b = createTask(reader);
            List<String> all = new ArrayList<>(a.await());
            all.addAll(b.await());
            assertEquals(50_000, all.size());
            assertEquals(50_000, all.stream().distinct().count());
        }
    }

    @Test
    void aCancelledReadLeavesTheFileUsable() throws Exception {
        Path p = dir.resolve("cancel.txt");
        Files.writeString(p, "first\nsecond\n");
        try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
            Task<String> t = createTask(() -> f.readline());
            sleep(0); // it is now waiting for its first buffer
            t.cancel();
            assertThrows(io.asyncio4j.CancelledError.class, t::await);
            assertEquals("first\n", f.readline());
            assertEquals("second\n", f.readline());
        }
    }

    @Test
    void filesLeaveNoDescriptorOpen() throws Exception {
        Path p = dir.resolve("fd.txt");
        AsyncFiles.writeString(p, "x\n");
        long before = countFds();
        for (int i = 0; i < 20; i++) {
            try (AsyncTextFile f = AsyncFiles.open(p, "r")) {
                f.readline();
            }
            try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "ab")) {
                f.write(new byte[] {'y'});
            }
            assertThrows(NoSuchFileException.class, () -> AsyncFiles.open(dir.resolve("nope"), "r"));
        }
        assertEquals(before, countFds());
    }

    @Test
    void theFileSystemCallsOfAiofilesOsBehaveAsPythonsOs() throws Exception {
        // CPython: rename replaces a target file; mkdir of an existing directory raises
        // FileExistsError; makedirs(exist_ok=True); rmdir of a non-empty directory raises;
        // remove of a missing file raises FileNotFoundError; stat().st_size
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        AsyncFiles.writeString(a, "A");
        AsyncFiles.writeString(b, "B");
        AsyncFiles.rename(a, b);
        assertEquals("A", AsyncFiles.readString(b));
        assertFalse(AsyncFiles.exists(a));
        AsyncFiles.mkdir(dir.resolve("sub"));
        assertThrows(FileAlreadyExistsException.class, () -> AsyncFiles.mkdir(dir.resolve("sub")));
        AsyncFiles.makedirs(dir.resolve("x/y"));
        AsyncFiles.makedirs(dir.resolve("x/y"));
        assertEquals(List.of("b", "sub", "x"), AsyncFiles.listdir(dir).stream().sorted().toList());
        assertThrows(java.nio.file.DirectoryNotEmptyException.class, () -> AsyncFiles.rmdir(dir.resolve("x")));
        AsyncFiles.rmdir(dir.resolve("x/y"));
        assertThrows(NoSuchFileException.class, () -> AsyncFiles.remove(a));
        assertEquals(1, AsyncFiles.stat(b).size());
        assertTrue(AsyncFiles.isFile(b));
        assertTrue(AsyncFiles.isDirectory(dir.resolve("x")));
        AsyncFiles.remove(b);
        assertFalse(AsyncFiles.isFile(b));
    }

    @Test
    void removeRefusesADirectoryEvenAnEmptyOneAndLeavesIt() throws Exception {
        // CPython 3.13: os.remove(empty_dir) -> IsADirectoryError [Errno 21] Is a directory; the
        // directory stays (os.remove is unlink(2); Files.delete alone would remove it)
        Path empty = Files.createDirectory(dir.resolve("empty"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> AsyncFiles.remove(empty));
        assertTrue(e.getMessage().contains("Is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(empty));
    }

    @Test
    void removeOfASymbolicLinkToADirectoryDeletesTheLinkAndKeepsTheDirectory() throws Exception {
        // CPython 3.13: os.remove(link_to_dir) -> None; os.path.lexists(link) False, os.path.isdir(target) True
        Path target = Files.createDirectory(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        AsyncFiles.remove(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(target));
    }

    @Test
    void rmdirOfAMissingPathRaisesNoSuchFile() {
        // CPython 3.13: os.rmdir(missing) -> FileNotFoundError [Errno 2] No such file or directory
        assertThrows(NoSuchFileException.class, () -> AsyncFiles.rmdir(dir.resolve("missing")));
    }

    @Test
    void rmdirOfAFileRaisesNotADirectory() throws Exception {
        // CPython 3.13: os.rmdir(file) -> NotADirectoryError [Errno 20] Not a directory
        Path file = Files.createFile(dir.resolve("file"));
        assertThrows(java.nio.file.NotDirectoryException.class, () -> AsyncFiles.rmdir(file));
    }

    @Test
    void anOpenCancelledWhileTheFileOpensLeavesNoDescriptorOpen() throws Exception {
        // CPython: a file object dropped by a cancelled opener is closed (refcounting); here the
        // open hands its channel over or closes it, whichever side comes second
        Path p = dir.resolve("cancelled-open.txt");
        AsyncFiles.writeString(p, "x\n");
        for (int i = 0; i < 200; i++) {
            Task<AsyncTextFile> t = createTask(() -> AsyncFiles.open(p, "r"));
            sleep(0);
            t.cancel();
            try {
                t.await().close(); // the open won the race: ours to close
            } catch (io.asyncio4j.CancelledError e) {
                // cancelled while the open ran
            }
        }
        for (int i = 0; i < 200 && fdsOpenOn(p) > 0; i++) {
            io.asyncio4j.Asyncio.toThread(() -> {
                Thread.sleep(10); // opens still running on the pool finish, and close what nobody took
                return null;
            });
        }
        assertEquals(0, fdsOpenOn(p), "descriptors still open on the file");
    }

    /** Descriptors of this process open on {@code file} (only those: other tests' come and go). */
    private static long fdsOpenOn(Path file) throws Exception {
        Path real = file.toRealPath();
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (java.io.IOException e) {
                    return false; // closed while listed
                }
            }).count();
        }
    }

    private static long countFds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
