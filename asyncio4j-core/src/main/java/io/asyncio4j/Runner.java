package io.asyncio4j;

import io.asyncio4j.contextvars.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Owns an event loop for a synchronous caller: {@link #run} runs coroutines on it (several
 * times if needed), {@link #close()} cancels what is left, shuts the default executor down and
 * closes the loop. {@link Asyncio#run} is one Runner used once.
 * <p>
 * Ctrl-C while {@link #run} runs cancels the main task; if the task lets the cancellation
 * through, {@code run} throws {@link KeyboardInterruptException}. A second Ctrl-C raises
 * {@link KeyboardInterruptException} out of the loop at once (cleanup still runs in
 * {@link #close()}); a third, for a loop stuck in a step, ends the process.
 * <p>
 * States: CREATED → INITIALIZED (first run or getLoop) → CLOSED. Use from one thread.
 * <p>
 * asyncio: {@code asyncio.Runner}
 */
public final class Runner implements AutoCloseable {
    /** Runner states; see the class comment. asyncio: {@code asyncio.runners._State} */
    public enum State {
        /** No loop yet. */
        CREATED,
        /** The loop exists; {@link #run} may be called. */
        INITIALIZED,
        /** Closed, with its loop; final. */
        CLOSED
    }

    /** The runner that holds SIGINT now, if any (one per process, like the signal). */
    private static final AtomicReference<Runner> SIGINT_OWNER = new AtomicReference<>();

    private final Boolean debug;
    private final Supplier<EventLoop> loopFactory;
    private State state = State.CREATED;
    private EventLoop loop;
    /**
     * Where main tasks run unless {@link #run(Coroutine, Context)} says otherwise: a copy of the
     * creating thread's context, taken at the first use, shared by every {@code run} (so a var
     * the first main task sets is seen by the next, as with asyncio's Runner).
     */
    private Context context;
    private volatile int interruptCount;
    /** A Ctrl-C after the first has raised KeyboardInterrupt in the loop; the next one exits. Signal thread. */
    private volatile boolean escalated;

    /**
     * A runner with a new default loop; debug from {@code -Dasyncio4j.debug=true}.
     * asyncio: {@code asyncio.Runner()}
     */
    public Runner() {
        this(null, null);
    }

    /** A runner whose loop runs in debug mode or not. asyncio: {@code asyncio.Runner(debug=...)} */
    public Runner(boolean debug) {
        this(debug, null);
    }

    /**
     * A runner on a loop from {@code loopFactory} (null: {@code new EventLoop()}); {@code debug}
     * null leaves the loop's own setting.
     * asyncio: {@code asyncio.Runner(debug=..., loop_factory=...)}
     */
    public Runner(Boolean debug, Supplier<EventLoop> loopFactory) {
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /** The runner's loop, created on first use. asyncio: {@code Runner.get_loop()} */
    public EventLoop getLoop() {
        lazyInit();
        return loop;
    }

    /** Runs a coroutine without a result. See {@link #run(Coroutine)}. asyncio: {@code Runner.run(coro)} */
    public void run(Coroutine.VoidCoroutine coro) {
        run(Coroutine.of(coro));
    }

    /**
     * Runs {@code coro} as the main task until it is done and returns its result (or throws its
     * exception). asyncio: {@code Runner.run(coro)}
     *
     * @throws IllegalStateException when called from a running loop or after close
     */
    public <T> T run(Coroutine<T> coro) {
        return run(coro, null);
    }

    /**
     * {@link #run(Coroutine)} with the main task running in {@code context} (null: the runner's
     * own). asyncio: {@code Runner.run(coro, context=context)}
     */
    public void run(Coroutine.VoidCoroutine coro, Context context) {
        run(Coroutine.of(coro), context);
    }

    /**
     * {@link #run(Coroutine)} with the main task running in {@code context} (null: the runner's
     * own, a copy of this thread's context taken at first use and shared by every run).
     * asyncio: {@code Runner.run(coro, context=context)}
     *
     * @throws IllegalStateException when called from a running loop or after close
     */
    public <T> T run(Coroutine<T> coro, Context context) {
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("Runner.run(): cannot be called from a running event loop; inside a "
                    + "task, await the coroutine (or createTask it) instead");
        }
        lazyInit();
        Task<T> task = loop.createTask(coro, null, context != null ? context : this.context); // "Task-N"
        boolean ownsSigint = installSigint(task);
        interruptCount = 0;
        escalated = false;
        try {
            return loop.runUntilComplete(task);
        } catch (CancelledError e) {
            if (interruptCount > 0 && task.uncancel() == 0) {
                throw new KeyboardInterruptException();
            }
            throw e;
        } finally {
            if (ownsSigint) {
                uninstallSigint();
            }
        }
    }

    private void lazyInit() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Runner: the runner is closed; create a new one");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        loop = loopFactory == null ? new EventLoop() : loopFactory.get();
        context = Context.copyContext();
        if (debug != null) {
            loop.setDebug(debug);
        } else if (Boolean.getBoolean("asyncio4j.debug")) {
            loop.setDebug(true);
        }
        state = State.INITIALIZED;
    }

    private sun.misc.SignalHandler previousSigint;

    private boolean installSigint(Task<?> mainTask) {
        if (Thread.currentThread().isVirtual() || !SIGINT_OWNER.compareAndSet(null, this)) {
            return false;
        }
        try {
            previousSigint = sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> onSigint(mainTask));
            return true;
        } catch (IllegalArgumentException e) {
            SIGINT_OWNER.set(null);
            return false; // the JVM keeps SIGINT (-Xrs): Ctrl-C keeps its default effect
        }
    }

    private void uninstallSigint() {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), previousSigint);
        SIGINT_OWNER.set(null);
    }

    /**
     * Ctrl-C, as asyncio's Runner takes it: the first cancels the main task; the next raises
     * {@link KeyboardInterruptException} out of the loop, so that {@link #run} throws it and
     * {@link #close()} still cancels and waits for the tasks left (asyncio raises it in the main
     * thread, where its loop waits). The loop thread cannot be interrupted in the middle of a
     * step, so a loop stuck in one never sees that; one more Ctrl-C then ends the process
     * (exit 130). On the JVM's signal thread.
     */
    private void onSigint(Task<?> mainTask) {
        int count = ++interruptCount;
        if (count == 1 && !mainTask.isDone()) {
            loop.callSoonThreadsafe(() -> mainTask.cancel());
            return;
        }
        if (!escalated) {
            escalated = true;
            try {
                loop.callSoonThreadsafe(() -> {
                    throw new KeyboardInterruptException();
                });
                return;
            } catch (RuntimeException e) {
                // the loop is closing: nothing left to raise it in
            }
        }
        // give the signal back to the JVM and deliver it again (exit 130)
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), previousSigint);
        sun.misc.Signal.raise(new sun.misc.Signal("INT"));
    }

    /**
     * Cancels the tasks still pending and waits for them, closes live async generators, shuts
     * the default executor down, and closes the loop. Idempotent. asyncio: {@code Runner.close()}
     */
    @Override
    public void close() {
        if (state != State.INITIALIZED) {
            return;
        }
        try {
            cancelAllTasks(loop);
            loop.runUntilComplete(() -> {
                loop.shutdownAsyncgens();
                loop.shutdownDefaultExecutor();
                return null;
            });
        } finally {
            loop.close();
            loop = null;
            state = State.CLOSED;
        }
    }

    /** asyncio's {@code runners._cancel_all_tasks}. */
    private static void cancelAllTasks(EventLoop loop) {
        List<Task<?>> toCancel = new ArrayList<>(loop.allTasks());
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        List<Future<?>> fs = new ArrayList<>(toCancel);
        loop.runUntilComplete(GatheringFuture.start(loop, fs, f -> null));
        for (Task<?> t : toCancel) {
            if (t.isCancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                loop.callExceptionHandler(ExceptionContext.of("unhandled exception during asyncio.run() shutdown", e)
                        .with("task", t));
            }
        }
    }

    /** The current state. asyncio: {@code Runner._state} */
    public State state() {
        return state;
    }

    /** Shows the state. asyncio: {@code repr(runner)} */
    @Override
    public String toString() {
        return "<Runner " + state.name().toLowerCase() + ">";
    }
}
