package io.asyncio4j.subprocess;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.internal.net.OsErrors;
import io.asyncio4j.internal.util.PythonRepr;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starting child processes: the {@code asyncio.subprocess} module's functions, and the
 * event loop's low-level {@code subprocess_exec}/{@code subprocess_shell}. The same methods are
 * on {@link Asyncio} ({@code createSubprocessExec}, {@code createSubprocessShell}) and on
 * {@code EventLoop} ({@code subprocessExec}, {@code subprocessShell}).
 * <p>
 * With native access a child is started on the loop thread by {@code posix_spawnp}, as asyncio
 * starts it with fork/exec (0.2-0.3 ms); without it, {@code ProcessBuilder.start} (milliseconds)
 * runs on another thread, so the loop runs on meanwhile. Errors are CPython's, worded as its
 * {@code OSError}s: a program that does not exist raises {@link FileNotFoundException}
 * {@code "[Errno 2] No such file or directory: 'nonexist'"}, one that is not executable (or a
 * directory) {@link AccessDeniedException} {@code "[Errno 13] Permission denied: '/tmp'"}, a
 * working directory that does not exist {@link FileNotFoundException} naming it, one that is
 * a file {@link NotDirectoryException} {@code "[Errno 20] Not a directory: '/etc/passwd'"}.
 * <p>
 * Threading: call from a task of the loop (these methods may suspend).
 * <p>
 * asyncio: {@code asyncio.create_subprocess_exec}, {@code asyncio.create_subprocess_shell},
 * {@code loop.subprocess_exec}, {@code loop.subprocess_shell}
 */
public final class Subprocesses {
    /** The shell that runs {@code createSubprocessShell}'s command, as asyncio's ({@code /bin/sh -c}). */
    public static final String SHELL = "/bin/sh";

    /**
     * The errno and its text in a failed start's message: PosixSpawn's {@code "error=2, No such
     * file or directory"}, the JDK's {@code "error: 2 (No such file or directory)"}.
     */
    private static final Pattern ERRNO = Pattern.compile("error[:=] ?(\\d+)(?:, ([^\\n]*)| \\(([^)\\n]*)\\))?");

    private Subprocesses() {
    }

    // ---- the high-level API: Process -------------------------------------------------------

    /**
     * Runs {@code program} with {@code args}, every stream inherited. May suspend.
     * asyncio: {@code await asyncio.create_subprocess_exec(program, *args)}
     *
     * @throws FileNotFoundException if the program does not exist
     */
    public static Process createSubprocessExec(String program, String... args) throws IOException {
        return createSubprocessExec(SubprocessOptions.DEFAULT, program, args);
    }

    /**
     * Runs {@code program} with {@code args} as {@code options} say (pipes, cwd, env, limit).
     * May suspend. asyncio: {@code await asyncio.create_subprocess_exec(program, *args, stdout=PIPE, ...)}
     *
     * @throws FileNotFoundException if the program or the working directory does not exist
     * @throws AccessDeniedException if the program is not executable
     * @throws NotDirectoryException if the working directory is a file
     * @throws IllegalArgumentException if an argument or the environment holds a NUL, or a
     *         variable's name an {@code =}
     */
    public static Process createSubprocessExec(SubprocessOptions options, String program, String... args)
            throws IOException {
        return createSubprocessExec(command(program, args), options);
    }

