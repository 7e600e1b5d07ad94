package io.asyncio4j.internal.net;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@code read}, {@code send} and {@code write} for {@link NativeSocketIo}'s data path: direct
 * system calls through glibc's {@code syscall(2)} entry where the architecture is known here.
 * <p>
 * Why not the libc functions of those names: each is a thread-cancellation point, so glibc wraps
 * the system call in {@code __pthread_enable_asynccancel}/{@code __pthread_disable_asynccancel},
 * work that no JVM thread needs (the JVM never cancels a thread with {@code pthread_cancel}).
 * {@code syscall(2)} is not a cancellation point: it loads the registers and traps. The wrappers'
 * share was 0.9 % of a 100 KiB echo server's CPU ({@code perf}, stop 15), more per byte at small
 * messages, where the same two calls carry less data.
 * <p>
 * The numbers are per architecture; only x86-64 and AArch64 are known here; elsewhere
 * {@link #link} links the libc functions. Every argument is passed as a
 * 64-bit value: {@code syscall} is variadic and reads each argument register whole.
 * <p>
 * Threading: the handles are immutable and may be called from any thread.
 */
final class RawSyscalls {
    private RawSyscalls() {
    }

    /**
     * The data path's three calls, each shaped as the libc function's ({@code (state, int fd,
     * MemorySegment buf, long len)} for read and write, plus {@code int flags} for send, each
     * returning {@code long}); {@code direct}: they are system calls through {@code syscall(2)}.
     */
    record Calls(MethodHandle read, MethodHandle send, MethodHandle write, boolean direct) {
    }

    /**
     * Links the three calls with {@code options} (critical, errno capture): direct system calls on
     * an architecture whose numbers are known here, else libc's {@code read}, {@code send} and
     * {@code write}.
     */
    static Calls link(Linker linker, Linker.Option[] options) {
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
                return libc(linker, options);
            }
        }
        var entry = linker.defaultLookup().find("syscall");
        if (entry.isEmpty()) {
            return libc(linker, options);
        }
        Linker.Option[] opts = Arrays.copyOf(options, options.length + 1);
        opts[options.length] = Linker.Option.firstVariadicArg(1);
        // long syscall(long nr, long a1, void* a2, long a3): read and write
        MethodHandle three = linker.downcallHandle(entry.get(), FunctionDescriptor.of(JAVA_LONG,
                JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG), opts);
        // long syscall(long nr, long fd, void* buf, long len, long flags, void* addr, long addrlen): sendto
        MethodHandle six = linker.downcallHandle(entry.get(), FunctionDescriptor.of(JAVA_LONG,
                JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG), opts);
        MethodType ioType = MethodType.methodType(long.class, MemorySegment.class, int.class, MemorySegment.class,
                long.class);
        MethodHandle read = MethodHandles.insertArguments(three, 1, sysRead).asType(ioType);
        MethodHandle write = MethodHandles.insertArguments(three, 1, sysWrite).asType(ioType);
        MethodHandle sendto = MethodHandles.insertArguments(six, 1, sysSendto);
        sendto = MethodHandles.insertArguments(sendto, 5, MemorySegment.NULL, 0L);
        MethodHandle send = sendto.asType(ioType.appendParameterTypes(int.class));
        return new Calls(read, send, write, true);
    }

    private static Calls libc(Linker linker, Linker.Option[] options) {
        var libc = linker.defaultLookup();
        return new Calls(
                linker.downcallHandle(libc.find("read").orElseThrow(),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), options),
                linker.downcallHandle(libc.find("send").orElseThrow(),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), options),
                linker.downcallHandle(libc.find("write").orElseThrow(),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), options),
                false);
    }
}
