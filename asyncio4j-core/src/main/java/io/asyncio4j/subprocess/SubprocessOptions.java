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
 * A child can also lead a new session or process group ({@link #startNewSession(boolean)},
 * {@link #processGroup(Integer)}), so that {@link Process#sendSignalToGroup} reaches the
 * children it starts in turn (a shell pipeline's commands, a server's workers).
 * <p>
 * asyncio: the keyword arguments of {@code asyncio.create_subprocess_exec}
 * ({@code stdin, stdout, stderr, cwd, env, limit, start_new_session, process_group})
 *
 * @param stdin where the child's stdin comes from (not {@link Stdio#STDOUT} nor an append)
 * @param stdout where the child's stdout goes (not {@link Stdio#STDOUT})
 * @param stderr where the child's stderr goes
 * @param cwd the child's working directory, or null for this program's
 * @param env the child's whole environment, or null to inherit this program's
 * @param limit the buffer limit of the stdout/stderr {@link StreamReader}s (bytes, &gt; 0)
 * @param startNewSession true: the child calls {@code setsid()}, leading a new session and a new
 *                        process group whose ids are its pid, with no controlling terminal
 * @param processGroup    null: the child stays in this program's process group; 0: it leads a
 *                        new group whose id is its pid; N &gt; 0: it joins group N (of this
 *                        program's session)
 */
public record SubprocessOptions(Stdio stdin, Stdio stdout, Stdio stderr, Path cwd, Map<String, String> env,
                                int limit, boolean startNewSession, Integer processGroup) {

    /** Every stream inherited, as asyncio's {@code create_subprocess_exec} defaults. */
    public static final SubprocessOptions DEFAULT = new SubprocessOptions(Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT,
            null, null, StreamReader.DEFAULT_LIMIT, false, null);

    /** Options without a new session or process group (the form before those two existed). */
    public SubprocessOptions(Stdio stdin, Stdio stdout, Stdio stderr, Path cwd, Map<String, String> env, int limit) {
        this(stdin, stdout, stderr, cwd, env, limit, false, null);
    }

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
        if (processGroup != null && processGroup < 0) {
            throw new IllegalArgumentException("SubprocessOptions: processGroup must be 0 (a new group led by the "
                    + "child), a group id > 0, or null (stay in this program's group), got " + processGroup);
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
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, processGroup);
    }

    /** A copy with {@code stdout} set. asyncio: {@code stdout=} */
    public SubprocessOptions stdout(Stdio stdout) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, processGroup);
    }

    /** A copy with {@code stderr} set ({@link Stdio#STDOUT}: into stdout). asyncio: {@code stderr=} */
    public SubprocessOptions stderr(Stdio stderr) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, processGroup);
    }

    /** A copy with the working directory set (null: this program's). asyncio: {@code cwd=} */
    public SubprocessOptions cwd(Path cwd) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, processGroup);
    }

    /**
     * A copy whose child gets exactly {@code env} as its environment (null: inherit this
     * program's). asyncio: {@code env=}
     */
    public SubprocessOptions env(Map<String, String> env) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, processGroup);
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
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, processGroup);
    }

    /**
     * A copy whose child, if {@code startNewSession}, calls {@code setsid()} before it runs the
     * program: it leads a new session and a new process group, both with its pid as id, and has
     * no controlling terminal (Ctrl-C in this program's terminal does not reach it).
     * {@link Process#sendSignalToGroup} then signals it and every process it starts that stays
     * in its group. Needs native access (the loop starts the child with {@code posix_spawn}'s
     * {@code POSIX_SPAWN_SETSID}); without it, starting the child raises
     * {@link UnsupportedOperationException}.
     * asyncio: {@code create_subprocess_exec(..., start_new_session=True)}
     */
    public SubprocessOptions startNewSession(boolean startNewSession) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, processGroup);
    }

    /**
     * A copy whose child calls {@code setpgid(0, pgid)} before it runs the program: with
     * {@code 0} it leads a new process group whose id is its pid, in this program's session (Ctrl-C
     * in the terminal, sent to the foreground group only, no longer reaches it); with a group id
     * &gt; 0 it joins that group, which must be one of this program's session (such as the
     * {@code pid()} of an earlier child started with {@code processGroup(0)}); with
     * {@code null} it stays in this program's group, the default. Needs native access, as
     * {@link #startNewSession(boolean)} does. Combined with {@code startNewSession(true)} the
     * start fails, as in Python (a session leader cannot change its group).
     * asyncio: {@code create_subprocess_exec(..., process_group=0)} (Python 3.11)
     *
     * @throws IllegalArgumentException if {@code pgid} is negative (Python ignores a negative one)
     */
    public SubprocessOptions processGroup(Integer pgid) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit, startNewSession, pgid);
    }

    @Override
    public String toString() {
        return "SubprocessOptions[stdin=" + stdin + ", stdout=" + stdout + ", stderr=" + stderr
                + (cwd != null ? ", cwd=" + cwd : "") + (env != null ? ", env=" + env.size() + " variables" : "")
                + ", limit=" + limit + (startNewSession ? ", startNewSession" : "")
                + (processGroup != null ? ", processGroup=" + processGroup : "") + "]";
    }
}
