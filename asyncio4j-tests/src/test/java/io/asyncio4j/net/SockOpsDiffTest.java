package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sock* calls on blocking, closed, unconnected and unbound sockets against CPython 3.13 in
 * debug mode (/tmp/streamdiff2/a4_sock.py). 3.13 checks the blocking mode in debug mode only;
 * here always, since a blocking call would stall the loop.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class SockOpsDiffTest {
    private static final InetSocketAddress SOMEWHERE = new InetSocketAddress("127.0.0.1", 1);

    private static void assertStartsWith(String prefix, Throwable e) {
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    @Test
    void everySockCallRefusesABlockingSocketAsAsyncioDoes(EventLoop loop) throws Exception {
        // 3.13: ValueError: the socket must be non-blocking (sock_connect, sock_recv, sock_sendall, sock_accept)
        try (SocketChannel blocking = SocketChannel.open(); ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            String m = "the socket must be non-blocking";
            assertTrue(assertThrows(IllegalArgumentException.class, () -> loop.sockConnect(blocking, SOMEWHERE))
                    .getMessage().contains(m));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> loop.sockRecv(blocking, 1))
                    .getMessage().contains(m));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> loop.sockSendall(blocking, new byte[1]))
                    .getMessage().contains(m));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> loop.sockAccept(listening))
                    .getMessage().contains(m));
        }
    }

    @Test
    void everySockCallOnAClosedSocketRaisesBadFileDescriptor(EventLoop loop) throws Exception {
        // 3.13: OSError: [Errno 9] Bad file descriptor (sock_connect, sock_recv, sock_sendall, sock_accept)
        SocketChannel closed = SocketChannel.open();
        closed.configureBlocking(false);
        closed.close();
        ServerSocketChannel closedListener = ServerSocketChannel.open();
        closedListener.configureBlocking(false);
        closedListener.close();
        String m = "[Errno 9] Bad file descriptor";
        assertStartsWith(m, assertThrows(SocketException.class, () -> loop.sockConnect(closed, SOMEWHERE)));
        assertStartsWith(m, assertThrows(SocketException.class, () -> loop.sockRecv(closed, 1)));
        assertStartsWith(m, assertThrows(SocketException.class, () -> loop.sockSendall(closed, new byte[1])));
        assertStartsWith(m, assertThrows(SocketException.class, () -> loop.sockAccept(closedListener)));
    }

    @Test
    void sockRecvOnASocketNotConnectedRaisesErrno107(EventLoop loop) throws Exception {
        // 3.13: OSError: [Errno 107] Transport endpoint is not connected
        try (SocketChannel ch = SocketChannel.open()) {
            ch.configureBlocking(false);
            assertStartsWith("[Errno 107] Transport endpoint is not connected",
                    assertThrows(SocketException.class, () -> loop.sockRecv(ch, 10)));
        }
    }

    @Test
    void sockSendallOnASocketNotConnectedRaisesBrokenPipe(EventLoop loop) throws Exception {
        // 3.13: BrokenPipeError: [Errno 32] Broken pipe
        try (SocketChannel ch = SocketChannel.open()) {
            ch.configureBlocking(false);
            assertStartsWith("[Errno 32] Broken pipe",
                    assertThrows(SocketException.class, () -> loop.sockSendall(ch, new byte[1])));
        }
    }

    @Test
    void sockAcceptOnASocketNotListeningRaisesInvalidArgument(EventLoop loop) throws Exception {
        // 3.13: OSError: [Errno 22] Invalid argument
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            ch.configureBlocking(false);
            assertStartsWith("[Errno 22] Invalid argument", assertThrows(SocketException.class, () -> loop.sockAccept(ch)));
        }
    }

    @Test
    void sockConnectAgainToThePeerIsANoOpAndToAnotherRaisesErrno106(EventLoop loop) throws Exception {
        // 3.13: a second sock_connect to the same address returns; to another address:
        //       OSError: [Errno 106] Transport endpoint is already connected
        try (ServerSocketChannel one = ServerSocketChannel.open(); ServerSocketChannel two = ServerSocketChannel.open();
             SocketChannel ch = SocketChannel.open()) {
            one.bind(new InetSocketAddress("127.0.0.1", 0));
            two.bind(new InetSocketAddress("127.0.0.1", 0));
            ch.configureBlocking(false);
            loop.sockConnect(ch, one.getLocalAddress());
            loop.sockConnect(ch, one.getLocalAddress());
            assertStartsWith("[Errno 106] Transport endpoint is already connected",
                    assertThrows(SocketException.class, () -> loop.sockConnect(ch, two.getLocalAddress())));
        }
    }
}
