package io.asyncio4j.internal.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * {@code read(2)} and {@code send(2)} on a socket's descriptor through the FFM API, for the
 * transports' data path on Linux, and the {@code FIONREAD} ioctl that sizes a right-sized receive
 * ({@code StreamTransport.readIntoArray}). The channel stays a NIO channel (the selector, connect,
 * accept, close, options all go through NIO); only the byte moving bypasses NIO, for two reasons:
 * <ul>
 *   <li>heap arrays go to the kernel as they are (a "critical" downcall may pass heap memory),
 *       where NIO first copies them into a temporary direct buffer: a stream's
 *       {@code write(byte[])} and a {@code StreamReader}'s receive skip one copy each;
 *   <li>NIO's per-call bookkeeping (the channel's read/write locks, the blocking-mode checks,
 *       the native-thread registration) is work a loop-confined non-blocking socket does not need.
 * </ul>
 * Available only when the JVM grants both {@code --add-exports java.base/sun.nio.ch=...} (to
 * learn a channel's descriptor) and {@code --enable-native-access=...} (for the downcalls);
 * {@code ./aio} passes them. Otherwise {@link #get()} is null and the transports use NIO alone,
 * with the same behaviour. Linux only (errno values), else NIO.
 * <p>
 * Descriptor lifetime: NIO closes a registered channel's descriptor only when the selector drops
 * its key, which happens on the loop thread; callers (loop thread only) check
 * {@code channel.isOpen()} before each call, so a descriptor number is never used after its
 * channel was closed (and perhaps reused by another open).
 * <p>
 * Threading: any thread; the errno capture segment is per instance, and each {@code NetLoop}
 * has its own instance (loop thread only).
 */
final class NativeSocketIo {
    private static final int EINTR = 4;
    private static final int EAGAIN = 11; // = EWOULDBLOCK on Linux
    private static final int EPIPE = 32;
    private static final int ECONNRESET = 104;
    private static final int MSG_NOSIGNAL = 0x4000; // a closed peer is EPIPE, never SIGPIPE

    private static final StructLayout STATE_LAYOUT;
    private static final VarHandle ERRNO;
    private static final MethodHandle READ;     // ssize_t read(int, void*, size_t)
    private static final MethodHandle SEND;     // ssize_t send(int, const void*, size_t, int)
    private static final MethodHandle WRITE;    // ssize_t write(int, const void*, size_t): pipes
    private static final MethodHandle STRERROR; // char* strerror(int)
    private static final MethodHandle IOCTL;    // int ioctl(int, unsigned long, int*)
    private static final long FIONREAD = 0x541B;
    private static final MethodHandle FD_VAL;   // sun.nio.ch.SelChImpl.getFDVal()
    static final boolean AVAILABLE;
    /** True when read, send and write are direct system calls ({@link RawSyscalls}), not libc's functions. */
    static final boolean RAW_SYSCALLS;

    static {
        StructLayout layout = null;
        VarHandle errno = null;
        MethodHandle read = null;
        MethodHandle send = null;
        MethodHandle write = null;
        MethodHandle strerror = null;
        MethodHandle ioctl = null;
        MethodHandle fdVal = null;
        boolean ok = false;
        boolean raw = false;
        try {
            Module me = NativeSocketIo.class.getModule();
            if ("Linux".equals(System.getProperty("os.name"))
                    && Object.class.getModule().isExported("sun.nio.ch", me)
                    && me.isNativeAccessEnabled()) {
                Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
                fdVal = MethodHandles.lookup().findVirtual(selCh, "getFDVal", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Object.class));
                Linker linker = Linker.nativeLinker();
                layout = Linker.Option.captureStateLayout();
                errno = layout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                Linker.Option[] fast = {Linker.Option.critical(true), Linker.Option.captureCallState("errno")};
                RawSyscalls.Calls calls = RawSyscalls.link(linker, fast);
                read = calls.read();
                send = calls.send();
                write = calls.write();
                raw = calls.direct();
                ioctl = linker.downcallHandle(linker.defaultLookup().find("ioctl").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                                ValueLayout.ADDRESS), Linker.Option.firstVariadicArg(2), Linker.Option.critical(false));
                strerror = linker.downcallHandle(linker.defaultLookup().find("strerror").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                ok = true;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ok = false; // NIO alone: same behaviour, one copy more on heap arrays
        }
        STATE_LAYOUT = layout;
        ERRNO = errno;
        READ = read;
        SEND = send;
        WRITE = write;
        STRERROR = strerror;
        IOCTL = ioctl;
        FD_VAL = fdVal;
        AVAILABLE = ok;
        RAW_SYSCALLS = ok && raw;
    }

    private final MemorySegment state;
    private final MemorySegment count; // FIONREAD's answer

    private NativeSocketIo() {
        Arena arena = Arena.ofAuto();
        state = arena.allocate(STATE_LAYOUT);
        count = arena.allocate(ValueLayout.JAVA_INT);
    }

    /** Bytes waiting to be read on {@code fd} (FIONREAD), or 0 if that cannot be told. */
    int available(int fd) {
        try {
            int r = (int) IOCTL.invokeExact(fd, FIONREAD, count);
            return r < 0 ? 0 : count.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable e) {
            return 0;
        }
    }

    /** A new instance (one per loop), or null when the JVM does not allow the native path. */
    static NativeSocketIo create() {
        return AVAILABLE ? new NativeSocketIo() : null;
    }

    /** The descriptor of a NIO socket channel, or -1 if it cannot be learned. */
    static int fdOf(SelectableChannel channel) {
        if (!AVAILABLE) {
            return -1;
        }
        try {
            return (int) FD_VAL.invokeExact((Object) channel);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** Reads into {@code a[off, off + len)}: bytes read, 0 if none are waiting, -1 at the end of the stream. */
    int read(int fd, byte[] a, int off, int len) throws IOException {
        return read(fd, MemorySegment.ofArray(a).asSlice(off, len), len);
    }

    /** Reads into {@code buf} from its position (which does not move): as {@link #read(int, byte[], int, int)}. */
    int read(int fd, ByteBuffer buf) throws IOException {
        return read(fd, MemorySegment.ofBuffer(buf), buf.remaining());
    }

    private int read(int fd, MemorySegment to, long len) throws IOException {
        while (true) {
            long n;
            try {
                n = (long) READ.invokeExact(state, fd, to, len);
            } catch (Throwable e) {
                throw new IOException("read(2) failed to link", e);
            }
            if (n > 0) {
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == EAGAIN) {
                return 0;
            }
            if (errno != EINTR) {
                throw error(errno);
            }
        }
    }

    /** Sends {@code a[off, off + len)} ({@code write(2)} on a pipe): the bytes the kernel took (0 if its buffer is full). */
    int write(int fd, byte[] a, int off, int len, boolean pipe) throws IOException {
        return write(fd, MemorySegment.ofArray(a).asSlice(off, len), len, pipe);
    }

    /** Sends the remaining bytes of {@code buf} (its position does not move): as {@link #write(int, byte[], int, int)}. */
    int write(int fd, ByteBuffer buf) throws IOException {
        return write(fd, MemorySegment.ofBuffer(buf), buf.remaining(), false);
    }

    /**
     * {@link #write(int, ByteBuffer)} on a pipe: {@code write(2)}, as {@code send(2)} takes sockets
     * only. A pipe whose read end is closed answers EPIPE (the JVM's handler ignores the SIGPIPE
     * that comes with it, as for NIO's own pipe writes).
     */
    int writePipe(int fd, ByteBuffer buf) throws IOException {
        return write(fd, MemorySegment.ofBuffer(buf), buf.remaining(), true);
    }

    /**
     * Sends a datagram of no bytes on a connected datagram socket: true if sent, false if the
     * socket cannot take it now. The JDK's {@code DatagramChannel} cannot (its {@code write}
     * and, when connected, its {@code send} return 0 for an empty buffer without a system call).
     */
    boolean sendEmptyDatagram(int fd) throws IOException {
        while (true) {
            long n;
            try {
                n = (long) SEND.invokeExact(state, fd, MemorySegment.NULL, 0L, MSG_NOSIGNAL);
            } catch (Throwable e) {
                throw new IOException("send(2) failed to link", e);
            }
            if (n >= 0) {
                return true;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == EAGAIN) {
                return false;
            }
            if (errno != EINTR) {
                throw error(errno);
            }
        }
    }

    private int write(int fd, MemorySegment from, long len, boolean pipe) throws IOException {
        while (true) {
            long n;
            try {
                n = pipe ? (long) WRITE.invokeExact(state, fd, from, len)
                        : (long) SEND.invokeExact(state, fd, from, len, MSG_NOSIGNAL);
            } catch (Throwable e) {
                throw new IOException((pipe ? "write(2)" : "send(2)") + " failed to link", e);
            }
            if (n >= 0) {
                return (int) n;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == EAGAIN) {
                return 0;
            }
            if (errno != EINTR) {
                throw error(errno);
            }
        }
    }

    /** The exception NIO would throw for {@code errno} (the transports translate resets by message). */
    private static IOException error(int errno) {
        return switch (errno) {
            case ECONNRESET -> new SocketException("Connection reset");
            case EPIPE -> new IOException("Broken pipe");
            default -> new IOException(describe(errno));
        };
    }

    private static String describe(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }
}
