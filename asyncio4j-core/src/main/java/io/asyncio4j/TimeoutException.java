package io.asyncio4j;

/**
 * A deadline passed: raised by {@link Asyncio#waitFor}, {@link Asyncio#timeout} and the other
 * functions that take a timeout. Unchecked, so straight-line code needs no {@code throws}.
 * <p>
 * asyncio: {@code TimeoutError} (a.k.a. {@code asyncio.TimeoutError})
 */
public class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeoutException() {
        super();
    }

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
