package io.asyncio4j.files;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Binary files: exact bytes, sizes, lines of bytes, truncation. */
@ExtendWith(AsyncioExtension.class)
class AsyncBinaryFileTest {
    @TempDir
    Path dir;

    @Test
    void aCloseWhoseTaskIsCancelledStillWritesEveryByte() throws Exception {
        // aiofiles: close() runs whole in its thread however its awaiter ends
        Path p = dir.resolve("cancelled-close.bin");
        byte[] data = new byte[300_000]; // a full buffer goes out in the background, the rest waits
        Arrays.fill(data, (byte) 'y');
        AsyncBinaryFile f = AsyncFiles.openBinary(p, "wb");
        f.write(data);
        io.asyncio4j.Task<Void> closer = io.asyncio4j.Asyncio.createTask(f::close);
        io.asyncio4j.Asyncio.sleep(0); // the closer waits for the background write now
        closer.cancel();
        try {
            closer.await();
        } catch (io.asyncio4j.CancelledError expected) {
            // the cancellation comes through, after the close
        }
        assertEquals(300_000, Files.size(p));
        assertEquals(AsyncFile.State.CLOSED, f.state());
    }

    @Test
    void aWriteWhoseTaskIsCancelledLandsWholeOrNotAtAll() throws Exception {
        // CPython/aiofiles: the write runs whole in its thread whatever happens to its awaiter;
        // 200 writes of 100,000 bytes, cancelled mid-way, leave a multiple of 100,000 bytes
        byte[] block = new byte[100_000];
        Arrays.fill(block, (byte) 'x');
        for (int trial = 0; trial < 8; trial++) {
            Path p = dir.resolve("cancelled-" + trial + ".bin");
            io.asyncio4j.Task<Void> writer = io.asyncio4j.Asyncio.createTask(() -> {
                try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "wb")) {
                    for (int i = 0; i < 200; i++) {
                        f.write(block);
                    }
                }
            });
            for (int i = 0; i <= trial; i++) {
                io.asyncio4j.Asyncio.toThread(() -> {
                    Thread.sleep(2); // let some background writes go
                    return null;
                });
            }
            writer.cancel();
            try {
                writer.await();
            } catch (io.asyncio4j.CancelledError expected) {
                // cancelled mid-way, as intended
            }
            long size = Files.size(p);
            assertEquals(0, size % block.length, "trial " + trial + ": " + size + " bytes");
        }
    }

    @Test
    void bytesWrittenAreReadBackExactly() throws Exception {
        byte[] data = new byte[3 * AsyncFile.CHUNK + 123];
        new Random(1).nextBytes(data);
        Path p = dir.resolve("r.bin");
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "wb")) {
            assertEquals(data.length, f.write(data));
        }
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
            assertArrayEquals(data, f.read());
        }
    }

    @Test
    void readOfNReturnsNBytesUntilTheEnd() throws Exception {
        Path p = dir.resolve("n.bin");
        Files.write(p, new byte[] {1, 2, 3, 4, 5});
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
            assertArrayEquals(new byte[] {1, 2}, f.read(2));
            assertArrayEquals(new byte[] {3, 4, 5}, f.read(10));
            assertArrayEquals(new byte[0], f.read(10));
            assertArrayEquals(new byte[0], f.read());
        }
    }

    @Test
    void readlineSplitsAtNewlinesOnlyAndKeepsCarriageReturns() throws Exception {
        Path p = dir.resolve("l.bin");
        Files.write(p, "a\r\nb\rc\nd".getBytes());
        List<String> lines = new ArrayList<>();
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "rb")) {
            for (byte[] line : f) {
                lines.add(new String(line));
            }
        }
        assertEquals(List.of("a\r\n", "b\rc\n", "d"), lines);
    }

    @Test
    void chunksWrittenInPiecesLandInOrder() throws Exception {
        Path p = dir.resolve("pieces.bin");
        byte[] data = new byte[1_000_000];
        new Random(2).nextBytes(data);
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "wb")) {
            for (int off = 0; off < data.length; off += 7_777) {
                f.write(data, off, Math.min(7_777, data.length - off));
            }
            assertEquals(data.length, f.tell());
        }
        assertArrayEquals(data, Files.readAllBytes(p));
    }

    @Test
    void writePlusTruncatesThenReadsWhatWasWritten() throws Exception {
        Path p = dir.resolve("wp.bin");
        Files.write(p, new byte[100]);
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "w+b")) {
            f.write(new byte[] {9, 8, 7});
            f.seek(0);
            assertArrayEquals(new byte[] {9, 8, 7}, f.read());
        }
        assertEquals(3, Files.size(p));
    }

    @Test
    void truncateCutsTheFileAtThePosition() throws Exception {
        Path p = dir.resolve("t.bin");
        Files.write(p, new byte[] {1, 2, 3, 4, 5, 6});
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "r+b")) {
            f.read(2);
            assertEquals(2, f.truncate());
            assertEquals(2, f.tell());
            assertEquals(4, f.truncate(4));
        }
        assertArrayEquals(new byte[] {1, 2, 0, 0}, Files.readAllBytes(p));
    }

    @Test
    void appendPlusReadsAnywhereButWritesAtTheEnd() throws Exception {
        Path p = dir.resolve("ap.bin");
        Files.write(p, "abc".getBytes());
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "a+b")) {
            f.seek(0);
            assertArrayEquals("abc".getBytes(), f.read());
            f.seek(1);
            f.write("XY".getBytes());
            assertEquals(5, f.tell());
        }
        assertEquals("abcXY", Files.readString(p));
    }

    @Test
    void theModeWithoutBIsAcceptedToo() throws Exception {
        Path p = dir.resolve("nob.bin");
        try (AsyncBinaryFile f = AsyncFiles.openBinary(p, "w")) {
            f.write(new byte[] {42});
            assertEquals("w", f.mode());
        }
        assertArrayEquals(new byte[] {42}, Arrays.copyOf(Files.readAllBytes(p), 1));
    }
}
