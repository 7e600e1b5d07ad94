package io.asyncio4j;

import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.IoHandler;
import io.asyncio4j.internal.LoopCore;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.internal.Strand;
// networking (branch net)
import io.asyncio4j.internal.net.NetLoop;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.DatagramOptions;
import io.asyncio4j.streams.DatagramProtocol;
import io.asyncio4j.streams.DatagramTransport;
import io.asyncio4j.streams.NameInfo;
import io.asyncio4j.streams.ReadTransport;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.streams.WriteTransport;

import java.lang.System.Logger.Level;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An event loop: one thread that runs callbacks, timers, I/O handlers and the steps of its
 * tasks, one at a time.
 * <p>
 * States: IDLE ⇄ RUNNING (runForever / runUntilComplete, until stop) and IDLE → CLOSED
 * ({@link #close()}; final). A closed loop refuses new work.
 * <p>
 * Threading: while running, the loop belongs to the thread running it and the tasks running on
 * it; while not running, one thread at a time may prepare it (as in asyncio). Every method must
 * be called there,
 * except {@link #callSoonThreadsafe}, {@link #stop()}-via-{@code callSoonThreadsafe},
 * {@link #isRunning()}, {@link #isClosed()} and {@link #time()}, which are safe from any thread.
 * A loop-only method called from another thread raises {@link IllegalStateException} naming the
 * thread-safe alternative, so misuse fails loudly instead of corrupting the loop.
 * <p>
 * asyncio: {@code asyncio.AbstractEventLoop} / {@code BaseEventLoop}
 */
public final class EventLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("asyncio");
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

    /** Loop states; see the class comment. asyncio: {@code loop.is_running() / loop.is_closed()} */
    public enum State {
        /** Not running; callbacks and tasks may be prepared. */
        IDLE,
        /** Running on its thread ({@code runForever} or {@code runUntilComplete}). */
        RUNNING,
        /** Closed; final. */
        CLOSED
    }

    final LoopCore core;

    static {
        io.asyncio4j.internal.LoopCores.setAccessor(loop -> loop.core);
    }

    /** Exceptions set on futures that nobody retrieved yet; see {@link Unretrieved}. Any thread. */
    final Set<Unretrieved> unretrieved = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private ExceptionHandler exceptionHandler;
    private ExecutorService defaultExecutor;
    private boolean executorShutdownCalled;
    private final Map<Signal, sun.misc.SignalHandler> savedSignalHandlers = new EnumMap<>(Signal.class);
    private final Map<SelectableChannel, ChannelWatch> watches = new IdentityHashMap<>();
    /**
     * The run state of async generators that started and have not finished, so that
     * {@link #shutdownAsyncgens()} closes every one; the handles are not held, so an abandoned
     * generator's handle is collected and its finalizer closes it (see {@link AsyncGenerator}).
     * Loop thread only. asyncio: {@code loop._asyncgens}
     */
    final Set<AsyncGenerator.Run<?>> asyncgens = new java.util.LinkedHashSet<>();
    /** Pending tasks, an intrusive list through Task.prevLive/nextLive. Loop thread only. */
    private Task<?> liveHead;
    private int liveCount;
    /** How createTask makes tasks; null for the default. Loop thread only. */
    private TaskFactory taskFactory;
    /**
     * The context given to the {@code createTask} in progress, for the task it makes; null
     * otherwise (the task copies its creator's). Loop thread only.
     */
    private Context pendingTaskContext;

    /** A loop on the system clock. asyncio: {@code asyncio.new_event_loop()} */
    public EventLoop() {
        this(LoopClock.system());
    }

    /**
     * A loop on {@code clock}; the testing kit passes a virtual clock here.
     * asyncio: a loop with a custom clock, as the test helpers of test_asyncio build
     */
    public EventLoop(LoopClock clock) {
        this.core = new LoopCore(clock, new LoopCore.Host() {
            @Override
            public void onItemFailed(Runnable item, Throwable error) {
                callbackFailed(item, error, null);
            }

            @Override
            public void onSlowItem(Runnable item, long nanos) {
                LOG.log(Level.WARNING, String.format("Executing %s took %.3f seconds", describe(item), nanos / 1e9));
            }
        });
    }

    /** Same as {@code new EventLoop()}. asyncio: {@code asyncio.new_event_loop()} */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /**
     * The loop running the calling code: the loop of the current task, or the loop whose thread
     * is calling (from a callback).
     *
     * @throws IllegalStateException if no loop runs here
     * asyncio: {@code asyncio.get_running_loop()}
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = runningLoopOrNull();
        if (loop == null) {
            throw new IllegalStateException("getRunningLoop(): no running event loop in thread "
                    + Thread.currentThread().getName() + "; call it from a task or a callback, or start one "
                    + "with Asyncio.run(...)");
        }
        return loop;
    }

    /** The running loop of the calling code, or null. */
    static EventLoop runningLoopOrNull() {
        Strand s = Strand.current();
        if (s != null) {
            return ((Task<?>) s.owner).loop;
        }
        return RUNNING.get();
    }

    // ---- scheduling callbacks ------------------------------------------------------------------

    /**
     * Schedules {@code callback} at the tail of the ready queue: it runs in the next iteration,
     * after everything scheduled before it (FIFO). asyncio: {@code loop.call_soon()}
     */
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, null);
    }

    /**
     * {@link #callSoon(Runnable)} running {@code callback} in {@code context} (null: a copy of
     * the calling code's current context, taken now). asyncio: {@code loop.call_soon(callback, context=context)}
     */
    public Handle callSoon(Runnable callback, Context context) {
        checkThread("EventLoop.callSoon()");
        checkOpen("EventLoop.callSoon()");
        CallbackHandle h = new CallbackHandle(this, requireCallback(callback, "callSoon"),
                ContextCalls.captureUnless(context));
        core.callSoon(h);
        return h;
    }

    /**
     * Queues a future's done-callback item as {@link #callSoon} would, without wrapping it in
     * another handle. Loop thread only (the completing caller has checked).
     */
    void callSoonDone(Runnable item) {
        checkOpen("EventLoop.callSoon()");
        core.callSoon(item);
    }

    /**
     * Like {@link #callSoon} but safe from any thread: the callback goes through a lock-free
     * inbox and wakes the loop if it is waiting. asyncio: {@code loop.call_soon_threadsafe()}
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    /**
     * {@link #callSoonThreadsafe(Runnable)} running {@code callback} in {@code context} (null: a
     * copy of the calling thread's current context, taken now).
     * asyncio: {@code loop.call_soon_threadsafe(callback, context=context)}
     */
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkOpen("EventLoop.callSoonThreadsafe()");
        CallbackHandle h = new CallbackHandle(this, requireCallback(callback, "callSoonThreadsafe"),
                ContextCalls.captureUnless(context));
        core.callThreadsafe(h);
        return h;
    }

    /**
     * Schedules {@code callback} after {@code delaySeconds}; equal deadlines run in the order they
     * were scheduled. A negative delay is a deadline already past, as in asyncio: the callback runs
     * at the next iteration, before timers due later. asyncio: {@code loop.call_later()}
     *
     * @throws IllegalArgumentException if {@code delaySeconds} is NaN
     */
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        return callLaterNanos(Durations.delayNanos(delaySeconds, "EventLoop.callLater()"), callback, null);
    }

    /**
     * {@link #callLater(double, Runnable)} running {@code callback} in {@code context} (null: a
     * copy of the calling code's current context, taken now).
     * asyncio: {@code loop.call_later(delay, callback, context=context)}
     */
    public TimerHandle callLater(double delaySeconds, Runnable callback, Context context) {
        return callLaterNanos(Durations.delayNanos(delaySeconds, "EventLoop.callLater()"), callback, context);
    }

    /**
     * {@link #callLater(double, Runnable)} with a {@link Duration}.
     * asyncio: {@code loop.call_later(delay, callback)}
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callLaterNanos(Durations.delayNanos(delay, "EventLoop.callLater()"), callback, null);
    }

    private TimerHandle callLaterNanos(long nanos, Runnable callback, Context context) {
        checkThread("EventLoop.callLater()");
        return schedule(Durations.deadline(core.nanoTime(), nanos), callback, context, "callLater");
    }

    /**
     * Schedules {@code callback} at {@code when}, in seconds on {@link #time()}'s clock; a time in
     * the past runs in the next iteration. asyncio: {@code loop.call_at()}
     */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAt(when, callback, null);
    }

    /**
     * {@link #callAt(double, Runnable)} running {@code callback} in {@code context} (null: a copy
     * of the calling code's current context, taken now).
     * asyncio: {@code loop.call_at(when, callback, context=context)}
     */
    public TimerHandle callAt(double when, Runnable callback, Context context) {
        checkThread("EventLoop.callAt()");
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("EventLoop.callAt(): the time is NaN; pass loop.time() + delay");
        }
        return schedule(Durations.secondsToNanosSaturated(when), callback, context, "callAt");
    }

    /** {@link #callAt} in loop nanoseconds, without a round trip through double. */
    TimerHandle callAtNanos(long deadline, Runnable callback) {
        checkThread("EventLoop.callAt()");
        return schedule(deadline, callback, null, "callAt");
    }

    private TimerHandle schedule(long deadline, Runnable callback, Context context, String what) {
        if (closed) { // the message is built only when needed: this runs for every timer
            checkOpen("EventLoop." + what + "()");
        }
        ScheduledHandle h = new ScheduledHandle(this, deadline, requireCallback(callback, what),
                ContextCalls.captureUnless(context));
        core.addTimer(h);
        return h;
    }

    /** The loop clock, in seconds (monotonic; only differences matter). asyncio: {@code loop.time()} */
    public double time() {
        return core.nanoTime() / 1e9;
    }

    // ---- running -------------------------------------------------------------------------------

    /**
     * A callback ({@code cb}, run by {@code handle} if it has one) threw {@code error}: reported to
     * the exception handler, except a {@link KeyboardInterruptException}, which leaves the loop
     * once the item running now ends. Loop thread only. asyncio: {@code Handle._run}
     */
    void callbackFailed(Object cb, Throwable error, Object handle) {
        if (error instanceof KeyboardInterruptException) {
            core.escape(error);
            return;
        }
        // asyncio: "Exception in callback cb()"; a handle names its callback as its repr does
        String described = cb instanceof Handle || cb instanceof DoneCallback<?> ? describeHandled(cb)
                : Repr.callback(cb);
        ExceptionContext context = ExceptionContext.of("Exception in callback " + described, error);
        callExceptionHandler(handle != null ? context.with("handle", handle) : context);
    }

    /** A handle in the message: its repr without the "<Handle " and ">" around it. */
    private static String describeHandled(Object handle) {
        String r = String.valueOf(handle);
        return r.startsWith("<Handle ") && r.endsWith(">") ? r.substring(8, r.length() - 1) : r;
    }

    /**
     * Runs the loop until {@link #stop()} is called. asyncio: {@code loop.run_forever()}
     *
     * @throws IllegalStateException if the loop is closed or already running, or another loop
     *     runs in this thread
     */
    public void runForever() {
        checkCanRun("EventLoop.runForever()");
        if (Thread.currentThread().isVirtual() && core.engine.name().equals("loom")) {
            // a loop-scheduled virtual thread can only be mounted on a platform thread
            runOnPlatformThread();
            return;
        }
        if (!core.enter()) {
            throw new IllegalStateException("EventLoop.runForever(): this loop is already running; schedule work on "
                    + "it (createTask, callSoonThreadsafe) instead of running it again");
        }
        RUNNING.set(this);
        try {
            core.runUntilStopped();
        } finally {
            RUNNING.remove();
            core.exit();
        }
    }

    private void runOnPlatformThread() {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("asyncio4j-loop").start(() -> {
            try {
                runForever();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw Sneaky.rethrow(failure[0]);
        }
    }

    /**
     * Runs the loop until {@code future} is done and returns its result (or throws its
     * exception). asyncio: {@code loop.run_until_complete(future)}
     */
    public <T> T runUntilComplete(Awaitable<T> future) {
        checkCanRun("EventLoop.runUntilComplete()");
        Future<T> f = asFuture(future);
        java.util.function.Consumer<Future<T>> stopper = x -> stop();
        f.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            f.removeDoneCallback(stopper);
        }
        if (!f.isDone()) {
            throw new IllegalStateException("EventLoop.runUntilComplete(): the loop stopped before the future "
                    + "completed (someone called stop()); run it again to finish " + f);
        }
        return f.result();
    }

    /** Wraps {@code coro} in a task and runs the loop until it is done. asyncio: {@code loop.run_until_complete(coro)} */
    public <T> T runUntilComplete(Coroutine<T> coro) {
        checkCanRun("EventLoop.runUntilComplete()");
        return runUntilComplete(createTask(coro));
    }

    /**
     * {@link #runUntilComplete(Coroutine)} for a coroutine without a result.
     * asyncio: {@code loop.run_until_complete(coro)}
     */
    public void runUntilComplete(Coroutine.VoidCoroutine coro) {
        checkCanRun("EventLoop.runUntilComplete()");
        runUntilComplete(createTask(coro));
    }

    /**
     * Stops the loop after the current iteration: callbacks already scheduled run first.
     * Loop thread only; from elsewhere use {@code loop.callSoonThreadsafe(loop::stop)}.
     * asyncio: {@code loop.stop()}
     */
    public void stop() {
        checkThread("EventLoop.stop()");
        core.stop();
    }

    /** True while the loop runs. Any thread. asyncio: {@code loop.is_running()} */
    public boolean isRunning() {
        return core.isRunning();
    }

    /** True once closed. Any thread. asyncio: {@code loop.is_closed()} */
    public boolean isClosed() {
        return closed;
    }

    /** The current state. Any thread. asyncio: {@code loop.is_running() / loop.is_closed()} */
    public State state() {
        return closed ? State.CLOSED : core.isRunning() ? State.RUNNING : State.IDLE;
    }

    /**
     * Closes the loop: drops pending callbacks, restores signal handlers, shuts the default
     * executor down without waiting, releases the selector. Idempotent. A task still pending
     * will never run again: each is reported to the exception handler ("Task was destroyed but it
     * is pending!", asyncio's words when it collects one). asyncio: {@code loop.close()}
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (core.isRunning()) {
            throw new IllegalStateException("EventLoop.close(): the loop is running; stop it first (loop.stop()), "
                    + "then close it");
        }
        if (closed) {
            return;
        }
        closed = true;
        // a task still pending never runs again: say so now, as asyncio says it when such a
        // task is collected (here at once, and so always, where a collection may never come)
        for (Task<?> t = liveHead; t != null; t = t.nextLive) {
            ExceptionContext context = ExceptionContext.of("Task was destroyed but it is pending!", null).with("task", t);
            // asyncio (debug mode) adds where the task was created
            List<StackTraceElement> createdAt = t.getCreationStack();
            callExceptionHandler(createdAt.isEmpty() ? context : context.with("source_traceback", createdAt));
        }
        for (Signal s : new ArrayList<>(savedSignalHandlers.keySet())) {
            removeSignalHandler(s);
        }
        ExecutorService ex = defaultExecutor;
        defaultExecutor = null;
        if (ex != null) {
            ex.shutdown();
        }
        if (net != null) {
            net.loopClosing(); // networking (branch net): close the sockets still open
        }
        core.close();
    }

    // ---- futures and tasks -----------------------------------------------------------------------

    /** A new pending future on this loop. asyncio: {@code loop.create_future()} */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Wraps {@code coro} in a task and schedules its first step (via the ready queue, like
     * {@code callSoon}). Keep a reference if you need its result; the loop keeps the task alive
     * until it is done either way. The loop's {@link TaskFactory}, if one is set
     * ({@link #setTaskFactory}), makes the task instead: with {@link Asyncio#eagerTaskFactory()}
     * the first step runs inside this call. asyncio: {@code loop.create_task(coro)}
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * {@link #createTask(Coroutine)} for a coroutine without a result (the task's result is null).
     * asyncio: {@code loop.create_task(coro)}
     */
    public Task<Void> createTask(Coroutine.VoidCoroutine coro) {
        return createTask(coro == null ? null : Coroutine.of(coro), null);
    }

    /**
     * {@link #createTask(Coroutine, String)} for a coroutine without a result.
     * asyncio: {@code loop.create_task(coro, name=...)}
     */
    public Task<Void> createTask(Coroutine.VoidCoroutine coro, String name) {
        return createTask(coro == null ? null : Coroutine.of(coro), name);
    }

    /**
     * {@link #createTask(Coroutine, String)} running the task in {@code context} (null: a copy
     * of the calling code's current context, as always). Tasks given the same context share it.
     * A {@link TaskFactory} in use makes the task as usual, and the task it makes gets the context.
     * asyncio: {@code loop.create_task(coro, name=name, context=context)}
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return inContext(context, () -> createTask(coro, name));
    }

    /**
     * {@link #createTask(Coroutine, String, Context)} for a coroutine without a result.
     * asyncio: {@code loop.create_task(coro, name=name, context=context)}
     */
    public Task<Void> createTask(Coroutine.VoidCoroutine coro, String name, Context context) {
        return createTask(coro == null ? null : Coroutine.of(coro), name, context);
    }

    /**
     * Runs {@code make} with {@code context} handed to the task it makes on this loop (the one
     * the task factory, or the default, makes inside it), so {@code TaskFactory} keeps its
     * three-argument shape; null: the task copies its creator's context as usual. Loop thread only.
     */
    <T> Task<T> inContext(Context context, java.util.function.Supplier<Task<T>> make) {
        if (context == null) {
            return make.get();
        }
        pendingTaskContext = context;
        try {
            return make.get();
        } finally {
            pendingTaskContext = null;
        }
    }

    /** The context offered for the task being made, or null (a copy of the creator's); clears it. */
    Context takeTaskContext() {
        Context c = pendingTaskContext;
        if (c != null) {
            pendingTaskContext = null;
        }
        return c;
    }

    /**
     * {@link #createTask(Coroutine)} with a name ({@code null}: {@code Task-N}).
     * asyncio: {@code loop.create_task(coro, name=...)}
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        checkThread("EventLoop.createTask()");
        checkOpen("EventLoop.createTask()");
        TaskFactory factory = taskFactory;
        if (factory != null) {
            return createTaskWith(factory, coro, name);
        }
        // the hot path (spawn benchmarks): Task.newTask's work without its repeated checks
        Task<T> t = new Task<>(this, coro, name);
        link(t);
        t.strand.start();
        return t;
    }

    /** createTask through a user's factory, which must return a task of this loop. */
    private <T> Task<T> createTaskWith(TaskFactory factory, Coroutine<T> coro, String name) {
        if (coro == null) {
            throw new NullPointerException("createTask(): the coroutine is null");
        }
        Task<T> t = factory.createTask(this, coro, name);
        if (t == null) {
            throw new IllegalStateException("EventLoop.createTask(): the task factory " + factory + " returned null; "
                    + "a TaskFactory must return the task it made (Task.newTask or Task.newEagerTask on the loop "
                    + "it is given), or setTaskFactory(null) to restore the default");
        }
        if (t.loop != this) {
            throw new IllegalStateException("EventLoop.createTask(): the task factory " + factory + " returned " + t
                    + ", a task of another loop; a TaskFactory must make the task on the loop it is given");
        }
        return t;
    }

    /**
     * Sets how {@link #createTask} makes tasks; {@code null} restores the default
     * ({@link Task#newTask}). Every task the library makes for you goes through it too
     * ({@code Asyncio.createTask}, {@code gather} over coroutines, {@link TaskGroup#createTask},
     * {@code shield} of a coroutine, {@code waitFor} of a coroutine with a timeout of zero,
     * {@code ensureFuture}/{@code gather}/{@code asCompleted} of an awaitable that is not a
     * future, {@code runCoroutineThreadsafe}, stream servers' connection handlers) — the places
     * where asyncio calls {@code loop.create_task}. Loop thread only.
     * {@code setTaskFactory(Asyncio.eagerTaskFactory())} makes every new task eager.
     * asyncio: {@code loop.set_task_factory(factory)}
     */
    public void setTaskFactory(TaskFactory factory) {
        checkThread("EventLoop.setTaskFactory()");
        this.taskFactory = factory;
    }

    /**
     * The factory set with {@link #setTaskFactory}, or null when the default is in use.
     * Loop thread only. asyncio: {@code loop.get_task_factory()}
     */
    public TaskFactory getTaskFactory() {
        checkThread("EventLoop.getTaskFactory()");
        return taskFactory;
    }

    /** A future for {@code aw}: itself if it is a Future of this loop. */
    <T> Future<T> asFuture(Awaitable<T> aw) {
        if (aw instanceof Future<T> f) {
            if (f.loop != this) {
                throw new IllegalStateException("the future " + f + " belongs to another loop; use "
                        + "runCoroutineThreadsafe or wrapFuture to cross loops");
            }
            return f;
        }
        Future<T> f = createFuture();
        Task<Void> t = createTask(() -> {
            try {
                T v = aw.await();
                if (!f.isDone()) {
                    f.setResult(v);
                }
            } catch (CancelledError e) {
                f.cancel();
            } catch (Throwable e) {
                if (!f.isDone()) {
                    f.setException(e);
                }
            }
            return null;
        });
        f.addDoneCallback(x -> t.cancel());
        return f;
    }

    /** The tasks of this loop that are not done. asyncio: {@code asyncio.all_tasks(loop)} */
    public Set<Task<?>> allTasks() {
        checkThread("EventLoop.allTasks()");
        Set<Task<?>> all = new LinkedHashSet<>();
        for (Task<?> t = liveHead; t != null; t = t.nextLive) {
            all.add(t);
        }
        return all;
    }

    /** Lists a new task among the pending ones (allTasks). Loop thread only. */
    void link(Task<?> t) {
        t.nextLive = liveHead;
        if (liveHead != null) {
            liveHead.prevLive = t;
        }
        liveHead = t;
        liveCount++;
    }

    /** Called by a task when it completes, on the loop. */
    void taskDone(Task<?> t) {
        if (t.prevLive != null) {
            t.prevLive.nextLive = t.nextLive;
        } else if (liveHead == t) {
            liveHead = t.nextLive;
        } else {
            return; // never linked
        }
        if (t.nextLive != null) {
            t.nextLive.prevLive = t.prevLive;
        }
        t.prevLive = null;
        t.nextLive = null;
        liveCount--;
    }

    /**
     * Closes every async generator of this loop that started and has not finished, so that
     * their {@code finally} blocks run, and waits for them: each closes in a task of its own, all
     * at once (a cleanup that awaits does not hold the others up); an error raised while closing
     * one goes to the exception handler. {@link Runner#close()} calls it, after cancelling the
     * tasks left. May suspend.
     * asyncio: {@code loop.shutdown_asyncgens()} ({@code gather(*[ag.aclose() ...], return_exceptions=True)})
     */
    public void shutdownAsyncgens() {
        checkThread("EventLoop.shutdownAsyncgens()");
        Task.require("EventLoop.shutdownAsyncgens()");
        if (asyncgens.isEmpty()) {
            return;
        }
        List<AsyncGenerator.Run<?>> open = new ArrayList<>(asyncgens);
        asyncgens.clear();
        List<Task<Void>> closing = new ArrayList<>(open.size());
        for (AsyncGenerator.Run<?> g : open) {
            closing.add(createTask(() -> {
                g.close();
                return null;
            }));
        }
        GatheringFuture.start(this, closing, f -> null).await();
        for (int i = 0; i < closing.size(); i++) {
            Task<Void> t = closing.get(i);
            Throwable e = t.isCancelled() ? null : t.exception();
            // as asyncio reports an Exception, not a BaseException such as CancelledError
            if (e != null && !(e instanceof CancelledError)) {
                AsyncGenerator.Run<?> g = open.get(i);
                callExceptionHandler(ExceptionContext.of("an error occurred during closing of asynchronous "
                        + "generator " + g, e).with("asyncgen", g));
            }
        }
    }

    /** Closes {@code g} in the current task; an error raised while closing goes to the exception handler. */
    void closeAsyncgen(AsyncGenerator.Run<?> g) {
        try {
            g.close();
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            callExceptionHandler(ExceptionContext.of("an error occurred during closing of asynchronous generator "
                    + g, e).with("asyncgen", g));
        }
    }

    // ---- executors -------------------------------------------------------------------------------

    /**
     * Runs {@code fn} on {@code executor} (null: the default executor) and returns a future of its
     * result, completed on this loop. Cancelling the future stops a call that has not started;
     * one that runs finishes (it is not interrupted, as asyncio cannot stop it either: an
     * interrupt would close the {@code FileChannel}s it writes), and its result is dropped.
     * asyncio: {@code loop.run_in_executor(executor, fn)}
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        checkThread("EventLoop.runInExecutor()");
        checkOpen("EventLoop.runInExecutor()");
        if (fn == null) {
            throw new NullPointerException("EventLoop.runInExecutor(): the function is null");
        }
        Executor ex = executor != null ? executor : defaultExecutor();
        Future<T> fut = createFuture();
        // 0: queued, 1: running, 2: over. The loop counts the job as external work (see
        // LoopClock) from submission until it ends or is cancelled before it started.
        java.util.concurrent.atomic.AtomicInteger phase = new java.util.concurrent.atomic.AtomicInteger();
        core.externalWorkStarted();
        Runnable job = () -> {
            if (!phase.compareAndSet(0, 1)) {
                return; // cancelled before it started: never runs, as in asyncio
            }
            try {
                T v = fn.call();
                core.callThreadsafe(() -> {
                    if (!fut.isDone()) {
                        fut.completeWithResult(v);
                    }
                });
            } catch (Throwable e) {
                core.callThreadsafe(() -> {
                    if (!fut.isDone()) {
                        fut.completeWithException(e);
                    }
                });
            } finally {
                phase.set(2);
                core.externalWorkEnded(); // after the result is in the inbox: see LoopClock
            }
        };
        java.util.concurrent.Future<?> submitted;
        try {
            if (ex instanceof ExecutorService es) {
                submitted = es.submit(job);
            } else {
                ex.execute(job);
                submitted = null;
            }
        } catch (RejectedExecutionException e) {
            core.externalWorkEnded();
            throw new IllegalStateException("EventLoop.runInExecutor(): the executor refused the job (is it shut "
                    + "down?); pass a running executor", e);
        }
        fut.addDoneCallback(f -> {
            if (f.isCancelled()) {
                if (submitted != null) {
                    submitted.cancel(false); // a queued call never starts; a running one finishes
                }
                if (phase.compareAndSet(0, 2)) {
                    core.externalWorkEnded();
                }
            }
        });
        return fut;
    }

    /**
     * Replaces the default executor used by {@code runInExecutor(null, ...)} and
     * {@code toThread}. asyncio: {@code loop.set_default_executor()}
     */
    public void setDefaultExecutor(ExecutorService executor) {
        checkThread("EventLoop.setDefaultExecutor()");
        this.defaultExecutor = executor;
    }

    private ExecutorService defaultExecutor() {
        if (executorShutdownCalled) {
            throw new IllegalStateException("EventLoop.runInExecutor(): the default executor was shut down; "
                    + "pass an executor of your own");
        }
        ExecutorService ex = defaultExecutor;
        if (ex == null) {
            // Virtual threads: blocking calls are what the default executor is for, and they cost
            // nothing here. asyncio uses a ThreadPoolExecutor of min(32, cpus + 4) threads.
            // (offLoopThreads: on the JDK scheduler even when the first job comes from a task)
            ex = Executors.newThreadPerTaskExecutor(core.engine.offLoopThreads("asyncio4j-executor-"));
            defaultExecutor = ex;
        }
        return ex;
    }

    /**
     * Shuts the default executor down and waits (up to 300 s) for its running jobs. In a task it
     * suspends; outside, it blocks. asyncio: {@code loop.shutdown_default_executor()}
     */
    public void shutdownDefaultExecutor() {
        shutdownDefaultExecutor(Duration.ofSeconds(300));
    }

    /**
     * {@link #shutdownDefaultExecutor()} waiting at most {@code timeout} for the running jobs;
     * past it, a warning is logged and the jobs are left running (as asyncio leaves its threads).
     * asyncio: {@code loop.shutdown_default_executor(timeout)}
     */
    public void shutdownDefaultExecutor(Duration timeout) {
        checkThread("EventLoop.shutdownDefaultExecutor()");
        long waitNanos = Durations.nonNegativeNanos(timeout, "EventLoop.shutdownDefaultExecutor()");
        executorShutdownCalled = true;
        ExecutorService ex = defaultExecutor;
        if (ex == null) {
            return;
        }
        ex.shutdown();
        Callable<Boolean> waitForIt = () -> ex.awaitTermination(waitNanos, TimeUnit.NANOSECONDS);
        boolean finished;
        try {
            if (Task.current() != null) {
                Future<Boolean> done = createFuture();
                core.externalWorkStarted();
                core.engine.offLoopThreads("asyncio4j-executor-shutdown-").newThread(() -> {
                    boolean ok;
                    try {
                        ok = waitForIt.call();
                    } catch (Exception e) {
                        ok = false;
                    }
                    boolean result = ok;
                    core.callThreadsafe(() -> {
                        if (!done.isDone()) {
                            done.completeWithResult(result);
                        }
                    });
                    core.externalWorkEnded();
                }).start();
                finished = done.await();
            } else {
                finished = waitForIt.call();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
        if (!finished) {
            LOG.log(Level.WARNING, "The default executor did not finish joining its threads within "
                    + Durations.nanosToSeconds(waitNanos) + " seconds.");
        }
    }

    // ---- errors and debug ------------------------------------------------------------------------

    /**
     * Sets the handler for errors nobody else handles (null: the default).
     * asyncio: {@code loop.set_exception_handler(handler)}
     */
    public void setExceptionHandler(ExceptionHandler handler) {
        checkThread("EventLoop.setExceptionHandler()");
        this.exceptionHandler = handler;
    }

    /** The handler set with {@link #setExceptionHandler}, or null. asyncio: {@code loop.get_exception_handler()} */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Logs the context at ERROR on the {@code asyncio} System.Logger, with the exception's
     * stack trace. asyncio: {@code loop.default_exception_handler(context)}
     */
    public void defaultExceptionHandler(ExceptionContext context) {
        Throwable e = context.exception();
        if (e != null) {
            LOG.log(Level.ERROR, context.toString(), e);
        } else {
            LOG.log(Level.ERROR, context.toString());
        }
    }

    /**
     * Hands {@code context} to the exception handler, or to the default one. A handler that
     * throws is reported through the default handler. asyncio: {@code loop.call_exception_handler()}
     */
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            try {
                defaultExceptionHandler(context);
            } catch (Throwable e) {
                LOG.log(Level.ERROR, "Exception in default exception handler", e);
            }
            return;
        }
        try {
            h.handle(this, context);
        } catch (Throwable e) {
            try {
                defaultExceptionHandler(ExceptionContext.of("Unhandled error in exception handler", e)
                        .with("context", context));
            } catch (Throwable e2) {
                LOG.log(Level.ERROR, "Exception in default exception handler while handling an unexpected "
                        + "error in custom exception handler", e2);
            }
        }
    }

    /** Reports from a thread that may not be the loop's (the cleaner thread). */
    void reportFromAnyThread(ExceptionContext context) {
        if (!closed && core.isRunning()) {
            try {
                core.callThreadsafe(() -> callExceptionHandler(context));
                return;
            } catch (RuntimeException e) {
                // fall through: report here
            }
        }
        callExceptionHandler(context);
    }

    /**
     * The exceptions set on this loop's futures and tasks that nobody has retrieved yet and that
     * are still alive. asyncio has no equivalent (it reports them only when they are garbage
     * collected); the testing kit fails a test that leaves any.
     * asyncio: none (the "exception was never retrieved" log, before collection)
     */
    public List<Throwable> unretrievedExceptions() {
        List<Throwable> out = new ArrayList<>();
        for (Unretrieved u : unretrieved) {
            out.add(u.error);
        }
        return out;
    }

    /**
     * Debug mode: slow steps (over {@link #getSlowCallbackDuration()}) are logged with the task's
     * name, tasks keep their creation stack. asyncio: {@code loop.set_debug()}
     */
    public void setDebug(boolean enabled) {
        checkThread("EventLoop.setDebug()");
        core.setDebug(enabled);
    }

    /** asyncio: {@code loop.get_debug()} */
    public boolean getDebug() {
        return core.debug();
    }

    /** In debug mode, steps longer than this are logged. asyncio: {@code loop.slow_callback_duration} */
    public void setSlowCallbackDuration(double seconds) {
        core.setSlowStepNanos(Durations.nonNegativeNanos(seconds, "EventLoop.setSlowCallbackDuration()"));
    }

    /**
     * {@link #setSlowCallbackDuration(double)} with a {@link Duration}.
     * asyncio: {@code loop.slow_callback_duration = seconds}
     */
    public void setSlowCallbackDuration(Duration d) {
        core.setSlowStepNanos(Durations.nonNegativeNanos(d, "EventLoop.setSlowCallbackDuration()"));
    }

    /** The slow-step threshold in seconds (default 0.1). asyncio: {@code loop.slow_callback_duration} */
    public double getSlowCallbackDuration() {
        return core.slowStepNanos() / 1e9;
    }

    private static String describe(Object item) {
        if (item instanceof Strand s) {
            return String.valueOf(s.owner);
        }
        return String.valueOf(item);
    }

    // ---- signals -----------------------------------------------------------------------------------

    /**
     * Runs {@code callback} on this loop (via the thread-safe inbox) whenever the process gets
     * {@code sig}. Replaces a handler this loop had for it. asyncio: {@code loop.add_signal_handler()}
     */
    public void addSignalHandler(Signal sig, Runnable callback) {
        checkThread("EventLoop.addSignalHandler()");
        checkOpen("EventLoop.addSignalHandler()");
        requireCallback(callback, "addSignalHandler");
        Context context = ContextCalls.capture(); // every delivery runs in it, as asyncio's one Handle does
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(new sun.misc.Signal(sig.jvmName), s -> {
                if (!closed) {
                    core.callThreadsafe(new CallbackHandle(this, callback, context));
                }
            });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EventLoop.addSignalHandler(): the JVM does not let programs "
                    + "handle " + sig + " here (" + e.getMessage() + ")", e);
        }
        savedSignalHandlers.putIfAbsent(sig, previous);
    }

    /**
     * Removes this loop's handler for {@code sig}, restoring the one before it; returns whether
     * there was one. asyncio: {@code loop.remove_signal_handler()}
     */
    public boolean removeSignalHandler(Signal sig) {
        sun.misc.SignalHandler previous = savedSignalHandlers.remove(sig);
        if (previous == null) {
            return false;
        }
        sun.misc.Signal.handle(new sun.misc.Signal(sig.jvmName), previous);
        return true;
    }

    // ---- raw readiness callbacks ---------------------------------------------------------------------

    /**
     * Calls {@code callback} whenever {@code channel} (non-blocking) is readable. asyncio:
     * {@code loop.add_reader(fd, callback)}
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        watch(channel, "addReader").reader = requireCallback(callback, "addReader");
        watches.get(channel).update();
    }

    /** Stops watching {@code channel} for reading; returns whether it was. asyncio: {@code remove_reader} */
    public boolean removeReader(SelectableChannel channel) {
        checkThread("EventLoop.removeReader()");
        ChannelWatch w = watches.get(channel);
        if (w == null || w.reader == null) {
            return false;
        }
        w.reader = null;
        w.update();
        return true;
    }

    /** Calls {@code callback} whenever {@code channel} is writable. asyncio: {@code add_writer} */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        watch(channel, "addWriter").writer = requireCallback(callback, "addWriter");
        watches.get(channel).update();
    }

    /** Stops watching {@code channel} for writing; returns whether it was. asyncio: {@code remove_writer} */
    public boolean removeWriter(SelectableChannel channel) {
        checkThread("EventLoop.removeWriter()");
        ChannelWatch w = watches.get(channel);
        if (w == null || w.writer == null) {
            return false;
        }
        w.writer = null;
        w.update();
        return true;
    }

    private ChannelWatch watch(SelectableChannel channel, String what) {
        checkThread("EventLoop." + what + "()");
        checkOpen("EventLoop." + what + "()");
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("EventLoop." + what + "(): the channel is in blocking mode; call "
                    + "channel.configureBlocking(false) first");
        }
        java.nio.channels.SelectionKey owned = channel.keyFor(core.selector());
        if (owned != null && owned.isValid() && !(owned.attachment() instanceof ChannelWatch)) {
            throw new IllegalStateException("EventLoop." + what + "(): the channel is used by " + owned.attachment()
                    + "; a channel served by a transport cannot be watched too");
        }
        return watches.computeIfAbsent(channel, c -> new ChannelWatch(c));
    }

    /** The reader and writer callbacks of one channel, sharing one selection key. */
    private final class ChannelWatch extends IoHandler {
        final SelectableChannel channel;
        java.nio.channels.SelectionKey key;
        Runnable reader;
        Runnable writer;

        ChannelWatch(SelectableChannel channel) {
            this.channel = channel;
        }

        void update() {
            int ops = (reader != null ? readOp() : 0)
                    | (writer != null ? writeOp() : 0);
            if (ops == 0) {
                if (key != null) {
                    core.deregister(key);
                    key = null;
                }
                watches.remove(channel);
            } else if (key == null) {
                key = core.register(channel, ops, this);
            } else {
                key.interestOps(ops);
            }
        }

        private int readOp() {
            // a listening socket is "readable" when a connection waits (asyncio's add_reader on it)
            return (channel.validOps() & java.nio.channels.SelectionKey.OP_READ) != 0
                    ? java.nio.channels.SelectionKey.OP_READ : java.nio.channels.SelectionKey.OP_ACCEPT;
        }

        private int writeOp() {
            return (channel.validOps() & java.nio.channels.SelectionKey.OP_CONNECT) != 0
                    && channel instanceof java.nio.channels.SocketChannel sc && sc.isConnectionPending()
                    ? java.nio.channels.SelectionKey.OP_CONNECT : java.nio.channels.SelectionKey.OP_WRITE;
        }

        @Override
        protected void onReady(int readyOps) {
            Runnable r = reader;
            Runnable w = writer;
            if (r != null && (readyOps & (java.nio.channels.SelectionKey.OP_READ
                    | java.nio.channels.SelectionKey.OP_ACCEPT)) != 0) {
                runGuarded(r);
            }
            if (w != null && writer == w && (readyOps & (java.nio.channels.SelectionKey.OP_WRITE
                    | java.nio.channels.SelectionKey.OP_CONNECT)) != 0) {
                runGuarded(w);
            }
        }

        private void runGuarded(Runnable cb) {
            try {
                cb.run();
            } catch (Throwable e) {
                callbackFailed(cb, e, null);
            }
        }
    }

    // ---- subprocesses (branch proc) ------------------------------------------------------------------

    /**
     * Runs {@code command} (program, then arguments) and connects its pipes to a protocol from
     * {@code protocolFactory}; {@code options} null pipes all three streams. Returns once the
     * protocol's {@code connectionMade} has run. May suspend (call it from a task of this loop).
     * asyncio: {@code await loop.subprocess_exec(protocol_factory, *command, ...)}
     *
     * @throws java.io.FileNotFoundException if the program or the working directory does not exist
     */
    public <P extends io.asyncio4j.subprocess.SubprocessProtocol> io.asyncio4j.subprocess.SubprocessConnection<P>
            subprocessExec(java.util.function.Supplier<P> protocolFactory, List<String> command,
                           io.asyncio4j.subprocess.SubprocessOptions options) throws java.io.IOException {
        checkThread("EventLoop.subprocessExec()");
        return io.asyncio4j.subprocess.Subprocesses.subprocessExec(this, protocolFactory, command, options);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}; otherwise as {@link #subprocessExec}. May suspend.
     * asyncio: {@code await loop.subprocess_shell(protocol_factory, cmd, ...)}
     */
    public <P extends io.asyncio4j.subprocess.SubprocessProtocol> io.asyncio4j.subprocess.SubprocessConnection<P>
            subprocessShell(java.util.function.Supplier<P> protocolFactory, String cmd,
                            io.asyncio4j.subprocess.SubprocessOptions options) throws java.io.IOException {
        checkThread("EventLoop.subprocessShell()");
        return io.asyncio4j.subprocess.Subprocesses.subprocessShell(this, protocolFactory, cmd, options);
    }

    // ---- networking (branch net): delegates to io.asyncio4j.internal.net.NetLoop ------------------
    //
    // Every method is for the loop's thread (checked), and the ones that may suspend must run in a
    // task of this loop. Failures arrive as the exception of the awaiting task: ConnectException
    // (refused), UnknownHostException, BindException (address in use), SSLException subclasses
    // (handshake), ... The loop's transports share one direct read and one direct write buffer.

    /** The networking half of this loop, made on first use. Loop thread only. */
    private NetLoop net;

    private NetLoop net(String what) {
        checkThread(what);
        checkOpen(what);
        NetLoop n = net;
        if (n == null) {
            net = n = new NetLoop(this, core);
        }
        return n;
    }

    /**
     * Opens a TCP connection to {@code host:port} and returns its transport and protocol once the
     * protocol has been told {@code connectionMade}. Tries each address of {@code host} in turn.
     * May suspend. asyncio: {@code loop.create_connection(protocol_factory, host, port)}
     *
     * @param factory makes the protocol: a {@code Protocol} or a {@code BufferedProtocol}
     * @throws java.net.ConnectException if the connection is refused
     * @throws java.net.UnknownHostException if the host has no address
     */
    public <P extends BaseProtocol> TransportPair<Transport, P> createConnection(
            java.util.function.Supplier<? extends P> factory, String host, int port) throws java.io.IOException {
        return net("EventLoop.createConnection()").createConnection(factory, host, port, null);
    }

    /**
     * {@link #createConnection(java.util.function.Supplier, String, int)} with options (TLS,
     * server name, local address, TCP_NODELAY, handshake timeout, Happy Eyeballs, addresses
     * looked up already: {@link ConnectOptions#withResolvedAddresses}). May suspend.
     * asyncio: {@code loop.create_connection(..., ssl=, server_hostname=, local_addr=, ...)}
     *
     * @throws javax.net.ssl.SSLException if the TLS handshake fails (bad certificate, hostname
     *     mismatch, {@link io.asyncio4j.streams.TlsHandshakeTimeoutException timeout})
     */
    public <P extends BaseProtocol> TransportPair<Transport, P> createConnection(
            java.util.function.Supplier<? extends P> factory, String host, int port, ConnectOptions options)
            throws java.io.IOException {
        return net("EventLoop.createConnection()").createConnection(factory, host, port, options);
    }

    /**
     * A transport for a socket already connected elsewhere (TCP or Unix; made non-blocking here),
     * the client side of TLS with {@code options.ssl()} (then give {@code serverHostname}: there is
     * no host to take it from). May suspend. asyncio: {@code loop.create_connection(factory, sock=sock)}
     */
    public <P extends BaseProtocol> TransportPair<Transport, P> createConnection(
            java.util.function.Supplier<? extends P> factory, java.nio.channels.SocketChannel socket,
            ConnectOptions options) throws java.io.IOException {
        return net("EventLoop.createConnection()").createConnection(factory, socket, options);
    }

    /** Opens a Unix-domain socket connection. May suspend. asyncio: {@code loop.create_unix_connection()} */
    public <P extends BaseProtocol> TransportPair<Transport, P> createUnixConnection(
            java.util.function.Supplier<? extends P> factory, java.nio.file.Path path) throws java.io.IOException {
        return net("EventLoop.createUnixConnection()").createUnixConnection(factory, path, null);
    }

    /** {@link #createUnixConnection(java.util.function.Supplier, java.nio.file.Path)} with options. May suspend. */
    public <P extends BaseProtocol> TransportPair<Transport, P> createUnixConnection(
            java.util.function.Supplier<? extends P> factory, java.nio.file.Path path, ConnectOptions options)
            throws java.io.IOException {
        return net("EventLoop.createUnixConnection()").createUnixConnection(factory, path, options);
    }

    /**
     * Wraps a connected socket accepted elsewhere (non-blocking) in a transport; with
     * {@code options.ssl()} as the server side of TLS. May suspend.
     * asyncio: {@code loop.connect_accepted_socket()}
     */
    public <P extends BaseProtocol> TransportPair<Transport, P> connectAcceptedSocket(
            java.util.function.Supplier<? extends P> factory, java.nio.channels.SocketChannel socket,
            ServerOptions options) throws java.io.IOException {
        return net("EventLoop.connectAcceptedSocket()").connectAcceptedSocket(factory, socket, options);
    }

    /**
     * Listens on {@code host:port} (null or "" host: every interface; port 0: any free port, see
     * {@link Server#addresses()}) and makes a transport and protocol for each connection. May
     * suspend. asyncio: {@code loop.create_server(protocol_factory, host, port)}
     *
     * @throws java.net.BindException if the address is in use
     */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> factory, String host, int port)
            throws java.io.IOException {
        return net("EventLoop.createServer()").createServer(factory, host, port, null);
    }

    /** {@link #createServer(java.util.function.Supplier, String, int)} with options (TLS, backlog...). May suspend. */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> factory, String host, int port,
                               ServerOptions options) throws java.io.IOException {
        return net("EventLoop.createServer()").createServer(factory, host, port, options);
    }

    /**
     * {@link #createServer(java.util.function.Supplier, String, int, ServerOptions)} on several
     * hosts: one listening socket per address of each (an address two hosts share, once); a null
     * or empty host is every interface. Port 0 gives each socket its own free port.
     * May suspend. asyncio: {@code loop.create_server(protocol_factory, host=[...], port)}
     *
     * @throws java.net.BindException if an address is in use (the sockets bound already are closed)
     */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> factory, List<String> hosts,
                               int port, ServerOptions options) throws java.io.IOException {
        return net("EventLoop.createServer()").createServer(factory, hosts, port, options);
    }

    /**
     * Serves a socket bound (and so listening) elsewhere, TCP or Unix; made non-blocking here and
     * closed with the server. May suspend. asyncio: {@code loop.create_server(factory, sock=sock)}
     */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> factory,
                               java.nio.channels.ServerSocketChannel socket, ServerOptions options)
            throws java.io.IOException {
        return net("EventLoop.createServer()").createServer(factory, socket, options);
    }

    /**
     * Listens on a Unix-domain socket at {@code path} (a leftover socket file there is removed
     * first; the file is removed again on close). May suspend. asyncio: {@code loop.create_unix_server()}
     */
    public Server createUnixServer(java.util.function.Supplier<? extends BaseProtocol> factory,
                                   java.nio.file.Path path) throws java.io.IOException {
        return net("EventLoop.createUnixServer()").createUnixServer(factory, path, null);
    }

    /** {@link #createUnixServer(java.util.function.Supplier, java.nio.file.Path)} with options. May suspend. */
    public Server createUnixServer(java.util.function.Supplier<? extends BaseProtocol> factory,
                                   java.nio.file.Path path, ServerOptions options) throws java.io.IOException {
        return net("EventLoop.createUnixServer()").createUnixServer(factory, path, options);
    }

    /**
     * Upgrades an open connection to TLS: {@code protocol} (the transport's current protocol)
     * goes on talking through the returned transport once the handshake is done. A client must
     * give {@code serverHostname} ("" skips the hostname check). May suspend.
     * asyncio: {@code loop.start_tls(transport, protocol, sslcontext, server_side=, server_hostname=)}
     *
     * @throws javax.net.ssl.SSLException if the handshake fails; the transport is then closed
     */
    public Transport startTls(Transport transport, BaseProtocol protocol, javax.net.ssl.SSLContext sslContext,
                              boolean serverSide, String serverHostname) throws java.io.IOException {
        return startTls(transport, protocol, sslContext, serverSide, serverHostname, null);
    }

    /** {@link #startTls(Transport, BaseProtocol, javax.net.ssl.SSLContext, boolean, String)} with a handshake timeout (null: 60 s). May suspend. */
    public Transport startTls(Transport transport, BaseProtocol protocol, javax.net.ssl.SSLContext sslContext,
                              boolean serverSide, String serverHostname, Duration handshakeTimeout)
            throws java.io.IOException {
        NetLoop n = net("EventLoop.startTls()");
        if (!serverSide && serverHostname == null) {
            throw new IllegalArgumentException("EventLoop.startTls(): a client must give serverHostname (the name "
                    + "in the server's certificate, or \"\" to skip the hostname check)");
        }
        return n.startTls(transport, protocol, sslContext, serverSide, serverHostname, handshakeTimeout, null);
    }

    /**
     * Opens a UDP endpoint bound to {@code localAddr} (null: any) and, if {@code remoteAddr} is
     * given, connected to it. May suspend. asyncio: {@code loop.create_datagram_endpoint()}
     */
    public <P extends DatagramProtocol> TransportPair<DatagramTransport, P> createDatagramEndpoint(
            java.util.function.Supplier<? extends P> factory, java.net.InetSocketAddress localAddr,
            java.net.InetSocketAddress remoteAddr) throws java.io.IOException {
        return net("EventLoop.createDatagramEndpoint()").createDatagramEndpoint(factory, localAddr, remoteAddr, null);
    }

    /** {@link #createDatagramEndpoint(java.util.function.Supplier, java.net.InetSocketAddress, java.net.InetSocketAddress)} with options. May suspend. */
    public <P extends DatagramProtocol> TransportPair<DatagramTransport, P> createDatagramEndpoint(
            java.util.function.Supplier<? extends P> factory, java.net.InetSocketAddress localAddr,
            java.net.InetSocketAddress remoteAddr, DatagramOptions options) throws java.io.IOException {
        return net("EventLoop.createDatagramEndpoint()").createDatagramEndpoint(factory, localAddr, remoteAddr,
                options);
    }

    /**
     * Reads a selectable pipe (non-blocking, e.g. {@link java.nio.channels.Pipe#source()}) through a
     * read transport. May suspend. asyncio: {@code loop.connect_read_pipe(protocol_factory, pipe)}
     */
    public <P extends BaseProtocol, C extends SelectableChannel & java.nio.channels.ReadableByteChannel>
            TransportPair<ReadTransport, P> connectReadPipe(java.util.function.Supplier<? extends P> factory, C pipe)
            throws java.io.IOException {
        return net("EventLoop.connectReadPipe()").connectReadPipe(factory, pipe);
    }

    /**
     * Writes a selectable pipe (non-blocking, e.g. {@link java.nio.channels.Pipe#sink()}) through a
     * write transport. May suspend. asyncio: {@code loop.connect_write_pipe(protocol_factory, pipe)}
     */
    public <P extends BaseProtocol, C extends SelectableChannel & java.nio.channels.WritableByteChannel>
            TransportPair<WriteTransport, P> connectWritePipe(java.util.function.Supplier<? extends P> factory, C pipe)
            throws java.io.IOException {
        return net("EventLoop.connectWritePipe()").connectWritePipe(factory, pipe);
    }

    /**
     * Sends a file over {@code transport}, zero-copy ({@code FileChannel.transferTo}) on TCP, Unix
     * and pipe transports, by reading and writing on TLS; {@code count <= 0} sends to the end.
     * Writes wait until it is done. Returns the bytes sent. May suspend.
     * asyncio: {@code loop.sendfile(transport, file, offset, count)}
     */
    public long sendfile(Transport transport, java.nio.channels.FileChannel file, long offset, long count)
            throws java.io.IOException {
        return net("EventLoop.sendfile()").sendfile(transport, file, offset, count);
    }

    /** Connects a non-blocking socket. May suspend. asyncio: {@code loop.sock_connect(sock, address)} */
    public void sockConnect(java.nio.channels.SocketChannel socket, java.net.SocketAddress address)
            throws java.io.IOException {
        net("EventLoop.sockConnect()").sockOps().sockConnect(socket, address);
    }

    /** Accepts a connection (returned non-blocking). May suspend. asyncio: {@code loop.sock_accept(sock)} */
    public java.nio.channels.SocketChannel sockAccept(java.nio.channels.ServerSocketChannel socket)
            throws java.io.IOException {
        return net("EventLoop.sockAccept()").sockOps().sockAccept(socket);
    }

    /** Up to {@code n} bytes; empty at the end of the stream. May suspend. asyncio: {@code loop.sock_recv(sock, n)} */
    public byte[] sockRecv(java.nio.channels.SocketChannel socket, int n) throws java.io.IOException {
        return net("EventLoop.sockRecv()").sockOps().sockRecv(socket, n);
    }

    /** Reads into {@code buf}; returns the count, 0 at the end. May suspend. asyncio: {@code loop.sock_recv_into(sock, buf)} */
    public int sockRecvInto(java.nio.channels.SocketChannel socket, java.nio.ByteBuffer buf)
            throws java.io.IOException {
        return net("EventLoop.sockRecvInto()").sockOps().sockRecvInto(socket, buf);
    }

    /** Sends every byte. May suspend. asyncio: {@code loop.sock_sendall(sock, data)} */
    public void sockSendall(java.nio.channels.SocketChannel socket, byte[] data) throws java.io.IOException {
        net("EventLoop.sockSendall()").sockOps().sockSendall(socket, java.nio.ByteBuffer.wrap(data));
    }

    /** Sends the remaining bytes of {@code data}. May suspend. asyncio: {@code loop.sock_sendall(sock, data)} */
    public void sockSendall(java.nio.channels.SocketChannel socket, java.nio.ByteBuffer data)
            throws java.io.IOException {
        net("EventLoop.sockSendall()").sockOps().sockSendall(socket, data);
    }

    /**
     * The next datagram on a non-blocking UDP socket, cut to {@code bufsize} bytes, with its sender.
     * May suspend. asyncio: {@code loop.sock_recvfrom(sock, bufsize)}
     */
    public io.asyncio4j.streams.Datagram sockRecvfrom(java.nio.channels.DatagramChannel socket, int bufsize)
            throws java.io.IOException {
        return net("EventLoop.sockRecvfrom()").sockOps().sockRecvfrom(socket, bufsize);
    }

    /**
     * The next datagram into {@code buf} (from its position, which moves, up to its limit; the rest
     * of a longer datagram is discarded): the count and the sender. May suspend.
     * asyncio: {@code loop.sock_recvfrom_into(sock, buf, nbytes)}
     */
    public io.asyncio4j.streams.ReceivedDatagram sockRecvfromInto(java.nio.channels.DatagramChannel socket,
            java.nio.ByteBuffer buf) throws java.io.IOException {
        return net("EventLoop.sockRecvfromInto()").sockOps().sockRecvfromInto(socket, buf);
    }

    /**
     * Sends {@code data} as one datagram to {@code address} (an unresolved one is resolved off the
     * loop thread); returns the bytes sent. May suspend. asyncio: {@code loop.sock_sendto(sock, data, address)}
     */
    public int sockSendto(java.nio.channels.DatagramChannel socket, byte[] data, java.net.SocketAddress address)
            throws java.io.IOException {
        java.util.Objects.requireNonNull(data, "EventLoop.sockSendto(): the data is null");
        return net("EventLoop.sockSendto()").sockOps().sockSendto(socket, java.nio.ByteBuffer.wrap(data), address);
    }

    /**
     * {@link #sockSendto(java.nio.channels.DatagramChannel, byte[], java.net.SocketAddress)} for the
     * remaining bytes of a buffer. May suspend. asyncio: {@code loop.sock_sendto(sock, data, address)}
     */
    public int sockSendto(java.nio.channels.DatagramChannel socket, java.nio.ByteBuffer data,
                          java.net.SocketAddress address) throws java.io.IOException {
        return net("EventLoop.sockSendto()").sockOps().sockSendto(socket, data, address);
    }

    /** Sends a file zero-copy; {@code count <= 0}: to the end. May suspend. asyncio: {@code loop.sock_sendfile()} */
    public long sockSendfile(java.nio.channels.SocketChannel socket, java.nio.channels.FileChannel file, long offset,
                             long count) throws java.io.IOException {
        return net("EventLoop.sockSendfile()").sockOps().sockSendfile(socket, file, offset, count);
    }

    /**
     * The addresses of {@code host} with {@code port}, resolved on the default executor (an IP
     * literal at once). May suspend. asyncio: {@code loop.getaddrinfo(host, port)}
     *
     * @throws java.net.UnknownHostException if the name has no address
     */
    public List<java.net.InetSocketAddress> getaddrinfo(String host, int port) throws java.net.UnknownHostException {
        return net("EventLoop.getaddrinfo()").getaddrinfo(host, port);
    }

    /**
     * {@link #getaddrinfo(String, int)} keeping only the addresses of {@code family}
     * ({@code StandardProtocolFamily.INET} or {@code INET6}; null: both). May suspend.
     * asyncio: {@code loop.getaddrinfo(host, port, family=socket.AF_INET)}
     *
     * @throws java.net.UnknownHostException if the name has no address of that family
     */
    public List<java.net.InetSocketAddress> getaddrinfo(String host, int port, java.net.ProtocolFamily family)
            throws java.net.UnknownHostException {
        return net("EventLoop.getaddrinfo()").getaddrinfo(host, port, family);
    }

    /** The host name of an address (reverse lookup on the default executor). May suspend. asyncio: {@code loop.getnameinfo()} */
    public NameInfo getnameinfo(java.net.InetSocketAddress address) {
        return net("EventLoop.getnameinfo()").getnameinfo(address);
    }

    // ---- checks -------------------------------------------------------------------------------------

    /** Raises unless called on the loop thread, a task of the loop, or (not running) its owner. */
    void checkThread(String what) {
        if (!core.onLoop()) {
            throw new IllegalStateException(what + ": called from thread '" + Thread.currentThread().getName()
                    + "', which does not own this loop; from other threads use loop.callSoonThreadsafe(...) "
                    + "or Asyncio.runCoroutineThreadsafe(...)");
        }
    }

    void checkOpen(String what) {
        if (closed) {
            throw new IllegalStateException(what + ": the event loop is closed; create a new one "
                    + "(new EventLoop() or Asyncio.run(...))");
        }
    }

    private void checkCanRun(String what) {
        checkOpen(what);
        if (core.isRunning()) {
            throw new IllegalStateException(what + ": this loop is already running; inside it, await the coroutine "
                    + "or createTask it; from another thread use Asyncio.runCoroutineThreadsafe");
        }
        if (Strand.current() != null || RUNNING.get() != null) {
            throw new IllegalStateException(what + ": another event loop is running in this thread; await the "
                    + "coroutine instead, or run it on another thread");
        }
    }

    private static Runnable requireCallback(Runnable cb, String what) {
        if (cb == null) {
            throw new NullPointerException("EventLoop." + what + "(): the callback is null");
        }
        return cb;
    }

    /** Shows the state, debug flag, pending tasks and engine. asyncio: {@code repr(loop)} */
    @Override
    public String toString() {
        return "<EventLoop " + state().name().toLowerCase() + " debug=" + getDebug() + " tasks=" + liveCount
                + " engine=" + core.engine.name() + ">";
    }
}
