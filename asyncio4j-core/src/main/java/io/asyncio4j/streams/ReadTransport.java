package io.asyncio4j.streams;

/**
 * A transport that receives data and can be told to pause. Loop thread only.
 * <p>
 * asyncio: {@code asyncio.ReadTransport}
 */
public interface ReadTransport extends BaseTransport {

    /** True while the transport is delivering data. asyncio: {@code is_reading()} */
    boolean isReading();

    /** Stops delivering data until {@link #resumeReading()}; idempotent. asyncio: {@code pause_reading()} */
    void pauseReading();

    /** Resumes delivering data; idempotent. asyncio: {@code resume_reading()} */
    void resumeReading();
}
