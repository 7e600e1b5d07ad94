package io.asyncio4j.internal.net;

import io.asyncio4j.Future;
import io.asyncio4j.streams.BaseProtocol;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP or Unix-domain socket as a transport (see {@link StreamTransport} for states,
 * reading, writing and threading). Extra info: {@code "socket"} (the {@link SocketChannel}),
 * {@code "peername"}, {@code "sockname"}.
 * <p>
 * asyncio: {@code selector_events._SelectorSocketTransport}
 */
public final class SocketTransport extends StreamTransport {
    private final SocketChannel socket;
    private final SocketAddress peername;
    private final SocketAddress sockname;

    SocketTransport(NetLoop net, SocketChannel socket, SelectionKey key, BaseProtocol protocol, SocketServer server,
                    Future<Void> waiter) {
        this(net, socket, net.dataChannel(socket), key, protocol, server, waiter);
    }

    // data: the socket itself, or its native view (NativeSocketChannel) when the JVM allows one
    private SocketTransport(NetLoop net, SocketChannel socket, ByteChannel data, SelectionKey key, BaseProtocol protocol,
                            SocketServer server, Future<Void> waiter) {
        super(net, socket, data, data, key, protocol, server, waiter);
        this.socket = socket;
        this.peername = addressOrNull(socket, true);
        this.sockname = addressOrNull(socket, false);
    }

    private static SocketAddress addressOrNull(SocketChannel ch, boolean remote) {
        try {
            return remote ? ch.getRemoteAddress() : ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "socket" -> socket;
            case "peername" -> peername;
            case "sockname" -> sockname;
            default -> null;
        };
    }

    @Override
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    void describe(StringBuilder sb) {
        sb.append(" local=").append(sockname).append(" peer=").append(peername);
    }
}
