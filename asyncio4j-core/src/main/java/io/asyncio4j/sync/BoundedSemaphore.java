package io.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: its value
 * can never exceed the initial one, which catches a release without a matching acquire.
 * <p>
 * Threading and states: as {@link Semaphore}.
 * <p>
 * asyncio: {@code asyncio.BoundedSemaphore}
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit. asyncio: {@code asyncio.BoundedSemaphore()} */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also its bound.
     * asyncio: {@code asyncio.BoundedSemaphore(value)}
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back; see {@link Semaphore#release()}. asyncio: {@code BoundedSemaphore.release()}
     *
     * @throws IllegalStateException if that would raise the value above the initial one (released
     *     more often than acquired), or if called off the semaphore's loop
     */
    @Override
    public void release() {
        checkLoop("release()");
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore.release(): released too many times (the value would "
                    + "exceed its initial " + bound + "); release only what acquire() took "
                    + "(try (var _ = sem.hold()) { ... } pairs them)");
        }
        super.release();
    }
}
