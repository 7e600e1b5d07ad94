package io.asyncio4j.subprocess;

import io.asyncio4j.internal.net.NetLoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A child started by {@link PosixSpawn}: its pid and the parent's ends of its pipes, non-blocking
 * NIO channels ready for the loop's selector ({@code EventLoop.connectReadPipe} /
 * {@code connectWritePipe}). The child's ends are closed here once it has started.
 * <p>
 * Lifetime of the pid: the child stays a zombie until {@link PosixSpawn#reap} (the exit watcher
 * waits with {@code WNOWAIT}), so a signal sent before the reap, on the loop thread, cannot reach
 * another process that reused the number.
 * <p>
 * Immutable after {@link #start}; the channels belong to the transports made from them.
 */
final class SpawnedChild {
    final int pid;
    /**
     * The id of the process group the child was put in (its pid for a new session or group), or
     * -1 if it stayed in this program's.
     */
    final int pgid;
    /** The write end of the child's stdin pipe, or null. */
    final Pipe.SinkChannel stdin;
    /** The read end of the child's stdout pipe, or null. */
    final Pipe.SourceChannel stdout;
    /** The read end of the child's stderr pipe, or null. */
    final Pipe.SourceChannel stderr;

    private SpawnedChild(int pid, int pgid, Pipe.SinkChannel stdin, Pipe.SourceChannel stdout,
                         Pipe.SourceChannel stderr) {
        this.pid = pid;
        this.pgid = pgid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * True if this way can start a child with {@code opts}: pipes, the null device, inherited
     * streams, stderr into stdout. Files ({@link Stdio#file}, {@link Stdio#appendTo}) go
     * through {@code ProcessBuilder}, which opens them in this process and reports a missing
     * one by its name; except for a child in a new session or process group, which only this
     * way can start: its files are opened by the child, once {@link #checkFiles} has found them
     * openable here.
     */
    static boolean supports(SubprocessOptions opts) {
        return PosixSpawn.AVAILABLE && (simple(opts.stdin()) && simple(opts.stdout()) && simple(opts.stderr())
                || needsSpawn(opts));
    }

    /** True if {@code opts} ask for what only {@code posix_spawn} can do: a new session or process group. */
    static boolean needsSpawn(SubprocessOptions opts) {
        return opts.startNewSession() || opts.processGroup() != null;
    }

    /**
     * Opens (and closes) each file of {@code opts} as the child will, so that one that cannot be
     * opened is reported by its name rather than as the child's failed start.
     *
     * @throws FileNotFoundException naming the stream and the file
     */
    static void checkFiles(SubprocessOptions opts, String what) throws FileNotFoundException {
        Stdio[] streams = {opts.stdin(), opts.stdout(), opts.stderr()};
        String[] names = {"stdin", "stdout", "stderr"};
        for (int fd = 0; fd < 3; fd++) {
            Stdio s = streams[fd];
            if (simple(s)) {
                continue;
            }
            Set<StandardOpenOption> how = fd == 0 ? EnumSet.of(StandardOpenOption.READ)
                    : s.kind() == Stdio.Kind.APPEND
                    ? EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            try {
                Files.newByteChannel(s.path(), how).close();
            } catch (IOException | RuntimeException e) {
                String why = e instanceof NoSuchFileException ? "No such file or directory"
                        : e instanceof AccessDeniedException ? "Permission denied" : String.valueOf(e.getMessage());
                FileNotFoundException f = new FileNotFoundException(what + "(): cannot open the " + names[fd]
                        + " file '" + s.path() + "' (" + why + ")");
                f.initCause(e);
                throw f;
            }
        }
    }

    /** The action that opens file stream {@code s} as standard stream {@code fd}, as the JDK's redirects do. */
    private static PosixSpawn.OpenFile openFile(Stdio s, int fd) {
        String path = s.path().toAbsolutePath().toString();
        if (fd == 0) {
            return new PosixSpawn.OpenFile(path, PosixSpawn.O_RDONLY);
        }
        return new PosixSpawn.OpenFile(path, PosixSpawn.O_WRONLY | PosixSpawn.O_CREAT
                | (s.kind() == Stdio.Kind.APPEND ? PosixSpawn.O_APPEND : PosixSpawn.O_TRUNC));
    }

    private static boolean simple(Stdio s) {
        return s.kind() != Stdio.Kind.FILE && s.kind() != Stdio.Kind.APPEND;
    }

    /**
     * Starts {@code command} as {@code opts} say. Blocks until the program runs (or failed to),
     * 0.2-0.3 ms: the loop thread calls it, as asyncio calls fork_exec.
     *
     * @throws IOException "error=N, message" when it cannot be run
     */
    static SpawnedChild start(List<String> command, SubprocessOptions opts) throws IOException {
        Pipe in = null;
        Pipe out = null;
        Pipe err = null;
        boolean started = false;
        try {
            PosixSpawn.StreamAction[] actions = new PosixSpawn.StreamAction[3];
            if (opts.stdin().kind() == Stdio.Kind.PIPE) {
                in = Pipe.open();
                actions[0] = new PosixSpawn.Dup(PosixSpawn.fdOf(in.source()));
            } else if (opts.stdin().kind() == Stdio.Kind.DEVNULL) {
                actions[0] = new PosixSpawn.OpenFile("/dev/null", PosixSpawn.O_RDONLY);
            } else if (!simple(opts.stdin())) {
                actions[0] = openFile(opts.stdin(), 0);
            }
            if (opts.stdout().kind() == Stdio.Kind.PIPE) {
                out = Pipe.open();
                actions[1] = new PosixSpawn.Dup(PosixSpawn.fdOf(out.sink()));
            } else if (opts.stdout().kind() == Stdio.Kind.DEVNULL) {
                actions[1] = new PosixSpawn.OpenFile("/dev/null", PosixSpawn.O_WRONLY);
            } else if (!simple(opts.stdout())) {
                actions[1] = openFile(opts.stdout(), 1);
            }
            switch (opts.stderr().kind()) {
                case PIPE -> {
                    err = Pipe.open();
                    actions[2] = new PosixSpawn.Dup(PosixSpawn.fdOf(err.sink()));
                }
                case DEVNULL -> actions[2] = new PosixSpawn.OpenFile("/dev/null", PosixSpawn.O_WRONLY);
                case STDOUT -> actions[2] = new PosixSpawn.Dup(1); // after stdout's own action
                case FILE, APPEND -> actions[2] = openFile(opts.stderr(), 2);
                default -> {
                }
            }
            String cwd = opts.cwd() == null ? null : opts.cwd().toAbsolutePath().toString();
            int pid = PosixSpawn.spawn(command, PosixSpawn.environment(opts.env()), cwd, actions,
                    opts.startNewSession(), opts.processGroup() == null ? -1 : opts.processGroup());
            started = true;
            int pgid = opts.startNewSession() || Integer.valueOf(0).equals(opts.processGroup()) ? pid
                    : opts.processGroup() != null ? opts.processGroup() : -1;
            return new SpawnedChild(pid, pgid, in == null ? null : parentEnd(in.sink()),
                    out == null ? null : parentEnd(out.source()), err == null ? null : parentEnd(err.source()));
        } finally {
            // the child has its own copies (or never started): the parent closes the child's ends
            if (in != null) {
                NetLoop.closeQuietly(in.source());
            }
            if (out != null) {
                NetLoop.closeQuietly(out.sink());
            }
            if (err != null) {
                NetLoop.closeQuietly(err.sink());
            }
            if (!started) {
                if (in != null) {
                    NetLoop.closeQuietly(in.sink());
                }
                if (out != null) {
                    NetLoop.closeQuietly(out.source());
                }
                if (err != null) {
                    NetLoop.closeQuietly(err.source());
                }
            }
        }
    }

    private static <C extends java.nio.channels.SelectableChannel> C parentEnd(C ch) throws IOException {
        ch.configureBlocking(false); // O_NONBLOCK on the parent's open file only: the child's end stays blocking
        return ch;
    }

    @Override
    public String toString() {
        return "<SpawnedChild pid=" + pid + (pgid >= 0 ? " pgid=" + pgid : "") + ">";
    }
}
