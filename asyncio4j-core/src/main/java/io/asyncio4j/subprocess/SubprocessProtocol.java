package io.asyncio4j.subprocess;

import io.asyncio4j.streams.BaseProtocol;

import java.nio.ByteBuffer;

/**
 * What a child process's transport tells its protocol: its pipes' data and closing, and the
 * child's exit.
 * <p>
 * Order of calls: {@code connectionMade}, then {@code pipeDataReceived}*,
 * {@code pipeConnectionLost} (once per pipe), {@code processExited} (once) in the order they
 * happen, and {@code connectionLost} last, once the child has exited and every pipe is closed.
 * {@code pauseWriting}/{@code resumeWriting} follow the stdin pipe's buffer. Loop thread only;
 * no method may suspend (start a task for work that must).
 * <p>
 * asyncio: {@code asyncio.SubprocessProtocol}
 */
public interface SubprocessProtocol extends BaseProtocol {

    /** The child is started and its pipes are connected. asyncio: {@code connection_made(transport)} */
    default void connectionMade(SubprocessTransport transport) {
    }

    /**
     * The child wrote to its stdout ({@code fd} 1) or stderr (2). {@code data} is valid only
     * during this call: copy what you keep. asyncio: {@code pipe_data_received(fd, data)}
     */
    default void pipeDataReceived(int fd, ByteBuffer data) {
    }

    /**
     * Pipe {@code fd} (0 stdin, 1 stdout, 2 stderr) is closed: {@code exc} is null after a
     * normal end, else the error. asyncio: {@code pipe_connection_lost(fd, exc)}
     */
    default void pipeConnectionLost(int fd, Throwable exc) {
    }

    /** The child exited; its return code is the transport's now. asyncio: {@code process_exited()} */
    default void processExited() {
    }
}
