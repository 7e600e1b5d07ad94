package io.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.List;

/**
 * Watches one future whose exception nobody has looked at yet. If the future is garbage
 * collected first, the loop's exception handler hears "Task exception was never retrieved",
 * as asyncio reports from {@code Future.__del__}.
 * <p>
 * Holds the exception and a description, never the future itself (or the future could not be
 * collected). Registered only when an exception is set, so the common path pays nothing.
 * Threading: {@link #retrieved()} runs on the loop thread; {@link #run()} on the cleaner's
 * thread or, through {@code clean()}, on the loop thread; {@code done} makes it report once.
 */
final class Unretrieved implements Runnable {
    private static final Cleaner CLEANER = io.asyncio4j.internal.Finalizers.CLEANER;

    private final EventLoop loop;
    final Throwable error;
    private final String description;
    private final boolean task;
    /** Debug mode: where the task was created (asyncio's source_traceback); else empty. */
    private final List<StackTraceElement> createdAt;
    private Cleaner.Cleanable cleanable;
    private volatile boolean done;

    private Unretrieved(EventLoop loop, Throwable error, String description, boolean task,
            List<StackTraceElement> createdAt) {
        this.createdAt = createdAt;
        this.loop = loop;
        this.error = error;
        this.description = description;
        this.task = task;
    }

    static Unretrieved track(Future<?> f, Throwable error) {
        Unretrieved u = new Unretrieved(f.loop, error, f.toString(), f instanceof Task,
                f instanceof Task<?> t ? t.getCreationStack() : List.of());
        f.loop.unretrieved.add(u);
        u.cleanable = CLEANER.register(f, u);
        return u;
    }

    /** Someone looked at the exception: stop watching. */
    void retrieved() {
        done = true;
        loop.unretrieved.remove(this);
        cleanable.clean();
    }

    /** The future was collected without anyone looking at its exception. */
    @Override
    public void run() {
        if (done) {
            return;
        }
        done = true;
        loop.unretrieved.remove(this);
        String what = task ? "Task" : "Future";
        ExceptionContext context = ExceptionContext.of(what + " exception was never retrieved", error)
                .with("future", new Description(description));
        // asyncio (debug mode): context['source_traceback'] = future._source_traceback
        loop.reportFromAnyThread(createdAt.isEmpty() ? context : context.with("source_traceback", createdAt));
    }

    /**
     * The future's repr, taken when its exception was set, standing in for the collected future
     * under the {@code "future"} key: its toString is that repr, so the default handler shows it
     * as asyncio shows {@code repr(future)}, not as a quoted string.
     */
    private record Description(String repr) {
        @Override
        public String toString() {
            return repr;
        }
    }

    String description() {
        return description;
    }
}
