package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.NameInfo;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop's low-level socket calls, name resolution and sendfile. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class SockOpsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sockAcceptConnectSendallAndRecvTalkOverRawSockets(EventLoop loop) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            Task<SocketChannel> accepting = createTask(() -> loop.sockAccept(listener));
            try (SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                loop.sockConnect(client, listener.getLocalAddress());
                try (SocketChannel server = accepting.await()) {
                    assertEquals(client.getLocalAddress(), server.getRemoteAddress());
                    loop.sockSendall(client, b("hello raw"));
                    byte[] got = loop.sockRecv(server, 5);
                    assertEquals("hello", new String(got, StandardCharsets.UTF_8));
                    ByteBuffer rest = ByteBuffer.allocate(100);
                    int n = loop.sockRecvInto(server, rest);
                    assertEquals(" raw", new String(rest.array(), 0, n, StandardCharsets.UTF_8));
                    client.shutdownOutput();
                    assertEquals(0, loop.sockRecv(server, 10).length, "end of stream");
                    assertEquals(0, loop.sockRecvInto(server, ByteBuffer.allocate(10)), "end of stream");
                }
            }
        }
    }

    @Test
    void sockRecvWaitsForDataToArrive(EventLoop loop) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            Task<SocketChannel> accepting = createTask(() -> loop.sockAccept(listener));
            SocketChannel client = SocketChannel.open();
            client.configureBlocking(false);
            loop.sockConnect(client, listener.getLocalAddress());
            SocketChannel server = accepting.await();
            Task<byte[]> receiving = createTask(() -> loop.sockRecv(server, 100));
            io.asyncio4j.Asyncio.sleep(0.02);
            assertTrue(!receiving.isDone());
            loop.sockSendall(client, ByteBuffer.wrap(b("late")));
            assertEquals("late", new String(receiving.await(), StandardCharsets.UTF_8));
            // the same socket may wait again right away (its selector key was cancelled in between)
            Task<byte[]> again = createTask(() -> loop.sockRecv(server, 100));
            loop.sockSendall(client, b("again"));
            assertEquals("again", new String(again.await(), StandardCharsets.UTF_8));
            client.close();
            server.close();
        }
    }

    @Test
    void aBlockingSocketIsRefused(EventLoop loop) throws Exception {
        try (SocketChannel blocking = SocketChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.sockRecv(blocking, 1));
            assertTrue(e.getMessage().contains("configureBlocking(false)"), e.getMessage());
        }
    }

    @Test
    void aSocketServingATransportIsRefused(EventLoop loop) throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            SocketChannel used = (SocketChannel) c.writer().getExtraInfo("socket");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.sockRecv(used, 1));
            assertTrue(e.getMessage().contains("used by"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> loop.addReader(used, () -> { }));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void getaddrinfoResolvesNamesAndLiterals(EventLoop loop) throws Exception {
        List<InetSocketAddress> lit = loop.getaddrinfo("127.0.0.1", 80);
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 80)), lit);
        List<InetSocketAddress> local = loop.getaddrinfo("localhost", 8080);
        assertTrue(local.stream().allMatch(a -> a.getAddress().isLoopbackAddress() && a.getPort() == 8080), "" + local);
        assertThrows(UnknownHostException.class, () -> loop.getaddrinfo("nosuchhost.invalid", 1));
    }

    @Test
    void getaddrinfoKeepsOnlyTheAddressesOfTheFamilyAsked(EventLoop loop) throws Exception {
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 80)),
                loop.getaddrinfo("127.0.0.1", 80, java.net.StandardProtocolFamily.INET));
        assertEquals(List.of(new InetSocketAddress("::1", 80)),
                loop.getaddrinfo("::1", 80, java.net.StandardProtocolFamily.INET6));
        // CPython: getaddrinfo('127.0.0.1', 80, family=AF_INET6) raises socket.gaierror
        assertThrows(UnknownHostException.class,
                () -> loop.getaddrinfo("127.0.0.1", 80, java.net.StandardProtocolFamily.INET6));
        assertThrows(IllegalArgumentException.class,
                () -> loop.getaddrinfo("127.0.0.1", 80, java.net.StandardProtocolFamily.UNIX));
    }

    @Test
    void blockingWorkOfTheDefaultExecutorRunsOffTheLoopThread(EventLoop loop) throws Exception {
        // getaddrinfo relies on it: a job started from a task must not run on the loop's thread
        // (a virtual thread made by a task would inherit the loop as its scheduler)
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Task<Boolean> blocked = createTask(() -> io.asyncio4j.Asyncio.toThread(
                () -> release.await(5, java.util.concurrent.TimeUnit.SECONDS)));
        int ticks = 0;
        for (int i = 0; i < 5; i++) {
            io.asyncio4j.Asyncio.sleep(0.005);
            ticks++;
        }
        assertEquals(5, ticks, "the loop kept running while the job blocked");
        assertTrue(!blocked.isDone());
        release.countDown();
        assertTrue(blocked.await());
    }

    @Test
    void getnameinfoNamesAnAddress(EventLoop loop) {
        NameInfo ni = loop.getnameinfo(new InetSocketAddress("127.0.0.1", 8080));
        assertEquals("8080", ni.port());
        assertTrue(!ni.host().isEmpty());
    }

    @Test
    void sendfileSendsAFileOverATransport(EventLoop loop) throws Exception {
        Path file = Files.createTempFile("asyncio4j-sendfile", ".bin");
        try {
            byte[] content = new byte[3 << 20];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) (i * 7);
            }
            Files.write(file, content);
            try (TrackedServer server = TrackedServer.start((r, w) -> {
                byte[] all = r.read();
                w.write(b(String.valueOf(all.length)));
                w.close();
            }); FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
                StreamPair c = openConnection("127.0.0.1", server.port());
                c.writer().write(b("HEAD"));
                long sent = loop.sendfile(c.writer().transport(), fc, 100, 0);
                assertEquals(content.length - 100, sent);
                assertEquals(content.length, fc.position(), "the file position ends after the last byte sent");
                c.writer().writeEof();
                assertEquals(String.valueOf(4 + content.length - 100),
                        new String(c.reader().read(), StandardCharsets.UTF_8));
                c.writer().close();
                c.writer().waitClosed();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void sockSendfileSendsARangeOfAFile(EventLoop loop) throws Exception {
        Path file = Files.createTempFile("asyncio4j-sendfile", ".txt");
        try {
            Files.writeString(file, "0123456789");
            try (ServerSocketChannel listener = ServerSocketChannel.open();
                 FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                Task<SocketChannel> accepting = createTask(() -> loop.sockAccept(listener));
                try (SocketChannel client = SocketChannel.open()) {
                    client.configureBlocking(false);
                    loop.sockConnect(client, listener.getLocalAddress());
                    try (SocketChannel server = accepting.await()) {
                        assertEquals(4, loop.sockSendfile(client, fc, 3, 4));
                        assertEquals(7, fc.position());
                        ByteBuffer got = ByteBuffer.allocate(4);
                        while (got.hasRemaining()) {
                            loop.sockRecvInto(server, got);
                        }
                        assertArrayEquals(b("3456"), got.array());
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
