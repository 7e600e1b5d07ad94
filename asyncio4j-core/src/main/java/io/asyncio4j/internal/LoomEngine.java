package io.asyncio4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Tasks are virtual threads whose scheduler is the event loop: when the JDK makes a task's
 * virtual thread runnable it hands the continuation to {@link LoomStrand#execute}, which appends
 * it to the loop's ready queue; the loop thread runs it until the thread parks again.
 * <p>
 * The hook is the JDK's non-public {@code ThreadBuilders.VirtualThreadBuilder(Executor)}
 * constructor, reached by reflection; it needs {@code --add-opens java.base/java.lang=...}.
 * Where the JDK has it, the static factory that builder calls,
 * {@code ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)}, is called directly
 * instead: same thread, one builder object less per task.
 */
final class LoomEngine implements Engine {
    private static final MethodHandle NEW_BUILDER;
    /** {@code (Executor, String, int, Runnable) -> Thread}, or null: then NEW_BUILDER is used. */
    private static final MethodHandle NEW_THREAD;
    private static final String UNAVAILABLE;
    /**
     * The JDK's own virtual-thread scheduler. A virtual thread started by a task inherits the
     * task's scheduler (the JDK's rule for builders without one), so its steps would land on the
     * task's strand; {@link LoomStrand#execute} sends them here instead, where every ordinary
     * virtual thread runs.
     */
    private static final Executor JDK_SCHEDULER;
    /** {@code java.lang.VirtualThread}, or null. */
    private static final Class<?> VIRTUAL_THREAD;
    /** {@code (Thread) -> Executor}: a virtual thread's scheduler, which is its strand; or null. */
    private static final MethodHandle SCHEDULER_OF;

