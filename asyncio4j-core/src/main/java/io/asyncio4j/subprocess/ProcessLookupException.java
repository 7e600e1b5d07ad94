package io.asyncio4j.subprocess;

/**
 * A signal was sent to a child process that this program has already finished with (it
 * exited and its transport is closed).
 * <p>
 * asyncio: {@code ProcessLookupError}
 */
public class ProcessLookupException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ProcessLookupException(String message) {
        super(message);
    }
}
