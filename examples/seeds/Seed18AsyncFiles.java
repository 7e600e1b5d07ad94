// seed: 18_async_files.py
// Asynchronous file I/O: write and read three files concurrently; the disk work runs off the loop.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.asyncio4j.Coroutine;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.files.AsyncFiles.readString;
import static io.asyncio4j.files.AsyncFiles.writeString;

String writeAndRead(Path path, String text) throws Exception {
    writeString(path, text);
    return readString(path);
}

void main() {
    run(() -> {
        Path d = Files.createTempDirectory("tmp");
        List<Path> paths = new ArrayList<>();
        List<Coroutine<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = d.resolve("file" + i + ".txt");
            String text = ("line " + i + "\n").repeat(i + 1);
            paths.add(p);
            jobs.add(() -> writeAndRead(p, text));
        }
        List<String> contents = gather(jobs.toArray(Coroutine[]::new));
        for (int i = 0; i < 3; i++) {
            System.out.println(paths.get(i).getFileName() + " " + contents.get(i).lines().count() + " lines");
        }
    });
}
