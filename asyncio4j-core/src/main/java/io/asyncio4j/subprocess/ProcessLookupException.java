package io.asyncio4j.subprocess;

/**
 * A signal was sent to a child process that this program has already finished with (it
 * exited and its transport is closed).
 * <p>
 * asyncio: {@code ProcessLookupError}
 */
public class ProcessLookupException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which should name the process and why it is gone. */
    public ProcessLookupException(String message) {
        super(message);
    }
}
