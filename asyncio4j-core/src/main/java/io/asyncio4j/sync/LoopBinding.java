package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rules that keep a synchronization primitive (or a queue) with one event loop, as
 * asyncio's {@code _LoopBoundMixin} does, plus the thread check Java needs:
 * <ul>
 * <li><b>Binding</b> (asyncio's): the first time a task has to <em>wait</em> on the primitive
 * ({@link #newWaiter}), the primitive binds to that task's loop for good; a task of another loop
 * that has to wait on it later raises "is bound to a different event loop". Operations that do
 * not wait (an uncontended acquire, a release, {@code putNowait}, setting an event) neither bind
 * nor look at the binding, so a module-level lock or queue serves one {@code Asyncio.run} after
 * another, as in CPython.
 * <li><b>Confinement</b> (ours; CPython has the GIL): a primitive is not thread-safe, so while
 * one loop runs and uses it, any operation from another thread (a plain thread, or a second loop
 * running at the same time) raises {@link IllegalStateException} naming the thread-safe ways in
 * ({@code loop.callSoonThreadsafe(...)}, {@code Asyncio.runCoroutineThreadsafe(...)}), before
 * any state is touched, instead of corrupting the waiter lists. Once that loop has stopped,
 * another may take the primitive over.
 * </ul>
 * States of the binding: UNBOUND ──a task of loop L waits──▶ BOUND to L (final). The user (the
 * loop whose tasks and callbacks last used the primitive) moves from one loop to the next only
 * while the previous one is not running. Code outside any loop may use the non-suspending
 * operations while no loop using the primitive runs (prepare a queue before
 * {@code Asyncio.run}, as CPython allows).
 * <p>
 * Threading: {@link #boundLoop()} from any thread; the checks from any thread (that is their
 * point). Binding and taking over are compare-and-sets, so two loops racing cannot both win.
 * <p>
 * asyncio: {@code asyncio.mixins._LoopBoundMixin}
 */
public final class LoopBinding {
    private static final VarHandle LOOP;
    private static final VarHandle USER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOOP = lookup.findVarHandle(LoopBinding.class, "loop", EventLoop.class);
            USER = lookup.findVarHandle(LoopBinding.class, "user", EventLoop.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The loop bound to by the first wait; null while unbound. Written once, by CAS. */
    private volatile EventLoop loop;
    /** The loop whose tasks and callbacks last used the primitive; null before any. Changed by CAS. */
    private volatile EventLoop user;

    /** An unbound binding. asyncio: {@code _LoopBoundMixin._loop = None} */
    public LoopBinding() {
    }

    /** The loop bound to, or null if no task has waited on the primitive yet. Any thread. asyncio: {@code _loop} */
    public EventLoop boundLoop() {
        return loop;
    }

    /**
     * Checks a non-suspending operation and returns the caller's running loop, or null when the
     * caller runs no loop and that is allowed (no loop using the primitive is running). Does not
     * bind. asyncio: none (CPython's non-waiting operations check nothing; see the class comment)
     *
     * @param owner the primitive, named in error messages
     * @param what the operation, e.g. {@code "Lock.release()"}
     * @throws IllegalStateException if called from another thread while a loop using the
     *     primitive runs
     */
    public EventLoop check(Object owner, String what) {
        EventLoop running = runningLoop();
        if (running != null && running == user) {
            return running;
        }
        return takeOver(running, owner, what);
    }

    /**
     * Checks an operation that may suspend: it must run in a task, and no other running loop
     * may be using the primitive. Returns the task's loop. Does not bind: {@link #newWaiter}
     * does, if the operation has to wait.
     *
     * @throws IllegalStateException outside a task, or from another thread while a loop using
     *     the primitive runs
     */
    public EventLoop checkTask(Object owner, String what) {
        Task<?> task = Task.current();
        if (task != null) {
            EventLoop running = task.getLoop();
            if (running == user) {
                return running;
            }
            return takeOver(running, owner, what);
        }
        // not in a task: a callback on the loop thread, another thread, or no loop at all
        takeOver(runningLoop(), owner, what); // a foreign thread or loop hears that first
        throw new IllegalStateException(what + ": called outside a task; it may suspend, so it must run "
                + "inside a coroutine (Asyncio.run(...), createTask(...)). From other threads use "
                + "Asyncio.runCoroutineThreadsafe(...) or loop.callSoonThreadsafe(...)");
    }

    /**
     * A new waiter future on {@code running} (what {@link #checkTask} returned), binding the
     * primitive to that loop if this is its first wait. asyncio: {@code self._get_loop().create_future()}
     *
     * @throws IllegalStateException if a task of another loop waited on the primitive first
     */
    public <V> Future<V> newWaiter(EventLoop running, Object owner, String what) {
        EventLoop bound = loop;
        if (bound != running) {
            if (bound != null) {
                throw differentLoop(owner, what);
            }
            EventLoop witness = (EventLoop) LOOP.compareAndExchange(this, (EventLoop) null, running);
            if (witness != null && witness != running) {
                throw differentLoop(owner, what);
            }
        }
        return running.createFuture();
    }

    /**
     * The slow path of the checks: makes {@code running} the user if the current user is not
     * running; otherwise raises, since another thread is using the primitive now.
     */
    private EventLoop takeOver(EventLoop running, Object owner, String what) {
        while (true) {
            EventLoop current = user;
            if (current == running) {
                return running;
            }
            if (current != null && current.isRunning()) {
                throw running == null ? foreignThread(owner, what) : inUseElsewhere(owner, what);
            }
            if (running == null) {
                return null; // no loop here and none using it: preparing it, as CPython allows
            }
            if (USER.compareAndSet(this, current, running)) {
                return running;
            }
        }
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
                + "one whose task waited on it); a primitive serves the waiting tasks of one loop. Create one per "
                + "loop, or hand the work to its loop with loop.callSoonThreadsafe(...) or "
                + "Asyncio.runCoroutineThreadsafe(...)");
    }

    private static IllegalStateException inUseElsewhere(Object owner, String what) {
        return new IllegalStateException(what + ": " + owner + " is in use by another event loop, which is "
                + "running on another thread now; a primitive is not thread-safe. Create one per loop, or hand "
                + "the work to that loop with loop.callSoonThreadsafe(...) or Asyncio.runCoroutineThreadsafe(...)");
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
