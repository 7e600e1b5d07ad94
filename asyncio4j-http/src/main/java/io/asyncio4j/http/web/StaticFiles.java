package io.asyncio4j.http.web;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import static io.asyncio4j.Asyncio.toThread;

/**
 * Serves the files under a directory: {@code GET /prefix/a/b.css} answers with
 * {@code directory/a/b.css} as a {@link FileResponse} (zero-copy, with its Content-Type, ETag,
 * Last-Modified, conditional requests and ranges). A path leading outside the directory
 * ({@code ..}, a symbolic link pointing out) answers 404, as a missing file does; a directory 403.
 * The file system is touched on the default executor ({@code toThread}), never on the loop thread.
 * <p>
 * Threading: the task handling the request; the root is fixed at construction.
 * <p>
 * asyncio: aiohttp's {@code web.StaticResource} ({@code app.router.add_static(prefix, path)},
 * {@code web.static(prefix, path)}) answering with a {@code web.FileResponse}
 */
final class StaticFiles implements Handler {
    static final String VARIABLE = "filename";

    private final Path root; // real path: symbolic links resolved, so "under root" is checked on real paths

    StaticFiles(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("Router.addStatic(): the directory is null; give the folder to serve");
        }
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("Router.addStatic(): " + directory + " is not a directory; give "
                        + "the folder whose files to serve");
            }
            this.root = real;
        } catch (IOException e) {
            throw new IllegalArgumentException("Router.addStatic(): " + directory + " cannot be served (" + e
                    + "); give an existing folder", e);
        }
    }

    /** The folder served (its real path). */
    Path root() {
        return root;
    }

    @Override
    public Response handle(Request request) throws Exception {
        String name = request.matchInfo(VARIABLE);
        if (name == null || name.indexOf('\0') >= 0) {
            throw new HttpException(404);
        }
        Path file = root.resolve(name).normalize();
        FileFacts facts = toThread(() -> facts(file));
        if (facts == null) {
            throw new HttpException(404);
        }
        if (facts.directory) {
            throw new HttpException(403);
        }
        return new FileResponse(facts.real);
    }

    /** What the handler needs to know of a file, gathered in one trip to the executor. */
    private record FileFacts(Path real, boolean directory) {
    }

    /** The file's facts, or null when it does not exist or is not under the root (blocking). */
    private FileFacts facts(Path file) {
        try {
            if (!file.startsWith(root)) {
                return null; // ".." climbed out
            }
            Path real = file.toRealPath();
            if (!real.startsWith(root)) {
                return null; // a symbolic link pointing out
            }
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new FileFacts(real, a.isDirectory());
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "<StaticFiles " + root + ">";
    }
}
