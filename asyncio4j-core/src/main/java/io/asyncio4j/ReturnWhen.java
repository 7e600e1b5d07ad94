package io.asyncio4j;

/**
 * When {@link Asyncio#wait} returns.
 * <p>
 * asyncio: {@code asyncio.FIRST_COMPLETED}, {@code FIRST_EXCEPTION}, {@code ALL_COMPLETED}
 */
public enum ReturnWhen {
    /** As soon as any one is done or cancelled. */
    FIRST_COMPLETED,
    /** As soon as any one ends with an exception (not a cancellation), else when all are done. */
    FIRST_EXCEPTION,
    /** When all are done. */
    ALL_COMPLETED
}
