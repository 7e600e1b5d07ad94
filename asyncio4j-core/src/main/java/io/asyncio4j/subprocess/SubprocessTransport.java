package io.asyncio4j.subprocess;

import io.asyncio4j.Signal;
import io.asyncio4j.streams.BaseTransport;

/**
 * Controls a child process and its pipes. {@link #close()} closes the pipes and kills the
 * child if it still runs. Extra information: {@code "subprocess"} is the JDK's
 * {@link java.lang.Process} (for what this API does not offer).
 * <p>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code asyncio.SubprocessTransport}
 */
public interface SubprocessTransport extends BaseTransport {

    /** The child's process id. asyncio: {@code get_pid()} */
    long getPid();

    /**
     * The child's return code once it has exited, else null: its exit status, or
     * {@code -signum} if a signal ended it (see {@link Process#returncode()}).
     * asyncio: {@code get_returncode()}
     */
    Integer getReturncode();

    /**
     * The transport of pipe {@code fd}: 0 is stdin (a {@link io.asyncio4j.streams.WriteTransport}),
     * 1 stdout and 2 stderr ({@link io.asyncio4j.streams.ReadTransport}s); null if that stream
     * is not a pipe. asyncio: {@code get_pipe_transport(fd)}
     */
    BaseTransport getPipeTransport(int fd);

    /**
     * Sends {@code signal} to the child; nothing happens if it has exited but the transport is
     * not finished yet. asyncio: {@code send_signal(signal)}
     *
     * @throws ProcessLookupException once the child has exited and the transport is finished
     */
    void sendSignal(Signal signal);

    /**
     * Sends signal number {@code signum} (Linux numbering: 9 is SIGKILL, 19 SIGSTOP...).
     * SIGTERM and SIGKILL go through the JDK; other signals are sent by running
     * {@code /bin/sh -c "kill -N pid"}, which takes a few milliseconds during which the calling
     * task waits (the JDK has no API for them). asyncio: {@code send_signal(signum)}
     *
     * @throws ProcessLookupException as {@link #sendSignal(Signal)}
     * @throws IllegalArgumentException if {@code signum} is not a signal number
     */
    void sendSignal(int signum);

    /** Sends SIGTERM. asyncio: {@code terminate()} */
    void terminate();

    /** Sends SIGKILL. asyncio: {@code kill()} */
    void kill();
}
