package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for the tasks of one loop: tasks holding its {@link Lock} wait with
 * {@link #await()} (which releases the lock while waiting) until another task calls
 * {@link #notify(int)}.
 * <pre>{@code
 * Condition cond = new Condition();
 * // consumer
 * try (var _ = cond.hold()) {
 *     cond.waitFor(() -> !items.isEmpty());
 *     take(items);
 * }
 * // producer
 * try (var _ = cond.hold()) {
 *     items.add(x);
 *     cond.notifyOne();
 * }
 * }</pre>
 * Java names: {@code wait()}, {@code notify()} and {@code notifyAll()} are {@link Object}'s final
 * monitor methods, so asyncio's {@code wait()} is {@link #await()}, {@code notify()} is
 * {@link #notifyOne()} and {@code notify_all()} is {@link #notifyAllWaiters()};
 * {@link #notify(int)} keeps its name. Beware: {@code cond.notify()} with no argument compiles,
 * but calls the Object monitor method (and throws {@link IllegalMonitorStateException}).
 * <p>
 * The lock is the condition's own, or one given to the constructor (shared with other
 * conditions or used directly). As in asyncio, "holding" means the lock is locked: locks are not
 * owned by a task.
 * <p>
 * Cancellation (CPython 3.13): a task cancelled in {@link #await()} re-acquires the lock before
 * {@link CancelledError} propagates, so code after the wait always runs with the lock held; and
 * a task cancelled after it was notified passes the notification on to the next waiter, so
 * a wake-up is never lost (the next waiter may see it as a spurious wake-up; re-check the
 * predicate, or use {@link #waitFor}).
 * <p>
 * Threading: the tasks and callbacks of the loop it is bound to (see {@link LoopBinding}).
 * <p>
 * asyncio: {@code asyncio.Condition}
 */
public final class Condition {
    private final LoopBinding binding = new LoopBinding();
    private final Lock lock;
    /** Futures of the tasks in await(), oldest first; each removes its own. */
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** A condition with a new lock of its own. asyncio: {@code asyncio.Condition()} */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}. asyncio: {@code asyncio.Condition(lock)} */
    public Condition(Lock lock) {
        if (lock == null) {
            throw new NullPointerException("Condition(lock): the lock is null; use new Condition() for a lock of "
                    + "its own");
        }
        this.lock = lock;
    }

    /** The underlying lock. asyncio: the private {@code Condition._lock} */
    public Lock lock() {
        return lock;
    }

    /** True if the underlying lock is held. asyncio: {@code Condition.locked()} */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /** Acquires the underlying lock; see {@link Lock#acquire()}. May suspend. asyncio: {@code Condition.acquire()} */
    public void acquire() {
        binding.checkTask(this, "Condition.acquire()");
        lock.acquire();
    }

    /** Releases the underlying lock; see {@link Lock#release()}. asyncio: {@code Condition.release()} */
    public void release() {
        binding.check(this, "Condition.release()");
        lock.release();
    }

    /**
     * Acquires the underlying lock and returns a {@link Hold} that releases it:
     * {@code try (var _ = cond.hold()) { ... }}. May suspend. asyncio: {@code async with cond:}
     */
    public Hold hold() {
        acquire();
        return new Hold(lock::release);
    }

    /**
     * Releases the lock, waits until notified, then re-acquires the lock and returns. The caller
     * must hold the lock. If the task is cancelled, the lock is re-acquired before
     * {@link CancelledError} propagates, and a notification already received passes to the next
     * waiter. May return spuriously: re-check your predicate (or use {@link #waitFor}).
     * May suspend. asyncio: {@code await Condition.wait()} ({@code wait} is {@link Object#wait()} in Java)
     *
     * @throws IllegalStateException if the lock is not held, or outside a task of the loop
     */
    public void await() {
        EventLoop loop = binding.checkTask(this, "Condition.await()");
        if (!lock.isLocked()) {
            throw new IllegalStateException("Condition.await(): the lock is not held; acquire it first "
                    + "(try (var _ = cond.hold()) { cond.await(); })");
        }
        Future<Boolean> fut = binding.newWaiter(loop, this, "Condition.await()");
        lock.release();
        try {
            try {
                waiters.addLast(fut);
                try {
                    fut.await();
                } finally {
                    waiters.remove(fut);
                }
            } finally {
                // Must re-acquire the lock even if cancelled; only a cancellation is retried, so
                // that any other failure cannot make us spin. The latest cancellation is raised.
                CancelledError cancelled = null;
                while (true) {
                    try {
                        lock.acquire();
                        break;
                    } catch (CancelledError e) {
                        cancelled = e;
                    }
                }
                if (cancelled != null) {
                    throw cancelled;
                }
            }
        } catch (Throwable t) {
            // We may fail after having been notified: hand the notification to another waiter
            // (at worst a spurious wake-up, which the condition-variable protocol allows).
            wake(1);
            throw t;
        }
    }

    /**
     * Waits until {@code predicate} is true: checks it first (returning at once, lock held or
     * not, if it is), then {@link #await()}s and re-checks after each wake-up. The caller must hold
     * the lock if it has to wait. May suspend. asyncio: {@code await Condition.wait_for(predicate)}
     *
     * @throws IllegalStateException if it has to wait and the lock is not held
     */
    public void waitFor(BooleanSupplier predicate) {
        if (predicate == null) {
            throw new NullPointerException("Condition.waitFor(): the predicate is null");
        }
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Wakes up to {@code n} waiting tasks, oldest first (fewer if fewer wait). They return from
     * {@link #await()} only once they re-acquire the lock, which this does not release.
     * asyncio: {@code Condition.notify(n)}
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notify(int n) {
        binding.check(this, "Condition.notify()");
        if (!lock.isLocked()) {
            throw new IllegalStateException("Condition.notify(): the lock is not held; notify inside "
                    + "try (var _ = cond.hold()) { ... }");
        }
        wake(n);
    }

    /** Wakes the oldest waiting task; see {@link #notify(int)}. asyncio: {@code Condition.notify()} */
    public void notifyOne() {
        notify(1);
    }

    /**
     * Wakes every waiting task; see {@link #notify(int)}. asyncio: {@code Condition.notify_all()}
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notifyAllWaiters() {
        binding.check(this, "Condition.notifyAllWaiters()");
        if (!lock.isLocked()) {
            throw new IllegalStateException("Condition.notifyAllWaiters(): the lock is not held; notify inside "
                    + "try (var _ = cond.hold()) { ... }");
        }
        wake(waiters.size());
    }

    /** Completes the first {@code n} waiters that are not woken yet. */
    private void wake(int n) {
        int woken = 0;
        for (Future<Boolean> w : waiters) {
            if (woken >= n) {
                break;
            }
            if (!w.isDone()) {
                woken++;
                w.setResult(Boolean.FALSE);
            }
        }
    }

    /** The number of tasks in {@link #await()}. */
    int waiterCount() {
        return waiters.size();
    }

    /** Like asyncio's repr: {@code <Condition [locked, waiters:2]>}. asyncio: {@code repr(cond)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Condition [").append(lock.isLocked() ? "locked" : "unlocked");
        int n = waiters.size();
        if (n > 0) {
            sb.append(", waiters:").append(n);
        }
        return sb.append("]>").toString();
    }
}
