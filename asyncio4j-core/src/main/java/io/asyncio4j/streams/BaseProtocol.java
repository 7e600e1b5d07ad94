package io.asyncio4j.streams;

/**
 * What every protocol hears from its transport. All methods run on the loop thread, one at a
 * time; none may suspend (start a task for work that must).
 * <p>
 * asyncio: {@code asyncio.BaseProtocol}
 */
public interface BaseProtocol {

    /**
     * The connection is gone: {@code exc} is null after a normal close or EOF, else the error.
     * Called once, last. asyncio: {@code connection_lost(exc)}
     */
    default void connectionLost(Throwable exc) {
    }

    /** The transport's write buffer went over the high-water mark. asyncio: {@code pause_writing()} */
    default void pauseWriting() {
    }

    /** The write buffer drained to the low-water mark. asyncio: {@code resume_writing()} */
    default void resumeWriting() {
    }
}
