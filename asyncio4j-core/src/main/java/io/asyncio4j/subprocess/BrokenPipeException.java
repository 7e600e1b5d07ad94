package io.asyncio4j.subprocess;

import java.io.IOException;

/**
 * Bytes written to a child's stdin could not all be delivered: the child exited (or closed its
 * stdin) first. {@code StreamWriter.drain()} and {@code waitClosed()} on the stdin writer raise
 * it; {@link Process#communicate} ignores it, as asyncio does.
 * <p>
 * asyncio: {@code BrokenPipeError}
 */
public class BrokenPipeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which should say what was left unwritten. */
    public BrokenPipeException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by the JDK's {@code cause} ("Broken pipe", "Stream closed"). */
    public BrokenPipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
