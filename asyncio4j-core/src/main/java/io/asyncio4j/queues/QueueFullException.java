package io.asyncio4j.queues;

/**
 * {@link Queue#putNowait(Object)} found the queue full (it holds {@link Queue#maxsize()} items).
 * <p>
 * asyncio: {@code asyncio.QueueFull}
 */
public class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. asyncio: {@code QueueFull(message)} */
    public QueueFullException(String message) {
        super(message);
    }
}
