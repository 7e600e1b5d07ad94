package io.asyncio4j;

/**
 * Something a task can wait for: a {@link Future} or a {@link Task}.
 * <p>
 * Deliberately not a functional interface (it has two abstract methods), so that a lambda
 * passed to {@code gather} or {@code waitFor} means a {@link Coroutine}, never an awaitable.
 * <p>
 * asyncio: an awaitable object ({@code __await__})
 *
 * @param <T> the result type
 */
public interface Awaitable<T> {

    /**
     * Suspends the current task until this is done, then returns its result or throws its
     * exception ({@link CancelledError} if it was cancelled). Returns at once, without yielding,
     * when already done. Checked exceptions set on a future are rethrown as they are,
     * undeclared. Must be called from a task of the loop this belongs to. May suspend.
     */
    T await();

    /** True once this has a result, an exception, or was cancelled. */
    boolean isDone();
}
