package io.asyncio4j.net;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.streams.Datagram;
import io.asyncio4j.streams.DatagramProtocol;
import io.asyncio4j.streams.DatagramTransport;
import io.asyncio4j.streams.ReceivedDatagram;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's datagram socket calls, {@code sockRecvfrom}, {@code sockRecvfromInto} and
 * {@code sockSendto}, on two raw loopback UDP sockets. Each case was run against CPython 3.13's
 * {@code loop.sock_recvfrom/sock_recvfrom_into/sock_sendto} first: a cut datagram loses its rest,
 * {@code bufsize} 0 still takes a datagram, an empty datagram is sent (0) and received ({@code b''}),
 * a negative size is a ValueError, a cancelled receive leaves the socket usable.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class SockDatagramTest {
    private DatagramChannel a;
    private DatagramChannel b;
    private InetSocketAddress aAddr;
    private InetSocketAddress bAddr;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static DatagramChannel boundSocket() throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        ch.configureBlocking(false);
        return ch;
    }

    @BeforeEach
    void openSockets() throws IOException {
        a = boundSocket();
        b = boundSocket();
        aAddr = (InetSocketAddress) a.getLocalAddress();
        bAddr = (InetSocketAddress) b.getLocalAddress();
    }

    @AfterEach
    void closeSockets() throws IOException {
        a.close();
        b.close();
    }

    @Test
    void sockSendtoAndSockRecvfromCarryADatagramAndItsSender(EventLoop loop) throws Exception {
        assertEquals(11, loop.sockSendto(a, bytes("hello world"), bAddr));
        assertEquals(new Datagram(bytes("hello world"), aAddr), loop.sockRecvfrom(b, 100));
    }

    @Test
    void sockRecvfromCutsALongerDatagramAndDiscardsItsRest(EventLoop loop) throws Exception {
        loop.sockSendto(a, bytes("hello world"), bAddr);
        loop.sockSendto(a, bytes("next"), bAddr);
        assertArrayEquals(bytes("hello"), loop.sockRecvfrom(b, 5).data());
        assertArrayEquals(bytes("next"), loop.sockRecvfrom(b, 100).data(), "the rest of the first is gone");
    }

    @Test
    void sockRecvfromOfZeroBytesStillConsumesADatagram(EventLoop loop) throws Exception {
        loop.sockSendto(a, bytes("x"), bAddr);
        loop.sockSendto(a, bytes("y"), bAddr);
        assertEquals(new Datagram(new byte[0], aAddr), loop.sockRecvfrom(b, 0));
        assertArrayEquals(bytes("y"), loop.sockRecvfrom(b, 10).data());
    }

    @Test
    void anEmptyDatagramIsSentAndReceived(EventLoop loop) throws Exception {
        assertEquals(0, loop.sockSendto(a, new byte[0], bAddr));
        assertEquals(new Datagram(new byte[0], aAddr), loop.sockRecvfrom(b, 10));
    }

    @Test
    void anEmptyDatagramIsSentOnAConnectedSocketToo(EventLoop loop) throws Exception {
        // NIO sends nothing for an empty buffer on a connected channel; the native path does
        assumeTrue("loom".equals(System.getProperty("asyncio4j.expectEngine", "loom")),
                "only the native socket path can send it");
        a.connect(bAddr);
        assertEquals(0, loop.sockSendto(a, new byte[0], bAddr));
        assertEquals(new Datagram(new byte[0], aAddr), loop.sockRecvfrom(b, 10));
    }

    @Test
    void sockRecvfromWaitsForADatagramToArrive(EventLoop loop) throws Exception {
        Task<Datagram> receiving = createTask(() -> loop.sockRecvfrom(b, 100));
        sleep(0.02);
        assertFalse(receiving.isDone());
        loop.sockSendto(a, bytes("late"), bAddr);
        assertArrayEquals(bytes("late"), receiving.await().data());
    }

    @Test
    void sockRecvfromIntoFillsTheBufferFromItsPositionUpToItsLimit(EventLoop loop) throws Exception {
        loop.sockSendto(a, bytes("abc"), bAddr);
        ByteBuffer buf = ByteBuffer.allocate(10);
        buf.position(1).limit(3);
        assertEquals(new ReceivedDatagram(2, aAddr), loop.sockRecvfromInto(b, buf));
        assertEquals(3, buf.position());
        assertArrayEquals(new byte[] {0, 'a', 'b', 0}, java.util.Arrays.copyOf(buf.array(), 4));
    }

    @Test
    void sockSendtoResolvesAHostNameOffTheLoopThread(EventLoop loop) throws Exception {
        InetSocketAddress byName = InetSocketAddress.createUnresolved("localhost", bAddr.getPort());
        loop.sockSendto(a, ByteBuffer.wrap(bytes("by name")), byName);
        assertArrayEquals(bytes("by name"), loop.sockRecvfrom(b, 100).data());
    }

    @Test
    void sockSendtoSendsTheRemainingBytesOfABuffer(EventLoop loop) throws Exception {
        ByteBuffer data = ByteBuffer.wrap(bytes("skip-this"));
        data.position(5);
        assertEquals(4, loop.sockSendto(a, data, bAddr));
        assertFalse(data.hasRemaining());
        assertArrayEquals(bytes("this"), loop.sockRecvfrom(b, 100).data());
    }

    @Test
    void aCancelledSockRecvfromLeavesTheSocketUsable(EventLoop loop) throws Exception {
        Task<Datagram> receiving = createTask(() -> loop.sockRecvfrom(b, 10));
        sleep(0.01);
        receiving.cancel();
        assertThrows(CancelledError.class, receiving::await);
        loop.sockSendto(a, bytes("after"), bAddr);
        assertArrayEquals(bytes("after"), loop.sockRecvfrom(b, 10).data());
    }

    @Test
    void aNegativeBufsizeIsRefused(EventLoop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfrom(b, -1));
        assertTrue(e.getMessage().contains("bufsize must be >= 0"), e.getMessage());
    }

    @Test
    void aReadOnlyBufferIsRefused(EventLoop loop) {
        ByteBuffer ro = ByteBuffer.allocate(4).asReadOnlyBuffer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.sockRecvfromInto(b, ro));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }

    /** asyncio blocks its loop here unless in debug mode; we refuse, as its debug mode does. */
    @Test
    void aBlockingDatagramSocketIsRefused(EventLoop loop) throws Exception {
        try (DatagramChannel blocking = DatagramChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.sockRecvfrom(blocking, 1));
            assertTrue(e.getMessage().contains("configureBlocking(false)"), e.getMessage());
        }
    }

    @Test
    void aSocketServingADatagramEndpointIsRefused(EventLoop loop) throws Exception {
        var endpoint = loop.createDatagramEndpoint(() -> new DatagramProtocol() { }, new InetSocketAddress(
                "127.0.0.1", 0), null);
        DatagramTransport t = endpoint.transport();
        DatagramChannel used = (DatagramChannel) t.getExtraInfo("socket");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.sockSendto(used, bytes("x"), bAddr));
        assertTrue(e.getMessage().contains("used by"), e.getMessage());
        t.close();
    }
}
