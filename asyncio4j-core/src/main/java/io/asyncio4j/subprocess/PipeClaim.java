package io.asyncio4j.subprocess;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.LoopCore;
import io.asyncio4j.internal.LoopCores;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pump thread that holds the monitor of a JDK child's stdout or stderr stream from right after
 * {@code ProcessBuilder.start()} returns until its {@link PipeReadTransport} hands it the pump's
 * work.
 * <p>
 * Why: once the child exits, the JDK's process reaper drains what the pipe holds at that moment
 * and closes it ({@code ProcessPipeInputStream.processExited}, synchronized on the stream). A
 * grandchild that inherited the pipe and writes later ({@code sh -c '(sleep 0.2; echo late) &
 * echo early'}) was then cut off whenever the child exited before the transport's pump first ran
 * (a loop step and a thread start after the spawn, about a millisecond); asyncio reads to the
 * pipe's real end. So {@link #spawn} starts the child on the thread that becomes the first
 * pipe's pump, which takes the stream's monitor as soon as {@code start()} returns; the reaper
 * then waits for that pump (and, as it drains stdout before stderr, stderr's claim, taken by a
 * second thread, is safe too). A child gone before {@code start()} returns is still cut off:
 * the JDK's reaper may run inside {@code start()}, and nothing can hold the stream earlier (6 in
 * 100 starts of {@code sh -c '(sleep 0.03; echo late) & echo early'} on this machine; with native
 * access the loop spawns the child itself and reads its pipes to the end, see {@link PosixSpawn}).
 * <p>
 * States: HOLDING (the thread holds the monitor and waits) → RUNNING (the handed job runs under
 * the monitor) or RELEASED (no job: the stream was closed because the loop closed or the child
 * was discarded). Threading: {@link #claim} runs on the spawning thread; {@link #run} on any
 * thread, once (later calls are ignored).
 * <p>
 * asyncio: none (asyncio's pipe transport reads the descriptor itself until EOF)
 */
final class PipeClaim {
    /** The job handed over; completed once (later hand-offs are ignored). */
    private final CompletableFuture<Runnable> job = new CompletableFuture<>();

    private PipeClaim() {
    }

    /**
     * Starts {@code pb}'s child on a pump thread that at once claims its stdout (or its stderr
     * when only that one is a pipe), and claims the other pipe too with a second thread; the
     * future gets the child once both are held. The loop clock counts the spawn as work in
     * progress, as {@code runInExecutor}. Loop thread.
     *
     * @param out whether stdout is a pipe
     * @param err whether stderr is a pipe (not merged into stdout)
     */
    static Future<Subprocesses.JdkChild> spawn(EventLoop loop, ProcessBuilder pb, boolean out, boolean err) {
        Future<Subprocesses.JdkChild> fut = loop.createFuture();
        LoopCore core = LoopCores.of(loop);
        core.externalWorkStarted();
        PipeClaim first = new PipeClaim();
        PipeThreads.pump("asyncio4j-spawner", t -> { }).execute(() -> {
            java.lang.Process p;
            try {
                p = pb.start();
            } catch (Throwable e) {
                post(loop, core, () -> fut.setException(e));
                return;
            }
            InputStream in = out ? p.getInputStream() : p.getErrorStream();
            synchronized (in) {
                Thread.currentThread().setName("asyncio4j-pipe-" + p.pid() + (out ? "-stdout" : "-stderr"));
                PipeClaim second = out && err ? claim(loop, p.getErrorStream(), "asyncio4j-pipe-" + p.pid()
                        + "-stderr") : null;
                Subprocesses.JdkChild child = new Subprocesses.JdkChild(p, out ? first : null, out ? second : first);
                post(loop, core, () -> fut.setResult(child));
                Runnable job = first.awaitJob(loop);
                if (job != null) {
                    job.run();
                } else {
                    closeQuietly(in);
                }
            }
        });
        return fut;
    }

    /** Hands {@code r} to the loop, then ends the spawn's work in progress (see LoopClock). */
    private static void post(EventLoop loop, LoopCore core, Runnable r) {
        try {
            PipeThreads.postQuietly(loop, r);
        } finally {
            core.externalWorkEnded();
        }
    }

    /**
     * Starts a pump thread named {@code name} that takes {@code in}'s monitor, and returns once it
     * holds it. If {@code loop} closes before a job is handed over, the thread closes {@code in}
     * and ends (nothing would ever read it). Blocking (a thread start); spawning thread.
     */
    static PipeClaim claim(EventLoop loop, InputStream in, String name) {
        PipeClaim c = new PipeClaim();
        CountDownLatch held = new CountDownLatch(1);
        PipeThreads.pump(name, t -> { }).execute(() -> {
            synchronized (in) {
                held.countDown();
                Runnable job = c.awaitJob(loop);
                if (job != null) {
                    job.run();
                } else {
                    closeQuietly(in);
                }
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                held.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the spawn is not interruptible either; keep the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return c;
    }

    /** The job, or null once the loop is closed without one. Claiming thread. */
    private Runnable awaitJob(EventLoop loop) {
        while (true) {
            try {
                return job.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (loop.isClosed()) {
                    return null;
                }
            } catch (InterruptedException | ExecutionException e) {
                // a stale interrupt from the pool (the future never fails): keep waiting
            }
        }
    }

    /**
     * Has the claiming thread run {@code job} under the stream's monitor; {@code job} must end by
     * closing the stream. The first call counts; later ones do nothing. Any thread; never blocks.
     */
    void run(Runnable job) {
        this.job.complete(job);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nobody reads it: the pipe goes either way
        }
    }
}
