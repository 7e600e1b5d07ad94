package io.asyncio4j.subprocess;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one standard stream of a child process goes: a pipe to this program ({@link #PIPE}),
 * {@code /dev/null} ({@link #DEVNULL}), this program's own stream ({@link #INHERIT}), the
 * child's stdout ({@link #STDOUT}, for stderr only), or a file ({@link #file}, {@link #appendTo}).
 * <p>
 * Immutable; any thread.
 * <p>
 * asyncio: the {@code stdin=}/{@code stdout=}/{@code stderr=} arguments:
 * {@code asyncio.subprocess.PIPE}, {@code DEVNULL}, {@code STDOUT}, {@code None}, a file
 */
public final class Stdio {

    /** The kinds of connection. */
    public enum Kind { PIPE, DEVNULL, INHERIT, STDOUT, FILE, APPEND }

    /** A pipe to this program: a {@code StreamWriter} for stdin, a {@code StreamReader} for the others. asyncio: {@code PIPE} */
    public static final Stdio PIPE = new Stdio(Kind.PIPE, null);
    /** The null device: stdin reads nothing, output is discarded. asyncio: {@code DEVNULL} */
    public static final Stdio DEVNULL = new Stdio(Kind.DEVNULL, null);
    /** This program's own stream, shared with the child. asyncio: {@code None} (the default) */
    public static final Stdio INHERIT = new Stdio(Kind.INHERIT, null);
    /** stderr only: into the same place as stdout. asyncio: {@code STDOUT} */
    public static final Stdio STDOUT = new Stdio(Kind.STDOUT, null);

    private final Kind kind;
    private final Path path;

    private Stdio(Kind kind, Path path) {
        this.kind = kind;
        this.path = path;
    }

    /**
     * A file: stdin reads it; stdout or stderr truncate it (creating it if needed) and write it.
     * asyncio: an open file object passed as {@code stdin=}/{@code stdout=}
     */
    public static Stdio file(Path path) {
        return new Stdio(Kind.FILE, Objects.requireNonNull(path, "Stdio.file(): the path is null"));
    }

    /** stdout or stderr only: appended to the file (created if needed). asyncio: a file opened with {@code 'a'} */
    public static Stdio appendTo(Path path) {
        return new Stdio(Kind.APPEND, Objects.requireNonNull(path, "Stdio.appendTo(): the path is null"));
    }

    /** The kind of connection. */
    public Kind kind() {
        return kind;
    }

    /** The file of {@link Kind#FILE} and {@link Kind#APPEND}, else null. */
    public Path path() {
        return path;
    }

    /** The JDK redirect for standard stream {@code fd} (0, 1 or 2); STDOUT is handled by the caller. */
    Redirect toRedirect(int fd) {
        switch (kind) {
            case PIPE:
                return Redirect.PIPE;
            case INHERIT:
                return Redirect.INHERIT;
            case DEVNULL:
                return fd == 0 ? Redirect.from(new File("/dev/null")) : Redirect.DISCARD;
            case FILE:
                return fd == 0 ? Redirect.from(path.toFile()) : Redirect.to(path.toFile());
            case APPEND:
                return Redirect.appendTo(path.toFile());
            default:
                throw new IllegalStateException("Stdio: STDOUT is only for stderr");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stdio s && s.kind == kind && Objects.equals(s.path, path);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(path);
    }

    @Override
    public String toString() {
        return path == null ? kind.name() : kind.name() + "(" + path + ")";
    }
}
