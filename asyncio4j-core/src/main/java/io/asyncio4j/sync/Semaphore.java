package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayDeque;

/**
 * A counter of permits for the tasks of one loop: {@link #acquire()} takes one (waiting while
 * there are none), {@link #release()} gives one back.
 * <pre>{@code
 * Semaphore sem = new Semaphore(2);   // at most two at a time
 * try (var _ = sem.hold()) {
 *     ...
 * }
 * }</pre>
 * State: the value (free permits, never below zero) and the FIFO queue of waiting tasks.
 * <pre>
 *   value &gt; 0, nobody queued ──acquire──▶ value - 1            (at once)
 *   value == 0 or others queued ──acquire──▶ queued, FIFO       (waits)
 *   release ──▶ value + 1, then the first queued waiter not yet woken is woken and its permit
 *               reserved (value - 1)
 * </pre>
 * Fairness is FIFO: a task never overtakes a queued one, even when a permit is free. A waiter
 * cancelled after being woken gives its reserved permit back and wakes the next one, so a
 * cancelled {@link #acquire()} never leaks a permit.
 * <p>
 * Threading: the tasks and callbacks of the loop it is bound to (see {@link LoopBinding});
 * {@link #toString()} reads a snapshot from any thread.
 * <p>
 * asyncio: {@code asyncio.Semaphore}
 */
public class Semaphore {
    private final LoopBinding binding = new LoopBinding();
    /**
     * Free permits, reserved ones (woken waiters) already subtracted. Never negative. A long:
     * asyncio's value is an unbounded int, and {@code release()} without a matching
     * {@code acquire()} is legal, so a semaphore made with {@code Integer.MAX_VALUE} permits (a
     * common "no limit") must not wrap around to negative (locked for good) on the next release.
     */
    long value;
    /** Futures of the queued tasks, oldest first; each removes its own. Lazy. */
    private ArrayDeque<Future<Void>> waiters;

    /** A semaphore with one permit. asyncio: {@code asyncio.Semaphore()} */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits. asyncio: {@code asyncio.Semaphore(value)}
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + value + "): the initial value "
                    + "must be >= 0");
        }
        this.value = value;
    }

    /**
     * True if {@link #acquire()} would wait: no permit is free, or tasks are queued ahead
     * (FIFO: a newcomer must not overtake them). asyncio: {@code Semaphore.locked()}
     */
    public boolean isLocked() {
        if (value == 0) {
            return true;
        }
        ArrayDeque<Future<Void>> ws = waiters;
        if (ws != null) {
            for (Future<Void> w : ws) {
                if (!w.isCancelled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Takes a permit, waiting in FIFO order if none is free or others are queued. If the task is
     * cancelled while waiting, no permit is taken (one already reserved for it goes back and to
     * the next waiter) and {@link CancelledError} propagates. May suspend.
     * asyncio: {@code await Semaphore.acquire()}
     *
     * @throws IllegalStateException outside a task of the semaphore's loop
     */
    public void acquire() {
        EventLoop loop = binding.checkTask(this, getClass().getSimpleName() + ".acquire()");
        if (!isLocked()) {
            value--;
            return;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Void> fut = binding.newWaiter(loop, this, getClass().getSimpleName() + ".acquire()");
        waiters.addLast(fut);
        try {
            try {
                fut.await();
            } finally {
                waiters.remove(fut);
            }
        } catch (CancelledError e) {
            if (fut.isDone() && !fut.isCancelled()) {
                // woken (a permit was reserved for us) but cancelled before we could take it
                value++;
            }
            throw e;
        } finally {
            // Others may have queued behind us only because of FIFO: wake as many as there are
            // permits.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
    }

    /**
     * Takes a permit (see {@link #acquire()}) and returns a {@link Hold} that gives it back:
     * {@code try (var _ = sem.hold()) { ... }}. May suspend. asyncio: {@code async with sem:}
     */
    public Hold hold() {
        acquire();
        return new Hold(this::release);
    }

    /**
     * Gives a permit back, waking the first queued task if any.
     * asyncio: {@code Semaphore.release()}
     *
     * @throws IllegalStateException if called off the semaphore's loop
     */
    public void release() {
        checkLoop("release()");
        value++;
        wakeUpNext();
    }

    /** The loop check for non-suspending operations (subclasses share it). */
    final void checkLoop(String method) {
        binding.check(this, getClass().getSimpleName() + "." + method);
    }

    /** Wakes the first waiter not woken yet, reserving a permit for it; false if there is none. */
    private boolean wakeUpNext() {
        ArrayDeque<Future<Void>> ws = waiters;
        if (ws == null) {
            return false;
        }
        for (Future<Void> w : ws) {
            if (!w.isDone()) {
                value--;
                w.setResult(null);
                return true;
            }
        }
        return false;
    }

    /** The number of tasks queued in {@link #acquire()}. */
    int waiterCount() {
        ArrayDeque<Future<Void>> ws = waiters;
        return ws == null ? 0 : ws.size();
    }

    /**
     * Like asyncio's repr: {@code <Semaphore [unlocked, value:2]>}, {@code <Semaphore [locked, waiters:1]>}.
     * asyncio: {@code repr(sem)}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" [");
        if (isLocked()) {
            sb.append("locked");
        } else {
            sb.append("unlocked, value:").append(value);
        }
        int n = waiterCount();
        if (n > 0) {
            sb.append(", waiters:").append(n);
        }
        return sb.append("]>").toString();
    }
}
