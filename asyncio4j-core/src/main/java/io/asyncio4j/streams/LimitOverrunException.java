package io.asyncio4j.streams;

/**
 * A line or chunk searched for a separator grew past the reader's limit. For
 * {@code readuntil}, the data stays in the buffer ({@link #consumed()} bytes can be read
 * again); {@code readline} drops it, as asyncio does (asyncio raises a plain ValueError there;
 * this type is more useful to catch).
 * <p>
 * asyncio: {@code asyncio.LimitOverrunError}
 */
public class LimitOverrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int consumed;

    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes were examined before giving up. asyncio: {@code consumed} */
    public int consumed() {
        return consumed;
    }
}
