package io.asyncio4j.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the blocking calls behind the file and subprocess APIs, as {@link Executor}s to
 * hand to {@code EventLoop.runInExecutor} (which counts the work for the loop clock).
 * <p>
 * Why not plain virtual threads: on the loom engine a task is a virtual thread whose scheduler
 * is its strand, and the JDK gives a virtual thread created from another virtual thread the
 * parent's scheduler. {@link #virtualThreads} therefore makes its threads with
 * {@link Engine#offLoopThreads}, which puts them on the JDK's own scheduler whoever starts them;
 * and blocking file reads, which pin a virtual thread to its carrier anyway, run on a small
 * pool of platform threads.
 * <p>
 * <p>
 * Threading: every method is safe from any thread. Idle threads end after 10 seconds.
 */
public final class BlockingIo {
    private static final int POOL_SIZE = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private static final ThreadPoolExecutor POOL = pool("asyncio4j-io-", POOL_SIZE);

    /** Short blocking calls (file reads and writes, fork/exec) on a bounded platform-thread pool. */
    public static final Executor IO = POOL::execute;

    private BlockingIo() {
    }

    private static ThreadPoolExecutor pool(String prefix, int size) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor ex = new ThreadPoolExecutor(size, size, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), f);
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }

    /**
     * An executor that runs each job on a new virtual thread named {@code name-N} with the JDK's
     * default scheduler, whatever thread submits it (see the class comment).
     */
    public static Executor virtualThreads(String name) {
        ThreadFactory threads = Engine.get().offLoopThreads(name + "-");
        return job -> threads.newThread(job).start();
    }
}
