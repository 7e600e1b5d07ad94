package io.asyncio4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;

/**
 * The loom engine's fast paths into the JDK's virtual threads, each optional: on a JDK without
 * them the engine does the same work the slower way. Both need the loom engine's
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}; without it both are absent.
 * <ul>
 *   <li>{@link #newThread}: {@code ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)},
 *       the static factory behind {@code VirtualThreadBuilder.unstarted}: no builder per task.</li>
 *   <li>{@link #strandOf}: a virtual thread's {@code scheduler} field. A task's thread is
 *       scheduled by its own {@link LoomEngine.LoomStrand}, so the strand is found from the
 *       thread without a {@code ThreadLocal}, which would give every task thread a map of its
 *       own (~130 bytes and a few hundred ns per task).</li>
 * </ul>
 * Immutable after class initialisation; any thread.
 */
final class LoomThreads {
    /** {@code (Executor, String, int, Runnable) -> Thread}, or null. */
    private static final MethodHandle NEW_THREAD;
    /** {@code java.lang.VirtualThread}, or null. */
    private static final Class<?> VIRTUAL_THREAD;
    /** {@code (Thread) -> Executor}: a virtual thread's scheduler; or null. */
    private static final MethodHandle SCHEDULER_OF;

    static {
        MethodHandle newThread = null;
        try {
            Method m = Class.forName("java.lang.ThreadBuilders").getDeclaredMethod("newVirtualThread",
                    Executor.class, String.class, int.class, Runnable.class);
            m.setAccessible(true);
            newThread = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(Thread.class,
                    Executor.class, String.class, int.class, Runnable.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            newThread = null; // not this JDK, or java.lang not open: the builder does it
        }
        Class<?> vt = null;
        MethodHandle schedulerOf = null;
        try {
            vt = Class.forName("java.lang.VirtualThread");
            schedulerOf = MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                    .findGetter(vt, "scheduler", Executor.class)
                    .asType(MethodType.methodType(Executor.class, Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            vt = null; // Strand.current() then uses its ThreadLocal
            schedulerOf = null;
        }
        NEW_THREAD = newThread;
        VIRTUAL_THREAD = vt;
        SCHEDULER_OF = schedulerOf;
    }

    private LoomThreads() {
    }

    /**
     * An unstarted virtual thread running {@code task}, scheduled by {@code scheduler}, or null
     * when this JDK has no such factory. Characteristics 0, as a builder's: it inherits
     * inheritable thread locals.
     */
    static Thread newThread(Executor scheduler, Runnable task) {
        if (NEW_THREAD == null) {
            return null;
        }
        try {
            return (Thread) NEW_THREAD.invokeExact(scheduler, (String) null, 0, task);
        } catch (Throwable e) {
            throw new IllegalStateException("asyncio4j: cannot create a loop-scheduled virtual thread", e);
        }
    }

    /** True when {@link #strandOf} can find loom strands. */
    static boolean canFindStrand() {
        return SCHEDULER_OF != null;
    }

    /**
     * The loom strand whose own thread is {@code t}, or null: another kind of thread, a virtual
     * thread that a task started (it inherits the task's scheduler but is not the task), or a
     * JDK where the scheduler cannot be read.
     */
    static Strand strandOf(Thread t) {
        if (SCHEDULER_OF != null && t.getClass() == VIRTUAL_THREAD) {
            Executor scheduler;
            try {
                scheduler = (Executor) SCHEDULER_OF.invokeExact(t);
            } catch (Throwable e) {
                throw Sneaky.rethrow(e);
            }
            if (scheduler instanceof LoomEngine.LoomStrand s && s.thread == t) {
                return s;
            }
        }
        return null;
    }
}
