package io.asyncio4j;

import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.internal.Strand;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The result of an operation that completes later, on one event loop.
 * <p>
 * States, and their only legal transitions (as in asyncio's {@code futures.py}):
 * <pre>
 *   PENDING ──setResult──────▶ FINISHED   (result set)
 *   PENDING ──setException───▶ FINISHED   (exception set)
 *   PENDING ──cancel─────────▶ CANCELLED
 * </pre>
 * Terminal states are final: a second {@code setResult} raises {@link InvalidStateException},
 * a second {@code cancel} returns false.
 * <p>
 * Done-callbacks are always scheduled with {@link EventLoop#callSoon}, never run inline, in the
 * order they were added. A task awaiting the future is woken at the same point of the ready
 * queue as its callback would have run, so wake-up order is asyncio's.
 * <p>
 * Threading: a future belongs to its loop; every method but {@link #isDone()},
 * {@link #isCancelled()} and {@link #toString()} must be called on the loop thread (or a task
 * of the loop) and raises {@link IllegalStateException} elsewhere. From another thread, use
 * {@link EventLoop#callSoonThreadsafe} or {@link #toCompletableFuture()}. It deliberately does not
 * implement {@link java.util.concurrent.Future}: a blocking {@code get()} on the loop thread is
 * the classic event-loop deadlock.
 * <p>
 * asyncio: {@code asyncio.Future}
 *
 * @param <T> the result type
 */
public class Future<T> implements Awaitable<T> {

    /** The states of a future; see the class comment for the transitions. asyncio: {@code Future._state} */
    public enum State {
        /** Not done yet. asyncio: {@code _PENDING} */
        PENDING,
        /** Cancelled; final. asyncio: {@code _CANCELLED} */
        CANCELLED,
        /** Done with a result or an exception; final. asyncio: {@code _FINISHED} */
        FINISHED
    }

    final EventLoop loop;
    volatile State state = State.PENDING;
    private T result;
    private Throwable exception;
    String cancelMessage;
    /** The CancelledError that ended a task, raised once by the first result() (asyncio chains it). */
    CancelledError cancelledError;
    /**
     * Callbacks and waiting strands, in order. Entries: {@link Strand} or {@link Consumer}. The
     * first is kept in {@code callback0}, the rest in {@code callbacks}: the usual future has
     * one awaiter or one callback and needs no array (CPython's C Future does the same).
     */
    private Object callback0;
    private Object[] callbacks;
    private int callbackCount;
    /** Non-null while an exception is set and nobody has looked at it. */
    private Unretrieved unretrieved;

    /** A pending future on the running loop. asyncio: {@code loop.create_future()} */
    public Future() {
        this(EventLoop.getRunningLoop());
    }

    /** A pending future on {@code loop}. asyncio: {@code asyncio.Future(loop=loop)} */
    public Future(EventLoop loop) {
        if (loop == null) {
            throw new NullPointerException("Future(loop): the loop is null");
        }
        this.loop = loop;
    }

    /** The loop this future belongs to. asyncio: {@code Future.get_loop()} */
    public final EventLoop getLoop() {
        return loop;
    }

    /** The current state. asyncio: {@code Future._state} */
    public final State state() {
        return state;
    }

    /** True once the future has a result, an exception, or was cancelled. asyncio: {@code Future.done()} */
    @Override
    public final boolean isDone() {
        return state != State.PENDING;
    }

    /** True if the future was cancelled. asyncio: {@code Future.cancelled()} */
    public final boolean isCancelled() {
        return state == State.CANCELLED;
    }

    /**
     * The result: returns the value, throws the exception that was set (as it is, undeclared),
     * or {@link CancelledError} if cancelled.
     * asyncio: {@code Future.result()}
     *
     * @throws InvalidStateException if the future is still pending
     */
    public T result() {
        loop.checkThread("Future.result()");
        switch (state) {
            case CANCELLED:
                throw makeCancelledError();
            case PENDING:
                throw new InvalidStateException("Future.result(): the result is not set yet; await the "
                        + "future, or check isDone() first");
            default:
                markRetrieved();
                if (exception != null) {
                    throw Sneaky.rethrow(exception);
                }
                return result;
        }
    }

    /**
     * The exception that was set, or null if the future has a result.
     * asyncio: {@code Future.exception()}
     *
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateException if the future is still pending
     */
    public Throwable exception() {
        loop.checkThread("Future.exception()");
        switch (state) {
            case CANCELLED:
                throw makeCancelledError();
            case PENDING:
                throw new InvalidStateException("Future.exception(): the future is not done yet; await it, or "
                        + "check isDone() first");
            default:
                markRetrieved();
                return exception;
        }
    }

    /**
     * Marks the future done with a result and schedules its callbacks.
     * asyncio: {@code Future.set_result(value)}
     *
     * @throws InvalidStateException if the future is already done
     */
    public void setResult(T value) {
        loop.checkThread("Future.setResult()");
        if (state != State.PENDING) {
            throw new InvalidStateException("Future.setResult(): the future is already " + stateWord()
                    + ": " + this + "; a future completes once (check isDone() first)");
        }
        completeWithResult(value);
    }

    /**
     * Marks the future done with an exception and schedules its callbacks.
     * asyncio: {@code Future.set_exception(exc)}
     *
     * @throws InvalidStateException if the future is already done
     */
    public void setException(Throwable error) {
        loop.checkThread("Future.setException()");
        if (error == null) {
            throw new NullPointerException("Future.setException(): the exception is null");
        }
        if (state != State.PENDING) {
            throw new InvalidStateException("Future.setException(): the future is already " + stateWord()
                    + ": " + this + "; a future completes once (check isDone() first)");
        }
        completeWithException(error);
    }

    /** Cancels without a message. See {@link #cancel(String)}. asyncio: {@code Future.cancel()} */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks; a task awaiting it gets
     * {@link CancelledError} carrying {@code msg}. Returns false if it was already done.
     * asyncio: {@code Future.cancel(msg)}
     */
    public boolean cancel(String msg) {
        loop.checkThread("Future.cancel()");
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        cancelMessage = msg;
        scheduleCallbacks();
        return true;
    }

    /**
     * Adds a callback to run, via {@link EventLoop#callSoon}, when the future is done (at once,
     * scheduled the same way, if it already is).
     * asyncio: {@code Future.add_done_callback(fn)}
     */
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        addDoneCallback(fn, null);
    }

    /**
     * {@link #addDoneCallback(Consumer)} running {@code fn} in {@code context} (null: a copy of
     * the calling code's current context, taken now).
     * asyncio: {@code Future.add_done_callback(fn, context=context)}
     */
    public void addDoneCallback(Consumer<? super Future<T>> fn, Context context) {
        loop.checkThread("Future.addDoneCallback()");
        if (fn == null) {
            throw new NullPointerException("Future.addDoneCallback(): the callback is null");
        }
        Context ctx = ContextCalls.captureUnless(context);
        if (state != State.PENDING) {
            loop.callSoonDone(new DoneCallback<>(loop, fn, this, ctx));
        } else {
            // a bare callback while no context is in use; else the queue item, made now with its context
            addEntry(ctx == null ? fn : new DoneCallback<>(loop, fn, this, ctx));
        }
    }

    /**
     * Removes every registration of {@code fn}; returns how many were removed.
     * asyncio: {@code Future.remove_done_callback(fn)}
     */
    public int removeDoneCallback(Consumer<? super Future<T>> fn) {
        loop.checkThread("Future.removeDoneCallback()");
        return removeEntry(fn);
    }

    /**
     * Suspends the current task until this future is done; see {@link Awaitable#await()}. May suspend.
     * asyncio: {@code await future}
     */
    @Override
    public T await() {
        if (state == State.PENDING) {
            Task.suspendOn(this);
        }
        return result();
    }

    /**
     * A {@link CompletableFuture} completed when this future is: with its result, its exception,
     * or cancelled. Safe to wait on from any thread but the loop's (a blocking {@code get()} in
     * a task or callback would freeze the loop: await this future instead). Cancelling the
     * CompletableFuture cancels this future, on its loop. Loop thread only to call.
     * asyncio: {@code asyncio.run_coroutine_threadsafe}'s {@code concurrent.futures.Future}
     * ({@code futures._chain_future})
     */
    public CompletableFuture<T> toCompletableFuture() {
        loop.checkThread("Future.toCompletableFuture()");
        CompletableFuture<T> cf = new CompletableFuture<>();
        if (state != State.PENDING) {
            copyTo(cf);
            return cf;
        }
        Consumer<Future<T>> copy = f -> copyTo(cf);
        addEntry(copy);
        cf.whenComplete((v, e) -> {
            if (cf.isCancelled() && !loop.isClosed()) {
                try {
                    loop.core.callThreadsafe(() -> {
                        if (!isDone()) {
                            cancel();
                        }
                    });
                } catch (RuntimeException ignored) {
                    // the loop is gone: nothing left to cancel
                }
            }
        });
        return cf;
    }

    private void copyTo(CompletableFuture<T> cf) {
        if (state == State.CANCELLED) {
            cf.cancel(false);
        } else if (exception != null) {
            markRetrieved();
            cf.completeExceptionally(exception);
        } else {
            cf.complete(result);
        }
    }

    // ---- internals shared with Task and the combinators --------------------------------------

    /** Completes with a result; the caller has checked the state and the thread. */
    final void completeWithResult(T value) {
        result = value;
        state = State.FINISHED;
        scheduleCallbacks();
    }

    /** Completes with an exception; the caller has checked the state and the thread. */
    final void completeWithException(Throwable error) {
        exception = error;
        state = State.FINISHED;
        unretrieved = Unretrieved.track(this, error);
        scheduleCallbacks();
    }

    /** Completes cancelled; the caller has checked the state and the thread. */
    final void completeCancelled(String msg, CancelledError cause) {
        state = State.CANCELLED;
        cancelMessage = msg;
        cancelledError = cause;
        scheduleCallbacks();
    }

    /** The exception, without marking it retrieved (for toString and internal checks). */
    final Throwable peekException() {
        return exception;
    }

    /** The result, without checks (FINISHED without exception only). */
    final T peekResult() {
        return result;
    }

    final void markRetrieved() {
        Unretrieved u = unretrieved;
        if (u != null) {
            unretrieved = null;
            u.retrieved();
        }
    }

    /** The CancelledError for a cancelled future (asyncio's {@code _make_cancelled_error}). */
    final CancelledError makeCancelledError() {
        CancelledError e = cancelledError;
        if (e != null) {
            cancelledError = null;
            return e;
        }
        return new CancelledError(cancelMessage);
    }

    /** Registers a strand to wake on completion (Task.suspendOn). Pending futures only. */
    final void addWaiter(Strand s) {
        addEntry(s);
    }

    /** Unregisters a strand that stopped waiting. */
    final void removeWaiter(Strand s) {
        removeEntry(s);
    }

    private void addEntry(Object e) {
        int n = callbackCount;
        if (n == 0) {
            callback0 = e;
        } else {
            Object[] cbs = callbacks;
            if (cbs == null) {
                callbacks = cbs = new Object[2];
            } else if (n - 1 == cbs.length) {
                callbacks = cbs = Arrays.copyOf(cbs, cbs.length * 2);
            }
            cbs[n - 1] = e;
        }
        callbackCount = n + 1;
    }

    /** True if {@code fn} (the same object) is registered as a done-callback. */
    final boolean hasDoneCallback(Object fn) {
        for (int i = 0, n = callbackCount; i < n; i++) {
            if (callbackOf(entry(i)) == fn) {
                return true;
            }
        }
        return false;
    }

    /** The callback an entry stands for: a {@link DoneCallback} entry carries its context too. */
    private static Object callbackOf(Object entry) {
        return entry instanceof DoneCallback<?> d ? d.fn : entry;
    }

    /** Entry {@code i} in order: {@code callback0}, then the array. */
    private Object entry(int i) {
        return i == 0 ? callback0 : callbacks[i - 1];
    }

    private int removeEntry(Object e) {
        int kept = 0;
        int n = callbackCount;
        for (int i = 0; i < n; i++) {
            Object x = entry(i);
            Object cb = callbackOf(x);
            if (cb != e && !cb.equals(e)) {
                if (kept == 0) {
                    callback0 = x;
                } else {
                    callbacks[kept - 1] = x;
                }
                kept++;
            }
        }
        if (kept == 0) {
            callback0 = null;
        }
        for (int i = Math.max(kept, 1); i < n; i++) {
            callbacks[i - 1] = null;
        }
        callbackCount = kept;
        return n - kept;
    }

    @SuppressWarnings("unchecked")
    private void scheduleCallbacks() {
        int n = callbackCount;
        if (n == 0) {
            return;
        }
        Object first = callback0;
        Object[] rest = callbacks;
        callback0 = null;
        callbacks = null;
        callbackCount = 0;
        for (int i = 0; i < n; i++) {
            Object e = i == 0 ? first : rest[i - 1];
            if (e instanceof Strand s) {
                s.wakeFrom(this);
            } else if (e instanceof DoneCallback<?> d) {
                loop.callSoonDone(d);
            } else {
                // one queue item per callback: the callback and this future (asyncio's Handle)
                loop.callSoonDone(new DoneCallback<>(loop, (Consumer<? super Future<T>>) e, this, null));
            }
        }
    }

    private String stateWord() {
        return state == State.CANCELLED ? "cancelled" : "done";
    }

    /** asyncio's repr: {@code <Future pending>}, {@code <Future finished result=1>}... asyncio: {@code repr(future)} */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + describeState() + ">";
    }

    /** "pending", "cancelled", "finished result=..." or "finished exception=...". */
    final String describeState() {
        switch (state) {
            case PENDING:
                return "pending";
            case CANCELLED:
                return "cancelled";
            default:
                Throwable e = exception;
                if (e != null) {
                    return "finished exception=" + e;
                }
                return "finished result=" + Repr.limited(result); // asyncio: reprlib.repr, a huge result stays short
        }
    }
}
