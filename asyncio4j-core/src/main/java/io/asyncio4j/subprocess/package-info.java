/**
 * Child processes driven from the event loop, as asyncio's {@code asyncio.subprocess} module:
 * {@link io.asyncio4j.subprocess.Subprocesses#createSubprocessExec} and
 * {@link io.asyncio4j.subprocess.Subprocesses#createSubprocessShell} (also on the
 * {@link io.asyncio4j.Asyncio} facade) start a program and return a
 * {@link io.asyncio4j.subprocess.Process} whose standard streams are a
 * {@link io.asyncio4j.streams.StreamWriter} and {@link io.asyncio4j.streams.StreamReader}s;
 * the transport/protocol layer under it ({@link io.asyncio4j.subprocess.SubprocessTransport},
 * {@link io.asyncio4j.subprocess.SubprocessProtocol}) is reachable through
 * {@link io.asyncio4j.subprocess.Subprocesses#subprocessExec} and
 * {@code EventLoop.subprocessExec}.
 * <pre>{@code
 * Process p = createSubprocessExec(SubprocessOptions.pipes(), "sort");
 * ProcessOutput out = p.communicate("b\na\n".getBytes());
 * // out.stdout() is "a\nb\n", p.returncode() is 0
 * }</pre>
 * A child can lead a session or process group of its own
 * ({@link io.asyncio4j.subprocess.SubprocessOptions#startNewSession(boolean)},
 * {@link io.asyncio4j.subprocess.SubprocessOptions#processGroup(Integer)}), and
 * {@link io.asyncio4j.subprocess.Process#sendSignalToGroup} then signals it with everything it
 * started (asyncio: {@code start_new_session=True}, {@code process_group=0}, {@code os.killpg}).
 * <p>
 * Import the class by its full name ({@code import io.asyncio4j.subprocess.Process;}): a
 * wildcard import of this package leaves {@code Process} ambiguous with
 * {@code java.lang.Process}.
 * <h2>How it works</h2>
 * The JDK's process pipes are blocking streams, not selectable channels, so each pipe has one
 * small platform thread of its own that does the blocking reads (or writes) and hands the bytes
 * to the loop with {@code callSoonThreadsafe}; back-pressure is kept (a paused pipe stops
 * reading, and {@code drain()} on stdin waits on the usual water marks). The exit of the child
 * is awaited by a virtual thread. All of this counts as work in progress for the loop clock, so
 * a virtual clock (the testing kit's) does not jump ahead while a child runs. The loop itself
 * never blocks on a child: starting one happens on another thread too.
 * <p>
 * asyncio: {@code asyncio.subprocess}, {@code asyncio.base_subprocess}, and the pipe
 * transports of {@code asyncio.unix_events}
 */
package io.asyncio4j.subprocess;
