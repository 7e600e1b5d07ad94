package io.asyncio4j.subprocess;

import io.asyncio4j.streams.StreamReader;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start a child process: where its standard streams go, its working directory, its
 * environment, and the buffer limit of its output readers. Immutable; each {@code with}-style
 * method (named after the component it sets) returns a modified copy:
 * <pre>{@code
 * SubprocessOptions opts = SubprocessOptions.DEFAULT
 *         .stdout(Stdio.PIPE).stderr(Stdio.STDOUT)
 *         .cwd(Path.of("/tmp")).putEnv("LC_ALL", "C");
 * }</pre>
 * asyncio: the keyword arguments of {@code asyncio.create_subprocess_exec}
 * ({@code stdin, stdout, stderr, cwd, env, limit})
 *
 * @param stdin where the child's stdin comes from (not {@link Stdio#STDOUT} nor an append)
 * @param stdout where the child's stdout goes (not {@link Stdio#STDOUT})
 * @param stderr where the child's stderr goes
 * @param cwd the child's working directory, or null for this program's
 * @param env the child's whole environment, or null to inherit this program's
 * @param limit the buffer limit of the stdout/stderr {@link StreamReader}s (bytes, &gt; 0)
 */
public record SubprocessOptions(Stdio stdin, Stdio stdout, Stdio stderr, Path cwd, Map<String, String> env,
                                int limit) {

    /** Every stream inherited, as asyncio's {@code create_subprocess_exec} defaults. */
    public static final SubprocessOptions DEFAULT = new SubprocessOptions(Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT,
            null, null, StreamReader.DEFAULT_LIMIT);

    /** Validates the combination. */
    public SubprocessOptions {
        if (stdin == null || stdout == null || stderr == null) {
            throw new NullPointerException("SubprocessOptions: stdin, stdout and stderr must not be null; use "
                    + "Stdio.INHERIT for the default");
        }
        if (stdin.kind() == Stdio.Kind.STDOUT || stdin.kind() == Stdio.Kind.APPEND) {
            throw new IllegalArgumentException("SubprocessOptions: stdin cannot be " + stdin
                    + "; use PIPE, DEVNULL, INHERIT or Stdio.file(path)");
        }
        if (stdout.kind() == Stdio.Kind.STDOUT) {
            throw new IllegalArgumentException("SubprocessOptions: Stdio.STDOUT is for stderr only (stderr into "
                    + "stdout)");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("SubprocessOptions: the limit must be > 0, got " + limit);
        }
        if (env != null) {
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }
    }

    /** All three streams piped to this program, as the low-level {@code subprocess_exec} defaults. */
    public static SubprocessOptions pipes() {
        return DEFAULT.stdin(Stdio.PIPE).stdout(Stdio.PIPE).stderr(Stdio.PIPE);
    }

    /** A copy with {@code stdin} set. asyncio: {@code stdin=} */
    public SubprocessOptions stdin(Stdio stdin) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /** A copy with {@code stdout} set. asyncio: {@code stdout=} */
    public SubprocessOptions stdout(Stdio stdout) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /** A copy with {@code stderr} set ({@link Stdio#STDOUT}: into stdout). asyncio: {@code stderr=} */
    public SubprocessOptions stderr(Stdio stderr) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /** A copy with the working directory set (null: this program's). asyncio: {@code cwd=} */
    public SubprocessOptions cwd(Path cwd) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /**
     * A copy whose child gets exactly {@code env} as its environment (null: inherit this
     * program's). asyncio: {@code env=}
     */
    public SubprocessOptions env(Map<String, String> env) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /**
     * A copy whose environment has {@code name=value} added to the one set so far (this
     * program's environment if none was). asyncio: {@code env={**os.environ, name: value}}
     */
    public SubprocessOptions putEnv(String name, String value) {
        Map<String, String> e = new LinkedHashMap<>(env != null ? env : System.getenv());
        e.put(name, value);
        return env(e);
    }

    /** A copy with the output readers' buffer limit set. asyncio: {@code limit=} */
    public SubprocessOptions limit(int limit) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    @Override
    public String toString() {
        return "SubprocessOptions[stdin=" + stdin + ", stdout=" + stdout + ", stderr=" + stderr
                + (cwd != null ? ", cwd=" + cwd : "") + (env != null ? ", env=" + env.size() + " variables" : "")
                + ", limit=" + limit + "]";
    }
}
