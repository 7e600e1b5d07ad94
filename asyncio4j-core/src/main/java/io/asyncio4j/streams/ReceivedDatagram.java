package io.asyncio4j.streams;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * What {@code EventLoop.sockRecvfromInto} received: how many bytes it put in the buffer and the
 * address they came from.
 * <p>
 * asyncio: the {@code (nbytes, address)} tuple of {@code loop.sock_recvfrom_into()}
 *
 * @param nbytes  the bytes written into the buffer (a longer datagram is cut to the buffer's room)
 * @param address the sender
 */
public record ReceivedDatagram(int nbytes, SocketAddress address) {
    /** Checks the parts. */
    public ReceivedDatagram {
        if (nbytes < 0) {
            throw new IllegalArgumentException("ReceivedDatagram: nbytes must be >= 0, got " + nbytes);
        }
        Objects.requireNonNull(address, "ReceivedDatagram: address is null");
    }
}
