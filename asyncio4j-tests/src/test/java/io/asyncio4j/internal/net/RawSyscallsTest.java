package io.asyncio4j.internal.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native data path moves bytes with direct system calls ({@code syscall(2)}: no libc
 * cancellation-point wrapper) on x86-64 and AArch64, when the JVM grants the flags (the loom run);
 * the bytes, the end of stream and the errors are what the libc functions gave.
 */
class RawSyscallsTest {
    private static final boolean GRANTED = "loom".equals(System.getProperty("asyncio4j.expectEngine", "loom"));
    private static final boolean KNOWN_ARCH = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64", "aarch64" -> true;
        default -> false;
    };

    @Test
    void directSystemCallsAreUsedExactlyWhenGrantedOnAKnownArchitecture() {
        assertEquals(GRANTED && KNOWN_ARCH, NativeSocketIo.RAW_SYSCALLS);
    }

    @Test
    void bytesWrittenToAPipeAreReadBackAndEndOfStreamIsMinusOne() throws IOException {
        assumeTrue(GRANTED, "the native path needs the loom run's flags");
        NativeSocketIo io = NativeSocketIo.create();
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            int in = NativeSocketIo.fdOf(pipe.source());
            int out = NativeSocketIo.fdOf(pipe.sink());
            byte[] data = "through write(2) and read(2)".getBytes();
            assertEquals(data.length, io.write(out, data, 0, data.length, true));
            byte[] got = new byte[100];
            int n = io.read(in, got, 3, 50);
            assertEquals(data.length, n);
            assertArrayEquals(data, java.util.Arrays.copyOfRange(got, 3, 3 + n));
            assertEquals(0, io.read(in, got, 0, 10), "nothing waiting: EAGAIN is 0");
            pipe.sink().close();
            assertEquals(-1, io.read(in, got, 0, 10));
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void sendGoesToTheSocketsPeer() throws IOException {
        assumeTrue(GRANTED, "the native path needs the loom run's flags");
        NativeSocketIo io = NativeSocketIo.create();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            byte[] data = "send(2) as sendto".getBytes();
            assertEquals(data.length, io.write(NativeSocketIo.fdOf(client), data, 0, data.length, false));
            ByteBuffer got = ByteBuffer.allocate(64);
            while (got.position() < data.length) {
                accepted.read(got);
            }
            assertArrayEquals(data, java.util.Arrays.copyOf(got.array(), data.length));
        }
    }

    @Test
    void anErrorCarriesTheSystemsMessageAndErrno() throws IOException {
        assumeTrue(GRANTED, "the native path needs the loom run's flags");
        NativeSocketIo io = NativeSocketIo.create();
        Pipe pipe = Pipe.open();
        try {
            int out = NativeSocketIo.fdOf(pipe.sink());
            // reading the write end of a pipe: EBADF
            IOException e = assertThrows(IOException.class, () -> io.read(out, new byte[8], 0, 8));
            assertTrue(e.getMessage().contains("errno 9"), e.getMessage());
            pipe.source().close();
            // writing a pipe whose read end is closed: EPIPE (the JVM ignores SIGPIPE)
            IOException broken = assertThrows(IOException.class, () -> io.write(out, new byte[8], 0, 8, true));
            assertEquals("Broken pipe", broken.getMessage());
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }
}
