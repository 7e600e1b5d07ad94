package io.asyncio4j.queues;

/**
 * The queue was shut down ({@link Queue#shutdown}): putting raises this at once; getting raises
 * it once the queue is empty (at once after {@code shutdown(true)}). Tasks blocked in
 * {@link Queue#put} or {@link Queue#get} when the queue shuts down raise it too.
 * <p>
 * asyncio: {@code asyncio.QueueShutDown}
 */
public class QueueShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. asyncio: {@code QueueShutDown(message)} */
    public QueueShutDownException(String message) {
        super(message);
    }
}
