package io.asyncio4j.subprocess;

import io.asyncio4j.internal.net.NetLoop;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.util.List;

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
    /** The write end of the child's stdin pipe, or null. */
    final Pipe.SinkChannel stdin;
    /** The read end of the child's stdout pipe, or null. */
    final Pipe.SourceChannel stdout;
    /** The read end of the child's stderr pipe, or null. */
    final Pipe.SourceChannel stderr;

    private SpawnedChild(int pid, Pipe.SinkChannel stdin, Pipe.SourceChannel stdout, Pipe.SourceChannel stderr) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * True if this way can start a child with {@code opts}: pipes, the null device, inherited
     * streams, stderr into stdout. Files ({@link Stdio#file}, {@link Stdio#appendTo}) go
     * through {@code ProcessBuilder}, which opens them in this process and reports a missing
     * one by its name.
     */
    static boolean supports(SubprocessOptions opts) {
        return PosixSpawn.AVAILABLE && simple(opts.stdin()) && simple(opts.stdout()) && simple(opts.stderr());
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
                actions[0] = new PosixSpawn.OpenFile("/dev/null", false);
            }
            if (opts.stdout().kind() == Stdio.Kind.PIPE) {
                out = Pipe.open();
                actions[1] = new PosixSpawn.Dup(PosixSpawn.fdOf(out.sink()));
            } else if (opts.stdout().kind() == Stdio.Kind.DEVNULL) {
                actions[1] = new PosixSpawn.OpenFile("/dev/null", true);
            }
            switch (opts.stderr().kind()) {
                case PIPE -> {
                    err = Pipe.open();
                    actions[2] = new PosixSpawn.Dup(PosixSpawn.fdOf(err.sink()));
                }
                case DEVNULL -> actions[2] = new PosixSpawn.OpenFile("/dev/null", true);
                case STDOUT -> actions[2] = new PosixSpawn.Dup(1); // after stdout's own action
                default -> {
                }
            }
            String cwd = opts.cwd() == null ? null : opts.cwd().toAbsolutePath().toString();
            int pid = PosixSpawn.spawn(command, PosixSpawn.environment(opts.env()), cwd, actions);
            started = true;
            return new SpawnedChild(pid, in == null ? null : parentEnd(in.sink()),
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
        return "<SpawnedChild pid=" + pid + ">";
    }
}
