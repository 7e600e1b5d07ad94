package io.asyncio4j.internal.net;

import io.asyncio4j.internal.Sneaky;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * New byte arrays the JVM does not zero first, for a receive the kernel fills whole: a
 * {@code read(n)} result received straight into its own array ({@code StreamTransport}'s
 * right-sized receive). Zeroing a fresh array is a pass over memory that is not in cache yet; the
 * kernel's copy would overwrite every byte of it anyway.
 * <p>
 * Through {@code jdk.internal.misc.Unsafe.allocateUninitializedArray} (what the JDK's own string
 * and array code uses), only when the JVM exports {@code jdk.internal.misc} to this module
 * ({@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}; {@code ./aio} passes it).
 * Without it {@link #AVAILABLE} is false and callers keep to zeroed arrays.
 * <p>
 * Contract for callers: every byte of the array is written before any other code sees it; a
 * partly filled array is copied (its filled prefix) and dropped, never handed out, since its tail
 * holds whatever the heap held before.
 * <p>
 * Also used by asyncio4j-http (a WebSocket payload received straight into its array), to which
 * this package is exported for that alone.
 * <p>
 * Threading: any thread.
 */
public final class UninitializedArrays {
    /** True when {@link #allocate} skips the zeroing (the JVM exports {@code jdk.internal.misc}). */
    public static final boolean AVAILABLE;
    private static final MethodHandle ALLOCATE; // (Class, int) -> Object, bound to the Unsafe

    static {
        MethodHandle allocate = null;
        try {
            Module me = UninitializedArrays.class.getModule();
            if (Object.class.getModule().isExported("jdk.internal.misc", me)) {
                Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
                Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
                allocate = MethodHandles.lookup().findVirtual(unsafeClass, "allocateUninitializedArray",
                        MethodType.methodType(Object.class, Class.class, int.class)).bindTo(unsafe);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            allocate = null; // zeroed arrays: the same bytes, one pass more
        }
        ALLOCATE = allocate;
        AVAILABLE = allocate != null;
    }

    private UninitializedArrays() {
    }

    /**
     * A byte array of length {@code n} the caller fills whole before anything else sees it:
     * unzeroed when {@link #AVAILABLE}, else a plain new array.
     */
    public static byte[] forFilling(int n) {
        return ALLOCATE == null ? new byte[n] : allocate(n);
    }

    /** A byte array of length {@code n} with unspecified contents; only when {@link #AVAILABLE}. */
    static byte[] allocate(int n) {
        if (ALLOCATE == null) {
            throw new IllegalStateException("UninitializedArrays.allocate(): the JVM does not export jdk.internal.misc; "
                    + "check AVAILABLE first");
        }
        try {
            return (byte[]) (Object) ALLOCATE.invokeExact(byte.class, n);
        } catch (Throwable e) {
            throw Sneaky.rethrow(e); // OutOfMemoryError stays what it is
        }
    }
}
