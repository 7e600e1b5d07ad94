package io.asyncio4j.streams;

import java.io.EOFException;

/**
 * The stream ended before the requested bytes or separator arrived; {@link #partial()} holds
 * what was read. A subclass of {@link EOFException} (checked) for catch blocks written against
 * java.io, thrown undeclared like every awaited exception.
 * <p>
 * asyncio: {@code asyncio.IncompleteReadError}
 */
public class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;
    private final byte[] partial;
    private final long expected;

    /**
     * @param expected the number of bytes asked for, or -1 when reading up to a separator
     */
    public IncompleteReadException(byte[] partial, long expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. asyncio: {@code partial} */
    public byte[] partial() {
        return partial.clone();
    }

    /** The number of bytes expected, or -1 for "up to a separator". asyncio: {@code expected} */
    public long expected() {
        return expected;
    }
}
