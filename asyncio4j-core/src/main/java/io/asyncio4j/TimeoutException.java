package io.asyncio4j;

/**
 * A deadline passed: raised by {@link Asyncio#waitFor}, {@link Asyncio#timeout} and the other
 * functions that take a timeout. Unchecked, so straight-line code needs no {@code throws}.
 * <p>
 * asyncio: {@code TimeoutError} (a.k.a. {@code asyncio.TimeoutError})
 */
public class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout without a message. asyncio: {@code TimeoutError()} */
    public TimeoutException() {
        super();
    }

    /** A timeout with a message saying which deadline passed. asyncio: {@code TimeoutError(message)} */
    public TimeoutException(String message) {
        super(message);
    }

    /**
     * A timeout caused by {@code cause}, usually the {@link CancelledError} the deadline raised.
     * asyncio: {@code raise TimeoutError from cause}
     */
    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
