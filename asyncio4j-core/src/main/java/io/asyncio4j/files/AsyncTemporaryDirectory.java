package io.asyncio4j.files;

import io.asyncio4j.EventLoop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A temporary directory made by {@link AsyncFiles#temporaryDirectory}: {@link #path()} is
 * where it is, and {@link #close()} (or {@link #cleanup()}) removes it with everything in it,
 * on the I/O pool so that the loop does not wait for the disk.
 * <pre>{@code
 * try (AsyncTemporaryDirectory tmp = AsyncFiles.temporaryDirectory()) {
 *     AsyncFiles.writeString(tmp.path().resolve("a.txt"), "scratch");
 * }   // gone, with a.txt
 * }</pre>
 * As Python's {@code TemporaryDirectory}: cleaning up twice is fine, and so is a directory (or
 * part of it) someone else removed already; a directory nobody cleaned up is removed when this
 * object is garbage, or when the JVM exits ({@code weakref.finalize}). Links inside are
 * removed, never followed.
 * <p>
 * States: ACTIVE (made; the garbage collector or the JVM's exit removes it if nobody cleans
 * up) → CLEANED_UP ({@link #cleanup()} was called; final). {@code cleanup()} in CLEANED_UP
 * removes whatever is at the path again, if anything is (Python's
 * {@code if self._finalizer.detach() or os.path.exists(self.name)}).
 * <p>
 * Threading: {@link #cleanup()} and {@link #close()} from a task of any loop; the others from
 * any thread.
 * <p>
 * asyncio: {@code aiofiles.tempfile.TemporaryDirectory()} (its {@code async with} gives the
 * name: here {@link #path()}); Python's {@code tempfile.TemporaryDirectory}
 */
public final class AsyncTemporaryDirectory implements AutoCloseable {
    /** See the class comment. */
    public enum State { ACTIVE, CLEANED_UP }

    private final Path path;
    private final Remover remover;

    AsyncTemporaryDirectory(Path path) {
        this.path = path;
        this.remover = new Remover(path);
        io.asyncio4j.internal.Finalizers.CLEANER.register(this, remover);
    }

    /** The directory's absolute path. asyncio: {@code name} */
    public Path path() {
        return path;
    }

    /** ACTIVE or CLEANED_UP; see the class comment. */
    public State state() {
        return remover.done.get() ? State.CLEANED_UP : State.ACTIVE;
    }

    /**
     * Removes the directory and everything in it, and waits for it (even if the task is
     * cancelled meanwhile; the cancellation is raised afterwards). Something already gone is
     * fine; calling it again removes whatever is at the path again. May suspend.
     * asyncio: {@code await d.cleanup()}
     *
     * @throws IOException if something cannot be removed (what could be removed is gone)
     */
    public void cleanup() throws IOException {
        EventLoop loop;
        try {
            loop = EventLoop.getRunningLoop();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("AsyncTemporaryDirectory.cleanup(): call it from a task", e);
        }
        boolean first = remover.detach();
        AsyncFiles.offloadWhole(loop, () -> {
            if (first || Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                TempFiles.removeTree(path);
            }
            return null;
        });
    }

    /** {@link #cleanup()}. May suspend. asyncio: {@code await d.close()}, the end of {@code async with} */
    @Override
    public void close() throws IOException {
        cleanup();
    }

    @Override
    public String toString() {
        return "<AsyncTemporaryDirectory " + path + " " + state().name().toLowerCase() + ">";
    }

    /**
     * Removes a directory nobody cleaned up: once it is garbage (the shared Cleaner) or when the
     * JVM exits (one hook for all). Holds the path, never the directory object. States: pending
     * → done (detached by {@code cleanup()}, or run; final).
     */
    private static final class Remover implements Runnable {
        /** Directories not cleaned up yet, for the exit hook. */
        private static final Set<Remover> PENDING = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Remover::removeAll, "asyncio4j-temporary-directories"));
            } catch (IllegalStateException e) {
                // made while the JVM exits: removed by its owner or not at all
            }
        }

        private final Path path;
        final AtomicBoolean done = new AtomicBoolean();

        Remover(Path path) {
            this.path = path;
            PENDING.add(this);
        }

        /** True the first time: the caller removes the directory from now on. */
        boolean detach() {
            boolean first = done.compareAndSet(false, true);
            PENDING.remove(this);
            return first;
        }

        @Override
        public void run() {
            if (!detach()) {
                return;
            }
            try {
                TempFiles.removeTree(path);
            } catch (IOException e) {
                // nobody is left to raise it to: say so, as Python's finalizer warns
                System.err.println("asyncio4j: the temporary directory " + path + ", never cleaned up, could not be "
                        + "removed: " + e);
            }
        }

        private static void removeAll() {
            for (Remover r : PENDING) {
                r.run();
            }
        }
    }
}
