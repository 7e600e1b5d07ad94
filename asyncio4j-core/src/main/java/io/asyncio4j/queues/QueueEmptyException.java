package io.asyncio4j.queues;

/**
 * {@link Queue#getNowait()} found the queue empty.
 * <p>
 * asyncio: {@code asyncio.QueueEmpty}
 */
public class QueueEmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. asyncio: {@code QueueEmpty(message)} */
    public QueueEmptyException(String message) {
        super(message);
    }
}
