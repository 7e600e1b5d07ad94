package io.asyncio4j;

/**
 * Ctrl-C (SIGINT) interrupted {@link Asyncio#run}: the main task was cancelled and did not
 * swallow the cancellation. A second Ctrl-C ends the process at once. Raised in a task or a
 * callback, it is not kept there: it leaves the loop once that step ends, so
 * {@code runUntilComplete} and {@link Asyncio#run} (after cancelling the other tasks) throw it;
 * a {@link TaskGroup}'s child leaves it to its group instead, which raises it from its block.
 * <p>
 * asyncio: {@code KeyboardInterrupt} as raised by {@code asyncio.Runner.run}, and as it escapes
 * {@code Task.__step} and {@code Handle._run}
 */
public class KeyboardInterruptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The interruption {@link Runner#run} raises after Ctrl-C cancelled the main task.
     * asyncio: {@code KeyboardInterrupt()}
     */
    public KeyboardInterruptException() {
        super("interrupted by SIGINT (Ctrl-C)");
    }
}
