package io.asyncio4j.streams;

import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One datagram received by {@code EventLoop.sockRecvfrom}: its bytes (cut to the size asked for)
 * and the address it came from.
 * <p>
 * asyncio: the {@code (data, address)} tuple of {@code loop.sock_recvfrom()}
 *
 * @param data    the datagram's bytes, at most the size asked for (the rest of a longer datagram is
 *                discarded, as by {@code recvfrom(2)})
 * @param address the sender
 */
public record Datagram(byte[] data, SocketAddress address) {
    /** Checks the parts. */
    public Datagram {
        Objects.requireNonNull(data, "Datagram: data is null");
        Objects.requireNonNull(address, "Datagram: address is null");
    }

    /** Equal when the bytes and the address are (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && Arrays.equals(data, d.data) && address.equals(d.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + address.hashCode();
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from " + address + "]";
    }
}
