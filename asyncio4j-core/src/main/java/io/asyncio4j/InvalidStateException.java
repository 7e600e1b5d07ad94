package io.asyncio4j;

/**
 * An operation on a future or task that its state does not allow: setting the result of a
 * done future, reading the result of a pending one.
 * <p>
 * asyncio: {@code asyncio.InvalidStateError}
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An invalid-state error; the message says which state and what to do instead.
     * asyncio: {@code asyncio.InvalidStateError(message)}
     */
    public InvalidStateException(String message) {
        super(message);
    }
}
