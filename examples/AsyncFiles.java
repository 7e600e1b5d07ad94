// Asynchronous files: write several files at once, read them back line by line, append to
// one, and use the whole-file helpers. The disk work runs off the loop; the code reads
// straight-line, like aiofiles code in Python.
import io.asyncio4j.files.AsyncTextFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.files.AsyncFiles.*;     // open, readString, writeString, size...

/** Writes {@code count} numbered lines, then reads them back and returns their sum. */
long writeAndSum(Path path, int count) throws Exception {
    try (AsyncTextFile f = open(path, "w")) {
        for (int i = 1; i <= count; i++) {
            f.write("value " + i + "\n");
        }
    }
    long sum = 0;
    try (AsyncTextFile f = open(path, "r")) {
        for (String line : f) {                       // async for line in f
            sum += Long.parseLong(line.strip().substring("value ".length()));
        }
    }
    return sum;
}

void main() throws Exception {
    Path dir = Files.createTempDirectory("asyncio4j-files");
    run(() -> {
        List<Path> paths = List.of(dir.resolve("small.txt"), dir.resolve("medium.txt"), dir.resolve("large.txt"));
        List<Long> sums = gather(
                () -> writeAndSum(paths.get(0), 10),
                () -> writeAndSum(paths.get(1), 1_000),
                () -> writeAndSum(paths.get(2), 100_000));
        for (int i = 0; i < paths.size(); i++) {
            System.out.println(paths.get(i).getFileName() + ": sum " + sums.get(i) + ", "
                    + size(paths.get(i)) + " bytes");
        }

        Path log = dir.resolve("log.txt");
        writeString(log, "started\n");
        try (AsyncTextFile f = open(log, "a")) {
            f.write("appended at byte " + f.tell() + "\n");
        }
        System.out.print(readString(log));

        try (AsyncTextFile f = open(dir.resolve("missing.txt"), "r")) {
            System.out.println("unexpected: " + f);
        } catch (java.nio.file.NoSuchFileException e) {
            System.out.println("missing.txt: " + e.getClass().getSimpleName());
        }

        for (Path p : paths) {
            deleteIfExists(p);
        }
        deleteIfExists(log);
    });
    Files.delete(dir);
}