    static {
        MethodHandle mh = null;
        MethodHandle direct = null;
        Class<?> vt = null;
        MethodHandle schedulerOf = null;
        String why = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> ctor = c.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
            try {
                Method m = Class.forName("java.lang.ThreadBuilders").getDeclaredMethod("newVirtualThread",
                        Executor.class, String.class, int.class, Runnable.class);
                m.setAccessible(true);
                direct = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(Thread.class,
                        Executor.class, String.class, int.class, Runnable.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                direct = null; // another JDK: the builder works too
            }
            try {
                vt = Class.forName("java.lang.VirtualThread");
                schedulerOf = MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                        .findGetter(vt, "scheduler", Executor.class)
                        .asType(MethodType.methodType(Executor.class, Thread.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                vt = null; // another JDK: Strand.current() falls back to its ThreadLocal
                schedulerOf = null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = e.toString();
        }
        Executor jdk = null;
        if (mh != null) {
            try {
                java.lang.reflect.Method m = Class.forName("java.lang.VirtualThread").getDeclaredMethod("defaultScheduler");
                m.setAccessible(true);
                jdk = (Executor) m.invoke(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                mh = null;
                why = "cannot reach the JDK's virtual-thread scheduler: " + e;
            }
        }
        NEW_BUILDER = mh;
        NEW_THREAD = direct;
        UNAVAILABLE = why;
        JDK_SCHEDULER = jdk;
        VIRTUAL_THREAD = vt;
        SCHEDULER_OF = schedulerOf;
    }

    /**
     * The loom strand whose thread is {@code t}, or null (another kind of thread, or a JDK where
     * the scheduler cannot be read). A loop-scheduled virtual thread's scheduler is its strand,
     * so no ThreadLocal is needed: a ThreadLocal costs every task a map of its own (~130 bytes).
     */
    static Strand strandOf(Thread t) {
        if (SCHEDULER_OF != null && t.getClass() == VIRTUAL_THREAD) {
            Executor scheduler;
            try {
                scheduler = (Executor) SCHEDULER_OF.invokeExact(t);
            } catch (Throwable e) {
                throw Sneaky.rethrow(e);
            }
            // a virtual thread started by a task inherits the task's scheduler (see JDK_SCHEDULER):
            // only the strand's own thread is the strand
            if (scheduler instanceof LoomStrand s && s.thread == t) {
                return s;
            }
        }
        return null;
    }

    LoomEngine() {
        primeVirtualThreadPaths();
    }

    /** The JDK's scheduler for ordinary virtual threads (see {@link Engine#offLoopThreads}). */
    private static final Executor OFF_LOOP_SCHEDULER = offLoopScheduler();

    private static Executor offLoopScheduler() {
        try {
            java.lang.reflect.Field f = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
            f.setAccessible(true);
            return (Executor) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public java.util.concurrent.ThreadFactory offLoopThreads(String namePrefix) {
        if (OFF_LOOP_SCHEDULER == null || NEW_BUILDER == null) {
            return Thread.ofPlatform().daemon().name(namePrefix, 1).factory();
        }
        try {
            Thread.Builder.OfVirtual b = (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact(OFF_LOOP_SCHEDULER);
            return b.name(namePrefix, 1).factory();
        } catch (Throwable e) {
            return Thread.ofPlatform().daemon().name(namePrefix, 1).factory();
        }
    }

    static boolean isAvailable() {
        return NEW_BUILDER != null;
    }

    static String unavailableReason() {
        return UNAVAILABLE;
    }

    @Override
    public String name() {
        return "loom";
    }

    @Override
    public Strand newStrand(LoopCore loop, Object owner, Runnable body) {
        LoomStrand s = new LoomStrand(loop, owner, body);
        // When the strand can be found from its thread (strandOf), runBody would only call body:
        // the thread runs body itself, one object and one frame less per task.
        s.thread = newThread(s, SCHEDULER_OF != null ? body : s::runBody);
        return s;
    }

    /** An unstarted virtual thread running {@code task}, scheduled by {@code scheduler}. */
    private static Thread newThread(Executor scheduler, Runnable task) {
        try {
            if (NEW_THREAD != null) {
                // characteristics 0: inherit inheritable thread locals, as the builder does
                return (Thread) NEW_THREAD.invokeExact(scheduler, (String) null, 0, task);
            }
            Thread.Builder.OfVirtual builder = (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact(scheduler);
            return builder.unstarted(task);
        } catch (Throwable e) {
            throw new IllegalStateException("asyncio4j: cannot create a loop-scheduled virtual thread", e);
        }
    }

    /**
     * Takes one loop-scheduled virtual thread through start, yield, park, unpark and end, once per
     * process, before any task exists. Why: the JIT compiles {@code VirtualThread.run} once it is
     * hot; if by then no virtual thread has ever ended, the compiled code has a trap where the
     * end-of-thread code refers to a class not loaded yet, and every task frozen in that compiled
     * frame (say 100,000 sleepers started together) is deoptimised one by one when it ends,
     * ~20 us each. Running the paths once loads and resolves what they need. Costs well under a
     * millisecond.
     */
    private static void primeVirtualThreadPaths() {
        Runnable prime = () -> {
            ArrayDeque<Runnable> queue = new ArrayDeque<>();
            Thread t = newThread(queue::add, () -> {
                Thread.yield();
                LockSupport.park();
            });
            t.start();
            drain(queue); // runs until the park
            LockSupport.unpark(t);
            drain(queue); // runs to the end
        };
        try {
            if (Thread.currentThread().isVirtual()) {
                // a loop-scheduled thread can only be mounted on a platform thread
                Thread p = Thread.ofPlatform().name("asyncio4j-prime").start(prime);
                p.join();
            } else {
                prime.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // priming is an optimisation only
        }
    }

    private static void drain(ArrayDeque<Runnable> queue) {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }

    /**
     * A strand whose thread's scheduler is this object: {@link #execute} receives the thread's
     * continuation each time the JDK makes it runnable (start, unpark, yield) and queues it on
     * the loop. {@code execute} may be called from any thread: the JDK's timed-park unparker and
     * I/O pollers wake virtual threads from their own threads.
     */
    static final class LoomStrand extends Strand implements Executor {
        Thread thread;
        private Runnable continuation; // the same Runnable every time; written before queueing
        private boolean started;

        LoomStrand(LoopCore loop, Object owner, Runnable body) {
            super(loop, owner, body);
        }

        @Override
        public void execute(Runnable cont) {
            Runnable own = continuation;
            if (own != cont && own != null) {
                // a virtual thread started by this task (Thread.ofVirtual(), an executor):
                // it inherited this scheduler but is not the task; run it like any virtual thread
                JDK_SCHEDULER.execute(cont);
                return;
            }
            continuation = cont;
            loop.schedule(this);
        }

        /** Runs one step of the task: mounts the virtual thread on the loop thread until it parks. */
        @Override
        public void run() {
            Thread saved = loop.runningThread;
            loop.runningThread = thread;
            try {
                continuation.run();
            } finally {
                loop.runningThread = saved;
            }
        }

        @Override
        public void start() {
            startThread();
        }

        @Override
        protected boolean isStarted() {
            return started;
        }

        @Override
        protected void startThread() {
            started = true;
            thread.start();
        }

        @Override
        public void yieldNow() {
            Thread.yield();
        }

        @Override
        protected void park() {
            LockSupport.park(this);
        }

        @Override
        protected void unpark() {
            LockSupport.unpark(thread);
        }

        @Override
        public boolean isCurrentThread() {
            return Thread.currentThread() == thread;
        }

        @Override
        public Thread thread() {
            return thread;
        }
    }
}
