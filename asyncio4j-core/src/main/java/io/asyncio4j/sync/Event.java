package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayDeque;

/**
 * A flag that tasks can wait for: {@link #set()} wakes every waiting task, and while it stays
 * set {@link #await()} returns at once; {@link #clear()} lowers it again.
 * <pre>{@code
 * Event ready = new Event();
 * createTask(() -> { ready.await(); System.out.println("go"); });
 * ready.set();
 * }</pre>
 * States:
 * <pre>
 *   UNSET ──set──▶ SET     (wakes every waiter; set on SET does nothing)
 *   SET ──clear──▶ UNSET   (waiters already woken still return)
 * </pre>
 * Threading: the tasks and callbacks of the loop it is bound to (see {@link LoopBinding});
 * {@link #isSet()} and {@link #toString()} read a snapshot from any thread. To set it from
 * another thread: {@code loop.callSoonThreadsafe(event::set)}.
 * <p>
 * asyncio: {@code asyncio.Event}
 */
public final class Event {
    /** The event's states; see the class comment. asyncio: {@code Event.is_set()} */
    public enum State {
        /** await() waits. */
        UNSET,
        /** await() returns at once. */
        SET
    }

    private final LoopBinding binding = new LoopBinding();
    private State state = State.UNSET;
    /** Futures of the waiting tasks, oldest first; each waiter removes its own. */
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();

    /** A new event, not set; it binds to the loop that first uses it. asyncio: {@code asyncio.Event()} */
    public Event() {
    }

    /** True if the flag is set. asyncio: {@code Event.is_set()} */
    public boolean isSet() {
        return state == State.SET;
    }

    /** The current state. asyncio: {@code Event.is_set()} */
    public State state() {
        return state;
    }

    /**
     * Sets the flag and wakes every waiting task (in the order they started waiting). Does nothing
     * if it is already set. asyncio: {@code Event.set()}
     *
     * @throws IllegalStateException if called off the event's loop
     */
    public void set() {
        binding.check(this, "Event.set()");
        if (state == State.SET) {
            return;
        }
        state = State.SET;
        for (Future<Void> w : waiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    /**
     * Lowers the flag: tasks calling {@link #await()} from now on wait for the next
     * {@link #set()}. asyncio: {@code Event.clear()}
     *
     * @throws IllegalStateException if called off the event's loop
     */
    public void clear() {
        binding.check(this, "Event.clear()");
        state = State.UNSET;
    }

    /**
     * Waits until the flag is set; returns at once, without yielding, if it already is.
     * May suspend. asyncio: {@code await Event.wait()} ({@code wait} is {@link Object#wait()} in Java)
     *
     * @throws io.asyncio4j.CancelledError if the task is cancelled while waiting
     * @throws IllegalStateException outside a task of the event's loop
     */
    public void await() {
        EventLoop loop = binding.checkTask(this, "Event.await()");
        if (state == State.SET) {
            return;
        }
        Future<Void> fut = binding.newWaiter(loop, this, "Event.await()");
        waiters.addLast(fut);
        try {
            fut.await();
        } finally {
            waiters.remove(fut);
        }
    }

    /** Like asyncio's repr: {@code <Event [set]>}, {@code <Event [unset, waiters:3]>}. asyncio: {@code repr(event)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Event [").append(state == State.SET ? "set" : "unset");
        int n = waiters.size();
        if (n > 0) {
            sb.append(", waiters:").append(n);
        }
        return sb.append("]>").toString();
    }
}
