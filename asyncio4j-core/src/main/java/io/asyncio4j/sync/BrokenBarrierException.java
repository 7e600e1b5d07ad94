package io.asyncio4j.sync;

/**
 * A {@link Barrier} was aborted or reset while tasks were waiting at it, or it is broken and a
 * task tried to pass it.
 * <p>
 * asyncio: {@code asyncio.BrokenBarrierError}
 */
public class BrokenBarrierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. asyncio: {@code BrokenBarrierError(message)} */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
