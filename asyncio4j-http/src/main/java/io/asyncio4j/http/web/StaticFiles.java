package io.asyncio4j.http.web;

import io.asyncio4j.files.AsyncBinaryFile;
import io.asyncio4j.files.AsyncFiles;
import io.asyncio4j.http.internal.HttpDate;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import static io.asyncio4j.Asyncio.toThread;

/**
 * Serves the files under a directory: {@code GET /prefix/a/b.css} answers with
 * {@code directory/a/b.css}, its Content-Type guessed from the name, its Last-Modified, and 304
 * to an {@code If-Modified-Since} that is not older. A path leading outside the directory
 * ({@code ..}, a symbolic link pointing out) answers 404, as a missing file does; a directory 403.
 * Files up to {@value #WHOLE_MAX} bytes are read whole, larger ones streamed in
 * {@value #PIECE}-byte pieces with their length declared. The file system is touched on the
 * default executor ({@code toThread}, {@link AsyncFiles}), never on the loop thread.
 * <p>
 * Threading: the task handling the request; the root is fixed at construction.
 * <p>
 * asyncio: aiohttp's {@code web.StaticResource} ({@code app.router.add_static(prefix, path)},
 * {@code web.static(prefix, path)}) answering with a {@code web.FileResponse}
 */
final class StaticFiles implements Handler {
    static final String VARIABLE = "filename";
    static final int WHOLE_MAX = 1024 * 1024;
    static final int PIECE = 256 * 1024;

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
        String lastModified = HttpDate.format(facts.modifiedSecond);
        if (notModifiedSince(request.headers().get("If-Modified-Since"), facts.modifiedSecond)) {
            return new Response(304).header("Last-Modified", lastModified);
        }
        String type = contentType(file.getFileName().toString());
        if (facts.size <= WHOLE_MAX) {
            // read for HEAD too: its Content-Length is the body's (the server then sends the head alone)
            return Response.bytes(AsyncFiles.readAllBytes(facts.real), type).header("Last-Modified", lastModified);
        }
        return stream(request, facts, type, lastModified);
    }

    private static StreamResponse stream(Request request, FileFacts facts, String type, String lastModified)
            throws IOException {
        StreamResponse r = new StreamResponse().contentLength(facts.size);
        r.header("Content-Type", type).header("Last-Modified", lastModified);
        r.prepare(request);
        if (!request.method().equals("HEAD")) {
            try (AsyncBinaryFile f = AsyncFiles.openBinary(facts.real, "rb")) {
                long left = facts.size;
                while (left > 0) {
                    byte[] piece = f.read((int) Math.min(PIECE, left));
                    if (piece.length == 0) {
                        throw new IOException("StaticFiles: " + facts.real + " shrank while being sent; "
                                + left + " bytes missing");
                    }
                    r.write(piece);
                    left -= piece.length;
                }
            }
        }
        r.writeEof();
        return r;
    }

    /** What the handler needs to know of a file, gathered in one trip to the executor. */
    private record FileFacts(Path real, boolean directory, long size, long modifiedSecond) {
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
            return new FileFacts(real, a.isDirectory(), a.size(), a.lastModifiedTime().toInstant().getEpochSecond());
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static boolean notModifiedSince(String ifModifiedSince, long modifiedSecond) {
        long since = HttpDate.parse(ifModifiedSince); // -1: absent or unreadable, and then ignored
        return since >= 0 && modifiedSecond <= since;
    }

    private static String contentType(String fileName) {
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        if (guessed == null) {
            int dot = fileName.lastIndexOf('.');
            String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
            guessed = switch (ext) {
                case "css" -> "text/css";
                case "js", "mjs" -> "text/javascript";
                case "json" -> "application/json";
                case "svg" -> "image/svg+xml";
                case "wasm" -> "application/wasm";
                case "woff2" -> "font/woff2";
                case "md" -> "text/markdown";
                default -> "application/octet-stream";
            };
        }
        return guessed; // no charset: a file's bytes are sent as they are, as aiohttp's FileResponse does
    }

    @Override
    public String toString() {
        return "<StaticFiles " + root + ">";
    }
}
