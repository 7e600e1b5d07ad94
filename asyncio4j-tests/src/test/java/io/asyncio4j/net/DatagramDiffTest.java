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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Datagram endpoints against CPython 3.13 (/tmp/streamdiff2/a3_udp.py). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class DatagramDiffTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /** Records errorReceived and connectionLost. */
    static final class Errors implements DatagramProtocol {
        final List<Exception> errors = new ArrayList<>();
        final Future<Void> lost = io.asyncio4j.Asyncio.getRunningLoop().createFuture();

        @Override
        public void errorReceived(Exception exc) {
            errors.add(exc);
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(null);
        }
    }

    @Test
    void sendtoAnotherAddressOnAConnectedEndpointNamesItsPeerAsPythonDoes(EventLoop loop) throws Exception {
        // 3.13: ValueError: Invalid address: must be None or ('127.0.0.1', 51180)
        var server = loop.createDatagramEndpoint(Errors::new, LOOPBACK, null);
        InetSocketAddress addr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
        var client = loop.createDatagramEndpoint(Errors::new, null, addr);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.transport().sendto(new byte[1], new InetSocketAddress("127.0.0.1", 9)));
        assertTrue(e.getMessage().contains("Invalid address: must be null or ('127.0.0.1', " + addr.getPort() + ")"),
                e.getMessage());
        client.transport().close();
        server.transport().close();
        client.protocol().lost.await();
        server.protocol().lost.await();
    }

    @Test
    void peernameIsTheRemoteOfAConnectedEndpointAndNullOtherwise(EventLoop loop) throws Exception {
        // 3.13: peername ('127.0.0.1', 51180) connected, None unconnected; get_write_buffer_size() 0
        var server = loop.createDatagramEndpoint(Errors::new, LOOPBACK, null);
        SocketAddress addr = (SocketAddress) server.transport().getExtraInfo("sockname");
        var client = loop.createDatagramEndpoint(Errors::new, null, (InetSocketAddress) addr);
        assertEquals(addr, client.transport().getExtraInfo("peername"));
        assertInstanceOf(InetSocketAddress.class, client.transport().getExtraInfo("sockname"));
        assertNull(server.transport().getExtraInfo("peername"));
        assertEquals(0, client.transport().getWriteBufferSize());
        client.transport().close();
        server.transport().close();
        client.protocol().lost.await();
        server.protocol().lost.await();
    }

    @Test
    void anOversizedDatagramGoesToErrorReceivedAndTheEndpointCarriesOn(EventLoop loop) throws Exception {
        // 3.13: sendto(b'x' * 70000) does not raise; error_received(OSError: [Errno 90] Message too long)
        var server = loop.createDatagramEndpoint(Errors::new, LOOPBACK, null);
        InetSocketAddress addr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
        TransportPair<DatagramTransport, Errors> client = loop.createDatagramEndpoint(Errors::new, null, addr);
        client.transport().sendto(new byte[70000]);
        sleep(0.01);
        assertEquals(1, client.protocol().errors.size());
        assertInstanceOf(IOException.class, client.protocol().errors.get(0));
        assertEquals("[Errno 90] Message too long", client.protocol().errors.get(0).getMessage());
        assertFalse(client.transport().isClosing());
        assertEquals(0, client.transport().getWriteBufferSize());
        client.transport().close();
        server.transport().close();
        client.protocol().lost.await();
        server.protocol().lost.await();
    }

    @Test
    void sendtoAfterCloseOnAConnectedEndpointIsDropped(EventLoop loop) throws Exception {
        // 3.13: no raise (a warning from the 5th on); connection_lost(None) once
        var server = loop.createDatagramEndpoint(Errors::new, LOOPBACK, null);
        InetSocketAddress addr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
        TransportPair<DatagramTransport, Errors> client = loop.createDatagramEndpoint(Errors::new, null, addr);
        client.transport().close();
        for (int i = 0; i < 6; i++) {
            client.transport().sendto(new byte[1]);
        }
        assertTrue(client.transport().isClosing());
        assertEquals(0, client.transport().getWriteBufferSize());
        client.protocol().lost.await();
        assertTrue(client.protocol().errors.isEmpty());
        server.transport().close();
        server.protocol().lost.await();
    }

    @Test
    void aPortUnreachableOnAConnectedEndpointIsReportedAsConnectionRefused(EventLoop loop) throws Exception {
        // 3.13: error_received(ConnectionRefusedError: [Errno 111] Connection refused), endpoint open.
        // The kind stays the JDK's PortUnreachableException (a SocketException), its words Python's.
        int deadPort;
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            probe.bind(LOOPBACK);
            deadPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        TransportPair<DatagramTransport, Errors> client = loop.createDatagramEndpoint(Errors::new, null,
                new InetSocketAddress("127.0.0.1", deadPort));
        client.transport().sendto(new byte[1]);
        for (int i = 0; i < 100 && client.protocol().errors.isEmpty(); i++) {
            sleep(0.01);
            client.transport().sendto(new byte[1]);
        }
        Exception e = client.protocol().errors.get(0);
        assertInstanceOf(java.net.PortUnreachableException.class, e);
        assertEquals("[Errno 111] Connection refused", e.getMessage());
        assertFalse(client.transport().isClosing());
        client.transport().close();
        client.protocol().lost.await();
    }

    @Test
    void bindingToAnAddressInUseIsABindExceptionWithErrno98(EventLoop loop) throws Exception {
        // 3.13: OSError: [Errno 98] Address already in use. Here also the address, in the words
        // asyncio's create_server uses
        try (java.nio.channels.DatagramChannel held = java.nio.channels.DatagramChannel.open()) {
            held.bind(LOOPBACK);
            InetSocketAddress addr = (InetSocketAddress) held.getLocalAddress();
            java.net.BindException e = assertThrows(java.net.BindException.class,
                    () -> loop.createDatagramEndpoint(Errors::new, addr, null));
            assertEquals("[Errno 98] error while attempting to bind on address ('127.0.0.1', " + addr.getPort()
                    + "): [errno 98] address already in use", e.getMessage());
        }
    }
}
