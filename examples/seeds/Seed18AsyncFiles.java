// seed: 18_async_files.py
// Asynchronous file I/O: blocking file calls run on threads through toThread (what aiofiles does).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.asyncio4j.Coroutine;

import static io.asyncio4j.Asyncio.*;

String writeAndRead(Path path, String text) {
    toThread(() -> Files.writeString(path, text));
    return toThread(() -> Files.readString(path));
}

void main() {
    run(() -> {
        Path d = Files.createTempDirectory("seed18");
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            paths.add(d.resolve("file" + i + ".txt"));
        }
        List<Coroutine<String>> jobs = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i);
            String text = ("line " + i + "\n").repeat(i + 1);
            jobs.add(() -> writeAndRead(p, text));
        }
        List<String> contents = gather(jobs.stream().map(j -> createTask(j)).toList());
        for (int i = 0; i < paths.size(); i++) {
            System.out.println(paths.get(i).getFileName() + " " + contents.get(i).lines().count() + " lines");
        }
    });
}
