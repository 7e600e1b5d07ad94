package io.asyncio4j;

/**
 * The task, or the future being awaited, was cancelled.
 * <p>
 * An {@link Error}, not an {@link Exception}, so that {@code catch (Exception e)} does not
 * swallow a cancellation by accident: the reason Python made {@code CancelledError} a
 * {@code BaseException} in 3.8. Catch it only to clean up, then rethrow it (or call
 * {@link Task#uncancel()} if you really mean to swallow it).
 * <p>
 * asyncio: {@code asyncio.CancelledError}
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** A cancellation without a message. asyncio: {@code asyncio.CancelledError()} */
    public CancelledError() {
        super();
    }

    /**
     * A cancellation carrying the message given to {@code cancel(msg)}; may be null.
     * asyncio: {@code asyncio.CancelledError(msg)}
     */
    public CancelledError(String message) {
        super(message);
    }
}
