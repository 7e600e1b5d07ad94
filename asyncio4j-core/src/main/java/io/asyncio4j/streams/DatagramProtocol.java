package io.asyncio4j.streams;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * Receives the datagrams of a datagram endpoint. Override one of the two
 * {@code datagramReceived} methods: the {@link ByteBuffer} one sees the datagram without a copy
 * (valid only during the call), the {@code byte[]} one gets a copy of its own.
 * <p>
 * Order of calls: {@code connectionMade}, then {@code datagramReceived}* and
 * {@code errorReceived}* (and {@code pauseWriting}/{@code resumeWriting}), then
 * {@code connectionLost}. Loop thread only; no method may suspend.
 * <p>
 * asyncio: {@code asyncio.DatagramProtocol}
 */
public interface DatagramProtocol extends BaseProtocol {

    /** The endpoint is ready; keep the transport to send. asyncio: {@code connection_made(transport)} */
    default void connectionMade(DatagramTransport transport) {
    }

    /**
     * A datagram arrived from {@code addr}. {@code data} is valid only during this call (the
     * transport reuses it). The default copies it and calls {@link #datagramReceived(byte[], SocketAddress)}.
     * asyncio: {@code datagram_received(data, addr)}
     */
    default void datagramReceived(ByteBuffer data, SocketAddress addr) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        datagramReceived(copy, addr);
    }

    /** A datagram arrived from {@code addr}; the array is the protocol's to keep. asyncio: {@code datagram_received} */
    default void datagramReceived(byte[] data, SocketAddress addr) {
    }

    /**
     * A send or receive failed without ending the endpoint (for example an ICMP "port
     * unreachable" on a connected endpoint, as {@link java.net.PortUnreachableException}).
     * asyncio: {@code error_received(exc)}
     */
    default void errorReceived(Exception exc) {
    }
}
