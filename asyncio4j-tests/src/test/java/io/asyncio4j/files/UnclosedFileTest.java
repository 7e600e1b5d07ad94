package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import io.asyncio4j.internal.Engine;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A file nobody closed still gets its buffered bytes written, as Python's file finalizer writes
 * them (aiofiles wraps a Python file object): when it is collected, or when the JVM exits.
 */
@ExtendWith(AsyncioExtension.class)
class UnclosedFileTest {
    @TempDir
    Path dir;

    private static void writeAndDrop(Path p, String mode, String text) throws IOException {
        AsyncTextFile f = AsyncFiles.open(p, mode);
        f.write(text); // stays in the write buffer: far below a chunk
    }

    private static void collectUntil(Path p, long size) throws IOException {
        for (int i = 0; i < 200 && Files.size(p) < size; i++) {
            System.gc();
            toThread(() -> {
                Thread.sleep(10); // let the cleaner thread run
                return null;
            });
            sleep(0);
        }
    }

    @Test
    void aDroppedUnclosedFileHasItsBufferedBytesWrittenWhenCollected() throws Exception {
        Path p = dir.resolve("dropped.txt");
        writeAndDrop(p, "w", "buffered, never closed\n");
        assertEquals(0, Files.size(p), "still buffered before the collection");
        collectUntil(p, 23);
        assertEquals("buffered, never closed\n", Files.readString(p));
    }

    @Test
    void aDroppedUnclosedAppendFileAppendsItsBufferedBytes() throws Exception {
        Path p = dir.resolve("log.txt");
        Files.writeString(p, "first\n");
        writeAndDrop(p, "a", "second\n");
        collectUntil(p, 13);
        assertEquals("first\nsecond\n", Files.readString(p));
    }

    @Test
    void aDroppedFileWithABackgroundWriteInFlightKeepsItsBytesInOrder() throws Exception {
        // more than one chunk: a background write is handed out, and the rest stays buffered
        Path p = dir.resolve("big.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < AsyncFile.CHUNK + 1000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        String text = sb.toString();
        writeAndDrop(p, "a", text);
        collectUntil(p, text.length());
        assertEquals(text, Files.readString(p));
    }

    @Test
    void aClosedFileIsNotWrittenAgainWhenCollected() throws Exception {
        Path p = dir.resolve("closed.txt");
        try (AsyncTextFile f = AsyncFiles.open(p, "w")) {
            f.write("once\n");
        }
        Files.writeString(p, "replaced\n"); // if the finalizer wrote again, "once" would come back
        for (int i = 0; i < 5; i++) {
            System.gc();
            toThread(() -> {
                Thread.sleep(10);
                return null;
            });
        }
        assertEquals("replaced\n", Files.readString(p));
    }

    @Test
    void anUnclosedFileHasItsBufferedBytesWrittenWhenTheJvmExits() throws Exception {
        Path p = dir.resolve("at-exit.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        if (Engine.get().name().equals("loom")) {
            cmd.add("--add-opens");
            cmd.add("java.base/java.lang=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ExitWithoutClosing.class.getName(),
                p.toString()));
        Process child = toThread(() -> new ProcessBuilder(cmd).redirectErrorStream(true).start());
        try {
            String output = toThread(() -> new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            int exit = toThread(() -> child.waitFor());
            assertEquals(0, exit, output);
        } finally {
            child.destroyForcibly();
        }
        assertEquals("written at exit\n", Files.readString(p));
    }

    /** Writes to a file, keeps it referenced and never closes it; the JVM then exits normally. */
    public static final class ExitWithoutClosing {
        static AsyncTextFile kept;

        public static void main(String[] args) {
            Asyncio.run(() -> {
                kept = AsyncFiles.open(Path.of(args[0]), "w");
                kept.write("written at exit\n");
            });
        }
    }
}
