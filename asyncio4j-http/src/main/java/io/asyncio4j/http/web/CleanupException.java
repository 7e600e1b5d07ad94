package io.asyncio4j.http.web;

import java.util.List;

/**
 * Several teardowns of an application's {@link CleanupContext}s failed: thrown from
 * {@link AppRunner#cleanup()} after every teardown ran, carrying their failures in the order the
 * teardowns ran (the reverse of the setups), each also attached as a suppressed exception. A
 * single failing teardown is thrown as it is, as in aiohttp.
 * <p>
 * Threading: immutable once thrown; any thread.
 * <p>
 * aiohttp: {@code web_app.CleanupError} ("Multiple errors on cleanup stage")
 */
public class CleanupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Throwable> exceptions;

    /**
     * A failure made of {@code exceptions} (at least two, kept in order).
     * aiohttp: {@code CleanupError("Multiple errors on cleanup stage", errors)}
     */
    public CleanupException(List<? extends Throwable> exceptions) {
        super("Multiple errors on cleanup stage (" + exceptions.size() + " teardowns failed)");
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            addSuppressed(t);
        }
    }

    /** The teardowns' failures, in the order they ran. aiohttp: {@code CleanupError.exceptions} */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
