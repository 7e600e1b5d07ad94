package io.asyncio4j.internal;

import java.lang.System.Logger.Level;

/**
 * How a task's steps run on the loop thread. The one seam between asyncio4j and the JDK's
 * virtual-thread internals: when the JDK ships a public custom-scheduler API, a new engine
 * replaces {@link LoomEngine} here and nothing else changes.
 * <p>
 * Two engines exist: {@link LoomEngine} makes each task a virtual thread whose scheduler is
 * the loop (needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}); {@link PortableEngine}
 * runs each task on an ordinary virtual thread and passes a baton so that only one task of a
 * loop runs at a time. Same semantics, slower switches.
 */
public interface Engine {

    /** "loom" or "portable". */
    String name();

    /** A new, unstarted strand running {@code body} for {@code owner} on {@code loop}. */
    Strand newStrand(LoopCore loop, Object owner, Runnable body);

    /**
     * Threads for work that must run off the loop (the default executor, file and subprocess
     * helpers): virtual threads on the JDK's own scheduler, whatever thread creates them. A
     * virtual thread made by a task with {@code Thread.ofVirtual()} inherits the task's strand
     * as its scheduler; the loom strand passes such a thread's steps on to the JDK's scheduler
     * (so user code is safe), but that costs a hop per step and keeps the task reachable from
     * the thread: the library's own threads come from here instead.
     */
    default java.util.concurrent.ThreadFactory offLoopThreads(String namePrefix) {
        return Thread.ofVirtual().name(namePrefix, 1).factory();
    }

    /**
     * The process-wide engine: the property {@code asyncio4j.engine} ({@code loom},
     * {@code portable}) if set, else loom when the JVM allows it, else portable with a one-line
     * warning naming the flag.
     */
    static Engine get() {
        return Holder.ENGINE;
    }

    /** Lazily chosen once per process. */
    final class Holder {
        static final Engine ENGINE = choose();

        private Holder() {
        }

        private static Engine choose() {
            String wanted = System.getProperty("asyncio4j.engine", "auto");
            switch (wanted) {
                case "portable":
                    return new PortableEngine();
                case "loom":
                    if (!LoomEngine.isAvailable()) {
                        throw new IllegalStateException("asyncio4j.engine=loom: the JVM does not open java.lang to "
                                + "asyncio4j; start it with --add-opens java.base/java.lang=ALL-UNNAMED ("
                                + LoomEngine.unavailableReason() + ")");
                    }
                    return new LoomEngine();
                case "auto":
                    if (LoomEngine.isAvailable()) {
                        return new LoomEngine();
                    }
                    System.getLogger("asyncio4j").log(Level.WARNING,
                            "asyncio4j: portable engine (slower task switches); start the JVM with "
                                    + "--add-opens java.base/java.lang=ALL-UNNAMED for the loom engine");
                    return new PortableEngine();
                default:
                    throw new IllegalArgumentException("asyncio4j.engine=" + wanted
                            + ": unknown engine; use loom, portable or auto");
            }
        }
    }
}
