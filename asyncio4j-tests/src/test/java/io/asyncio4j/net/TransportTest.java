package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.BufferedProtocol;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TCP transports with protocols: the calls a protocol gets, writing, closing, extra info. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class TransportTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A server whose connections are recorded, and a client connected to it. */
    private record Pair(Server server, List<Recorder> accepted, TransportPair<Transport, Recorder> client)
            implements AutoCloseable {
        static Pair open(EventLoop loop) throws Exception {
            List<Recorder> accepted = new ArrayList<>();
            Server server = loop.createServer(() -> {
                Recorder r = new Recorder();
                accepted.add(r);
                return r;
            }, "127.0.0.1", 0);
            TransportPair<Transport, Recorder> c = loop.createConnection(Recorder::new, "127.0.0.1",
                    NetTesting.port(server));
            while (accepted.isEmpty() || !accepted.get(0).made.isDone()) {
                sleep(0.001);
            }
            return new Pair(server, accepted, c);
        }

        Recorder serverSide() {
            return accepted.get(0);
        }

        @Override
        public void close() {
            client.transport().close();
            for (Recorder r : accepted) {
                r.transport.close();
            }
            client.protocol().lost.await();
            for (Recorder r : accepted) {
                r.lost.await();
            }
            server.close();
            server.waitClosed();
        }
    }

    @Test
    void aProtocolHearsConnectionMadeThenDataThenEofThenConnectionLost(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            p.client().transport().write(b("hello"));
            p.client().transport().close();
            Recorder s = p.serverSide();
            s.lost.await();
            assertEquals("hello", s.received.toString(StandardCharsets.UTF_8));
            assertEquals(List.of("made", "data", "eof", "lost"), s.events);
            assertNull(s.lostWith);
        }
    }

    @Test
    void socketsMoveBytesNativelyExactlyWhenTheJvmGrantsTheFlags(EventLoop loop) throws Exception {
        // the loom run passes --add-exports java.base/sun.nio.ch and --enable-native-access, the
        // portable run neither (pom.xml): each run covers one of the two data paths
        boolean granted = "loom".equals(System.getProperty("asyncio4j.expectEngine", "loom"));
        try (Pair p = Pair.open(loop)) {
            String client = p.client().transport().toString();
            assertEquals(granted, client.contains("io=native"), client);
            assertEquals(granted, p.serverSide().transport.toString().contains("io=native"));
        }
    }

    @Test
    void createConnectionReturnsOnceConnectionMadeWasCalled(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            assertTrue(p.client().protocol().made.isDone());
            assertSame(p.client().transport(), p.client().protocol().transport);
        }
    }

    @Test
    void writeEofHalfClosesAndThePeerCanStillAnswer(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            Recorder s = p.serverSide();
            s.keepOpenOnEof = true;
            assertTrue(p.client().transport().canWriteEof());
            p.client().transport().write(b("question"));
            p.client().transport().writeEof();
            s.awaitEof();
            assertFalse(s.transport.isClosing(), "eofReceived returned true: the server side stays open");
            s.transport.write(b("answer"));
            s.transport.close();
            Recorder c = p.client().protocol();
            c.awaitEof();
            c.lost.await();
            assertEquals("answer", c.received.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void writingAfterWriteEofIsAnError(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            p.client().transport().writeEof();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> p.client().transport().write(b("x")));
            assertTrue(e.getMessage().contains("writeEof"), e.getMessage());
        }
    }

    @Test
    void closeSendsWhatIsBufferedBeforeTheConnectionIsLost(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            Recorder s = p.serverSide();
            s.transport.pauseReading();
            byte[] big = new byte[8 << 20];
            big[big.length - 1] = 42;
            Transport c = p.client().transport();
            c.write(big);
            assertTrue(c.getWriteBufferSize() > 0, "8 MiB cannot all fit in the kernel's buffers");
            c.close();
            assertTrue(c.isClosing());
            assertTrue(c.toString().contains("CLOSING"), c.toString());
            s.transport.resumeReading();
            s.awaitEof();
            assertEquals(big.length, s.received.size());
            assertEquals(42, s.received.toByteArray()[big.length - 1]);
            p.client().protocol().lost.await();
            assertNull(p.client().protocol().lostWith);
            assertTrue(c.toString().contains("CLOSED"), c.toString());
        }
    }

    @Test
    void abortDropsWhatIsBufferedAndCallsConnectionLostWithNull(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            Recorder s = p.serverSide();
            s.transport.pauseReading();
            Transport c = p.client().transport();
            c.write(new byte[8 << 20]);
            assertTrue(c.getWriteBufferSize() > 0);
            c.abort();
            assertEquals(0, c.getWriteBufferSize());
            p.client().protocol().lost.await();
            assertNull(p.client().protocol().lostWith);
            s.transport.resumeReading();
            s.lost.await();
            assertTrue(s.received.size() < 8 << 20);
        }
    }

    @Test
    void theTransportGivesItsAddressesAndSocket(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            Transport c = p.client().transport();
            InetSocketAddress peer = (InetSocketAddress) c.getExtraInfo("peername");
            assertEquals(NetTesting.port(p.server()), peer.getPort());
            assertEquals(p.serverSide().transport.getExtraInfo("peername"), c.getExtraInfo("sockname"));
            SocketChannel sock = assertInstanceOf(SocketChannel.class, c.getExtraInfo("socket"));
            assertTrue(sock.getOption(StandardSocketOptions.TCP_NODELAY), "TCP_NODELAY is on by default, as asyncio");
            assertNull(c.getExtraInfo("sslcontext"));
            assertEquals("dflt", c.getExtraInfo("nothing", "dflt"));
        }
    }

    @Test
    void toStringShowsTheStateAndTheBuffer(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            String s = p.client().transport().toString();
            assertTrue(s.startsWith("<SocketTransport OPEN"), s);
            assertTrue(s.contains("read=polling"), s);
            assertTrue(s.contains("bufsize=0"), s);
        }
    }

    @Test
    void pauseReadingHoldsDataBackUntilResumeReading(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            Recorder s = p.serverSide();
            s.transport.pauseReading();
            assertFalse(s.transport.isReading());
            p.client().transport().write(b("held"));
            sleep(0.05);
            assertEquals(0, s.received.size());
            s.transport.resumeReading();
            assertTrue(s.transport.isReading());
            assertEquals("held", new String(s.awaitBytes(4), StandardCharsets.UTF_8));
        }
    }

    @Test
    void writelinesSendsTheChunksInOrder(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            p.client().transport().writelines(List.of(b("a"), b("bc"), b("def")));
            assertEquals("abcdef", new String(p.serverSide().awaitBytes(6), StandardCharsets.UTF_8));
        }
    }

    @Test
    void setProtocolHandsTheFollowingDataToTheNewProtocol(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            Recorder s = p.serverSide();
            Recorder next = new Recorder();
            s.transport.setProtocol(next);
            assertSame(next, s.transport.getProtocol());
            p.client().transport().write(b("for the new one"));
            assertEquals("for the new one", new String(next.awaitBytes(15), StandardCharsets.UTF_8));
            assertEquals(0, s.received.size());
            s.transport.setProtocol(s);
        }
    }

    @Test
    void aBufferedProtocolReceivesIntoItsOwnBuffer(EventLoop loop) throws Exception {
        ByteBuffer mine = ByteBuffer.allocate(16);
        ByteBuffer[] handedOut = new ByteBuffer[1];
        List<Integer> updates = new ArrayList<>();
        io.asyncio4j.Future<Void> done = loop.createFuture();
        Server server = loop.createServer(() -> new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                handedOut[0] = mine;
                return mine;
            }

            @Override
            public void bufferUpdated(int nbytes) {
                updates.add(nbytes);
                mine.position(mine.position() + nbytes);
                if (mine.position() >= 10 && !done.isDone()) {
                    done.setResult(null);
                }
            }
        }, "127.0.0.1", 0);
        TransportPair<Transport, Recorder> c = loop.createConnection(Recorder::new, "127.0.0.1",
                NetTesting.port(server));
        c.transport().write(b("0123456789"));
        done.await();
        assertSame(mine, handedOut[0]);
        assertEquals(10, updates.stream().mapToInt(Integer::intValue).sum());
        byte[] got = new byte[10];
        mine.get(0, got);
        assertArrayEquals(b("0123456789"), got);
        c.transport().close();
        c.protocol().lost.await();
        server.abortClients();
        server.close();
        server.waitClosed();
    }

    @Test
    void aWriteTheKernelTakesWholeIsNotBuffered(EventLoop loop) throws Exception {
        try (Pair p = Pair.open(loop)) {
            p.client().transport().write(b("small"));
            assertEquals(0, p.client().transport().getWriteBufferSize());
            p.serverSide().awaitBytes(5);
        }
    }

    @Test
    void aWriteTheKernelTakesInPartQueuesTheRestAheadOfLaterWritesAndEveryByteArrives(EventLoop loop)
            throws Exception {
        try (Pair p = Pair.open(loop)) {
            Recorder s = p.serverSide();
            s.transport.pauseReading();
            byte[] big = new byte[8 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 7 + (i >> 12));
            }
            Transport c = p.client().transport();
            c.write(big);
            long queued = c.getWriteBufferSize();
            assertTrue(queued > 0 && queued < big.length, "sent in part, the rest queued: " + queued);
            c.write(b("tail"));
            assertEquals(queued + 4, c.getWriteBufferSize());
            s.transport.resumeReading();
            s.awaitBytes(big.length + 4);
            while (c.getWriteBufferSize() > 0) {
                sleep(0.001);
            }
            c.write(b("again")); // the queue is empty again: straight to the kernel
            assertEquals(0, c.getWriteBufferSize());
            s.awaitBytes(big.length + 9);
            byte[] got = s.received.toByteArray();
            assertArrayEquals(big, java.util.Arrays.copyOf(got, big.length));
            assertEquals("tailagain", new String(got, big.length, 9, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aConnectionCanBeMadeFromAGivenLocalAddress(EventLoop loop) throws Exception {
        Server server = loop.createServer(Recorder::new, "127.0.0.1", 0);
        TransportPair<Transport, Recorder> c = loop.createConnection(Recorder::new, "127.0.0.1",
                NetTesting.port(server), io.asyncio4j.streams.ConnectOptions.defaults()
                        .withLocalAddr(new InetSocketAddress("127.0.0.2", 0)).withNoDelay(false));
        InetSocketAddress local = (InetSocketAddress) c.transport().getExtraInfo("sockname");
        assertEquals("127.0.0.2", local.getAddress().getHostAddress());
        SocketChannel sock = (SocketChannel) c.transport().getExtraInfo("socket");
        assertFalse(sock.getOption(StandardSocketOptions.TCP_NODELAY));
        c.transport().close();
        c.protocol().lost.await();
        server.abortClients();
        server.close();
        server.waitClosed();
    }

    @Test
    void twoServersMayShareAPortWithReusePort(EventLoop loop) throws Exception {
        io.asyncio4j.streams.ServerOptions shared = io.asyncio4j.streams.ServerOptions.defaults().withReusePort(true);
        Server a = loop.createServer(Recorder::new, "127.0.0.1", 0, shared);
        Server b = loop.createServer(Recorder::new, "127.0.0.1", NetTesting.port(a), shared);
        assertEquals(a.addresses(), b.addresses());
        a.close();
        b.close();
        a.waitClosed();
        b.waitClosed();
    }
}
