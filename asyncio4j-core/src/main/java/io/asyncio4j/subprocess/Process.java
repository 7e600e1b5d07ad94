package io.asyncio4j.subprocess;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Awaitable;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Signal;
import io.asyncio4j.Task;
import io.asyncio4j.streams.BaseTransport;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process started by {@link Subprocesses#createSubprocessExec} or
 * {@link Subprocesses#createSubprocessShell}: its piped standard streams as a
 * {@link StreamWriter} ({@link #stdin()}) and {@link StreamReader}s ({@link #stdout()},
 * {@link #stderr()}), its exit ({@link #await()}, {@link #returncode()}), and signals.
 * <pre>{@code
 * Process p = createSubprocessExec(SubprocessOptions.DEFAULT.stdout(Stdio.PIPE), "ls", "-1");
 * for (byte[] line : p.stdout()) { ... }     // lines until the end
 * int rc = p.await();                          // asyncio: await p.wait()
 * }</pre>
 * <b>Deadlock warning (as in asyncio):</b> {@link #await()} with {@code stdout} or
 * {@code stderr} piped waits until the pipes are closed too; a child that writes more than
 * the readers buffer ({@code 2 × limit}) then blocks forever on a full pipe while you wait
 * for its exit. Read the pipes while waiting, or use {@link #communicate}, which does both.
 * <p>
 * States: RUNNING → EXITED ({@link #returncode()} is set; final). As in asyncio 3.13, the
 * return code is known at the exit (never before {@code createSubprocess*} has returned), but the
 * process is only done with once every pipe has closed too: a grandchild that inherited stdout
 * can hold a pipe open past the child's exit. So {@link #await()} started while the child runs
 * returns when it has exited and its pipes have closed, started once the return code is known it
 * returns at once; a signal after the exit is ignored while a pipe is open, and raises
 * {@link ProcessLookupException} once they have all closed.
 * <p>
 * Threading: a process belongs to the loop that started it; loop thread (or its tasks) only.
 * <p>
 * asyncio: {@code asyncio.subprocess.Process}
 */
public final class Process implements Awaitable<Integer> {

    /** See the class comment. */
    public enum State { RUNNING, EXITED }

    private final ProcessTransport transport;
    private final EventLoop loop;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final long pid;

    Process(ProcessTransport transport, SubprocessStreamProtocol protocol, EventLoop loop) {
        this.transport = transport;
        this.loop = loop;
        this.stdin = protocol.stdin;
        this.stdout = protocol.stdout;
        this.stderr = protocol.stderr;
        this.pid = transport.getPid();
    }

    /** The writer of the child's stdin, or null if stdin is not {@link Stdio#PIPE}. asyncio: {@code stdin} */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The reader of the child's stdout, or null if stdout is not {@link Stdio#PIPE}. asyncio: {@code stdout} */
    public StreamReader stdout() {
        return stdout;
    }

    /** The reader of the child's stderr, or null if stderr is not {@link Stdio#PIPE}. asyncio: {@code stderr} */
    public StreamReader stderr() {
        return stderr;
    }

    /** The child's process id. asyncio: {@code pid} */
    public long pid() {
        return pid;
    }

    /**
     * The return code once the child has exited, null while it runs: the exit status, or
     * {@code -N} if signal N killed it, as asyncio's. A child started without native access
     * (through the JDK's {@code ProcessBuilder}) cannot tell them apart: the JDK reports a death
     * by signal N as the status {@code 128 + N}, so there statuses 129 to 192 read as {@code -1}
     * to {@code -64} (a program that calls {@code exit(130)} looks killed by SIGINT; the JDK's own
     * value is {@code ((java.lang.Process) transport().getExtraInfo("subprocess")).exitValue()}).
     * asyncio: {@code returncode}
     */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /** RUNNING or EXITED. */
    public State state() {
        return transport.getReturncode() == null ? State.RUNNING : State.EXITED;
    }

    /** The transport under this process (low-level control). */
    public SubprocessTransport transport() {
        return transport;
    }

    /**
     * Waits for the child to exit and returns its {@link #returncode()}. If the return code is
     * not known yet, also waits until every pipe has closed (a grandchild may hold one open past
     * the exit; see also the deadlock warning in the class comment); if it is, returns at once.
     * Cancelling the waiting task does not touch the child. May suspend.
     * asyncio: {@code await process.wait()}
     */
    @Override
    public Integer await() {
        return transport.awaitReturncode();
    }

    /** True once the child has exited ({@link #await()} returns at once). */
    @Override
    public boolean isDone() {
        return transport.getReturncode() != null;
    }

    /** {@link #communicate(byte[])} without input. May suspend. asyncio: {@code communicate()} */
    public ProcessOutput communicate() throws IOException {
        return communicate(null);
    }

    /**
     * Writes {@code input} (if not null) to stdin and closes it, reads stdout and stderr to the
     * end, all at once (so a child that fills both pipes cannot deadlock), waits for the exit,
     * and returns what was read (null for a stream that is not a pipe). A child that exits
     * without reading all its input is not an error. Cancelling the caller cancels the reading
     * and writing (the child keeps running). May suspend. asyncio: {@code communicate(input)}
     *
     * @throws IllegalStateException if {@code input} is given but stdin is not {@link Stdio#PIPE}
     *     (asyncio silently drops it)
     */
    public ProcessOutput communicate(byte[] input) throws IOException {
        if (input != null && stdin == null) {
            throw new IllegalStateException("Process.communicate(): input was given but stdin is not a pipe; start "
                    + "the process with SubprocessOptions.stdin(Stdio.PIPE)");
        }
        List<Task<byte[]>> parts = new ArrayList<>(3);
        Task<byte[]> in = null;
        Task<byte[]> out = null;
        Task<byte[]> err = null;
        if (stdin != null) {
            in = loop.createTask(() -> {
                feedStdin(input);
                return null;
            });
            parts.add(in);
        }
        if (stdout != null) {
            out = loop.createTask(() -> readStream(1));
            parts.add(out);
        }
        if (stderr != null) {
            err = loop.createTask(() -> readStream(2));
            parts.add(err);
        }
        if (!parts.isEmpty()) {
            Asyncio.gather(parts);
        }
        await();
        return new ProcessOutput(out == null ? null : out.result(), err == null ? null : err.result());
    }

    private void feedStdin(byte[] input) throws IOException {
        try {
            if (input != null) {
                stdin.write(input);
            }
            stdin.drain();
        } catch (ConnectionResetException | BrokenPipeException e) {
            // communicate() ignores a child that closed its stdin or exited (asyncio does too)
        }
        stdin.close();
    }

    private byte[] readStream(int fd) throws IOException {
        StreamReader stream = fd == 1 ? stdout : stderr;
        byte[] output = stream.read();
        BaseTransport t = transport.getPipeTransport(fd);
        if (t != null) {
            t.close();
        }
        return output;
    }

    /**
     * Sends {@code signal} to the child; does nothing if it has exited but a pipe is still open
     * (see the class comment). asyncio: {@code send_signal(signal)}
     *
     * @throws ProcessLookupException once the child has exited and every pipe has closed
     */
    public void sendSignal(Signal signal) {
        transport.sendSignal(signal);
    }

    /**
     * Sends signal number {@code signum} (Linux numbering); see
     * {@link SubprocessTransport#sendSignal(int)}. asyncio: {@code send_signal(signum)}
     *
     * @throws ProcessLookupException once the child has exited and every pipe has closed
     */
    public void sendSignal(int signum) {
        transport.sendSignal(signum);
    }

    /**
     * Sends {@code signal} to every process in the child's process group: the child and what it
     * started that stayed in its group (a shell's commands and their own children). The child
     * must have been started with {@link SubprocessOptions#startNewSession(boolean)
     * startNewSession(true)} or {@link SubprocessOptions#processGroup(Integer) processGroup(0)}
     * (the group whose id is its pid) or {@code processGroup(N)} (group N). The group can
     * outlive the child: a signal still reaches its remaining members once the child has exited
     * and been waited for (as {@code os.killpg} does; once the group is empty its id may in time
     * be reused, as a pid may).
     * <pre>{@code
     * Process p = createSubprocessShell("server & worker & wait", SubprocessOptions.DEFAULT.processGroup(0));
     * ...
     * p.sendSignalToGroup(Signal.SIGTERM);   // server, worker and the shell
     * }</pre>
     * asyncio: {@code os.killpg(process.pid, signal)} (or {@code os.killpg(os.getpgid(process.pid), signal)})
     *
     * @throws ProcessLookupException if no process of the group is left (ESRCH)
     * @throws IllegalStateException if the child was not started in a group of its own (its group
     *     is this program's, which the signal would reach too)
     */
    public void sendSignalToGroup(Signal signal) {
        transport.sendSignalToGroup(ExitStatus.number(signal));
    }

    /**
     * Sends signal number {@code signum} (Linux numbering; 0 only checks that the group has a
     * process) to the child's process group; see {@link #sendSignalToGroup(Signal)}.
     * asyncio: {@code os.killpg(process.pid, signum)}
     *
     * @throws ProcessLookupException if no process of the group is left (ESRCH)
     * @throws IllegalStateException if the child was not started in a group of its own
     * @throws IllegalArgumentException if {@code signum} is not a signal number
     */
    public void sendSignalToGroup(int signum) {
        transport.sendSignalToGroup(signum);
    }

    /**
     * Sends SIGTERM; the return code will be -15 unless the child handles it.
     * asyncio: {@code terminate()}
     *
     * @throws ProcessLookupException once the child has exited and every pipe has closed
     */
    public void terminate() {
        transport.terminate();
    }

    /**
     * Sends SIGKILL; the return code will be -9. asyncio: {@code kill()}
     *
     * @throws ProcessLookupException once the child has exited and every pipe has closed
     */
    public void kill() {
        transport.kill();
    }

    /** {@code <Process 1234 running>} or {@code <Process 1234 returncode=0>}; asyncio shows the pid only. */
    @Override
    public String toString() {
        Integer rc = transport.getReturncode();
        return "<Process " + pid + (rc == null ? " running" : " returncode=" + rc) + ">";
    }
}
