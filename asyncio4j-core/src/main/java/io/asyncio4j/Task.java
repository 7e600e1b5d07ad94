package io.asyncio4j;

import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.CurrentContext;
import io.asyncio4j.internal.Strand;
import io.asyncio4j.internal.TimerHeap;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coroutine running on the event loop: a virtual thread scheduled by the loop (DESIGN §1),
 * and a {@link Future} of its result.
 * <p>
 * States are the future's ({@code PENDING → FINISHED | CANCELLED}). While PENDING the task is
 * either queued to run, running, or suspended on one thing ({@link #waiter}): a future it
 * awaits or a sleep timer. Cancellation follows asyncio exactly:
 * <ul>
 *   <li>{@link #cancel(String)} on a suspended task cancels what it waits on, which wakes it
 *       with {@link CancelledError} at its suspension point;</li>
 *   <li>on a task that is queued, running, or whose waiter is already done, it sets
 *       {@code mustCancel}: the next suspension point (or the start, if it never ran) raises
 *       {@link CancelledError} instead of resuming normally;</li>
 *   <li>the coroutine may catch the error and go on; {@link #cancelling()} counts requests and
 *       {@link #uncancel()} takes one back;</li>
 *   <li>a coroutine that returns while {@code mustCancel} is set still ends cancelled.</li>
 * </ul>
 * Threading: all methods are for the loop thread (or a task of the loop), except
 * {@link #isDone()}, {@link #isCancelled()}, {@link #getName()} and {@link #toString()}.
 * <p>
 * asyncio: {@code asyncio.Task}
 *
 * @param <T> the result type
 */
public final class Task<T> extends Future<T> {
    private static final AtomicLong COUNTER = new AtomicLong();

    /** Null until first asked for when the task is unnamed: "Task-" + {@link #number} is built lazily. */
    private volatile String name;
    /** The N of the default name {@code Task-N}, taken at creation (asyncio's counter); 0 when named. */
    private final long number;
    private final Coroutine<T> coro;
    final Strand strand;
    /** The context the task runs in: a copy of its creator's, or the one given. Fixed for the task's life. */
    private final Context context;
    private int numCancelsRequested;
    private boolean mustCancel;
    /** A {@link TaskGroup}'s child: a KeyboardInterrupt it raises goes to the group. Loop thread only. */
    boolean inTaskGroup;
    /** What the suspended task waits on: a Future or a SleepTimer; null while not suspended. */
    private Object waiter;
    private final StackTraceElement[] creationStack;
    /** The loop's list of pending tasks (intrusive, loop thread only). */
    Task<?> prevLive;
    Task<?> nextLive;

    Task(EventLoop loop, Coroutine<T> coro, String name) {
        super(loop);
        if (coro == null) {
            throw new NullPointerException("createTask(): the coroutine is null");
        }
        this.coro = coro;
        this.name = name;
        this.number = name != null ? 0 : COUNTER.incrementAndGet();
        this.strand = loop.core.engine.newStrand(loop.core, this, this::body);
        Context given = loop.takeTaskContext();
        // no var was ever set: every context is empty, and a copy need not look the creator's up
        this.context = given != null ? given : CurrentContext.inUse ? Context.copyContext() : new Context();
        strand.context = context;
        this.creationStack = loop.getDebug() ? new Throwable().getStackTrace() : null;
    }

    /**
     * A new task running {@code coro} on {@code loop}, its first step queued like a callback:
     * what {@link EventLoop#createTask} does when no {@link TaskFactory} is set, without
     * consulting the loop's factory. For factories that wrap the default (count, name, log
     * tasks). Loop thread only (or, while the loop is not running, the thread preparing it).
     * asyncio: {@code asyncio.Task(coro, loop=loop, name=name)}
     *
     * @param name null for {@code Task-N}
     * @throws IllegalStateException if the loop is closed or belongs to another thread
     */
    public static <T> Task<T> newTask(EventLoop loop, Coroutine<T> coro, String name) {
        Task<T> t = create(loop, coro, name, "Task.newTask()");
        t.strand.start();
        return t;
    }

    /**
     * A new eager task: when the loop is running, its coroutine's first step runs now, inside
     * this call, before anything already in the ready queue, until the coroutine first suspends
     * or ends; a coroutine that never suspends is done (with its result or its exception: this
     * method does not throw it) when the task is returned, and never goes through the ready
     * queue. Meanwhile {@link #current()} is the new task; afterwards the caller continues
     * before any other ready item. Once suspended the task is scheduled as any other. When the
     * loop is not running the task starts as {@link #newTask} starts it. Called from a task or
     * from a plain callback alike. Loop thread only.
     * asyncio: {@code asyncio.Task(coro, loop=loop, name=name, eager_start=True)}
     *
     * @param name null for {@code Task-N}
     * @throws IllegalStateException if the loop is closed or belongs to another thread
     */
    public static <T> Task<T> newEagerTask(EventLoop loop, Coroutine<T> coro, String name) {
        Task<T> t = create(loop, coro, name, "Task.newEagerTask()");
        if (loop.isRunning()) {
            t.strand.startEager();
        } else {
            t.strand.start();
        }
        return t;
    }

    /** A new task, registered with its loop (pending tasks are listed by allTasks), not started. */
    private static <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name, String what) {
        if (loop == null) {
            throw new NullPointerException(what + ": the loop is null; pass the loop the task runs on "
                    + "(the factory's loop argument, or Asyncio.getRunningLoop())");
        }
        loop.checkThread(what);
        loop.checkOpen(what);
        Task<T> t = new Task<>(loop, coro, name);
        loop.link(t);
        return t;
    }

    /**
     * {@link #newTask(EventLoop, Coroutine, String)} running in {@code context} (null: a copy of
     * the calling code's current context). Tasks given the same context share it.
     * asyncio: {@code asyncio.Task(coro, loop=loop, name=name, context=context)}
     */
    public static <T> Task<T> newTask(EventLoop loop, Coroutine<T> coro, String name, Context context) {
        Task<T> t = create(loop, coro, name, context, "Task.newTask()");
        t.strand.start();
        return t;
    }

    /**
     * {@link #newEagerTask(EventLoop, Coroutine, String)} running in {@code context} (null: a
     * copy of the calling code's current context).
     * asyncio: {@code asyncio.Task(coro, loop=loop, name=name, context=context, eager_start=True)}
     */
    public static <T> Task<T> newEagerTask(EventLoop loop, Coroutine<T> coro, String name, Context context) {
        Task<T> t = create(loop, coro, name, context, "Task.newEagerTask()");
        if (loop.isRunning()) {
            t.strand.startEager();
        } else {
            t.strand.start();
        }
        return t;
    }

    private static <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name, Context context, String what) {
        if (context == null) {
            return create(loop, coro, name, what);
        }
        if (loop == null) {
            throw new NullPointerException(what + ": the loop is null; pass the loop the task runs on "
                    + "(the factory's loop argument, or Asyncio.getRunningLoop())");
        }
        return loop.inContext(context, () -> create(loop, coro, name, what));
    }

    /**
     * The context the task runs in: a copy of its creator's current context, or the one given
     * to {@code createTask}. asyncio: {@code Task.get_context()}
     */
    public Context getContext() {
        return context;
    }

    /** The task running the calling code, or null outside any task. asyncio: {@code current_task()} */
    public static Task<?> current() {
        Strand s = Strand.current();
        return s == null ? null : (Task<?>) s.owner;
    }

    /** The name: given at creation or {@code Task-N}. asyncio: {@code Task.get_name()} */
    public String getName() {
        String n = name;
        if (n == null) {
            n = "Task-" + number; // any thread may race here: all write the same string
            name = n;
        }
        return n;
    }

    /** Renames the task. asyncio: {@code Task.set_name()} */
    public void setName(String name) {
        this.name = String.valueOf(name);
    }

    /** The coroutine the task runs. asyncio: {@code Task.get_coro()} */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /** Number of pending cancellation requests. asyncio: {@code Task.cancelling()} */
    public int cancelling() {
        loop.checkThread("Task.cancelling()");
        return numCancelsRequested;
    }

    /**
     * Takes back one cancellation request; returns how many remain. When none remain, a
     * cancellation not yet delivered is dropped. asyncio: {@code Task.uncancel()}
     */
    public int uncancel() {
        loop.checkThread("Task.uncancel()");
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
            if (numCancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return numCancelsRequested;
    }

    /**
     * Requests cancellation: the task gets {@link CancelledError} (carrying {@code msg}) at its
     * current or next suspension point. Returns false if the task is already done.
     * See the class comment. asyncio: {@code Task.cancel(msg)}
     */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread("Task.cancel()");
        if (isDone()) {
            return false;
        }
        numCancelsRequested++;
        Object w = waiter;
        if (w != null) {
            if (w instanceof Future<?> f) {
                if (f.cancel(msg)) {
                    return true;
                }
            } else if (((SleepTimer) w).cancelSleep(msg)) {
                return true;
            }
        }
        mustCancel = true;
        cancelMessage = msg;
        return true;
    }

    /** Tasks complete by running: asyncio raises here too. asyncio: {@code Task.set_result() raises RuntimeError} */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("Task.setResult(): a task's result is what its coroutine "
                + "returns; complete a Future instead");
    }

    /** Tasks complete by running: asyncio raises here too. asyncio: {@code Task.set_exception() raises RuntimeError} */
    @Override
    public void setException(Throwable error) {
        throw new UnsupportedOperationException("Task.setException(): a task's exception is what its "
                + "coroutine throws; complete a Future instead");
    }

    /**
     * The frames of the suspended coroutine (or of the creation site in debug mode when it has
     * not started). asyncio: {@code Task.get_stack()}
     */
    public List<StackTraceElement> getStack() {
        if (isDone()) {
            return List.of(); // asyncio: a finished coroutine has no frames
        }
        Thread t = strand.thread();
        if (t != null) {
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0) {
                return List.of(frames);
            }
        }
        return creationStack == null ? List.of() : List.of(creationStack);
    }

    /**
     * The stack where the task was created; only kept in debug mode, else empty.
     * asyncio: {@code Task._source_traceback (debug mode)}
     */
    public List<StackTraceElement> getCreationStack() {
        return creationStack == null ? List.of() : Arrays.asList(creationStack);
    }

    /** Prints the task and its stack. asyncio: {@code Task.print_stack()} */
    public void printStack(PrintStream out) {
        out.println("Stack for " + this + ":");
        for (StackTraceElement e : getStack()) {
            out.println("\tat " + e);
        }
    }

    /** asyncio's repr: {@code <Task pending name='Task-1' coro=...>}. asyncio: {@code repr(task)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Task ");
        String st = describeState();
        int space = st.indexOf(' ');
        // asyncio 3.13 shows a pending task with a cancellation requested as "cancelling"
        sb.append(space < 0 ? (state == State.PENDING && numCancelsRequested > 0 ? "cancelling" : st)
                : st.substring(0, space));
        sb.append(" name=").append(Repr.of(getName()));
        sb.append(" coro=").append(describeCoro());
        if (space >= 0) {
            sb.append(st.substring(space));
        }
        StackTraceElement site = creationSite();
        if (site != null) {
            sb.append(" created at ").append(site.getFileName()).append(':').append(site.getLineNumber());
        }
        return sb.append('>').toString();
    }

    /** Debug mode: the first frame of the creation stack outside asyncio4j (asyncio's "created at"). */
    private StackTraceElement creationSite() {
        StackTraceElement[] st = creationStack;
        if (st == null) {
            return null;
        }
        for (StackTraceElement e : st) {
            if (!isLibraryFrame(e)) {
                return e;
            }
        }
        return null;
    }

    /** True for a frame of asyncio4j's own classes (same jar as this class). */
    private static boolean isLibraryFrame(StackTraceElement e) {
        String c = e.getClassName();
        if (!c.startsWith("io.asyncio4j.")) {
            return false;
        }
        int nested = c.indexOf('$');
        try {
            Class<?> k = Class.forName(nested < 0 ? c : c.substring(0, nested), false, Task.class.getClassLoader());
            return java.util.Objects.equals(k.getProtectionDomain().getCodeSource(),
                    Task.class.getProtectionDomain().getCodeSource());
        } catch (ClassNotFoundException | LinkageError | SecurityException ex) {
            return false;
        }
    }

    private String describeCoro() {
        Object body = coro instanceof Coroutine.OfVoid v ? v.body() : coro;
        return "<" + Repr.stableClassName(body) + ">";
    }

    // ---- the body, run on the task's own strand ----------------------------------------------

    private void body() {
        T value = null;
        Throwable failure = null;
        if (mustCancel) {
            // cancelled before its first step: the coroutine never runs, as in asyncio
            mustCancel = false;
            failure = new CancelledError(cancelMessage);
        } else {
            try {
                value = coro.call();
            } catch (Throwable t) {
                failure = t;
            }
        }
        if (failure == null) {
            if (mustCancel) {
                mustCancel = false;
                completeCancelled(cancelMessage, null);
            } else if (value instanceof Awaitable<?> || value instanceof CompletionStage<?>
                    || value instanceof java.util.concurrent.Future<?>) {
                completeWithException(new IllegalStateException("Task " + Repr.of(getName())
                        + ": the coroutine returned " + value + " instead of its result; await it inside "
                        + "the coroutine (return f.await();) rather than returning the future"));
            } else {
                completeWithResult(value);
            }
        } else if (failure instanceof CancelledError ce) {
            completeCancelled(null, ce);
        } else {
            completeWithException(failure);
            if (failure instanceof KeyboardInterruptException && !inTaskGroup) {
                // asyncio's Task.__step sets it and raises it out of the loop; a TaskGroup's child
                // leaves it to its group, which raises it from its block (what asyncio's TaskGroup
                // means to do, and cannot, as test_taskgroups' disabled _test_taskgroup_21 says)
                loop.core.escape(failure);
            }
        }
        loop.taskDone(this);
    }

    // ---- suspension, called from the task's own thread ---------------------------------------

    /** The current task, or a clear error naming {@code what} was called outside a task. */
    static Task<?> require(String what) {
        Strand s = Strand.current();
        if (s == null) {
            throw new IllegalStateException(what + ": called outside a task; run it inside a coroutine "
                    + "(Asyncio.run(() -> ...), loop.createTask(...) or loop.runUntilComplete(...))");
        }
        return (Task<?>) s.owner;
    }

    /** Suspends the current task until {@code f} is done (Future.await). */
    static void suspendOn(Future<?> f) {
        Strand s = Strand.current();
        if (s == null) {
            throw new IllegalStateException("await(): called outside a task on " + f + "; await only inside "
                    + "a coroutine (Asyncio.run, createTask), or use toCompletableFuture() from other threads");
        }
        Task<?> task = (Task<?>) s.owner;
        if (f.loop != task.loop) {
            throw new IllegalStateException("await(): task " + Repr.of(task.getName()) + " got " + f
                    + " attached to a different loop; use runCoroutineThreadsafe or wrapFuture to cross loops");
        }
        if (f == task) {
            throw new IllegalStateException("await(): task " + Repr.of(task.getName()) + " cannot await itself");
        }
        task.waiter = f;
        s.prepareWait(f);
        f.addWaiter(s);
        if (task.mustCancel && f.cancel(task.cancelMessage)) {
            task.mustCancel = false;
        }
        s.suspend();
        task.waiter = null;
        if (task.mustCancel) {
            // cancelled after f completed, before this step ran: asyncio's __step throws
            // CancelledError in place of f's outcome; f's own cancellation is kept as it is, and
            // f's exception counts as retrieved (__wakeup called f.result()).
            task.mustCancel = false;
            if (!f.isCancelled()) {
                f.markRetrieved();
                throw new CancelledError(task.cancelMessage);
            }
        }
    }

    /** Suspends the current task for {@code nanos} on the loop clock ({@code sleep}). */
    static void sleepNanos(long nanos) {
        Task<?> task = require("sleep()");
        if (nanos <= 0) {
            task.yieldOnce();
            return;
        }
        Strand s = Strand.current(); // the task's own strand, or a generator's working for it
        SleepTimer timer = new SleepTimer(task.loop.core.nanoTime() + nanos, s);
        task.loop.core.addTimer(timer);
        task.waiter = timer;
        s.prepareWait(timer);
        if (task.mustCancel && timer.cancelSleep(task.cancelMessage)) {
            task.mustCancel = false;
        }
        s.suspend();
        task.waiter = null;
        if (timer.cancelled) {
            task.mustCancel = false; // a second cancel() while waking: one CancelledError, the first message
            throw new CancelledError(timer.cancelMessage);
        }
        task.deliverPendingCancel();
    }

    /** {@code sleep(0)}: gives every other ready callback one turn, then continues. */
    void yieldOnce() {
        Strand.current().yieldNow();
        deliverPendingCancel();
    }

    /** Raises the cancellation requested while the task was not cancellable at a waiter. */
    private void deliverPendingCancel() {
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(cancelMessage);
        }
    }

    /**
     * A sleeping task's timer: wakes the strand when due; {@link #cancelSleep} wakes it early
     * with a cancellation. States: SCHEDULED → FIRED | CANCELLED (once).
     */
    static final class SleepTimer extends TimerHeap.Timer {
        private final Strand strand;
        private boolean fired;
        boolean cancelled;
        String cancelMessage;

        SleepTimer(long deadline, Strand strand) {
            super(deadline);
            this.strand = strand;
        }

        @Override
        public void run() {
            if (cancelled || fired) {
                return;
            }
            fired = true;
            strand.wakeFrom(this);
        }

        boolean cancelSleep(String msg) {
            if (fired || cancelled) {
                return false;
            }
            cancelled = true;
            cancelMessage = msg;
            strand.loop().cancelTimer(this);
            strand.wakeFrom(this);
            return true;
        }
    }
}
