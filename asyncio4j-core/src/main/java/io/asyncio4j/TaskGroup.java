package io.asyncio4j;

import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.Sneaky;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Structured concurrency: tasks started in the group's block are all done when the block
 * returns. If one fails (with anything but a cancellation), the others and the block itself are
 * cancelled, and every failure is raised together in one {@link ExceptionGroupException}.
 * <pre>{@code
 * TaskGroup.run(tg -> {
 *     tg.createTask(() -> fetch("a"));
 *     tg.createTask(() -> fetch("b"));
 *     return null;
 * });   // both done here
 * }</pre>
 * States: NEW → OPEN (block running) → EXITING (waiting for the tasks) → CLOSED; {@code aborting}
 * is set once the group starts cancelling its tasks, in OPEN or EXITING. No task can be added
 * once aborting or closed. Semantics follow asyncio's {@code taskgroups.py} line by line.
 * <p>
 * A block that always throws fits both {@link Body} and {@link VoidBody}; give its parameter a
 * type ({@code (TaskGroup g) -> ...}) so that the compiler can choose.
 * <p>
 * {@link KeyboardInterruptException} and {@link VirtualMachineError}s (asyncio's
 * KeyboardInterrupt and SystemExit) are not grouped: once the tasks are done the first one is
 * re-raised as it is.
 * <p>
 * Why a block ({@link #run}) and not try-with-resources: {@code close()} cannot see the
 * exception leaving a try block, so it could not cancel the tasks when the block fails, nor
 * raise the failures together with the block's own.
 * <p>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code asyncio.TaskGroup}
 */
public final class TaskGroup {
    /** Group states; see the class comment. asyncio: {@code TaskGroup._entered / _exiting} */
    public enum State {
        /** Not entered yet. */
        NEW,
        /** The block runs. */
        OPEN,
        /** The block ended; waiting for the group's tasks. */
        EXITING,
        /** Every task is done; final. */
        CLOSED
    }

    /** The block run by {@link #run}. asyncio: the body of async with TaskGroup() as tg: */
    @FunctionalInterface
    public interface Body<T> {
        /** The block; may suspend. */
        T call(TaskGroup group) throws Exception;
    }

    /** A block without a result. asyncio: the body of async with TaskGroup() as tg: */
    @FunctionalInterface
    public interface VoidBody {
        /** The block; may suspend. */
        void call(TaskGroup group) throws Exception;
    }

    private State state = State.NEW;
    private boolean aborting;
    private EventLoop loop;
    private Task<?> parentTask;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private List<Throwable> errors = new ArrayList<>();
    /** The first error that must not be grouped (see {@link #isBaseError}); re-raised as it is. */
    private Throwable baseError;
    private Future<Boolean> onCompleted;

    private TaskGroup() {
    }

    /**
     * Runs {@code body} with a new group and waits for all its tasks. May suspend.
     * asyncio: {@code async with asyncio.TaskGroup() as tg:}
     */
    public static <T> T run(Body<T> body) {
        return new TaskGroup().runBody(body);
    }

    /**
     * Runs {@code body} with a new group and waits for all its tasks. May suspend.
     * asyncio: {@code async with asyncio.TaskGroup() as tg:}
     */
    public static void run(VoidBody body) {
        new TaskGroup().runBody(g -> {
            body.call(g);
            return null;
        });
    }

    private <T> T runBody(Body<T> body) {
        loop = EventLoop.getRunningLoop();
        parentTask = Task.current();
        if (parentTask == null) {
            throw new IllegalStateException("TaskGroup.run(): must be used inside a task; run it from a coroutine "
                    + "(Asyncio.run(...), createTask(...))");
        }
        state = State.OPEN;
        T value = null;
        Throwable failure = null;
        try {
            value = body.call(this);
        } catch (Throwable t) {
            failure = t;
        }
        exit(failure);
        return value;
    }

    /**
     * Starts a task in the group. asyncio: {@code TaskGroup.create_task()}
     *
     * @throws IllegalStateException if the group is finished or shutting down
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /** Starts a task without a result in the group. asyncio: {@code tg.create_task(coro)} */
    public Task<Void> createTask(Coroutine.VoidCoroutine coro) {
        return createTask(Coroutine.of(coro), null);
    }

    /** Starts a named task in the group. asyncio: {@code tg.create_task(coro, name=...)} */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, null);
    }

    /** {@link #createTask(Coroutine, String)} for a coroutine without a result. asyncio: {@code TaskGroup.create_task(coro, name=...)} */
    public Task<Void> createTask(Coroutine.VoidCoroutine coro, String name) {
        return createTask(coro == null ? null : Coroutine.of(coro), name, null);
    }

    /**
     * {@link #createTask(Coroutine, String)} running the task in {@code context} (null: a copy of
     * the calling code's current context). asyncio: {@code TaskGroup.create_task(coro, name=..., context=...)}
     */
    public Task<Void> createTask(Coroutine.VoidCoroutine coro, String name, Context context) {
        return createTask(coro == null ? null : Coroutine.of(coro), name, context);
    }

    /**
     * {@link #createTask(Coroutine, String)} running the task in {@code context} (null: a copy of
     * the calling code's current context). asyncio: {@code TaskGroup.create_task(coro, name=..., context=...)}
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        if (state == State.NEW) {
            throw new IllegalStateException("TaskGroup.createTask(): the group has not been entered");
        }
        if (state == State.CLOSED || (state == State.EXITING && tasks.isEmpty())) {
            throw new IllegalStateException("TaskGroup.createTask(): the group is finished; create tasks inside "
                    + "its block");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup.createTask(): the group is shutting down (a task failed or "
                    + "it was cancelled)");
        }
        Task<T> t = loop.createTask(coro, name, context);
        t.inTaskGroup = true;
        if (t.isDone()) {
            onTaskDone(t);
        } else {
            tasks.add(t);
            t.addDoneCallback(this::onTaskDone);
        }
        return t;
    }

    private void exit(Throwable exc) {
        state = State.EXITING;
        if (exc != null && isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        CancelledError propagateCancellation = exc instanceof CancelledError ce ? ce : null;
        if (exc != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                onCompleted.await();
            } catch (CancelledError ex) {
                if (!aborting) {
                    propagateCancellation = ex;
                    abort();
                }
            }
            onCompleted = null;
        }
        state = State.CLOSED;
        if (baseError != null) {
            throw Sneaky.rethrow(baseError);
        }
        if (parentCancelRequested) {
            // this group cancelled the parent itself; take that back
            if (parentTask.uncancel() == 0) {
                propagateCancellation = null;
            }
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw propagateCancellation;
        }
        if (exc != null && !(exc instanceof CancelledError)) {
            errors.add(exc);
        }
        if (!errors.isEmpty()) {
            if (parentTask.cancelling() > 0) {
                // the parent was also cancelled from outside: keep exactly one request pending
                parentTask.uncancel();
                parentTask.cancel();
            }
            List<Throwable> all = errors;
            errors = null;
            throw new ExceptionGroupException("unhandled errors in a TaskGroup", all);
        }
        if (exc != null) {
            throw Sneaky.rethrow(exc);
        }
    }

    /**
     * Errors that end the program rather than one operation (asyncio: KeyboardInterrupt and
     * SystemExit): Ctrl-C and the JVM running out of memory or stack. They are re-raised as they
     * are once the tasks are done, never wrapped in a group.
     */
    private static boolean isBaseError(Throwable e) {
        return e instanceof KeyboardInterruptException || e instanceof VirtualMachineError;
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.setResult(true);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable exc = task.exception();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        if (parentTask.isDone()) {
            loop.callExceptionHandler(ExceptionContext.of("Task " + task + " has errored out but its parent task "
                    + parentTask + " is already completed", exc).with("task", task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    /** The current state. asyncio: {@code TaskGroup._entered / _exiting} */
    public State state() {
        return state;
    }

    /** Shows tasks, errors and state as asyncio does. asyncio: {@code repr(tg)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            sb.append(" tasks=").append(tasks.size());
        }
        if (errors != null && !errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        if (aborting) {
            sb.append(" cancelling");
        } else if (state != State.NEW) {
            sb.append(" entered");
        }
        return sb.append('>').toString();
    }
}
