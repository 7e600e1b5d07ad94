package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rule that ties a synchronization primitive (or a queue) to one event loop: it binds to
 * the running loop on first use, and from then on only that loop's tasks and callbacks may use
 * it. Used from another loop, or from another thread while its loop runs, it raises
 * {@link IllegalStateException} naming the thread-safe ways in
 * ({@code loop.callSoonThreadsafe(...)}, {@code Asyncio.runCoroutineThreadsafe(...)}), before
 * any state is touched, instead of corrupting its waiter lists.
 * <p>
 * States: UNBOUND ──first use in a loop──▶ BOUND (final). While UNBOUND, code outside any loop
 * may still use the non-suspending operations (prepare a queue before {@code Asyncio.run}, as
 * CPython allows), one thread at a time; while BOUND and its loop is not running, the thread
 * that prepares the loop may, as {@link EventLoop} itself allows.
 * <p>
 * Threading: {@link #boundLoop()} from any thread; the checks from any thread (that is their
 * point). The binding is a compare-and-set, so two loops racing to bind cannot both win.
 * <p>
 * asyncio: {@code asyncio.mixins._LoopBoundMixin}
 */
public final class LoopBinding {
    private static final VarHandle LOOP;

    static {
        try {
            LOOP = MethodHandles.lookup().findVarHandle(LoopBinding.class, "loop", EventLoop.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The loop this is bound to; null while unbound. Written once, by CAS. */
    private volatile EventLoop loop;

    /** An unbound binding. asyncio: {@code _LoopBoundMixin._loop = None} */
    public LoopBinding() {
    }

    /** The loop bound to, or null if no loop has used the primitive yet. Any thread. asyncio: {@code _loop} */
    public EventLoop boundLoop() {
        return loop;
    }

    /**
     * Checks a non-suspending operation: binds to the running loop on first use and returns it;
     * returns null when the caller runs no loop and that is allowed (unbound, or bound to a loop
     * that is not running). asyncio: {@code _LoopBoundMixin._get_loop()}, checked on every operation
     *
     * @param owner the primitive, named in error messages
     * @param what the operation, e.g. {@code "Lock.release()"}
     * @throws IllegalStateException if bound to another loop, or called from a thread other than
     *     the running bound loop's
     */
    public EventLoop check(Object owner, String what) {
        EventLoop running = runningLoop();
        EventLoop bound = loop;
        if (running != null && running == bound) {
            return running;
        }
        return slowCheck(running, bound, owner, what);
    }

    /**
     * Checks an operation that may suspend: it must run in a task, of the bound loop (binding
     * it on first use). Returns that loop. asyncio: {@code _LoopBoundMixin._get_loop()} before awaiting
     *
     * @throws IllegalStateException outside a task, or in a task of another loop
     */
    public EventLoop checkTask(Object owner, String what) {
        Task<?> task = Task.current();
        EventLoop bound = loop;
        if (task != null) {
            EventLoop running = task.getLoop();
            if (running == bound) {
                return running;
            }
            return slowCheck(running, bound, owner, what);
        }
        // not in a task: a callback on the loop thread, another thread, or no loop at all
        EventLoop running = runningLoop();
        if (running == null && bound != null && bound.isRunning()) {
            throw foreignThread(owner, what);
        }
        if (running != null && bound != null && running != bound) {
            throw differentLoop(owner, what);
        }
        throw new IllegalStateException(what + ": called outside a task; it may suspend, so it must run "
                + "inside a coroutine (Asyncio.run(...), createTask(...)). From other threads use "
                + "Asyncio.runCoroutineThreadsafe(...) or loop.callSoonThreadsafe(...)");
    }

    private EventLoop slowCheck(EventLoop running, EventLoop bound, Object owner, String what) {
        if (bound == null) {
            if (running == null) {
                return null; // unbound and no loop here: preparing it, as CPython allows
            }
            EventLoop witness = (EventLoop) LOOP.compareAndExchange(this, (EventLoop) null, running);
            if (witness == null || witness == running) {
                return running;
            }
            throw differentLoop(owner, what);
        }
        if (running == null) {
            if (bound.isRunning()) {
                throw foreignThread(owner, what);
            }
            return null; // the loop is not running: whoever prepares it may, as EventLoop allows
        }
        throw differentLoop(owner, what);
    }

    /** The loop running the caller (task or loop-thread callback), or null. */
    private static EventLoop runningLoop() {
        Task<?> task = Task.current();
        if (task != null) {
            return task.getLoop();
        }
        try {
            return EventLoop.getRunningLoop();
        } catch (IllegalStateException noLoop) {
            return null;
        }
    }

    private static IllegalStateException differentLoop(Object owner, String what) {
        return new IllegalStateException(what + ": " + owner + " is bound to a different event loop (the first "
                + "one that used it); a primitive serves the tasks of one loop. Create one per loop, or hand the "
                + "work to its loop with loop.callSoonThreadsafe(...) or Asyncio.runCoroutineThreadsafe(...)");
    }

    private static IllegalStateException foreignThread(Object owner, String what) {
        return new IllegalStateException(what + ": called from thread '" + Thread.currentThread().getName()
                + "', which does not run the event loop " + owner + " is bound to; it is not thread-safe. From "
                + "other threads use loop.callSoonThreadsafe(...) or Asyncio.runCoroutineThreadsafe(...)");
    }

    /** {@code <LoopBinding unbound>} or {@code <LoopBinding bound to <EventLoop ...>>}. asyncio: none */
    @Override
    public String toString() {
        EventLoop l = loop;
        return l == null ? "<LoopBinding unbound>" : "<LoopBinding bound to " + l + ">";
    }
}
