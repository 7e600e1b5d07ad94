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
 * {@link LoomThreads} holds the optional faster ways in (no builder per task, the strand found
 * from its thread).
 */
final class LoomEngine implements Engine {
    private static final MethodHandle NEW_BUILDER;
    private static final String UNAVAILABLE;
    /**
     * The JDK's own virtual-thread scheduler. A virtual thread started by a task inherits the
     * task's scheduler (the JDK's rule for builders without one), so its steps would land on the
     * task's strand; {@link LoomStrand#execute} sends them here instead, where every ordinary
     * virtual thread runs. {@link #offLoopThreads} makes its threads here from the start.
     */
    private static final Executor JDK_SCHEDULER;

    static {
        MethodHandle mh = null;
        String why = null;
        Executor jdk = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> ctor = c.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
            Method m = Class.forName("java.lang.VirtualThread").getDeclaredMethod("defaultScheduler");
            m.setAccessible(true);
            jdk = (Executor) m.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            mh = null;
            why = e.toString();
        }
        NEW_BUILDER = mh;
        UNAVAILABLE = why;
        JDK_SCHEDULER = jdk;
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

    LoomEngine() {
        primeVirtualThreadPaths();
    }

    /** Virtual threads on the JDK's scheduler, whichever thread makes them (see {@link Engine#offLoopThreads}). */
    @Override
    public java.util.concurrent.ThreadFactory offLoopThreads(String namePrefix) {
        try {
            Thread.Builder.OfVirtual b = (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact(JDK_SCHEDULER);
            return b.name(namePrefix, 1).factory();
        } catch (Throwable e) {
            throw new IllegalStateException("asyncio4j: cannot make off-loop virtual threads", e);
        }
    }

    @Override
    public Strand newStrand(LoopCore loop, Object owner, Runnable body) {
        LoomStrand s = new LoomStrand(loop, owner, body);
        // When the strand is found from its thread (LoomThreads.strandOf), runBody would only
        // call body: the thread runs body itself, one object and one frame less per task.
        s.thread = newThread(s, LoomThreads.canFindStrand() ? body : s::runBody);
        return s;
    }

    /** An unstarted virtual thread running {@code task}, scheduled by {@code scheduler}. */
    private static Thread newThread(Executor scheduler, Runnable task) {
        Thread t = LoomThreads.newThread(scheduler, task);
        if (t != null) {
            return t;
        }
        Thread.Builder.OfVirtual builder;
        try {
            builder = (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact(scheduler);
        } catch (Throwable e) {
            throw new IllegalStateException("asyncio4j: cannot create a loop-scheduled virtual thread", e);
        }
        return builder.unstarted(task);
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