    /**
     * Runs {@code command} (the program, then its arguments) as {@code options} say. May
     * suspend. asyncio: {@code await asyncio.create_subprocess_exec(*command, ...)}
     *
     * @throws FileNotFoundException if the program or the working directory does not exist
     * @throws AccessDeniedException if the program is not executable
     * @throws NotDirectoryException if the working directory is a file
     * @throws IllegalArgumentException if an argument or the environment holds a NUL, or a
     *         variable's name an {@code =}
     */
    public static Process createSubprocessExec(List<String> command, SubprocessOptions options) throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        SubprocessOptions opts = options == null ? SubprocessOptions.DEFAULT : options;
        SubprocessConnection<SubprocessStreamProtocol> c = start(loop,
                () -> new SubprocessStreamProtocol(opts.limit(), loop), copyCommand(command), opts,
                "createSubprocessExec");
        return new Process((ProcessTransport) c.transport(), c.protocol(), loop);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}, every stream inherited. May suspend.
     * asyncio: {@code await asyncio.create_subprocess_shell(cmd)}
     */
    public static Process createSubprocessShell(String cmd) throws IOException {
        return createSubprocessShell(cmd, SubprocessOptions.DEFAULT);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c} as {@code options} say. The shell interprets
     * the whole string: quote what comes from outside. May suspend.
     * asyncio: {@code await asyncio.create_subprocess_shell(cmd, stdout=PIPE, ...)}
     */
    public static Process createSubprocessShell(String cmd, SubprocessOptions options) throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        SubprocessOptions opts = options == null ? SubprocessOptions.DEFAULT : options;
        SubprocessConnection<SubprocessStreamProtocol> c = start(loop,
                () -> new SubprocessStreamProtocol(opts.limit(), loop), shellCommand(cmd), opts,
                "createSubprocessShell");
        return new Process((ProcessTransport) c.transport(), c.protocol(), loop);
    }

    // ---- the low-level API: transport and protocol -----------------------------------------------

    /**
     * Runs {@code command} on {@code loop} and connects its pipes to a protocol from
     * {@code protocolFactory}; {@code options} null means all three streams piped (the
     * low-level default). Returns once {@code connectionMade} has run. May suspend.
     * asyncio: {@code await loop.subprocess_exec(protocol_factory, *command, ...)}
     *
     * @throws FileNotFoundException if the program or the working directory does not exist
     */
    public static <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(EventLoop loop,
            Supplier<P> protocolFactory, List<String> command, SubprocessOptions options) throws IOException {
        return start(loop, protocolFactory, copyCommand(command), options == null ? SubprocessOptions.pipes() : options,
                "subprocessExec");
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c} on {@code loop}; otherwise as
     * {@link #subprocessExec}. May suspend. asyncio: {@code await loop.subprocess_shell(protocol_factory, cmd, ...)}
     */
    public static <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(EventLoop loop,
            Supplier<P> protocolFactory, String cmd, SubprocessOptions options) throws IOException {
        return start(loop, protocolFactory, shellCommand(cmd), options == null ? SubprocessOptions.pipes() : options,
                "subprocessShell");
    }

    // ---- starting ---------------------------------------------------------------------------------

    private static List<String> command(String program, String... args) {
        List<String> cmd = new ArrayList<>(1 + args.length);
        cmd.add(program);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private static List<String> copyCommand(List<String> command) {
        if (command == null) {
            throw new NullPointerException("createSubprocessExec(): the command is null");
        }
        for (String arg : command) {
            if (arg == null) {
                throw new NullPointerException("createSubprocessExec(): an argument is null: " + command);
            }
        }
        return List.copyOf(command);
    }

    private static List<String> shellCommand(String cmd) {
        if (cmd == null) {
            throw new NullPointerException("createSubprocessShell(): the command is null");
        }
        return List.of(SHELL, "-c", cmd);
    }

    /**
     * Refuses what the child cannot receive as given, as CPython does (ValueError): a NUL in an
     * argument or in the environment (a C string ends there, so the child would get it cut
     * short), an {@code =} in a variable's name (the child would read another variable).
     * Python 3.13: "embedded null byte", "illegal environment variable name".
     */
    private static void checkCStrings(List<String> command, java.util.Map<String, String> env, String what) {
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + "(): embedded null byte in " + (i == 0 ? "the program"
                        : "argument " + i) + " " + PythonRepr.ofString(arg) + ": the child would get it cut short "
                        + "at the NUL; remove it");
            }
        }
        if (env == null) {
            return; // this program's own environment: no NUL, no '=' in a name
        }
        for (java.util.Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (name == null || e.getValue() == null) {
                throw new NullPointerException(what + "(): the environment has a null " + (name == null
                        ? "name" : "value for " + PythonRepr.ofString(name)) + "; give a string (\"\" for empty)");
            }
            if (name.indexOf('=') >= 0) {
                throw new IllegalArgumentException(what + "(): illegal environment variable name "
                        + PythonRepr.ofString(name) + ": a name cannot contain '='");
            }
            if (name.indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + "(): embedded null byte in the environment variable "
                        + PythonRepr.ofString(name) + ": the child would get it cut short at the NUL; remove it");
            }
        }
    }

    private static <P extends SubprocessProtocol> SubprocessConnection<P> start(EventLoop loop,
            Supplier<P> protocolFactory, List<String> command, SubprocessOptions opts, String what) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException(what + "(): the command is empty; give at least the program");
        }
        checkCStrings(command, opts.env(), what);
        P protocol = protocolFactory.get();
        if (protocol == null) {
            throw new NullPointerException(what + "(): the protocol factory returned null");
        }
        if (SpawnedChild.supports(opts)) {
            return startSpawned(loop, protocol, command, opts, what);
        }
        if (SpawnedChild.needsSpawn(opts)) {
            // never start it without what was asked: a group signal would then reach this program
            String option = opts.startNewSession() ? "SubprocessOptions.startNewSession(true)"
                    : "SubprocessOptions.processGroup(" + opts.processGroup() + ")";
            throw new UnsupportedOperationException(what + "(): " + option + " needs the loop to start the child "
                    + "itself with posix_spawn, which the JVM does not allow here (the JDK's ProcessBuilder cannot "
                    + "set a child's session or process group): run with ./aio's flags "
                    + "(--enable-native-access=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED)"
                    + ("false".equals(System.getProperty("asyncio4j.posixSpawn"))
                    ? " and without -Dasyncio4j.posixSpawn=false" : ""));
        }
        ProcessBuilder pb = builder(command, opts);
        boolean claimOut = opts.stdout().kind() == Stdio.Kind.PIPE;
        boolean claimErr = opts.stderr().kind() == Stdio.Kind.PIPE;
        Future<JdkChild> spawning = claimOut || claimErr ? PipeClaim.spawn(loop, pb, claimOut, claimErr)
                : loop.runInExecutor(PipeThreads.SPAWNER, () -> new JdkChild(pb.start(), null, null));
        JdkChild started;
        try {
            started = Asyncio.shield(spawning);
        } catch (CancelledError e) {
            // the child may still be starting: kill it as soon as it exists
            spawning.addDoneCallback(f -> {
                if (!f.isCancelled() && f.exception() == null) {
                    discard(f.result());
                }
            });
            throw e;
        } catch (Throwable e) {
            if (e instanceof IOException io) {
                throw spawnError(io, command, opts, what);
            }
            throw Sneaky.rethrow(e);
        }
        ProcessTransport transport = new ProcessTransport(loop, protocol, started, opts, command.get(0));
        transport.start();
        return new SubprocessConnection<>(transport, protocol);
    }

    /** {@link #start} through {@link PosixSpawn}: the loop serves the pipes itself. */
    private static <P extends SubprocessProtocol> SubprocessConnection<P> startSpawned(EventLoop loop, P protocol,
            List<String> command, SubprocessOptions opts, String what) throws IOException {
        if (SpawnedChild.needsSpawn(opts)) {
            SpawnedChild.checkFiles(opts, what); // files the JDK's way would have opened
        }
        // On the loop thread, as asyncio's fork_exec: posix_spawn returns once the program runs
        // (a vfork-style clone, 0.2-0.3 ms here), and handing it to a worker thread cost more than
        // that in the loop's wake-up after it (0.7 ms on this 2-CPU VM: the new child runs first).
        SpawnedChild child;
        try {
            child = SpawnedChild.start(command, opts);
        } catch (IOException e) {
            throw spawnError(e, command, opts, what);
        }
        ProcessTransport transport = new ProcessTransport(loop, protocol, child, command.get(0));
        transport.start();
        return new SubprocessConnection<>(transport, protocol);
    }

    private static ProcessBuilder builder(List<String> command, SubprocessOptions opts) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (opts.cwd() != null) {
            pb.directory(opts.cwd().toFile());
        }
        if (opts.env() != null) {
            pb.environment().clear();
            pb.environment().putAll(opts.env());
        }
        pb.redirectInput(opts.stdin().toRedirect(0));
        pb.redirectOutput(opts.stdout().toRedirect(1));
        if (opts.stderr().kind() == Stdio.Kind.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(opts.stderr().toRedirect(2));
        }
        return pb;
    }

    /**
     * A child started by {@code ProcessBuilder}, with the pump threads that claimed its stdout
     * and stderr (null for one that is not a pipe).
     */
    record JdkChild(java.lang.Process process, PipeClaim stdout, PipeClaim stderr) {
    }

    /** A child started for a task that was cancelled meanwhile: kill it, release its pipes. */
    private static void discard(JdkChild c) {
        java.lang.Process p = c.process();
        p.toHandle().destroyForcibly();
        closeQuietly(p.getOutputStream());
        closeQuietly(p.getInputStream());
        closeQuietly(p.getErrorStream());
        if (c.stdout() != null) {
            c.stdout().run(() -> closeQuietly(p.getInputStream()));
        }
        if (c.stderr() != null) {
            c.stderr().run(() -> closeQuietly(p.getErrorStream()));
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // the child is being killed; nothing to flush
        }
    }

    /**
     * A failed start as the exception CPython raises, worded as its {@code OSError}:
     * {@code "[Errno 2] No such file or directory: 'nonexist'"}. The file named is the working
     * directory when the child could not enter it (CPython changes directory before exec, and
     * names the cwd then), else the program. The kind follows the errno as Python's OSError
     * subclasses do: ENOENT {@link FileNotFoundException}, EACCES {@link AccessDeniedException},
     * ENOTDIR {@link NotDirectoryException}, others a plain {@link IOException}.
     */
    static IOException spawnError(IOException e, List<String> command, SubprocessOptions opts, String what) {
        String program = command.get(0);
        String msg = String.valueOf(e.getMessage());
        Matcher m = ERRNO.matcher(msg);
        int errno = m.find() ? Integer.parseInt(m.group(1)) : -1;
        IOException mapped;
        if (errno == 1 && SpawnedChild.needsSpawn(opts)) {
            // setsid() or setpgid() failed in the child (Python: PermissionError)
            mapped = new AccessDeniedException(program, null, what + "(): " + (opts.startNewSession()
                    && opts.processGroup() != null
                    ? "startNewSession(true) and processGroup(" + opts.processGroup() + ") cannot be combined: the "
                    + "child leads its new session, and a session leader cannot change its process group; give "
                    + "one of the two (a new session is a new process group too)"
                    : opts.processGroup() != null
                    ? "the child cannot join process group " + opts.processGroup() + " (Operation not permitted): a "
                    + "group id must be that of a running group of this program's session, or 0 for a new one"
                    : "the child cannot start a new session (Operation not permitted)"));
        } else if (errno < 0) {
            return new IOException(what + "(): cannot run '" + program + "': " + msg, e);
        } else {
            String strerror = m.group(2) != null ? m.group(2).trim()
                    : m.group(3) != null ? m.group(3) : "errno " + errno;
            Path cwd = opts.cwd();
            boolean cwdFailed = cwd != null && !(Files.isDirectory(cwd) && Files.isExecutable(cwd));
            String file = cwdFailed ? cwd.toString() : program;
            String text = OsErrors.fileMessage(errno, strerror, file);
            // getMessage() is Python's str(e): AccessDeniedException gets the whole text as its
            // reason (with a file it would print "file: reason")
            mapped = switch (errno) {
                case 2 -> new FileNotFoundException(text);
                case 13 -> new AccessDeniedException(null, null, text);
                case 20 -> new SpawnNotDirectoryException(file, text);
                default -> new IOException(text);
            };
        }
        mapped.initCause(e);
        return mapped;
    }
}
