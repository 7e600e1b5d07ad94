package io.asyncio4j.sync;

/**
 * A meeting point for a fixed number of tasks: each calls {@link #await()}, and when the last
 * of {@link #parties()} arrives they all go on together, each with its own index.
 * <pre>{@code
 * Barrier start = new Barrier(3);
 * // in each of three tasks:
 * int index = start.await();     // 0, 1 or 2; the last to arrive gets parties - 1
 * }</pre>
 * The barrier can be reused: once every party has left, it fills again.
 * <p>
 * States (asyncio's {@code _BarrierState}):
 * <pre>
 *   FILLING ──last party arrives──▶ DRAINING ──last party leaves──▶ FILLING
 *   FILLING / DRAINING ──reset, parties inside──▶ RESETTING ──last party leaves──▶ FILLING
 *   any ──reset, nobody inside──▶ FILLING
 *   any ──abort──▶ BROKEN          (until reset)
 * </pre>
 * While DRAINING or RESETTING, newcomers wait until it is FILLING again. A reset makes the
 * parties waiting in FILLING raise {@link BrokenBarrierException}; an abort makes every waiting
 * and every later party raise it, until a reset.
 * <p>
 * Cancellation: a party cancelled while waiting leaves (the count drops, so another may take
 * its place) and {@link io.asyncio4j.CancelledError} propagates.
 * <p>
 * Threading: the tasks and callbacks of the loop it is bound to (see {@link LoopBinding});
 * {@link #parties()}, {@link #nWaiting()}, {@link #isBroken()}, {@link #state()} and
 * {@link #toString()} read a snapshot from any thread.
 * <p>
 * asyncio: {@code asyncio.Barrier}
 */
public final class Barrier {
    /** The barrier's states; see the class comment. asyncio: {@code asyncio.locks._BarrierState} */
    public enum State {
        /** Parties are arriving; the last one to arrive releases them all. */
        FILLING,
        /** Released parties are leaving; newcomers wait for the next round. */
        DRAINING,
        /** Reset while parties were inside: they raise, newcomers wait until the last one leaves. */
        RESETTING,
        /** Aborted: every await() raises until reset(). */
        BROKEN
    }

    private final LoopBinding binding = new LoopBinding();
    /** Guards the fields below across suspensions, and notifies every state change. */
    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    /** Tasks inside await() (filling, or not yet left while draining/resetting). */
    private int count;

    /**
     * A barrier for {@code parties} tasks. asyncio: {@code asyncio.Barrier(parties)}
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("Barrier(" + parties + "): parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks are waiting, then returns this task's index, from
     * 0 (the first to arrive) to {@code parties - 1} (the last, which releases the others).
     * May suspend. asyncio: {@code await Barrier.wait()} ({@code wait} is {@link Object#wait()} in Java)
     *
     * @throws BrokenBarrierException if the barrier is broken, or is aborted or reset while this
     *     task waits
     * @throws io.asyncio4j.CancelledError if the task is cancelled while waiting
     * @throws IllegalStateException outside a task of the barrier's loop
     */
    public int await() {
        binding.checkTask(this, "Barrier.await()");
        try (var _ = cond.hold()) {
            block(); // wait while the barrier drains or resets
            int index = count;
            count++;
            try {
                if (index + 1 == parties) {
                    release();
                } else {
                    waitForRelease();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        }
    }

    /** Waits until the barrier is neither draining nor resetting; raises if it is broken. */
    private void block() {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierException("Barrier.await(): the barrier is broken (aborted); reset() it before "
                    + "using it again");
        }
    }

    /** The last party arrived: drain, waking everyone. */
    private void release() {
        state = State.DRAINING;
        cond.notifyAllWaiters();
    }

    /** Waits until the barrier stops filling; raises if it was reset or aborted meanwhile. */
    private void waitForRelease() {
        cond.waitFor(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierException("Barrier.await(): the barrier was " + (state == State.BROKEN
                    ? "aborted" : "reset") + " while this task waited");
        }
    }

    /** The last party to leave ends draining or resetting and wakes those blocked meanwhile. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        }
    }

    /**
     * Returns the barrier to FILLING: tasks waiting at it get {@link BrokenBarrierException}; a
     * broken barrier becomes usable again. May suspend (it takes the barrier's internal lock).
     * asyncio: {@code await Barrier.reset()}
     *
     * @throws IllegalStateException outside a task of the barrier's loop
     */
    public void reset() {
        binding.checkTask(this, "Barrier.reset()");
        try (var _ = cond.hold()) {
            if (count > 0) {
                if (state != State.RESETTING) {
                    state = State.RESETTING; // the waiters raise; the last to leave refills it
                }
            } else {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        }
    }

    /**
     * Breaks the barrier: every waiting task, and every task that calls {@link #await()} until
     * a {@link #reset()}, gets {@link BrokenBarrierException}. Use it when a party fails, so the
     * others do not wait forever. May suspend (it takes the barrier's internal lock).
     * asyncio: {@code await Barrier.abort()}
     *
     * @throws IllegalStateException outside a task of the barrier's loop
     */
    public void abort() {
        binding.checkTask(this, "Barrier.abort()");
        try (var _ = cond.hold()) {
            state = State.BROKEN;
            cond.notifyAllWaiters();
        }
    }

    /** The number of tasks needed to pass. asyncio: {@code Barrier.parties} */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting while it fills (0 while draining). asyncio: {@code Barrier.n_waiting} */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** True if the barrier is broken (aborted and not reset). asyncio: {@code Barrier.broken} */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** The current state. asyncio: the private {@code Barrier._state} */
    public State state() {
        return state;
    }

    /**
     * Like asyncio's repr: {@code <Barrier [filling, waiters:2/5]>}, {@code <Barrier [broken]>}.
     * asyncio: {@code repr(barrier)}
     */
    @Override
    public String toString() {
        State s = state;
        StringBuilder sb = new StringBuilder("<Barrier [").append(s.name().toLowerCase());
        if (s != State.BROKEN) {
            sb.append(", waiters:").append(nWaiting()).append('/').append(parties);
        }
        return sb.append("]>").toString();
    }
}
