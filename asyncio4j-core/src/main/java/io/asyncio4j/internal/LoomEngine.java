package io.asyncio4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Tasks are virtual threads whose scheduler is the event loop: when the JDK makes a task's
 * virtual thread runnable it hands the continuation to {@link LoomStrand#execute}, which appends
 * it to the loop's ready queue; the loop thread runs it until the thread parks again.
 * <p>
 * The hook is the JDK's non-public {@code ThreadBuilders.VirtualThreadBuilder(Executor)}
 * constructor, reached by reflection; it needs {@code --add-opens java.base/java.lang=...}.
 */
final class LoomEngine implements Engine {
    private static final MethodHandle NEW_BUILDER;
    private static final String UNAVAILABLE;

    static {
        MethodHandle mh = null;
        String why = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> ctor = c.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = e.toString();
        }
        NEW_BUILDER = mh;
        UNAVAILABLE = why;
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
        Thread.Builder.OfVirtual builder;
        try {
            builder = (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact((Executor) s);
        } catch (Throwable e) {
            throw new IllegalStateException("asyncio4j: cannot create a loop-scheduled virtual thread", e);
        }
        s.thread = builder.unstarted(s::runBody);
        return s;
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
