package io.asyncio4j;

import io.asyncio4j.contextvars.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The asyncio module as static methods: {@code import static io.asyncio4j.Asyncio.*;} and write
 * asyncio programs in straight-line Java.
 * <pre>{@code
 * String result = Asyncio.run(() -> {
 *     Task<String> t = createTask(() -> { sleep(1); return "foo"; });
 *     List<String> both = gather(t, createTask(() -> "bar"));
 *     return waitFor(t, Duration.ofSeconds(3));
 * });
 * }</pre>
 * Methods marked "may suspend" must run inside a task; they park the task (not the loop) until
 * they can go on. Relative times come as {@link Duration} or as seconds in a {@code double}, for
 * code ported from Python.
 * <p>
 * asyncio: the {@code asyncio} package namespace
 */
public final class Asyncio {
    private Asyncio() {
    }

    // ---- running ------------------------------------------------------------------------------

    /**
     * Runs {@code main} as the main task of a new loop and returns its result: the program's
     * entry point. Leftover tasks are cancelled and the default executor shut down on exit;
     * Ctrl-C cancels the main task. asyncio: {@code asyncio.run(main())}
     *
     * @throws IllegalStateException when called from a running loop
     */
    public static <T> T run(Coroutine<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** {@link #run(Coroutine)} for a main without a result. asyncio: {@code asyncio.run(main())} */
    public static void run(Coroutine.VoidCoroutine main) {
        run(Coroutine.of(main));
    }

    /** {@link #run(Coroutine)} in debug mode or not. asyncio: {@code asyncio.run(main(), debug=True)} */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        try (Runner r = new Runner(debug)) {
            return r.run(main);
        }
    }

    /** {@link #run(Coroutine, boolean)} for a main without a result. asyncio: {@code asyncio.run(main(), debug=...)} */
    public static void run(Coroutine.VoidCoroutine main, boolean debug) {
        run(Coroutine.of(main), debug);
    }

    /**
     * {@link #run(Coroutine)} on a loop from {@code loopFactory} (a loop on a virtual clock, a
     * loop with a custom exception handler...). asyncio: {@code asyncio.run(main(), loop_factory=...)}
     */
    public static <T> T run(Coroutine<T> main, java.util.function.Supplier<EventLoop> loopFactory) {
        if (loopFactory == null) {
            throw new NullPointerException("run(): the loop factory is null; call run(main) for a default loop");
        }
        try (Runner r = new Runner(null, loopFactory)) {
            return r.run(main);
        }
    }

    /** {@link #run(Coroutine, java.util.function.Supplier)} for a main without a result. asyncio: {@code asyncio.run(main(), loop_factory=...)} */
    public static void run(Coroutine.VoidCoroutine main, java.util.function.Supplier<EventLoop> loopFactory) {
        run(Coroutine.of(main), loopFactory);
    }

    /** The loop running the caller. asyncio: {@code asyncio.get_running_loop()} */
    public static EventLoop getRunningLoop() {
        return EventLoop.getRunningLoop();
    }

    /** A new loop. asyncio: {@code asyncio.new_event_loop()} */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /**
     * The task running the caller; null in a plain callback of the running loop.
     * asyncio: {@code asyncio.current_task()}
     *
     * @throws IllegalStateException outside any running loop (asyncio's RuntimeError); code that
     *     may run anywhere asks {@link Task#current()}, which returns null there
     */
    public static Task<?> currentTask() {
        Task<?> t = Task.current();
        if (t == null) {
            getRunningLoop(); // a callback: null, as in asyncio; no loop at all: its clear error
        }
        return t;
    }

    /** The running loop's tasks that are not done. asyncio: {@code asyncio.all_tasks()} */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().allTasks();
    }

    // ---- tasks ----------------------------------------------------------------------------------

    /** Starts {@code coro} as a task on the running loop. asyncio: {@code asyncio.create_task()} */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /** Starts a named task. asyncio: {@code asyncio.create_task(coro, name=...)} */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /** Starts a task without a result. asyncio: {@code asyncio.create_task(coro)} */
    public static Task<Void> createTask(Coroutine.VoidCoroutine coro) {
        return getRunningLoop().createTask(Coroutine.of(coro));
    }

    /** Starts a named task without a result. asyncio: {@code asyncio.create_task(coro, name=...)} */
    public static Task<Void> createTask(Coroutine.VoidCoroutine coro, String name) {
        return getRunningLoop().createTask(Coroutine.of(coro), name);
    }

