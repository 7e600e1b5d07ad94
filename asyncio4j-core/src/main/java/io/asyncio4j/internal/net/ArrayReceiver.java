package io.asyncio4j.internal.net;

/**
 * A protocol that lets its transport receive bytes straight into the protocol's own array, so a
 * stream reader's buffer is filled by the kernel with no copy in between. Implemented by
 * {@code StreamReaderProtocol} (used only when the protocol is exactly that class, so an
 * overridden {@code dataReceived} is never bypassed) and used by {@link StreamTransport} when the
 * native socket path is available.
 * <p>
 * Threading: loop thread only.
 */
public interface ArrayReceiver {
    /** False when bytes must go through {@code dataReceived} (no reader, or its end was fed). */
    boolean canReceive();

    /**
     * The array to receive into: its own buffer with at least {@code room} bytes free from
     * {@link #receiveOffset()}, or an array a reader lent (as much room as it has).
     */
    byte[] receiveArray(int room);

    /** Where the next received byte goes in the array {@link #receiveArray} returned. */
    int receiveOffset();

    /** Bytes a reader waits for in a read returning a new array (0: none waits so): a received array of at most that many is its result. */
    int exactWanted();

    /** A new array, all of it received, for the waiting read {@link #exactWanted()} announced. */
    void receivedExact(byte[] a);

    /** One past the last index of that array that may be written. */
    int receiveLimit();

    /** {@code n > 0} bytes were written at {@link #receiveOffset()}: take them (as {@code dataReceived} would). */
    void received(int n);
}
