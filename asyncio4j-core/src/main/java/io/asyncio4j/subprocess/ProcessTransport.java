package io.asyncio4j.subprocess;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.Signal;
import io.asyncio4j.internal.LoopCores;
import io.asyncio4j.streams.BaseTransport;
import io.asyncio4j.streams.Protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running child process and its pipes, driving a {@link SubprocessProtocol}.
 * <p>
 * States: RUNNING → EXITED (the child's exit was handed over, a loop step after it was seen and
 * never before {@link #start()} is over: {@link #getReturncode()} is set, {@code processExited}
 * scheduled; signals are ignored) → FINISHED (every pipe is closed too: {@code connectionLost}
 * scheduled, {@link #awaitReturncode()} waiters released; signals now raise
 * {@link ProcessLookupException}). {@link #close()} can happen in any state: it closes the
 * pipes and kills a child that still runs (then EXITED follows).
 * <p>
 * Events for the protocol go through {@link #call}: queued until {@code connectionMade} has
 * been scheduled, then each scheduled with {@code callSoon}, so the protocol sees
 * {@code connectionMade} first and the rest in the order they happened.
 * <p>
 * Two kinds of child: one started by {@link PosixSpawn} ({@link SpawnedChild}: its pipes are
 * selectable channels served by the loop's own {@code PipeTransport}s, its exit watched by a
 * pidfd in the loop's selector and reaped here, on the loop thread, so the exact exit status
 * is known and signals go straight to {@code kill(2)}), or, where that is not available, one
 * started by the JDK's {@code ProcessBuilder} (pipes pumped by threads: {@link PipeReadTransport},
 * {@link PipeWriteTransport}).
 * <p>
 * Threading: loop thread only. A spawned child's exit is seen by the loop's selector on its
 * pidfd (asyncio 3.13's pidfd watcher; {@link PosixSpawn#exitChannel}), or where pidfds are
 * missing by a thread blocked in {@code waitid}; a JDK child's by a thread in
 * {@code Process.waitFor()}. A thread's result comes back as a loop future.
 * <p>
 * asyncio: {@code base_subprocess.BaseSubprocessTransport} (with its pipe protocols)
 */
final class ProcessTransport implements SubprocessTransport {

    /** See the class comment. */
    enum State { RUNNING, EXITED, FINISHED }

    private final EventLoop loop;
    private SubprocessProtocol protocol;
    private final java.lang.Process process; // the JDK's child, or null
    private final SpawnedChild child;        // posix_spawn's child, or null
    private final ProcessHandle handle;      // the spawned child's, taken before its reap (may be null)
    // the spawned child's pidfd, watched by the loop's selector (null: watched by a thread)
    private final java.nio.channels.Pipe.SourceChannel exitChannel;
    // the thread waiting for the exit: a spawned child's without a pidfd, or the JDK child's
    private final Future<Void> childWatcher;
    private final Future<Integer> jdkExit;
    private final long pid;
    private final String program;
    private final PipeEnd[] pipes = new PipeEnd[3];
    private Integer returncode;
    // a spawned child's exit status was collected: its pid may now be another process's
    private boolean reaped;
    private boolean closed;
    private boolean finished;
    private List<Future<Integer>> exitWaiters = new ArrayList<>();
    private ArrayDeque<Runnable> pendingCalls = new ArrayDeque<>();

    ProcessTransport(EventLoop loop, SubprocessProtocol protocol, Subprocesses.JdkChild started,
                     SubprocessOptions opts, String program) {
        java.lang.Process process = started.process();
        this.loop = loop;
        this.protocol = protocol;
        this.process = process;
        this.child = null;
        this.handle = null;
        this.exitChannel = null;
        this.pid = process.pid();
        this.program = program;
        if (opts.stdin().kind() == Stdio.Kind.PIPE) {
            PipeEnd end = new PipeEnd(0);
            end.pipe = new PipeWriteTransport(loop, process.getOutputStream(), end, pid + "-stdin");
            pipes[0] = end;
        }
        if (opts.stdout().kind() == Stdio.Kind.PIPE) {
            PipeEnd end = new PipeEnd(1);
            end.pipe = new PipeReadTransport(loop, process.getInputStream(), end, pid + "-stdout", started.stdout());
            pipes[1] = end;
        }
        if (opts.stderr().kind() == Stdio.Kind.PIPE) {
            PipeEnd end = new PipeEnd(2);
            end.pipe = new PipeReadTransport(loop, process.getErrorStream(), end, pid + "-stderr", started.stderr());
            pipes[2] = end;
        }
        this.childWatcher = null;
        this.jdkExit = loop.runInExecutor(PipeThreads.EXIT_WATCHER, process::waitFor);
    }

    /** A child started by {@link PosixSpawn}; its pipes are connected by {@link #connectPipes()}. */
    ProcessTransport(EventLoop loop, SubprocessProtocol protocol, SpawnedChild child, String program) {
        this.loop = loop;
        this.protocol = protocol;
        this.process = null;
        this.child = child;
        this.pid = child.pid;
        // not reaped before reapSpawned runs on this thread, so the pid is still the child's
        this.handle = ProcessHandle.of(child.pid).orElse(null);
        this.program = program;
        if (child.stdin != null) {
            pipes[0] = new PipeEnd(0);
        }
        if (child.stdout != null) {
            pipes[1] = new PipeEnd(1);
        }
        if (child.stderr != null) {
            pipes[2] = new PipeEnd(2);
        }
        java.nio.channels.Pipe.SourceChannel exit = null;
        try {
            exit = PosixSpawn.exitChannel(child.pid);
        } catch (IOException e) {
            // no pidfd (descriptors exhausted): a watcher thread instead
        }
        exitChannel = exit;
        if (exit != null) {
            // a running child is work in progress, as a watcher thread's job is: a virtual clock
            // must not jump ahead of it (LoopClock.beforeIdle)
            LoopCores.of(loop).externalWorkStarted();
            childWatcher = null;
        } else {
            int p = child.pid;
            childWatcher = loop.runInExecutor(PipeThreads.CHILD_WATCHER, () -> {
                PosixSpawn.awaitExit(p);
                return null;
            });
        }
        jdkExit = null;
    }

    /**
     * Starts handing the child's exit to {@link #processExited}; called once {@link #start()} is
     * over. 3.13 listens from before it connects the pipes, but only hears of an exit there if
     * the child is gone within a tenth of a millisecond (1 in 100 starts of {@code sh -c 'exit 3'};
     * then {@code wait()} right after the start returns without waiting for the pipes). Our steps
     * take more wall time (a task's resume is a thread hand-off), so listening that early saw the
     * exit in 1 start in 5. Listening from here on, {@code await()} right after the start always
     * waits for the pipes, as 3.13's nearly always does.
     */
    private void listenForExit() {
        if (exitChannel != null) {
            loop.addReader(exitChannel, this::onExitChannelReady);
        } else if (childWatcher != null) {
            // a done callback runs steps after the thread saw the exit, as the
            // call_soon_threadsafe of asyncio's ThreadedChildWatcher does
            childWatcher.addDoneCallback(f -> processExited(reapSpawned(f)));
        } else {
            jdkExit.addDoneCallback(this::onExit);
        }
    }

    /** The child's pidfd is readable: it has exited (a zombie until reaped here). */
    private void onExitChannelReady() {
        loop.removeReader(exitChannel);
        io.asyncio4j.internal.net.NetLoop.closeQuietly(exitChannel);
        LoopCores.of(loop).externalWorkEnded();
        int rc = reapSpawned(null);
        // 3.13's pidfd watcher reaps in its reader callback and hands the exit over through
        // call_soon_threadsafe: the return code shows one loop step later, not in this step
        loop.callSoon(() -> processExited(rc));
    }

    /**
     * Connects the pipes (a spawned child's: {@link #connectPipes()}), schedules
     * {@code connectionMade} and what happened meanwhile, and waits for it. If that fails or the
     * task is cancelled, closes this transport (killing the child) and rethrows. Either way, then
     * listens for the child's exit ({@link #listenForExit()}). Called once. May suspend.
     */
    void start() throws IOException {
        try {
            if (child != null) {
                connectPipes();
            }
            Future<Void> waiter = loop.createFuture();
            connect(waiter);
            waiter.await();
        } catch (Throwable e) {
            close();
            throw e;
        } finally {
            listenForExit(); // a child killed by close() above is reaped all the same
        }
    }

    /**
     * Serves a spawned child's pipes with the loop's pipe transports, in asyncio's order (stdin,
     * stdout, stderr). May suspend. asyncio: the first half of {@code _connect_pipes}
     */
    private void connectPipes() throws IOException {
        if (child.stdin != null) {
            pipes[0].pipe = loop.connectWritePipe(() -> pipes[0], child.stdin).transport();
        }
        if (child.stdout != null) {
            pipes[1].pipe = loop.connectReadPipe(() -> pipes[1], child.stdout).transport();
        }
        if (child.stderr != null) {
            pipes[2].pipe = loop.connectReadPipe(() -> pipes[2], child.stderr).transport();
        }
    }

    /** Closes what {@link #connectPipes()} has not handed to a transport yet (a cancelled start). */
    void closeUnconnectedPipes() {
        if (child == null) {
            return;
        }
        if (pipes[0] != null && pipes[0].pipe == null) {
            io.asyncio4j.internal.net.NetLoop.closeQuietly(child.stdin);
        }
        if (pipes[1] != null && pipes[1].pipe == null) {
            io.asyncio4j.internal.net.NetLoop.closeQuietly(child.stdout);
        }
        if (pipes[2] != null && pipes[2].pipe == null) {
            io.asyncio4j.internal.net.NetLoop.closeQuietly(child.stderr);
        }
    }

    /**
     * Starts the pipes, then schedules {@code connectionMade} and the events queued so far, then
     * completes {@code waiter}. asyncio: {@code _connect_pipes(waiter)}
     */
    private void connect(Future<Void> waiter) {
        loop.callSoon(() -> {
            for (PipeEnd end : pipes) {
                if (end != null) {
                    if (end.pipe instanceof PipeReadTransport r) {
                        r.start();
                    } else if (end.pipe instanceof PipeWriteTransport w) {
                        w.start();
                    }
                }
            }
            loop.callSoon(() -> protocol.connectionMade(this));
            for (Runnable r : pendingCalls) {
                loop.callSoon(r);
            }
            pendingCalls = null;
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        });
    }

    /** Schedules an event for the protocol, after connectionMade. asyncio: {@code _call} */
    private void call(Runnable r) {
        if (pendingCalls != null) {
            pendingCalls.add(r);
        } else {
            loop.callSoon(r);
        }
    }

    /**
     * The spawned child has exited (seen on its pidfd, or by the watcher thread's {@code waited},
     * null for the pidfd): reaps it, here on the loop thread, and returns its returncode.
     */
    private int reapSpawned(Future<Void> waited) {
        int rc;
        try {
            if (waited != null) {
                waited.result();
            }
            rc = PosixSpawn.reap(child.pid);
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("waiting for the exit of process " + pid + " failed", e));
            rc = -1;
        }
        reaped = true;
        return rc;
    }

    private void onExit(Future<Integer> f) {
        int raw;
        try {
            raw = f.result();
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("waiting for the exit of process " + pid + " failed", e));
            raw = -1;
        }
        processExited(ExitStatus.toReturncode(raw));
    }

    /** asyncio: {@code _process_exited(returncode)} */
    private void processExited(int rc) {
        if (returncode != null) {
            return;
        }
        if (loop.getDebug()) {
            System.getLogger("asyncio").log(System.Logger.Level.INFO, this + " exited with return code " + rc);
        }
        returncode = rc;
        call(() -> protocol.processExited());
        // The JDK closes its end of the stdin pipe when the child exits; asyncio would see the
        // read end closed. Either way the stdin transport is done.
        if (pipes[0] != null && pipes[0].pipe instanceof PipeWriteTransport w) {
            w.peerClosed();
        } else if (pipes[0] != null && pipes[0].pipe instanceof io.asyncio4j.streams.WriteTransport w
                && !w.isClosing() && w.getWriteBufferSize() == 0) {
            // Nothing waits to be written, so no write will meet the closed read end: close now, as
            // asyncio does on seeing it closed. With bytes waiting, the selector reports the pipe
            // (EPOLLERR) and the write fails with a broken pipe, as in asyncio.
            w.close();
        }
        tryFinish();
    }

    private void pipeConnectionLost(int fd, Throwable exc) {
        call(() -> protocol.pipeConnectionLost(fd, exc));
        tryFinish();
    }

    private void pipeDataReceived(int fd, ByteBuffer data) {
        // the buffer is this transport's (see PipeEnd.dataReceived), so it can wait in the queue
        call(() -> protocol.pipeDataReceived(fd, data));
    }

    /** asyncio: {@code _try_finish()} */
    private void tryFinish() {
        if (finished || returncode == null) {
            return;
        }
        for (PipeEnd end : pipes) {
            if (end != null && !end.disconnected) {
                return;
            }
        }
        finished = true;
        call(() -> callConnectionLost(null));
    }

    private void callConnectionLost(Throwable exc) {
        try {
            protocol.connectionLost(exc);
        } finally {
            for (Future<Integer> w : exitWaiters) {
                if (!w.isDone()) {
                    w.setResult(returncode);
                }
            }
            exitWaiters = null;
        }
    }

    /**
     * The return code, waiting for it if the child has not exited yet (and then until every
     * pipe is closed too). May suspend. asyncio: {@code _wait()}
     */
    int awaitReturncode() {
        if (returncode != null) {
            return returncode;
        }
        Future<Integer> waiter = loop.createFuture();
        exitWaiters.add(waiter);
        try {
            return waiter.await();
        } finally {
            if (exitWaiters != null) {
                exitWaiters.remove(waiter);
            }
        }
    }

    /** The state; see the class comment. */
    State state() {
        return finished && exitWaiters == null ? State.FINISHED : returncode != null ? State.EXITED : State.RUNNING;
    }

    // ---- SubprocessTransport ----

    @Override
    public long getPid() {
        return pid;
    }

    @Override
    public Integer getReturncode() {
        return returncode;
    }

    @Override
    public BaseTransport getPipeTransport(int fd) {
        if (fd < 0 || fd > 2) {
            return null;
        }
        return pipes[fd] == null ? null : pipes[fd].pipe;
    }

    @Override
    public void sendSignal(Signal signal) {
        sendSignal(ExitStatus.number(signal));
    }

    @Override
    public void sendSignal(int signum) {
        if (signum < 0 || signum > ExitStatus.MAX_SIGNAL) {
            throw new IllegalArgumentException("sendSignal(" + signum + "): not a signal number; Linux signals are "
                    + "1 to " + ExitStatus.MAX_SIGNAL + " (0 only checks that the process exists)");
        }
        checkProc("sendSignal");
        if (child != null) {
            if (!reaped) {
                PosixSpawn.kill(child.pid, signum); // not reaped yet: the pid is still the child's
            }
            return; // reaped: as asyncio's os.kill raising ProcessLookupError, which it ignores
        }
        if (returncode != null || !process.isAlive()) {
            return; // exited: as asyncio's os.kill raising ProcessLookupError, which it ignores
        }
        if (signum == 15) {
            process.toHandle().destroy(); // not Process.destroy(): that also closes our pipes
        } else if (signum == 9) {
            process.toHandle().destroyForcibly();
        } else {
            runKill(signum);
        }
    }

    /** The JDK can only send SIGTERM and SIGKILL; other signals go through the shell's kill. */
    private void runKill(int signum) {
        // the shell's built-in kill: /bin/sh is always there, kill(1) is not always on PATH
        ProcessBuilder pb = new ProcessBuilder(Subprocesses.SHELL, "-c", "kill -" + signum + " " + pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(
                        new java.io.File("/dev/null")));
        try {
            java.lang.Process k = pb.start();
            if (!k.waitFor(10, TimeUnit.SECONDS)) {
                k.toHandle().destroyForcibly();
                throw new IllegalStateException("sendSignal(" + signum + "): kill did not finish within 10 s");
            }
            if (k.exitValue() != 0 && process.isAlive()) {
                throw new IllegalArgumentException("sendSignal(" + signum + "): the shell's kill refused signal "
                        + signum + " for process " + pid + " (exit status " + k.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("sendSignal(" + signum + "): the JDK can only send SIGTERM and SIGKILL, "
                    + "and running the shell's kill for the others failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void terminate() {
        sendSignal(15);
    }

    @Override
    public void kill() {
        sendSignal(9);
    }

    /**
     * Sends {@code signum} to every process of the child's process group; see
     * {@link Process#sendSignalToGroup(int)}. asyncio: {@code os.killpg(process.pid, signum)}
     */
    void sendSignalToGroup(int signum) {
        if (signum < 0 || signum > ExitStatus.MAX_SIGNAL) {
            throw new IllegalArgumentException("sendSignalToGroup(" + signum + "): not a signal number; Linux signals "
                    + "are 1 to " + ExitStatus.MAX_SIGNAL + " (0 only checks that the group has a process)");
        }
        if (child == null || child.pgid < 0 || child.pgid == PosixSpawn.getpgrp()) {
            // its group is this program's own: the signal would reach this program too
            throw new IllegalStateException("Process.sendSignalToGroup(): process " + pid + " was not started in a "
                    + "process group of its own, so its group is this program's; start it with "
                    + "SubprocessOptions.startNewSession(true) or processGroup(0)");
        }
        int errno = PosixSpawn.killpg(child.pgid, signum);
        if (errno == PosixSpawn.ESRCH) {
            throw new ProcessLookupException("Process.sendSignalToGroup(): process group " + child.pgid + " (of "
                    + "process " + pid + ") has no process left to signal");
        } else if (errno != 0) {
            throw new IllegalStateException("Process.sendSignalToGroup(): killpg(" + child.pgid + ", " + signum
                    + ") failed: " + PosixSpawn.strerror(errno));
        }
    }

    private void checkProc(String what) {
        if (exitWaiters == null) {
            throw new ProcessLookupException("Process." + what + "(): process " + pid + " has exited (returncode "
                    + returncode + ") and its pipes have closed; there is no process left to signal");
        }
    }

    @Override
    public Object getExtraInfo(String name) {
        if (!"subprocess".equals(name)) {
            return null;
        }
        return process != null ? process : handle;
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Closes the pipes and kills the child if it still runs. asyncio: {@code close()} */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PipeEnd end : pipes) {
            if (end != null && end.pipe != null) {
                end.pipe.close();
            }
        }
        closeUnconnectedPipes();
        if (returncode == null && (child != null ? !reaped : process.isAlive())) {
            if (loop.getDebug()) {
                System.getLogger("asyncio").log(System.Logger.Level.WARNING, "Close running child process: kill " + this);
            }
            if (child != null) {
                PosixSpawn.kill(child.pid, 9);
            } else {
                process.toHandle().destroyForcibly();
            }
        }
    }

    @Override
    public void setProtocol(io.asyncio4j.streams.BaseProtocol protocol) {
        if (!(protocol instanceof SubprocessProtocol p)) {
            throw new IllegalArgumentException("SubprocessTransport.setProtocol(): needs a SubprocessProtocol, got "
                    + protocol);
        }
        this.protocol = p;
    }

    @Override
    public io.asyncio4j.streams.BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<ProcessTransport");
        if (closed) {
            sb.append(" closed");
        }
        sb.append(" pid=").append(pid).append(' ').append(program);
        if (returncode != null) {
            sb.append(" returncode=").append(returncode);
        } else {
            sb.append(" running");
        }
        String[] names = {"stdin", "stdout", "stderr"};
        for (int fd = 0; fd < 3; fd++) {
            if (pipes[fd] != null) {
                sb.append(' ').append(names[fd]).append('=').append(pipes[fd].pipe);
            }
        }
        return sb.append('>').toString();
    }

    /**
     * The protocol of one pipe transport: forwards its events to this transport.
     * asyncio: {@code WriteSubprocessPipeProto} / {@code ReadSubprocessPipeProto}
     */
    private final class PipeEnd implements Protocol {
        final int fd;
        BaseTransport pipe;
        boolean disconnected;

        PipeEnd(int fd) {
            this.fd = fd;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            // the loop's pipe transports lend their read buffer only for this call: keep a copy
            // (in an array filled whole at once, so not zeroed first)
            if (child != null) {
                byte[] copy = io.asyncio4j.internal.net.UninitializedArrays.forFilling(data.remaining());
                data.get(copy);
                data = ByteBuffer.wrap(copy);
            }
            pipeDataReceived(fd, data);
        }

        @Override
        public void connectionLost(Throwable exc) {
            disconnected = true;
            pipeConnectionLost(fd, exc);
        }

        @Override
        public void pauseWriting() {
            protocol.pauseWriting();
        }

        @Override
        public void resumeWriting() {
            protocol.resumeWriting();
        }

        @Override
        public String toString() {
            return "<PipeEnd fd=" + fd + " pipe=" + pipe + ">";
        }
    }
}