    /**
     * Starts a task running in {@code context} (null: a copy of the calling code's current
     * context, as {@link #createTask(Coroutine)} does). Tasks given the same context share it.
     * asyncio: {@code asyncio.create_task(coro, name=..., context=...)}
     */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return getRunningLoop().createTask(coro, name, context);
    }

    /** {@link #createTask(Coroutine, String, Context)} without a result. asyncio: {@code asyncio.create_task(coro, name=..., context=...)} */
    public static Task<Void> createTask(Coroutine.VoidCoroutine coro, String name, Context context) {
        return getRunningLoop().createTask(coro, name, context);
    }

    /**
     * The task factory that makes every task eager ({@link Task#newEagerTask}): install it with
     * {@code getRunningLoop().setTaskFactory(eagerTaskFactory())}, and from then on a coroutine
     * that finishes without suspending is done when {@code createTask} (or {@code gather},
     * {@code TaskGroup.createTask}, ...) returns, without a trip through the ready queue. Its
     * first step runs inside {@code createTask}, before the caller continues: code that relied on
     * a new task not running yet sees it run earlier. One shared instance.
     * asyncio: {@code asyncio.eager_task_factory}
     */
    public static TaskFactory eagerTaskFactory() {
        return EAGER_TASK_FACTORY;
    }

    private static final TaskFactory EAGER_TASK_FACTORY = new TaskFactory() {
        @Override
        public <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name) {
            return Task.newEagerTask(loop, coro, name);
        }

        @Override
        public String toString() {
            return "eagerTaskFactory";
        }
    };

    /** A future for a coroutine or awaitable: a task for a coroutine. asyncio: {@code ensure_future} */
    public static <T> Future<T> ensureFuture(Awaitable<T> aw) {
        return getRunningLoop().asFuture(aw);
    }

    // ---- sleeping -------------------------------------------------------------------------------

    /**
     * Suspends the current task for {@code seconds} on the loop clock; {@code sleep(0)} yields
     * exactly once, letting every ready callback run, and so does a negative delay, as in asyncio
     * (code sleeping until {@code deadline - loop.time()} may run late). May suspend.
     * asyncio: {@code asyncio.sleep()}
     *
     * @throws IllegalArgumentException if {@code seconds} is NaN
     */
    public static void sleep(double seconds) {
        Task.sleepNanos(Durations.delayNanos(seconds, "sleep()"));
    }

    /** {@link #sleep(double)} with a {@link Duration}. May suspend. asyncio: {@code asyncio.sleep(delay)} */
    public static void sleep(Duration delay) {
        Task.sleepNanos(Durations.delayNanos(delay, "sleep()"));
    }

    /** Sleeps, then returns {@code result}. asyncio: {@code asyncio.sleep(delay, result)} */
    public static <T> T sleep(double seconds, T result) {
        sleep(seconds);
        return result;
    }

    // ---- gather -----------------------------------------------------------------------------------

    /**
     * Waits for all and returns their results in argument order. The first exception (or
     * cancellation) is raised at once and the others keep running. Cancelling the caller
     * cancels all of them. May suspend. asyncio: {@code asyncio.gather(*aws)}
     */
    @SafeVarargs
    public static <T> List<T> gather(Awaitable<? extends T>... aws) {
        return gather(Arrays.asList(aws));
    }

    /**
     * {@link #gather(Awaitable[])} over coroutines, each started as a task. May suspend.
     * asyncio: {@code asyncio.gather(*coros)}
     */
    @SafeVarargs
    public static <T> List<T> gather(Coroutine<? extends T>... coros) {
        return gather(startAll(coros));
    }

    /**
     * {@link #gather(Awaitable[])} over coroutines without results. May suspend.
     * asyncio: {@code asyncio.gather(*coros)}
     */
    public static List<Void> gather(Coroutine.VoidCoroutine... coros) {
        List<Awaitable<Void>> tasks = new ArrayList<>();
        EventLoop loop = getRunningLoop();
        for (Coroutine.VoidCoroutine c : coros) {
            tasks.add(loop.createTask(Coroutine.of(c)));
        }
        return gather(tasks);
    }

    /** {@link #gather(Awaitable[])} over a collection. May suspend. asyncio: {@code asyncio.gather(*aws)} */
    public static <T> List<T> gather(Collection<? extends Awaitable<? extends T>> aws) {
        return gatherFuture(aws).await();
    }

    /**
     * The future behind {@link #gather}, without waiting: cancel it to cancel every child.
     * asyncio: the future {@code asyncio.gather()} returns
     */
    public static <T> Future<List<T>> gatherFuture(Collection<? extends Awaitable<? extends T>> aws) {
        EventLoop loop = getRunningLoop();
        return GatheringFuture.start(loop, futures(loop, aws), null);
    }

    /**
     * Waits for all and returns how each ended, in argument order: a value or an exception
     * (CancelledError for a cancelled one). Never raises for a child. May suspend.
     * asyncio: {@code asyncio.gather(*aws, return_exceptions=True)}
     */
    @SafeVarargs
    public static <T> List<Outcome<T>> gatherOutcomes(Awaitable<? extends T>... aws) {
        return gatherOutcomes(Arrays.asList(aws));
    }

    /**
     * {@link #gatherOutcomes(Awaitable[])} over coroutines, each started as a task. May suspend.
     * asyncio: {@code asyncio.gather(*coros, return_exceptions=True)}
     */
    @SafeVarargs
    public static <T> List<Outcome<T>> gatherOutcomes(Coroutine<? extends T>... coros) {
        return gatherOutcomes(startAll(coros));
    }

    /**
     * {@link #gatherOutcomes(Awaitable[])} over a collection. May suspend.
     * asyncio: {@code asyncio.gather(*aws, return_exceptions=True)}
     */
    public static <T> List<Outcome<T>> gatherOutcomes(Collection<? extends Awaitable<? extends T>> aws) {
        EventLoop loop = getRunningLoop();
        GatheringFuture<Outcome<T>> g = GatheringFuture.start(loop, futures(loop, aws), Asyncio::outcomeOf);
        return g.await();
    }

    private static <T> Outcome<T> outcomeOf(Future<? extends T> f) {
        if (f.isCancelled()) {
            return new Outcome.Failure<>(new CancelledError(f.cancelMessage == null ? "" : f.cancelMessage));
        }
        Throwable e = f.exception();
        if (e != null) {
            return new Outcome.Failure<>(e);
        }
        return new Outcome.Success<>(f.peekResult());
    }

    @SafeVarargs
    private static <T> List<Awaitable<? extends T>> startAll(Coroutine<? extends T>... coros) {
        EventLoop loop = getRunningLoop();
        List<Awaitable<? extends T>> tasks = new ArrayList<>(coros.length);
        for (Coroutine<? extends T> c : coros) {
            tasks.add(loop.createTask(c));
        }
        return tasks;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<Future<? extends T>> futures(EventLoop loop, Collection<? extends Awaitable<? extends T>> aws) {
        List<Future<? extends T>> out = new ArrayList<>(aws.size());
        for (Awaitable<? extends T> a : aws) {
            if (a == null) {
                throw new NullPointerException("gather(): an awaitable is null");
            }
            out.add(loop.asFuture((Awaitable<T>) a));
        }
        return out;
    }

    // ---- wait -----------------------------------------------------------------------------------

    /**
     * Waits until {@code returnWhen} holds for {@code fs} or the timeout passes, and returns the
     * done and pending sets; raises nothing for the futures themselves and cancels nothing.
     * Write it {@code Asyncio.wait(...)}: in every class {@code Object.wait} hides a static
     * import of this name. May suspend. asyncio: {@code asyncio.wait(fs, timeout=..., return_when=...)}
     *
     * @param timeout null for no timeout
     * @throws IllegalArgumentException if {@code fs} is empty
     */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> fs, Duration timeout, ReturnWhen returnWhen) {
        return waitNanos(fs, timeout == null ? Long.MAX_VALUE : Durations.timeoutNanos(timeout, "wait()"), returnWhen);
    }

    /**
     * {@link #wait(Collection, Duration, ReturnWhen)} with the timeout in seconds. May suspend.
     * asyncio: {@code asyncio.wait(fs, timeout=..., return_when=...)}
     */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> fs, double timeoutSeconds, ReturnWhen returnWhen) {
        return waitNanos(fs, Durations.timeoutNanos(timeoutSeconds, "wait()"), returnWhen);
    }

    /**
     * {@link #wait(Collection, Duration, ReturnWhen)} without a timeout. May suspend.
     * asyncio: {@code asyncio.wait(fs, return_when=...)}
     */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> fs, ReturnWhen returnWhen) {
        return waitNanos(fs, Long.MAX_VALUE, returnWhen);
    }

    /**
     * {@link #wait(Collection, Duration, ReturnWhen)} until all are done. May suspend.
     * asyncio: {@code asyncio.wait(fs)}
     */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> fs) {
        return waitNanos(fs, Long.MAX_VALUE, ReturnWhen.ALL_COMPLETED);
    }

    private static <T> WaitResult<T> waitNanos(Collection<? extends Future<T>> fs, long timeoutNanos, ReturnWhen returnWhen) {
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("wait(): the set of futures is empty; pass at least one");
        }
        if (returnWhen == null) {
            throw new NullPointerException("wait(): returnWhen is null; use ReturnWhen.ALL_COMPLETED");
        }
        EventLoop loop = getRunningLoop();
        Set<Future<T>> set = new LinkedHashSet<>(fs);
        for (Future<T> f : set) {
            if (f.loop != loop) {
                throw new IllegalArgumentException("wait(): " + f + " belongs to another loop; wait for it on its "
                        + "own loop, or bridge it with toCompletableFuture() and wrapFuture()");
            }
        }
        Future<Void> waiter = loop.createFuture();
        TimerHandle timeoutHandle = timeoutNanos == Long.MAX_VALUE ? null
                : loop.callAtNanos(Durations.deadline(loop.core.nanoTime(), timeoutNanos), () -> {
                    if (!waiter.isDone()) {
                        waiter.setResult(null);
                    }
                });
        int[] counter = {set.size()};
        java.util.function.Consumer<Future<T>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null)) {
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                if (!waiter.isDone()) {
                    waiter.setResult(null);
                }
            }
        };
        for (Future<T> f : set) {
            f.addDoneCallback(onCompletion);
        }
        try {
            waiter.await();
        } finally {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (Future<T> f : set) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : set) {
            (f.isDone() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    // ---- timeouts -------------------------------------------------------------------------------

    /**
     * Awaits {@code aw} for at most {@code timeout}; on expiry cancels it, waits until it has
     * really finished (its cleanup included), then raises {@link TimeoutException}. A zero or
     * negative timeout cancels at once unless {@code aw} is already done; {@code null} waits
     * without a timeout. If {@code aw} swallows the cancellation and returns a value, that
     * value is returned. May suspend. asyncio: {@code asyncio.wait_for(aw, timeout)}
     *
     * @throws TimeoutException if the timeout expired (its cause is the CancelledError)
     */
    public static <T> T waitFor(Awaitable<T> aw, Duration timeout) {
        if (timeout == null) {
            return aw.await();
        }
        return waitForNanos(aw, Durations.timeoutNanos(timeout, "waitFor()"));
    }

    /**
     * {@link #waitFor(Awaitable, Duration)} with the timeout in seconds. May suspend.
     * asyncio: {@code asyncio.wait_for(aw, timeout)}
     */
    public static <T> T waitFor(Awaitable<T> aw, double timeoutSeconds) {
        return waitForNanos(aw, Durations.timeoutNanos(timeoutSeconds, "waitFor()"));
    }

    /**
     * Runs {@code coro} in the current task for at most {@code timeout} (as asyncio 3.12+ does
     * with a coroutine); on expiry it is cancelled at its suspension point and
     * {@link TimeoutException} is raised. With a zero or negative timeout the coroutine never
     * starts; {@code null} means no timeout. May suspend. asyncio: {@code asyncio.wait_for(coro, timeout)}
     */
    public static <T> T waitFor(Coroutine<T> coro, Duration timeout) {
        if (timeout == null) {
            return Timeout.never().run(coro);
        }
        return waitForCoroutine(coro, Durations.timeoutNanos(timeout, "waitFor()"));
    }

    /**
     * {@link #waitFor(Coroutine, Duration)} with the timeout in seconds. May suspend.
     * asyncio: {@code asyncio.wait_for(coro, timeout)}
     */
    public static <T> T waitFor(Coroutine<T> coro, double timeoutSeconds) {
        return waitForCoroutine(coro, Durations.timeoutNanos(timeoutSeconds, "waitFor()"));
    }

    /**
     * {@link #waitFor(Coroutine, Duration)} for a body with no result:
     * {@code waitFor(stop::await, Duration.ofSeconds(1))}. May suspend.
     * asyncio: {@code await asyncio.wait_for(coro, timeout)}
     */
    public static void waitFor(Coroutine.VoidCoroutine body, Duration timeout) {
        waitFor(Coroutine.of(body), timeout);
    }

    /**
     * {@link #waitFor(Coroutine, double)} for a body with no result: {@code waitFor(stop::await, 0.5)}.
     * May suspend. asyncio: {@code await asyncio.wait_for(coro, timeout)}
     */
    public static void waitFor(Coroutine.VoidCoroutine body, double timeoutSeconds) {
        waitFor(Coroutine.of(body), timeoutSeconds);
    }

    private static <T> T waitForCoroutine(Coroutine<T> coro, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            // asyncio wraps the coroutine in a task and cancels it before its first step
            return waitForNanos(createTask(coro), timeoutNanos);
        }
        return Timeout.after(Duration.ofNanos(timeoutNanos)).run(coro);
    }

    private static <T> T waitForNanos(Awaitable<T> aw, long timeoutNanos) {
        EventLoop loop = getRunningLoop();
        Future<T> fut = loop.asFuture(aw);
        if (timeoutNanos <= 0) {
            if (fut.isDone()) {
                return fut.result();
            }
            cancelAndWait(loop, fut);
            try {
                return fut.result();
            } catch (CancelledError e) {
                throw new TimeoutException("waitFor(): the timeout expired", e);
            }
        }
        return Timeout.after(Duration.ofNanos(timeoutNanos)).run(fut::await);
    }

    /** Cancels {@code fut} and waits until it is done, without being cancellable meanwhile... as asyncio's _cancel_and_wait. */
    private static void cancelAndWait(EventLoop loop, Future<?> fut) {
        Future<Void> waiter = loop.createFuture();
        java.util.function.Consumer<Future<?>> release = f -> {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        };
        addAnyCallback(fut, release);
        try {
            fut.cancel();
            waiter.await();
        } finally {
            removeAnyCallback(fut, release);
        }
    }

    @SuppressWarnings("unchecked")
    private static <X> void addAnyCallback(Future<X> f, java.util.function.Consumer<Future<?>> cb) {
        f.addDoneCallback((java.util.function.Consumer<? super Future<X>>) (Object) cb);
    }

    @SuppressWarnings("unchecked")
    private static <X> void removeAnyCallback(Future<X> f, java.util.function.Consumer<Future<?>> cb) {
        f.removeDoneCallback((java.util.function.Consumer<? super Future<X>>) (Object) cb);
    }

    /**
     * Runs {@code body} in the current task with a deadline {@code delay} from now; see
     * {@link Timeout}. May suspend. asyncio: {@code async with asyncio.timeout(delay):}
     */
    public static <T> T timeout(Duration delay, Coroutine<T> body) {
        return Timeout.after(delay).run(body);
    }

    /**
     * {@link #timeout(Duration, Coroutine)} with a body that sees its {@link Timeout}.
     * asyncio: {@code async with asyncio.timeout(delay) as cm:}
     */
    public static <T> T timeout(Duration delay, Timeout.Body<T> body) {
        return Timeout.after(delay).run(body);
    }

    /**
     * {@link #timeout(Duration, Coroutine)} with the delay in seconds.
     * asyncio: {@code async with asyncio.timeout(delay):}
     */
    public static <T> T timeout(double delaySeconds, Coroutine<T> body) {
        return Timeout.after(delaySeconds).run(body);
    }

    /**
     * {@link #timeout(Duration, Timeout.Body)} with the delay in seconds.
     * asyncio: {@code async with asyncio.timeout(delay) as cm:}
     */
    public static <T> T timeout(double delaySeconds, Timeout.Body<T> body) {
        return Timeout.after(delaySeconds).run(body);
    }

    /**
     * {@link #timeout(Duration, Coroutine)} for a body with no result:
     * {@code timeout(Duration.ofMillis(500), () -> sleep(1))}. May suspend.
     * asyncio: {@code async with asyncio.timeout(delay):}
     */
    public static void timeout(Duration delay, Coroutine.VoidCoroutine body) {
        Timeout.after(delay).run(Coroutine.of(body));
    }

    /**
     * {@link #timeout(double, Coroutine)} for a body with no result: {@code timeout(0.5, () -> sleep(1))}.
     * May suspend. asyncio: {@code async with asyncio.timeout(delay):}
     */
    public static void timeout(double delaySeconds, Coroutine.VoidCoroutine body) {
        Timeout.after(delaySeconds).run(Coroutine.of(body));
    }

    /**
     * {@link #timeoutAt(double, Coroutine)} for a body with no result. May suspend.
     * asyncio: {@code async with asyncio.timeout_at(when):}
     */
    public static void timeoutAt(double when, Coroutine.VoidCoroutine body) {
        Timeout.at(when).run(Coroutine.of(body));
    }

    /**
     * Runs {@code body} with a deadline at loop time {@code when}. May suspend.
     * asyncio: {@code async with asyncio.timeout_at(when):}
     */
    public static <T> T timeoutAt(double when, Coroutine<T> body) {
        return Timeout.at(when).run(body);
    }

    /**
     * {@link #timeoutAt(double, Coroutine)} with a body that sees its {@link Timeout}.
     * asyncio: {@code async with asyncio.timeout_at(when) as cm:}
     */
    public static <T> T timeoutAt(double when, Timeout.Body<T> body) {
        return Timeout.at(when).run(body);
    }

    // ---- shield, asCompleted --------------------------------------------------------------------

    /**
     * Awaits {@code aw} but protects it from the caller's cancellation: if the caller is
     * cancelled, it gets {@link CancelledError} while {@code aw} keeps running. May suspend.
     * asyncio: {@code await asyncio.shield(aw)}
     */
    public static <T> T shield(Awaitable<T> aw) {
        return shieldFuture(aw).await();
    }

    /**
     * {@link #shield(Awaitable)} for a coroutine, started as a task. May suspend.
     * asyncio: {@code await asyncio.shield(coro)}
     */
    public static <T> T shield(Coroutine<T> coro) {
        return shield(createTask(coro));
    }

    /**
     * {@link #shield(Coroutine)} for a body with no result: {@code shield(() -> sleep(1))}.
     * May suspend. asyncio: {@code await asyncio.shield(coro)}
     */
    public static void shield(Coroutine.VoidCoroutine body) {
        shield(createTask(body));
    }

    /** The outer future of {@code shield}, without waiting. asyncio: {@code asyncio.shield(aw)} */
    public static <T> Future<T> shieldFuture(Awaitable<T> aw) {
        EventLoop loop = getRunningLoop();
        Future<T> inner = loop.asFuture(aw);
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = loop.createFuture();
        java.util.function.Consumer<Future<T>> innerDone = in -> {
            if (outer.isCancelled()) {
                if (!in.isCancelled()) {
                    in.exception(); // mark retrieved: nobody is left to see it
                }
                return;
            }
            if (in.isCancelled()) {
                outer.cancel();
            } else {
                Throwable exc = in.exception();
                if (exc != null) {
                    outer.setException(exc);
                } else {
                    outer.setResult(in.peekResult());
                }
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(out -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    /**
     * Iterates over {@code aws} in completion order; see {@link AsCompleted}.
     * asyncio: {@code asyncio.as_completed(aws)}
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<T>> aws) {
        return asCompletedNanos(aws, Long.MAX_VALUE);
    }

    /**
     * {@link #asCompleted(Collection)} with an overall timeout.
     * asyncio: {@code asyncio.as_completed(aws, timeout=...)}
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<T>> aws, Duration timeout) {
        return asCompletedNanos(aws, Durations.timeoutNanos(timeout, "asCompleted()"));
    }

    /**
     * {@link #asCompleted(Collection)} with an overall timeout in seconds.
     * asyncio: {@code asyncio.as_completed(aws, timeout=...)}
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<T>> aws, double timeoutSeconds) {
        return asCompletedNanos(aws, Durations.timeoutNanos(timeoutSeconds, "asCompleted()"));
    }

    private static <T> AsCompleted<T> asCompletedNanos(Collection<? extends Awaitable<T>> aws, long timeoutNanos) {
        EventLoop loop = getRunningLoop();
        List<Future<T>> fs = new ArrayList<>();
        for (Awaitable<T> a : aws) {
            fs.add(loop.asFuture(a));
        }
        return new AsCompleted<>(loop, fs, timeoutNanos);
    }

    // ---- threads --------------------------------------------------------------------------------

    /**
     * Runs blocking {@code fn} on the default executor (virtual threads) and awaits its result;
     * {@code fn} runs in a copy of the calling task's context (its context vars). May suspend.
     * asyncio: {@code asyncio.to_thread(fn)}
     */
    public static <T> T toThread(Callable<T> fn) {
        if (fn == null) {
            throw new NullPointerException("toThread(): the function is null");
        }
        // as asyncio.to_thread: the function runs in a copy of the caller's contextvars context
        Context context = Context.copyContext();
        return getRunningLoop().runInExecutor(null, () -> context.run(fn::call)).await();
    }

    /**
     * {@link #toThread(Callable)} for a function without a result. May suspend.
     * asyncio: {@code asyncio.to_thread(fn)}
     */
    public static void toThread(Runnable fn) {
        toThread(() -> {
            fn.run();
            return null;
        });
    }

    /**
     * Submits {@code coro} to {@code loop} from another thread; the returned
     * {@link CompletableFuture} completes with its result, and cancelling it cancels the task.
     * asyncio: {@code asyncio.run_coroutine_threadsafe(coro, loop)}
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        if (coro == null || loop == null) {
            throw new NullPointerException("runCoroutineThreadsafe(): the coroutine and the loop are required");
        }
        CompletableFuture<T> cf = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (cf.isDone()) {
                return; // cancelled before it started
            }
            Task<T> task;
            try {
                task = loop.createTask(coro);
            } catch (Throwable e) {
                cf.completeExceptionally(e);
                throw e;
            }
            CompletableFuture<T> copy = task.toCompletableFuture();
            copy.whenComplete((v, e) -> {
                if (e != null) {
                    cf.completeExceptionally(e instanceof java.util.concurrent.CancellationException
                            ? new java.util.concurrent.CancellationException("the task was cancelled") : e);
                } else {
                    cf.complete(v);
                }
            });
            cf.whenComplete((v, e) -> {
                if (cf.isCancelled() && !loop.isClosed()) {
                    loop.callSoonThreadsafe(() -> task.cancel());
                }
            });
        });
        return cf;
    }

    /**
     * A future of the running loop completed when {@code stage} completes (on whatever thread);
     * cancelling the future cancels the stage if it is a {@link CompletableFuture}.
     * asyncio: {@code asyncio.wrap_future(concurrent_future)}
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        EventLoop loop = getRunningLoop();
        Future<T> fut = loop.createFuture();
        stage.whenComplete((v, e) -> loop.core.callThreadsafe(() -> {
            if (fut.isDone()) {
                return;
            }
            if (e == null) {
                fut.completeWithResult(v);
            } else {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                if (cause instanceof java.util.concurrent.CancellationException) {
                    fut.cancel();
                } else {
                    fut.completeWithException(cause);
                }
            }
        }));
        if (stage instanceof CompletableFuture<T> cf) {
            fut.addDoneCallback(f -> {
                if (f.isCancelled()) {
                    cf.cancel(true);
                }
            });
        }
        return fut;
    }

    /**
     * Awaits a {@link CompletionStage} (a {@code CompletableFuture}, say) without blocking the
     * loop: the current task suspends until it completes. May suspend.
     * asyncio: {@code await asyncio.wrap_future(concurrent_future)}
     */
    public static <T> T await(CompletionStage<T> stage) {
        return wrapFuture(stage).await();
    }

    // ---- subprocesses (branch proc) --------------------------------------------------------------

    /**
     * Runs {@code program} with {@code args}, every stream inherited; see
     * {@link io.asyncio4j.subprocess.Subprocesses}. May suspend.
     * asyncio: {@code await asyncio.create_subprocess_exec(program, *args)}
     *
     * @throws java.io.FileNotFoundException if the program does not exist
     */
    public static io.asyncio4j.subprocess.Process createSubprocessExec(String program, String... args)
            throws java.io.IOException {
        return io.asyncio4j.subprocess.Subprocesses.createSubprocessExec(program, args);
    }

    /**
     * Runs {@code program} with {@code args} as {@code options} say (pipes, cwd, env, limit).
     * May suspend. asyncio: {@code await asyncio.create_subprocess_exec(program, *args, stdout=PIPE, ...)}
     *
     * @throws java.io.FileNotFoundException if the program or the working directory does not exist
     */
    public static io.asyncio4j.subprocess.Process createSubprocessExec(
            io.asyncio4j.subprocess.SubprocessOptions options, String program, String... args)
            throws java.io.IOException {
        return io.asyncio4j.subprocess.Subprocesses.createSubprocessExec(options, program, args);
    }

    /**
     * Runs {@code command} (program, then arguments) as {@code options} say. May suspend.
     * asyncio: {@code await asyncio.create_subprocess_exec(*command, ...)}
     */
    public static io.asyncio4j.subprocess.Process createSubprocessExec(List<String> command,
            io.asyncio4j.subprocess.SubprocessOptions options) throws java.io.IOException {
        return io.asyncio4j.subprocess.Subprocesses.createSubprocessExec(command, options);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}, every stream inherited. May suspend.
     * asyncio: {@code await asyncio.create_subprocess_shell(cmd)}
     */
    public static io.asyncio4j.subprocess.Process createSubprocessShell(String cmd) throws java.io.IOException {
        return io.asyncio4j.subprocess.Subprocesses.createSubprocessShell(cmd);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c} as {@code options} say. May suspend.
     * asyncio: {@code await asyncio.create_subprocess_shell(cmd, stdout=PIPE, ...)}
     */
    public static io.asyncio4j.subprocess.Process createSubprocessShell(String cmd,
            io.asyncio4j.subprocess.SubprocessOptions options) throws java.io.IOException {
        return io.asyncio4j.subprocess.Subprocesses.createSubprocessShell(cmd, options);
    }

    // ---- groups and generators ------------------------------------------------------------------

    /** Runs {@code body} with a new {@link TaskGroup}. May suspend. asyncio: {@code async with TaskGroup() as tg:} */
    public static <T> T taskGroup(TaskGroup.Body<T> body) {
        return TaskGroup.run(body);
    }

    /**
     * {@link #taskGroup(TaskGroup.Body)} for a block without a result. May suspend.
     * asyncio: {@code async with asyncio.TaskGroup() as tg:}
     */
    public static void taskGroup(TaskGroup.VoidBody body) {
        TaskGroup.run(body);
    }

    /** An async generator; see {@link AsyncGenerator}. asyncio: an {@code async def} with {@code yield} */
    public static <T> AsyncGenerator<T> generator(AsyncGenerator.Body<T> body) {
        return new AsyncGenerator<>(body);
    }

    // ---- streams (branch net): delegates to io.asyncio4j.streams.Streams -----------------------

    /**
     * Connects to {@code host:port} and returns the connection's reader and writer. May suspend.
     * asyncio: {@code asyncio.open_connection(host, port)}
     *
     * @throws java.net.ConnectException if the connection is refused
     * @throws java.net.UnknownHostException if the host has no address
     */
    public static io.asyncio4j.streams.StreamPair openConnection(String host, int port) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.openConnection(host, port);
    }

    /** {@link #openConnection(String, int)} with options (TLS, limit...). May suspend. asyncio: {@code open_connection(..., ssl=, limit=)} */
    public static io.asyncio4j.streams.StreamPair openConnection(String host, int port,
            io.asyncio4j.streams.ConnectOptions options) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.openConnection(host, port, options);
    }

    /**
     * Serves {@code host:port}, running {@code callback} as a task per connection. May suspend.
     * asyncio: {@code asyncio.start_server(client_connected_cb, host, port)}
     *
     * @throws java.net.BindException if the address is in use
     */
    public static io.asyncio4j.streams.Server startServer(io.asyncio4j.streams.ClientConnectedCallback callback,
            String host, int port) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.startServer(callback, host, port);
    }

    /** {@link #startServer(io.asyncio4j.streams.ClientConnectedCallback, String, int)} with options. May suspend. */
    public static io.asyncio4j.streams.Server startServer(io.asyncio4j.streams.ClientConnectedCallback callback,
            String host, int port, io.asyncio4j.streams.ServerOptions options) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.startServer(callback, host, port, options);
    }

    /**
     * {@link #startServer(io.asyncio4j.streams.ClientConnectedCallback, String, int)} on several
     * hosts (one listening socket per address of each; options may be null). May suspend.
     * asyncio: {@code asyncio.start_server(client_connected_cb, host=[...], port)}
     */
    public static io.asyncio4j.streams.Server startServer(io.asyncio4j.streams.ClientConnectedCallback callback,
            List<String> hosts, int port, io.asyncio4j.streams.ServerOptions options) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.startServer(callback, hosts, port, options);
    }

    /**
     * Streams over a socket connected elsewhere (TCP or Unix). May suspend.
     * asyncio: {@code asyncio.open_connection(sock=sock)}
     */
    public static io.asyncio4j.streams.StreamPair openConnection(java.nio.channels.SocketChannel socket,
            io.asyncio4j.streams.ConnectOptions options) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.openConnection(socket, options);
    }

    /**
     * Serves a socket bound elsewhere (TCP or Unix), running {@code callback} as a task per
     * connection. May suspend. asyncio: {@code asyncio.start_server(client_connected_cb, sock=sock)}
     */
    public static io.asyncio4j.streams.Server startServer(io.asyncio4j.streams.ClientConnectedCallback callback,
            java.nio.channels.ServerSocketChannel socket, io.asyncio4j.streams.ServerOptions options)
            throws java.io.IOException {
        return io.asyncio4j.streams.Streams.startServer(callback, socket, options);
    }

    /** Connects to a Unix-domain socket. May suspend. asyncio: {@code asyncio.open_unix_connection(path)} */
    public static io.asyncio4j.streams.StreamPair openUnixConnection(java.nio.file.Path path)
            throws java.io.IOException {
        return io.asyncio4j.streams.Streams.openUnixConnection(path);
    }

    /** {@link #openUnixConnection(java.nio.file.Path)} with options. May suspend. */
    public static io.asyncio4j.streams.StreamPair openUnixConnection(java.nio.file.Path path,
            io.asyncio4j.streams.ConnectOptions options) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.openUnixConnection(path, options);
    }

    /** Serves a Unix-domain socket. May suspend. asyncio: {@code asyncio.start_unix_server(cb, path)} */
    public static io.asyncio4j.streams.Server startUnixServer(io.asyncio4j.streams.ClientConnectedCallback callback,
            java.nio.file.Path path) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.startUnixServer(callback, path);
    }

    /** {@link #startUnixServer(io.asyncio4j.streams.ClientConnectedCallback, java.nio.file.Path)} with options. May suspend. */
    public static io.asyncio4j.streams.Server startUnixServer(io.asyncio4j.streams.ClientConnectedCallback callback,
            java.nio.file.Path path, io.asyncio4j.streams.ServerOptions options) throws java.io.IOException {
        return io.asyncio4j.streams.Streams.startUnixServer(callback, path, options);
    }
}
