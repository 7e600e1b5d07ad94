package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.DatagramProtocol;
import io.asyncio4j.streams.DatagramTransport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UDP endpoints: sendto, datagramReceived, connected endpoints, errors. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class DatagramTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /** Records datagrams; echoes them back if asked. */
    static final class Udp implements DatagramProtocol {
        final EventLoop loop = EventLoop.getRunningLoop();
        final boolean echo;
        DatagramTransport transport;
        final List<String> got = new ArrayList<>();
        final List<SocketAddress> from = new ArrayList<>();
        final List<Exception> errors = new ArrayList<>();
        final Future<Void> lost = loop.createFuture();
        private Future<Void> change;

        Udp(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void connectionMade(DatagramTransport t) {
            transport = t;
        }

        @Override
        public void datagramReceived(byte[] data, SocketAddress addr) {
            got.add(new String(data, StandardCharsets.UTF_8));
            from.add(addr);
            if (echo) {
                transport.sendto(data, addr);
            }
            wake();
        }

        @Override
        public void errorReceived(Exception exc) {
            errors.add(exc);
            wake();
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(null);
        }

        private void wake() {
            Future<Void> c = change;
            change = null;
            if (c != null && !c.isDone()) {
                c.setResult(null);
            }
        }

        void awaitDatagrams(int n) {
            while (got.size() < n) {
                change = loop.createFuture();
                io.asyncio4j.Asyncio.waitFor(change, 5.0);
            }
        }

        void awaitErrors(int n) {
            while (errors.size() < n) {
                change = loop.createFuture();
                io.asyncio4j.Asyncio.waitFor(change, 5.0);
            }
        }
    }

    @Test
    void aDatagramMakesTheRoundTrip(EventLoop loop) throws Exception {
        TransportPair<DatagramTransport, Udp> server = loop.createDatagramEndpoint(() -> new Udp(true), ANY_LOOPBACK,
                null);
        InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
        TransportPair<DatagramTransport, Udp> client = loop.createDatagramEndpoint(() -> new Udp(false), null,
                serverAddr);
        client.transport().sendto("ping".getBytes(StandardCharsets.UTF_8));
        client.protocol().awaitDatagrams(1);
        assertEquals(List.of("ping"), server.protocol().got);
        assertEquals(List.of("ping"), client.protocol().got);
        assertEquals(client.transport().getExtraInfo("sockname"), server.protocol().from.get(0));
        assertEquals(serverAddr, client.transport().getExtraInfo("peername"));
        client.transport().close();
        server.transport().close();
        client.protocol().lost.await();
        server.protocol().lost.await();
    }

    /** Only the native socket path can send an empty datagram on a connected socket (NIO cannot). */
    private static final boolean NATIVE_PATH = "loom".equals(System.getProperty("asyncio4j.expectEngine", "loom"));

    @Test
    void aConnectedEndpointSendsAnEmptyDatagram(EventLoop loop) throws Exception {
        // CPython: transport.sendto(b"") on a connected endpoint sends a datagram of no bytes
        TransportPair<DatagramTransport, Udp> server = loop.createDatagramEndpoint(() -> new Udp(false), ANY_LOOPBACK,
                null);
        InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
        TransportPair<DatagramTransport, Udp> client = loop.createDatagramEndpoint(() -> new Udp(false), null,
                serverAddr);
        if (NATIVE_PATH) {
            client.transport().sendto(new byte[0]);
            client.transport().sendto("after".getBytes(StandardCharsets.UTF_8));
            server.protocol().awaitDatagrams(2);
            assertEquals(List.of("", "after"), server.protocol().got);
        } else {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> client.transport().sendto(new byte[0]));
            assertTrue(e.getMessage().contains("needs the native socket path"), e.getMessage());
        }
        client.transport().close();
        server.transport().close();
        client.protocol().lost.await();
        server.protocol().lost.await();
    }

    @Test
    void anUnconnectedEndpointSendsToAnyAddress(EventLoop loop) throws Exception {
        TransportPair<DatagramTransport, Udp> a = loop.createDatagramEndpoint(() -> new Udp(false), ANY_LOOPBACK, null);
        TransportPair<DatagramTransport, Udp> b = loop.createDatagramEndpoint(() -> new Udp(false), ANY_LOOPBACK, null);
        SocketAddress bAddr = (SocketAddress) b.transport().getExtraInfo("sockname");
        assertNull(a.transport().getExtraInfo("peername"));
        for (int i = 0; i < 3; i++) {
            a.transport().sendto(ByteBuffer.wrap(("d" + i).getBytes(StandardCharsets.UTF_8)), bAddr);
        }
        b.protocol().awaitDatagrams(3);
        assertEquals(List.of("d0", "d1", "d2"), b.protocol().got);
        assertThrows(IllegalArgumentException.class, () -> a.transport().sendto(new byte[1]),
                "an unconnected endpoint needs an address");
        a.transport().abort();
        b.transport().abort();
        a.protocol().lost.await();
        b.protocol().lost.await();
    }

    @Test
    void aConnectedEndpointRefusesAnotherAddress(EventLoop loop) throws Exception {
        TransportPair<DatagramTransport, Udp> server = loop.createDatagramEndpoint(() -> new Udp(false), ANY_LOOPBACK,
                null);
        SocketAddress serverAddr = (SocketAddress) server.transport().getExtraInfo("sockname");
        TransportPair<DatagramTransport, Udp> client = loop.createDatagramEndpoint(() -> new Udp(false), null,
                (InetSocketAddress) serverAddr);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.transport().sendto(new byte[1], new InetSocketAddress("127.0.0.1", 9)));
        assertTrue(e.getMessage().contains("must be null or"), e.getMessage());
        client.transport().sendto(new byte[1], serverAddr); // its own remote address is fine
        server.protocol().awaitDatagrams(1);
        client.transport().close();
        server.transport().close();
        client.protocol().lost.await();
        server.protocol().lost.await();
    }

    @Test
    void aPortNobodyListensOnIsReportedToErrorReceivedAndTheEndpointCarriesOn(EventLoop loop) throws Exception {
        int deadPort;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(ANY_LOOPBACK);
            deadPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        TransportPair<DatagramTransport, Udp> client = loop.createDatagramEndpoint(() -> new Udp(false), null,
                new InetSocketAddress("127.0.0.1", deadPort));
        client.transport().sendto("anyone?".getBytes(StandardCharsets.UTF_8));
        sleep(0.02);
        client.transport().sendto("anyone?".getBytes(StandardCharsets.UTF_8));
        client.protocol().awaitErrors(1);
        assertInstanceOf(PortUnreachableException.class, client.protocol().errors.get(0));
        assertTrue(!client.transport().isClosing(), "an ICMP error does not close the endpoint");
        client.transport().close();
        client.protocol().lost.await();
    }

    @Test
    void writesAfterCloseAreDropped(EventLoop loop) throws Exception {
        TransportPair<DatagramTransport, Udp> a = loop.createDatagramEndpoint(() -> new Udp(false), ANY_LOOPBACK, null);
        SocketAddress self = (SocketAddress) a.transport().getExtraInfo("sockname");
        a.transport().close();
        a.transport().sendto(new byte[3], self);
        assertEquals(0, a.transport().getWriteBufferSize());
        a.protocol().lost.await();
        assertTrue(a.transport().toString().contains("CLOSED"), a.transport().toString());
    }
}
