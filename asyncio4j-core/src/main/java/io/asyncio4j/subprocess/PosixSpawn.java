package io.asyncio4j.subprocess;

import io.asyncio4j.internal.net.NetLoop;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * glibc's {@code posix_spawnp}, {@code waitid}, {@code waitpid}, {@code kill} and {@code killpg} through the FFM
 * API: how {@link SpawnedChild} starts a child whose pipes are ordinary selectable
 * {@link java.nio.channels.Pipe} channels, read and written by the loop's own selector (as
 * asyncio's {@code _UnixSubprocessTransport} does with {@code subprocess.Popen}'s pipes). The
 * JDK's {@code ProcessBuilder} cannot: its pipes are blocking streams, so each needed a pump
 * thread, and it starts the program through a helper process ({@code jspawnhelper}), two execs
 * per child.
 * <p>
 * The child: {@code posix_spawnp} (glibc: a {@code clone(CLONE_VM|CLONE_VFORK)}, no copy of the
 * JVM's page tables) with every signal back at its default action and none blocked (exec resets
 * only the signals the JVM handles; one it ignores, such as SIGHUP under {@code nohup}, would stay
 * ignored in the child; a forked CPython child starts with none ignored either), its standard streams set with
 * {@code dup2}/{@code open} file actions, the working directory changed by
 * {@code posix_spawn_file_actions_addchdir_np} (glibc 2.29) and every other descriptor closed by
 * {@code posix_spawn_file_actions_addclosefrom_np} (glibc 2.34; CPython's {@code close_fds=True}).
 * A program that cannot be run is reported by {@code posix_spawnp}'s result (glibc waits for the
 * exec), as the errno the JDK would have put in its message. On request the child also calls
 * {@code setsid()} ({@code POSIX_SPAWN_SETSID}, glibc 2.26) and then {@code setpgid(0, pgid)}
 * ({@code POSIX_SPAWN_SETPGROUP}), in that order, as CPython's {@code _posixsubprocess} does for
 * {@code start_new_session} and {@code process_group}.
 * <p>
 * Available on Linux when the JVM allows native access and exports {@code sun.nio.ch} (to learn a
 * pipe's descriptor) and glibc has the two {@code _np} calls; {@code ./aio} passes the flags.
 * Otherwise {@link #AVAILABLE} is false and children start through {@code ProcessBuilder}.
 * <p>
 * Threading: any thread; every call allocates what it passes in its own confined arena.
 */
final class PosixSpawn {
    /** True when this class can start children; see the class comment. */
    static final boolean AVAILABLE;

    // <spawn.h> (glibc)
    private static final int POSIX_SPAWN_SETPGROUP = 0x02;
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSID = 0x80;
    // <bits/fcntl-linux.h>
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int ESRCH = 3;
    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    private static final int WNOHANG = 1;
    private static final int EINTR = 4;
    private static final int ECHILD = 10;
    // glibc's opaque types, with room to spare (x86-64: 80 and 336 bytes, sigset_t 128)
    private static final long FILE_ACTIONS_SIZE = 256;
    private static final long ATTR_SIZE = 512;
    private static final long SIGSET_SIZE = 128;
    private static final long SIGINFO_SIZE = 128;

    private static final MethodHandle SPAWNP;          // int posix_spawnp(pid_t*, char*, fa*, attr*, char**, char**)
    private static final MethodHandle FA_INIT;         // int posix_spawn_file_actions_init(fa*)
    private static final MethodHandle FA_DESTROY;      // int posix_spawn_file_actions_destroy(fa*)
    private static final MethodHandle FA_DUP2;         // int ..._adddup2(fa*, int fd, int newfd)
    private static final MethodHandle FA_OPEN;         // int ..._addopen(fa*, int fd, char*, int flags, mode_t)
    private static final MethodHandle FA_CHDIR;        // int ..._addchdir_np(fa*, char*)
    private static final MethodHandle FA_CLOSEFROM;    // int ..._addclosefrom_np(fa*, int from)
    private static final MethodHandle ATTR_INIT;       // int posix_spawnattr_init(attr*)
    private static final MethodHandle ATTR_DESTROY;    // int posix_spawnattr_destroy(attr*)
    private static final MethodHandle ATTR_SETFLAGS;   // int posix_spawnattr_setflags(attr*, short)
    private static final MethodHandle ATTR_SETSIGDEF;  // int posix_spawnattr_setsigdefault(attr*, sigset_t*)
    private static final MethodHandle ATTR_SETSIGMASK; // int posix_spawnattr_setsigmask(attr*, sigset_t*)
    private static final MethodHandle SIGFILLSET;      // int sigfillset(sigset_t*)
    private static final MethodHandle SIGEMPTYSET;     // int sigemptyset(sigset_t*)
    private static final MethodHandle WAITID;          // int waitid(idtype_t, id_t, siginfo_t*, int), errno captured
    private static final MethodHandle WAITPID;         // pid_t waitpid(pid_t, int*, int), errno captured
    private static final MethodHandle KILL;            // int kill(pid_t, int)
    private static final MethodHandle STRERROR;        // char* strerror(int)
    private static final MethodHandle PIDFD_OPEN;      // int pidfd_open(pid_t, unsigned), errno captured (glibc 2.36)
    private static final MethodHandle DUP2;            // int dup2(int, int)
    private static final MethodHandle CLOSE;           // int close(int)
    private static final MethodHandle ATTR_SETPGROUP;  // int posix_spawnattr_setpgroup(attr*, pid_t)
    private static final MethodHandle KILLPG;          // int killpg(pid_t, int), errno captured
    private static final MethodHandle GETPGRP;         // pid_t getpgrp(void)
    private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static {
        MethodHandle[] h = new MethodHandle[24];
        boolean ok = false;
        try {
            // NetLoop's native socket path needs what this needs (Linux, native access, sun.nio.ch
            // exported, for the pipe ends' descriptors): it says whether the JVM allows it
            if (NetLoop.canLearnDescriptors()) {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                h[0] = handle(linker, libc, "posix_spawnp", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                        ADDRESS, ADDRESS, ADDRESS));
                h[1] = handle(linker, libc, "posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                h[2] = handle(linker, libc, "posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                h[3] = handle(linker, libc, "posix_spawn_file_actions_adddup2",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
                h[4] = handle(linker, libc, "posix_spawn_file_actions_addopen",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
                h[5] = handle(linker, libc, "posix_spawn_file_actions_addchdir_np",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                h[6] = handle(linker, libc, "posix_spawn_file_actions_addclosefrom_np",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
                h[7] = handle(linker, libc, "posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                h[8] = handle(linker, libc, "posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                h[9] = handle(linker, libc, "posix_spawnattr_setflags",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
                h[10] = handle(linker, libc, "posix_spawnattr_setsigdefault",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                h[11] = handle(linker, libc, "posix_spawnattr_setsigmask",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                h[12] = handle(linker, libc, "sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                h[13] = handle(linker, libc, "sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                Linker.Option errno = Linker.Option.captureCallState("errno");
                h[14] = handle(linker, libc, "waitid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                        JAVA_INT), errno);
                h[15] = handle(linker, libc, "waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
                        errno);
                h[16] = handle(linker, libc, "kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
                h[17] = handle(linker, libc, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
                h[18] = optionalHandle(linker, libc, "pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT),
                        errno);
                h[19] = handle(linker, libc, "dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
                h[20] = handle(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
                h[21] = handle(linker, libc, "posix_spawnattr_setpgroup",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
                h[22] = handle(linker, libc, "killpg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno);
                h[23] = handle(linker, libc, "getpgrp", FunctionDescriptor.of(JAVA_INT));
                ok = true;
            }
        } catch (RuntimeException | LinkageError e) {
            ok = false; // ProcessBuilder, with its pump threads
        }
        SPAWNP = h[0];
        FA_INIT = h[1];
        FA_DESTROY = h[2];
        FA_DUP2 = h[3];
        FA_OPEN = h[4];
        FA_CHDIR = h[5];
        FA_CLOSEFROM = h[6];
        ATTR_INIT = h[7];
        ATTR_DESTROY = h[8];
        ATTR_SETFLAGS = h[9];
        ATTR_SETSIGDEF = h[10];
        ATTR_SETSIGMASK = h[11];
        SIGFILLSET = h[12];
        SIGEMPTYSET = h[13];
        WAITID = h[14];
        WAITPID = h[15];
        KILL = h[16];
        STRERROR = h[17];
        PIDFD_OPEN = h[18];
        DUP2 = h[19];
        CLOSE = h[20];
        ATTR_SETPGROUP = h[21];
        KILLPG = h[22];
        GETPGRP = h[23];
        AVAILABLE = ok && !"false".equals(System.getProperty("asyncio4j.posixSpawn"));
    }

    private PosixSpawn() {
    }

    private static MethodHandle handle(Linker linker, SymbolLookup libc, String name, FunctionDescriptor fd,
                                       Linker.Option... options) {
        MemorySegment symbol = libc.find(name).orElseThrow(() -> new UnsupportedOperationException(name));
        return linker.downcallHandle(symbol, fd, options);
    }

    private static MethodHandle optionalHandle(Linker linker, SymbolLookup libc, String name, FunctionDescriptor fd,
                                               Linker.Option... options) {
        return libc.find(name).map(symbol -> linker.downcallHandle(symbol, fd, options)).orElse(null);
    }

    /**
     * A selectable channel that becomes readable when child {@code pid} exits, or null where
     * pidfds are missing (Linux before 5.3, glibc before 2.36): a NIO pipe's read end whose
     * descriptor number was made, with {@code dup2}, to refer to the child's pidfd. The loop's
     * selector then watches the exit itself, as asyncio 3.13's pidfd child watcher does, with no
     * thread. Never read from it; closing it closes the pidfd. Non-blocking, ready for
     * {@code EventLoop.addReader}.
     */
    static java.nio.channels.Pipe.SourceChannel exitChannel(int pid) throws IOException {
        if (PIDFD_OPEN == null) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int pidfd = (int) PIDFD_OPEN.invokeExact(state, pid, 0);
            if (pidfd < 0) {
                return null; // ENOSYS on an old kernel: the caller watches with a thread
            }
            java.nio.channels.Pipe pipe;
            try {
                pipe = java.nio.channels.Pipe.open();
            } catch (IOException e) {
                int ignored = (int) CLOSE.invokeExact(pidfd);
                throw e;
            }
            pipe.sink().close();
            java.nio.channels.Pipe.SourceChannel ch = pipe.source();
            int r = (int) DUP2.invokeExact(pidfd, fdOf(ch));
            int ignored = (int) CLOSE.invokeExact(pidfd);
            if (r < 0) {
                ch.close();
                return null;
            }
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("PosixSpawn: pidfd_open failed", e);
        }
    }

    /** What one standard stream of the child becomes: {@code dup2} of a descriptor, or a file opened. */
    sealed interface StreamAction permits Dup, OpenFile {
    }

    /** The child's stream is a copy of descriptor {@code fd} (a pipe end, or its own stdout for stderr). */
    record Dup(int fd) implements StreamAction {
    }

    /**
     * The child's stream is {@code path}, opened with {@code flags} ({@link #O_RDONLY},
     * {@link #O_WRONLY} with {@link #O_CREAT}, {@link #O_TRUNC}, {@link #O_APPEND}); a file it
     * creates gets mode 0666 less the umask, as the JDK's redirects do.
     */
    record OpenFile(String path, int flags) implements StreamAction {
    }

    /** The descriptor number of a NIO pipe channel. */
    static int fdOf(SelectableChannel channel) {
        int fd = NetLoop.descriptorOf(channel);
        if (fd < 0) {
            throw new IllegalStateException("PosixSpawn: cannot learn the descriptor of " + channel);
        }
        return fd;
    }

    /**
     * Starts {@code command} (the program, looked up in PATH when it has no slash, then its
     * arguments) with {@code env} ("NAME=value" strings), in {@code cwd} (null: this process's),
     * its streams 0-2 set by {@code actions} (a null entry: inherited), leading a new session if
     * {@code newSession}, in process group {@code pgroup} if it is not negative (0: a new one it
     * leads). Returns the pid.
     *
     * @throws IOException "error=N, message" when the program cannot be run (the JDK's wording,
     *                     which {@code Subprocesses.spawnError} turns into asyncio's exceptions)
     */
    static int spawn(List<String> command, List<String> env, String cwd, StreamAction[] actions, boolean newSession,
                     int pgroup) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fa = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            check((int) FA_INIT.invokeExact(fa), "posix_spawn_file_actions_init");
            check((int) ATTR_INIT.invokeExact(attr), "posix_spawnattr_init");
            try {
                MemorySegment all = arena.allocate(SIGSET_SIZE, 16);
                MemorySegment none = arena.allocate(SIGSET_SIZE, 16);
                check((int) SIGFILLSET.invokeExact(all), "sigfillset");
                // glibc's sigfillset leaves out its two internal signals (32, 33), and its spawn
                // then sets them to SIG_IGN in the child, which exec keeps; a forked CPython child
                // has them at default. Set their bits by hand (bit N-1 for signal N).
                all.set(JAVA_LONG, 0, all.get(JAVA_LONG, 0) | (1L << 31) | (1L << 32));
                check((int) SIGEMPTYSET.invokeExact(none), "sigemptyset");
                check((int) ATTR_SETSIGDEF.invokeExact(attr, all), "posix_spawnattr_setsigdefault");
                check((int) ATTR_SETSIGMASK.invokeExact(attr, none), "posix_spawnattr_setsigmask");
                int flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
                if (newSession) {
                    flags |= POSIX_SPAWN_SETSID;
                }
                if (pgroup >= 0) {
                    check((int) ATTR_SETPGROUP.invokeExact(attr, pgroup), "posix_spawnattr_setpgroup");
                    flags |= POSIX_SPAWN_SETPGROUP;
                }
                check((int) ATTR_SETFLAGS.invokeExact(attr, (short) flags), "posix_spawnattr_setflags");
                for (int fd = 0; fd < 3; fd++) {
                    StreamAction a = actions[fd];
                    if (a instanceof Dup d) {
                        check((int) FA_DUP2.invokeExact(fa, d.fd(), fd), "posix_spawn_file_actions_adddup2");
                    } else if (a instanceof OpenFile f) {
                        check((int) FA_OPEN.invokeExact(fa, fd, arena.allocateFrom(f.path()), f.flags(), 0666),
                                "posix_spawn_file_actions_addopen");
                    }
                }
                if (cwd != null) {
                    check((int) FA_CHDIR.invokeExact(fa, arena.allocateFrom(cwd)), "posix_spawn_file_actions_addchdir_np");
                }
                check((int) FA_CLOSEFROM.invokeExact(fa, 3), "posix_spawn_file_actions_addclosefrom_np");
                MemorySegment pid = arena.allocate(JAVA_INT);
                int r = (int) SPAWNP.invokeExact(pid, arena.allocateFrom(command.get(0)), fa, attr,
                        strings(arena, command), strings(arena, env));
                if (r != 0) {
                    throw new IOException("error=" + r + ", " + strerror(r));
                }
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignored = (int) ATTR_DESTROY.invokeExact(attr);
                ignored = (int) FA_DESTROY.invokeExact(fa);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("PosixSpawn: a downcall failed", e);
        }
    }

    /** A NULL-terminated {@code char*[]} of {@code values}. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** This process's environment as "NAME=value" strings, {@code overrides} (if not null) in its place. */
    static List<String> environment(Map<String, String> overrides) {
        Map<String, String> env = overrides != null ? overrides : System.getenv();
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static void check(int r, String call) {
        if (r != 0) {
            throw new IllegalStateException("PosixSpawn: " + call + " failed: " + strerror(r));
        }
    }

    /**
     * Blocks until child {@code pid} has exited, leaving it a zombie ({@code WNOWAIT}), so its
     * pid cannot be reused before {@link #reap} runs. For a watcher thread (a platform thread:
     * the call blocks in the kernel).
     */
    static void awaitExit(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO_SIZE, 16);
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            while (true) {
                int r = (int) WAITID.invokeExact(state, P_PID, pid, info, WEXITED | WNOWAIT);
                if (r == 0) {
                    return;
                }
                int errno = errno(state);
                if (errno != EINTR) {
                    throw new IllegalStateException("waitid(" + pid + ") failed: " + strerror(errno));
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("PosixSpawn: waitid failed", e);
        }
    }

    /**
     * Collects child {@code pid}'s exit status (it must have exited: see {@link #awaitExit}) and
     * returns it as asyncio's returncode: the exit status, or {@code -N} for death by signal N.
     */
    static int reap(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            while (true) {
                int r = (int) WAITPID.invokeExact(state, pid, status, WNOHANG);
                if (r == pid) {
                    int s = status.get(JAVA_INT, 0);
                    int sig = s & 0x7f;
                    return sig == 0 ? (s >> 8) & 0xff : -sig;
                }
                int errno = r < 0 ? errno(state) : 0;
                if (r < 0 && errno == EINTR) {
                    continue;
                }
                throw new IllegalStateException("waitpid(" + pid + ") found no exited child: "
                        + (r == 0 ? "it still runs" : errno == ECHILD ? "it was already reaped" : strerror(errno)));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("PosixSpawn: waitpid failed", e);
        }
    }

    /** Sends {@code signum} to {@code pid}; false if there is no such process. */
    static boolean kill(int pid, int signum) {
        try {
            return (int) KILL.invokeExact(pid, signum) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("PosixSpawn: kill failed", e);
        }
    }

    /**
     * Sends {@code signum} to every process of group {@code pgid}: 0 if sent, else the errno
     * ({@link #ESRCH}: the group has no process left; {@code EPERM}: none may be signalled).
     */
    static int killpg(int pgid, int signum) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            return (int) KILLPG.invokeExact(state, pgid, signum) == 0 ? 0 : errno(state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("PosixSpawn: killpg failed", e);
        }
    }

    /** The id of this program's process group. */
    static int getpgrp() {
        try {
            return (int) GETPGRP.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("PosixSpawn: getpgrp failed", e);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }
}
