package io.asyncio4j;

/**
 * How one awaitable ended: with a value or with an exception ({@link CancelledError} when it was
 * cancelled). Returned by {@link Asyncio#gatherOutcomes}, the counterpart of
 * {@code gather(..., return_exceptions=True)}.
 * asyncio: an element of gather(..., return_exceptions=True)
 *
 * @param <T> the value type
 */
public sealed interface Outcome<T> {

    /** True for a value, false for an exception. */
    boolean isSuccess();

    /**
     * The value.
     *
     * @throws IllegalStateException if this is a failure
     */
    T value();

    /** The exception, or null for a success. */
    Throwable exception();

    /** Ended with a value. */
    record Success<T>(T value) implements Outcome<T> {
        @Override
        public boolean isSuccess() {
            return true;
        }

        @Override
        public Throwable exception() {
            return null;
        }
    }

    /** Ended with an exception. */
    record Failure<T>(Throwable exception) implements Outcome<T> {
        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("Outcome.value(): this outcome is a failure (" + exception
                    + "); check isSuccess() or read exception()", exception);
        }
    }
}
