package io.asyncio4j.internal.net;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@code read}, {@code send} and {@code write} as direct system calls through glibc's
 * {@code syscall(2)} entry, for {@link NativeSocketIo}'s data path.
 * <p>
 * Why not the libc functions of those names: each is a thread-cancellation point, so glibc wraps
 * the system call in {@code __pthread_enable_asynccancel}/{@code __pthread_disable_asynccancel},
 * work that no JVM thread needs (the JVM never cancels a thread with {@code pthread_cancel}).
 * {@code syscall(2)} is not a cancellation point: it loads the registers and traps. The wrappers'
 * share was 0.9 % of a 100 KiB echo server's CPU ({@code perf}, stop 15), more per byte at small
 * messages, where the same two calls carry less data.
 * <p>
 * The numbers are per architecture; only x86-64 and AArch64 are known here, elsewhere
 * {@link #handles} answers null and the libc functions are used. Every argument is passed as a
 * 64-bit value: {@code syscall} is variadic and reads each argument register whole.
 * <p>
 * Threading: the handles are immutable and may be called from any thread.
 */
final class RawSyscalls {
    private RawSyscalls() {
    }

    /**
     * Handles shaped as the libc functions' ({@code (state, int fd, MemorySegment buf, long len)}
     * for read and write, plus {@code int flags} for send, each returning {@code long}), calling
     * the system call directly; or null on an architecture whose numbers are not known.
     */
    static MethodHandle[] handles(Linker linker, Linker.Option[] options) {
        long sysRead;
        long sysWrite;
        long sysSendto;
        switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> {
                sysRead = 0;
                sysWrite = 1;
                sysSendto = 44;
            }
            case "aarch64" -> {
                sysRead = 63;
                sysWrite = 64;
                sysSendto = 206;
            }
            default -> {
                return null;
            }
        }
        var entry = linker.defaultLookup().find("syscall");
        if (entry.isEmpty()) {
            return null;
        }
        Linker.Option[] opts = new Linker.Option[options.length + 1];
        System.arraycopy(options, 0, opts, 0, options.length);
        opts[options.length] = Linker.Option.firstVariadicArg(1);
        // long syscall(long nr, long a1, void* a2, long a3): read and write
        MethodHandle three = linker.downcallHandle(entry.get(), FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), opts);
        // long syscall(long nr, long fd, void* buf, long len, long flags, void* addr, long addrlen): sendto
        MethodHandle six = linker.downcallHandle(entry.get(), FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), opts);
        MethodType ioType = MethodType.methodType(long.class, java.lang.foreign.MemorySegment.class, int.class,
                java.lang.foreign.MemorySegment.class, long.class);
        MethodHandle read = MethodHandles.insertArguments(three, 1, sysRead).asType(ioType);
        MethodHandle write = MethodHandles.insertArguments(three, 1, sysWrite).asType(ioType);
        MethodHandle sendto = MethodHandles.insertArguments(six, 1, sysSendto);
        sendto = MethodHandles.insertArguments(sendto, 5, java.lang.foreign.MemorySegment.NULL, 0L);
        MethodHandle send = sendto.asType(ioType.appendParameterTypes(int.class));
        return new MethodHandle[] {read, send, write};
    }
}
