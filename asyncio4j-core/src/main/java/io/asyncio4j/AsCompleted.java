package io.asyncio4j;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The futures of {@link Asyncio#asCompleted}, in the order they complete. {@link #next()}
 * suspends until the next one is done and returns it (the original task or future, as
 * asyncio 3.13's {@code async for} does); with a timeout, a {@code next()} after the deadline
 * raises {@link TimeoutException}.
 * <pre>{@code
 * for (Future<String> f : asCompleted(tasks)) {
 *     System.out.println(f.result());
 * }
 * }</pre>
 * States: WAITING (futures left to hand out) → EXHAUSTED (all handed out), or WAITING →
 * TIMED_OUT when the deadline passes first (then every further {@code next()} raises
 * {@link TimeoutException}). Loop thread only; iterate from a task.
 * <p>
 * asyncio: {@code asyncio.as_completed} ({@code _AsCompletedIterator})
 *
 * @param <T> the result type
 */
public final class AsCompleted<T> implements Iterable<Future<T>>, Iterator<Future<T>> {
    /** Iterator states; see the class comment. */
    public enum State {
        /** Futures are left to hand out. */
        WAITING,
        /** Every future has been handed out; final. */
        EXHAUSTED,
        /** The deadline passed before every future was done; final. */
        TIMED_OUT
    }

    private final EventLoop loop;
    private final Set<Future<T>> todo = new LinkedHashSet<>();
    /** Done futures not yet handed out; a null entry marks the deadline. */
    private final ArrayDeque<Object> done = new ArrayDeque<>();
    private static final Object TIMED_OUT = new Object();
    private Future<Void> waiter;
    private TimerHandle timeoutHandle;
    private int left;
    private boolean timedOut;
    private final java.util.function.Consumer<Future<T>> onCompletion = this::handleCompletion;

    AsCompleted(EventLoop loop, Iterable<? extends Future<T>> futures, long timeoutNanos) {
        this.loop = loop;
        for (Future<T> f : futures) {
            todo.add(f);
        }
        for (Future<T> f : todo) {
            f.addDoneCallback(onCompletion);
        }
        if (!todo.isEmpty() && timeoutNanos != Long.MAX_VALUE) {
            timeoutHandle = loop.callAtNanos(Durations.deadline(loop.core.nanoTime(), timeoutNanos),
                    this::handleTimeout);
        }
        left = todo.size();
    }

    private void handleTimeout() {
        timedOut = true;
        for (Future<T> f : todo) {
            f.removeDoneCallback(onCompletion);
            push(TIMED_OUT);
        }
        todo.clear();
    }

    private void handleCompletion(Future<T> f) {
        if (todo.isEmpty()) {
            return; // the deadline came first
        }
        todo.remove(f);
        push(f);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
    }

    private void push(Object item) {
        done.add(item);
        Future<Void> w = waiter;
        if (w != null && !w.isDone()) {
            w.setResult(null);
        }
    }

    /** This iterator itself (iterate once). asyncio: {@code as_completed(...).__aiter__()} */
    @Override
    public Iterator<Future<T>> iterator() {
        return this;
    }

    /**
     * True while futures are left to hand out.
     * asyncio: the StopAsyncIteration check of _AsCompletedIterator.__anext__
     */
    @Override
    public boolean hasNext() {
        return left > 0;
    }

    /**
     * The next future to complete. May suspend.
     * asyncio: {@code await anext(as_completed(...))}
     *
     * @throws TimeoutException if the deadline passed first
     */
    @Override
    @SuppressWarnings("unchecked")
    public Future<T> next() {
        if (left == 0) {
            throw new NoSuchElementException("asCompleted(): every future has been handed out; check hasNext() "
                    + "first, or use a for-each loop");
        }
        left--;
        while (done.isEmpty()) {
            waiter = loop.createFuture();
            waiter.await();
            waiter = null;
        }
        Object item = done.poll();
        if (item == TIMED_OUT) {
            throw new TimeoutException("asCompleted(): the timeout expired");
        }
        return (Future<T>) item;
    }

    /** The current state. asyncio: none (the iterator's {@code _todo_left} and timeout sentinel) */
    public State state() {
        return timedOut && left > 0 ? State.TIMED_OUT : left == 0 ? State.EXHAUSTED : State.WAITING;
    }

    /** Shows the state and how many futures are left to hand out. */
    @Override
    public String toString() {
        return "<AsCompleted " + state().name().toLowerCase() + " left=" + left + ">";
    }
}
