package io.asyncio4j.streams;

/**
 * A line or chunk searched for a separator grew past the reader's limit. For
 * {@code readuntil}, the data stays in the buffer ({@link #consumed()} bytes can be read
 * again); {@code readline} drops it, as asyncio does. asyncio's {@code readline} raises a plain
 * {@code ValueError} there, which Java code catches as {@link IllegalArgumentException}: this is
 * one, so a port's {@code catch (IllegalArgumentException e)} around {@code readline} still
 * works, and the type says more.
 * <p>
 * asyncio: {@code asyncio.LimitOverrunError} (and {@code ValueError} from {@code readline})
 */
public class LimitOverrunException extends IllegalArgumentException {
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
