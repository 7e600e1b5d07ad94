package io.asyncio4j.http.web;

import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import static io.asyncio4j.Asyncio.startUnixServer;

/**
 * Serves an {@link AppRunner}'s application on a Unix-domain socket at a path (for a reverse
 * proxy on the same machine, say). A socket file left there by a server that died is replaced;
 * the file is removed when the site stops, if it is still the one it made (asyncio 3.13's
 * {@code cleanup_socket}). Its states and life cycle are {@link BaseSite}'s. A request that came
 * this way has {@link Request#remote()} {@code ""} (a Unix client's socket has no name), as in
 * aiohttp.
 * <p>
 * Threading: a task on the loop that serves.
 * <p>
 * asyncio: aiohttp's {@code web.UnixSite}
 */
public final class UnixSite extends BaseSite {
    private final Path path;
    private final ServerOptions options;

    /** A site for {@code runner} on the socket {@code path}. asyncio: {@code web.UnixSite(runner, path)} */
    public UnixSite(AppRunner runner, Path path) {
        this(runner, path, ServerOptions.defaults().withBacklog(1024)); // TcpSite's backlog
    }

    /**
     * A site with server options of one's own (backlog, TLS through {@link ServerOptions#withSsl}).
     * asyncio: {@code web.UnixSite(runner, path, ssl_context=..., backlog=...)}
     */
    public UnixSite(AppRunner runner, Path path, ServerOptions options) {
        super(runner);
        if (path == null) {
            throw new IllegalArgumentException("UnixSite(): the path is null; give the socket's path, such as "
                    + "/run/app.sock");
        }
        this.path = path;
        this.options = options;
    }

    /**
     * Binds the socket, turning the two bind failures a caller can fix into exceptions that say so
     * (the kernel's words, "Address already in use" and "path too long", do not).
     */
    @Override
    Server listen() throws IOException {
        try {
            return startUnixServer(runner::serve, path, options);
        } catch (IOException e) {
            if (isNonSocket(path)) {
                FileAlreadyExistsException x = new FileAlreadyExistsException(path.toString(), null, "UnixSite.start(): "
                        + "the path exists and is not a socket; remove it or choose another path");
                x.initCause(e);
                throw x;
            }
            if (String.valueOf(e.getMessage()).contains("path too long")) {
                throw new IllegalArgumentException("UnixSite.start(): the path " + path + " is "
                        + path.toString().getBytes(StandardCharsets.UTF_8).length + " bytes long, too long for a Unix "
                        + "socket (the system takes about 100: 108 bytes on Linux, 104 on macOS, its end included); "
                        + "choose a shorter path, such as one under /tmp or /run", e);
            }
            throw e;
        }
    }

    private static boolean isNonSocket(Path path) {
        try {
            // a socket is neither a file, a directory nor a link: "other"
            return !Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        } catch (IOException e) {
            return false; // nothing there (or unreadable): not this problem
        }
    }

    /** The socket's path. asyncio: the {@code path} given to {@code web.UnixSite} */
    public Path path() {
        return path;
    }

    /** The site's URL, {@code http://unix:/run/app.sock:} (aiohttp's form). asyncio: {@code site.name} */
    @Override
    public String name() {
        return (options.ssl() != null ? "https" : "http") + "://unix:" + path + ":";
    }
}
