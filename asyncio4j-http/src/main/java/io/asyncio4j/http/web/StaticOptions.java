package io.asyncio4j.http.web;

/**
 * How a static route ({@link Web#staticFiles(String, java.nio.file.Path, StaticOptions)},
 * {@link Router#addStatic(String, java.nio.file.Path, StaticOptions)}) serves its directory.
 * Immutable; start from {@link #defaults()}:
 * <pre>{@code
 * app.router().addStatic("/static", Path.of("public"),
 *         StaticOptions.defaults().withShowIndex(true).withAppendVersion(true));
 * }</pre>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: the keyword arguments of aiohttp's {@code web.static(prefix, path, ...)}
 *
 * @param showIndex      a directory answers with an HTML list of its entries (as aiohttp renders
 *                       it, the names HTML-escaped) instead of 403. asyncio: {@code show_index=}
 * @param followSymlinks a symbolic link under the directory is served wherever it points; false
 *                       (the default): one pointing out of the directory answers 404, as a path
 *                       leading out ({@code ..}) always does. asyncio: {@code follow_symlinks=}
 * @param appendVersion  {@link Router#urlFor} adds {@code ?v=} and the file's content hash (its
 *                       SHA-256, URL-safe base64) to the URL of an existing file, so that a changed
 *                       file gets a new URL past caches. asyncio: {@code append_version=}
 */
public record StaticOptions(boolean showIndex, boolean followSymlinks, boolean appendVersion) {
    private static final StaticOptions DEFAULTS = new StaticOptions(false, false, false);

    /** No index, links pointing out refused, plain URLs. asyncio: {@code web.static(prefix, path)} */
    public static StaticOptions defaults() {
        return DEFAULTS;
    }

    /** A copy listing directories ({@code true}) or refusing them with 403. asyncio: {@code show_index=} */
    public StaticOptions withShowIndex(boolean show) {
        return new StaticOptions(show, followSymlinks, appendVersion);
    }

    /** A copy serving symbolic links wherever they point ({@code true}). asyncio: {@code follow_symlinks=} */
    public StaticOptions withFollowSymlinks(boolean follow) {
        return new StaticOptions(showIndex, follow, appendVersion);
    }

    /** A copy whose URLs from {@link Router#urlFor} carry the file's hash ({@code true}). asyncio: {@code append_version=} */
    public StaticOptions withAppendVersion(boolean append) {
        return new StaticOptions(showIndex, followSymlinks, append);
    }
}
