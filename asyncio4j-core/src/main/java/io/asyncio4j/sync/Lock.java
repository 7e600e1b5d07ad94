package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for the tasks of one event loop, handed out in FIFO order.
 * <pre>{@code
 * Lock lock = new Lock();
 * try (var _ = lock.hold()) {   // async with lock:
 *     ...
 * }
 * }</pre>
 * Not owned by a task (as in asyncio): any task may release it. Not reentrant: a task that
 * acquires it twice waits for itself forever.
 * <p>
 * States:
 * <pre>
 *   UNLOCKED ──acquire──▶ LOCKED ──release──▶ UNLOCKED
 *   UNLOCKED ──release──▶ IllegalStateException
 * </pre>
 * Fairness: {@link #acquire()} takes an unlocked lock at once only if nobody is queued (or every
 * queued waiter was cancelled); otherwise it queues. {@link #release()} wakes the first queued
 * waiter, which then takes the lock when it runs. A waiter cancelled while queued, even one
 * already woken, neither takes the lock nor swallows the wake-up: it passes it to the next
 * waiter (asyncio's {@code _wake_up_first}).
 * <p>
 * Threading: the tasks and callbacks of the loop it is bound to (see {@link LoopBinding}); no
 * Java locking, as only one task of a loop runs at a time. {@link #isLocked()} and
 * {@link #toString()} read a snapshot from any thread.
 * <p>
 * asyncio: {@code asyncio.Lock}
 */
public final class Lock {
    /** The lock's states; see the class comment. asyncio: {@code Lock.locked()} */
    public enum State {
        /** Free: acquire() takes it at once unless live waiters are queued. */
        UNLOCKED,
        /** Held: acquire() queues. */
        LOCKED
    }

    private final LoopBinding binding = new LoopBinding();
    private State state = State.UNLOCKED;
    /** Futures of the tasks queued in acquire(), oldest first; each removes its own. Lazy. */
    private ArrayDeque<Future<Void>> waiters;

    /** A new, unlocked lock; it binds to the loop that first uses it. asyncio: {@code asyncio.Lock()} */
    public Lock() {
    }

    /** True if the lock is held. asyncio: {@code Lock.locked()} */
    public boolean isLocked() {
        return state == State.LOCKED;
    }

    /** The current state. asyncio: {@code Lock.locked()} */
    public State state() {
        return state;
    }

    /**
     * Acquires the lock, waiting in FIFO order behind the tasks already queued. If the task is
     * cancelled while waiting, the lock is not taken and {@link CancelledError} propagates (a
     * wake-up it had already received passes to the next waiter). May suspend.
     * asyncio: {@code await Lock.acquire()}
     *
     * @throws IllegalStateException outside a task of the lock's loop
     */
    public void acquire() {
        EventLoop loop = binding.checkTask(this, "Lock.acquire()");
        if (state == State.UNLOCKED && noLiveWaiters()) {
            state = State.LOCKED;
            return;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Void> fut = binding.newWaiter(loop, this, "Lock.acquire()");
        waiters.addLast(fut);
        try {
            try {
                fut.await();
            } finally {
                waiters.remove(fut);
            }
        } catch (CancelledError e) {
            // The lock invariant: if nobody holds (or is about to take) the lock, the first
            // queued waiter must be on its way, or the wake-up we were given would be lost.
            if (state == State.UNLOCKED) {
                wakeUpFirst();
            }
            throw e;
        }
        state = State.LOCKED;
    }

    /**
     * Acquires the lock (see {@link #acquire()}) and returns a {@link Hold} whose
     * {@code close()} releases it: {@code try (var _ = lock.hold()) { ... }}. May suspend.
     * asyncio: {@code async with lock:}
     */
    public Hold hold() {
        acquire();
        return new Hold(this::release);
    }

    /**
     * Releases the lock and wakes the first queued waiter, if any.
     * asyncio: {@code Lock.release()}
     *
     * @throws IllegalStateException if the lock is not held, or called off the lock's loop
     */
    public void release() {
        binding.check(this, "Lock.release()");
        if (state != State.LOCKED) {
            throw new IllegalStateException("Lock.release(): the lock is not held; release only after acquire() "
                    + "(try (var _ = lock.hold()) { ... } pairs them for you)");
        }
        state = State.UNLOCKED;
        wakeUpFirst();
    }

    /** True if nobody waits, or every waiter was cancelled (then jumping the queue is harmless). */
    private boolean noLiveWaiters() {
        ArrayDeque<Future<Void>> ws = waiters;
        if (ws == null || ws.isEmpty()) {
            return true;
        }
        for (Future<Void> w : ws) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    /** Wakes the first waiter, unless it is already woken (done: then it is on its way). */
    private void wakeUpFirst() {
        ArrayDeque<Future<Void>> ws = waiters;
        if (ws == null) {
            return;
        }
        Future<Void> first = ws.peekFirst();
        if (first != null && !first.isDone()) {
            first.setResult(null);
        }
    }

    /** The number of tasks queued in {@link #acquire()}. */
    int waiterCount() {
        ArrayDeque<Future<Void>> ws = waiters;
        return ws == null ? 0 : ws.size();
    }

    /** The loop this lock is bound to (for Condition's check). */
    LoopBinding binding() {
        return binding;
    }

    /**
     * Like asyncio's repr: {@code <Lock [locked, waiters:2]>}, {@code <Lock [unlocked]>}.
     * asyncio: {@code repr(lock)}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Lock [").append(state == State.LOCKED ? "locked" : "unlocked");
        int n = waiterCount();
        if (n > 0) {
            sb.append(", waiters:").append(n);
        }
        return sb.append("]>").toString();
    }
}
