package io.asyncio4j.subprocess;

import io.asyncio4j.internal.BlockingIo;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The threads a child process needs, as {@link Executor}s for {@code EventLoop.runInExecutor}
 * (which counts them as work in progress for the loop clock, so a virtual clock does not jump
 * ahead of a running child).
 * <p>
 * Pipe pumps are <em>platform</em> threads (from a cached pool): a blocking read of a pipe pins a virtual thread
 * to its carrier anyway (the JDK then adds a carrier to compensate, up to a limit), so a
 * platform thread costs the same and cannot starve the virtual-thread scheduler that the
 * portable engine's tasks run on. The same goes for starting a process (fork/exec is native
 * code). Waiting for the exit only parks, so it is a virtual thread.
 * <p>
 * None of these executors is an {@code ExecutorService}, so cancelling the loop future never
 * interrupts the thread: an interrupt would not stop a blocked pipe read anyway.
 * <p>
 * A child started by {@link PosixSpawn} needs no pump: its pipes are selectable channels the
 * loop reads and writes itself; only its exit watcher is a thread.
 * <p>
 * asyncio: none (asyncio polls pipes and pidfds in its selector)
 */
final class PipeThreads {
    /** Stack size of the pump threads: they only loop over read/write calls. */
    private static final long PUMP_STACK = 256 * 1024;

    /**
     * Waits for a child's exit (the JDK's waitFor parks: cheap on a virtual thread, started
     * with the JDK's scheduler, see {@link BlockingIo}).
     */
    static final Executor EXIT_WATCHER = BlockingIo.virtualThreads("asyncio4j-exit-watcher");

    /**
     * Waits for the exit of a child started by {@link PosixSpawn} ({@code waitid} blocks in the
     * kernel, so a platform thread: on a virtual thread it would pin a carrier). A thread per
     * running child, as asyncio's {@code ThreadedChildWatcher} and the JDK's process reaper;
     * idle ones are kept 10 s.
     */
    static final Executor CHILD_WATCHER = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(null, r, "asyncio4j-child-watcher", PUMP_STACK);
                t.setDaemon(true);
                return t;
            })::execute;

    /** Starts a child (native fork/exec: a platform thread, see the class comment). */
    static final Executor SPAWNER = BlockingIo.IO;

    private PipeThreads() {
    }

    /** Name of a pump thread waiting in the pool for its next pipe. */
    static final String IDLE_NAME = "asyncio4j-pipe-idle";

    /**
     * Pump threads: a cached pool (a thread per pipe in use, idle ones kept 10 s), because
     * starting a platform thread costs more than starting a child when the machine is busy.
     */
    private static final ThreadPoolExecutor PUMPS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(null, r, IDLE_NAME, PUMP_STACK);
                t.setDaemon(true);
                return t;
            });

    /**
     * An executor that runs its job on a pump thread named {@code name} while it runs, handing
     * the thread to {@code created} first, on that thread, before the job looks at any flag (so
     * the owner's "set flag, then unpark" can never be missed).
     */
    static Executor pump(String name, Consumer<Thread> created) {
        return job -> PUMPS.execute(() -> {
            Thread t = Thread.currentThread();
            t.setName(name);
            try {
                created.accept(t);
                job.run();
            } finally {
                Thread.interrupted(); // the next job starts clean (a stale unpark only causes one spurious wake-up)
                t.setName(IDLE_NAME);
            }
        });
    }

    /** Posts {@code r} to the loop from a pipe thread; a closed loop has nobody left to tell. */
    static void postQuietly(io.asyncio4j.EventLoop loop, Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException loopClosed) {
            // nobody is left to tell
        }
    }

}
