package io.asyncio4j.files;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayDeque;

/**
 * A FIFO lock that makes the operations on one file run one at a time, each to its end,
 * when several tasks use the file. Acquiring a free lock does not suspend.
 * <p>
 * States: FREE ⇄ HELD. Cancellation is handled as asyncio's {@code Lock} does: a waiter
 * cancelled after it was chosen passes the turn on.
 * <p>
 * Threading: loop thread only (the file's loop).
 * <p>
 * asyncio: {@code asyncio.Lock} (the file's own, private)
 */
final class OpLock {
    private final EventLoop loop;
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private boolean held;

    OpLock(EventLoop loop) {
        this.loop = loop;
    }

    /** Takes the lock, waiting behind earlier takers. May suspend. */
    void acquire() {
        if (!held && allWaitersCancelled()) {
            held = true;
            return;
        }
        Future<Void> w = loop.createFuture();
        waiters.add(w);
        try {
            w.await();
        } catch (CancelledError e) {
            waiters.remove(w);
            if (!held) {
                wakeFirst();
            }
            throw e;
        }
        waiters.remove(w);
        held = true;
    }

    private boolean allWaitersCancelled() {
        for (Future<Void> w : waiters) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    /** Releases the lock and lets the first waiter in. */
    void release() {
        held = false;
        wakeFirst();
    }

    private void wakeFirst() {
        for (Future<Void> w : waiters) {
            if (!w.isDone()) {
                w.setResult(null);
                return;
            }
        }
    }

    boolean isHeld() {
        return held;
    }

    @Override
    public String toString() {
        return "<OpLock " + (held ? "held" : "free") + (waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + ">";
    }
}
