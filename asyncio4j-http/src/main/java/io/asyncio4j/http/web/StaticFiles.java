package io.asyncio4j.http.web;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static io.asyncio4j.Asyncio.toThread;

/**
 * Serves the files under a directory: {@code GET /prefix/a/b.css} answers with
 * {@code directory/a/b.css} as a {@link FileResponse} (zero-copy, with its Content-Type, ETag,
 * Last-Modified, conditional requests and ranges). What aiohttp 3.8's {@code StaticResource} does:
 * <ul>
 * <li>a path leading outside the directory answers 404, as a missing file does: without
 *     {@link StaticOptions#followSymlinks()} judged on the real path (every symbolic link
 *     resolved: a link pointing out is refused, one pointing in is served); with it, on the path
 *     as written ({@code ..} resolved, links not), and the link then served wherever it points;</li>
 * <li>an absolute name ({@code /static//etc/passwd}) answers 403;</li>
 * <li>a directory answers 403, or with {@link StaticOptions#showIndex()} an HTML list of its
 *     entries ({@link #index}); {@code /prefix/} and {@code /prefix} are the directory itself;</li>
 * <li>anything else that is not a regular file (a FIFO, a socket) answers 404.</li>
 * </ul>
 * The file system is touched on the default executor ({@code toThread}), never on the loop
 * thread — but for {@link #version}, which {@link Router#urlFor} calls where it is called.
 * <p>
 * Threading: the task handling the request; the root and options are fixed at construction.
 * <p>
 * asyncio: aiohttp's {@code web.StaticResource} ({@code app.router.add_static(prefix, path)},
 * {@code web.static(prefix, path)}) answering with a {@code web.FileResponse}
 */
final class StaticFiles implements Handler {
    static final String VARIABLE = "filename";

    private final Path root; // real path: symbolic links resolved, so "under root" is checked on real paths
    private final String prefix; // the route's, without a trailing slash (the sub-applications' come per request)
    private final StaticOptions options;

    StaticFiles(String prefix, Path directory, StaticOptions options) {
        if (directory == null) {
            throw new IllegalArgumentException("Router.addStatic(): the directory is null; give the folder to serve");
        }
        if (options == null) {
            throw new IllegalArgumentException("Router.addStatic(): the options are null; give StaticOptions.defaults()");
        }
        this.prefix = prefix;
        this.options = options;
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

    /** The route's prefix, without a trailing slash. */
    String prefix() {
        return prefix;
    }

    /** The folder served (its real path). */
    Path root() {
        return root;
    }

    /** How it serves. */
    StaticOptions options() {
        return options;
    }

    @Override
    public Response handle(Request request) throws Exception {
        String name = request.matchInfo(VARIABLE);
        if (name == null || name.indexOf('\0') >= 0) {
            throw new HttpNotFound();
        }
        if (name.startsWith("/")) {
            throw new HttpForbidden(); // aiohttp: an absolute name is refused, whatever it names
        }
        Found found = toThread(() -> locate(name));
        if (found == null) {
            throw new HttpNotFound();
        }
        if (found.directory()) {
            if (!options.showIndex()) {
                throw new HttpForbidden();
            }
            String html = toThread(() -> index(found, request.app().prefix() + prefix));
            if (html == null) {
                throw new HttpForbidden(); // it cannot be listed
            }
            return Response.text(html, "text/html");
        }
        return new FileResponse(found.real());
    }

    /**
     * What {@code name} names: its real path, whether it is a directory, and its path relative to
     * the root as the index shows it; null for nothing servable (missing, outside, not a regular
     * file nor a directory). Blocking.
     */
    private Found locate(String name) {
        try {
            Path asked = root.resolve(name);
            Path real;
            String relative;
            if (options.followSymlinks()) {
                Path normalized = asked.normalize(); // os.path.normpath: ".." resolved, links not
                if (!normalized.startsWith(root)) {
                    return null;
                }
                real = normalized.toRealPath();
                // aiohttp 3.8 fails (500) listing a linked directory outside; shown by the path asked for
                relative = real.startsWith(root) ? posix(root.relativize(real)) : posix(root.relativize(normalized));
            } else {
                real = asked.toRealPath();
                if (!real.startsWith(root)) {
                    return null; // ".." climbed out, or a symbolic link points out
                }
                relative = posix(root.relativize(real));
            }
            if (Files.isDirectory(real)) {
                return new Found(real, true, relative);
            }
            return Files.isRegularFile(real) ? new Found(real, false, relative) : null;
        } catch (IOException | InvalidPathException | SecurityException e) {
            return null;
        }
    }

    /** A servable path; see {@link #locate}. */
    private record Found(Path real, boolean directory, String relative) {
    }

    private static String posix(Path relative) {
        String s = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        return s.isEmpty() ? "." : s; // Python's Path("").as_posix() is "."
    }

    /**
     * aiohttp's {@code _directory_as_html}, line for line: the entries sorted by name, a directory's
     * name with a {@code /}, each linked as {@code prefix/path-from-the-root}; names and links
     * HTML-escaped as aiohttp 3.9.4 on escapes them (3.8 wrote them raw, a cross-site scripting
     * hole). Null if the directory cannot be read. Blocking.
     */
    private String index(Found dir, String fullPrefix) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir.real())) {
            entries = new ArrayList<>(list.toList());
        } catch (IOException | SecurityException e) {
            return null;
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        String indexOf = "Index of /" + escape(dir.relative());
        StringBuilder ul = new StringBuilder("<ul>\n");
        String base = dir.relative().equals(".") ? "" : dir.relative() + "/";
        for (int i = 0; i < entries.size(); i++) {
            Path e = entries.get(i);
            String fileName = e.getFileName().toString();
            String url = fullPrefix + "/" + base + fileName;
            String shown = Files.isDirectory(e) ? fileName + "/" : fileName;
            ul.append("<li><a href=\"").append(escape(url)).append("\">").append(escape(shown)).append("</a></li>");
            if (i < entries.size() - 1) {
                ul.append('\n');
            }
        }
        ul.append("\n</ul>");
        return "<html>\n<head>\n<title>" + indexOf + "</title>\n</head>\n<body>\n<h1>" + indexOf + "</h1>\n" + ul
                + "\n</body>\n</html>";
    }

    /** Python's {@code html.escape(s)}: {@code & < > " '}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#x27;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The {@code ?v=} query {@link Router#urlFor} appends for {@code name} with
     * {@link StaticOptions#appendVersion()}: the URL-safe base64 of the SHA-256 of the file's
     * content, its {@code =} percent-encoded as yarl encodes it; "" when {@code name} is not a
     * servable regular file. Reads the whole file, on the calling thread, as aiohttp's
     * {@code url_for} does.
     */
    String version(String name) {
        Found found = locate(name);
        if (found == null || found.directory()) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(Files.readAllBytes(found.real()));
            String b64 = Base64.getUrlEncoder().encodeToString(digest);
            return "?v=" + b64.replace("=", "%3D");
        } catch (IOException e) {
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Router.urlFor(): this JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "<StaticFiles " + prefix + " -> " + root + " " + options + ">";
    }
}
