package io.asyncio4j;

/**
 * Ctrl-C (SIGINT) interrupted {@link Asyncio#run}: the main task was cancelled and did not
 * swallow the cancellation. A second Ctrl-C ends the process at once.
 * <p>
 * asyncio: {@code KeyboardInterrupt} as raised by {@code asyncio.Runner.run}
 */
public class KeyboardInterruptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyboardInterruptException() {
        super("interrupted by SIGINT (Ctrl-C)");
    }
}
