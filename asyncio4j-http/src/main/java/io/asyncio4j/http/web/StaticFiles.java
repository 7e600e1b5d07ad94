package io.asyncio4j.http.web;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            throw new HttpNotFound();
        }
        Path file = root.resolve(name).normalize();
        Path real = toThread(() -> realUnderRoot(file));
        if (real == null) {
            throw new HttpNotFound();
        }
        return new FileResponse(real); // it stats the file itself: 403 for a directory
    }

    /** The file's real path, or null when it does not exist or is not under the root (blocking). */
    private Path realUnderRoot(Path file) {
        try {
            if (!file.startsWith(root)) {
                return null; // ".." climbed out
            }
            Path real = file.toRealPath();
            return real.startsWith(root) ? real : null; // else a symbolic link pointing out
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "<StaticFiles " + root + ">";
    }
}
