package io.asyncio4j.internal;

import java.lang.ref.Cleaner;

/**
 * The one {@link Cleaner} of asyncio4j, for what Python does in {@code __del__}: an unretrieved
 * exception reported, an abandoned async generator closed, a dropped file's descriptor closed.
 * Its thread is a daemon, so it never keeps a program alive. A cleaning action must not refer to
 * the object it watches (or that object is never collected), and runs on this cleaner's thread:
 * actions that touch a loop hand their work to it with {@code callSoonThreadsafe}.
 * <p>
 * Threading: {@link #CLEANER}'s {@code register} from any thread.
 * <p>
 * asyncio: the objects' {@code __del__} methods, run by CPython's garbage collector
 */
public final class Finalizers {
    /** The shared cleaner. */
    public static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "asyncio4j-cleaner");
        t.setDaemon(true);
        return t;
    });

    private Finalizers() {
    }
}
