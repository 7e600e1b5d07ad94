package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hosts with several loopback addresses for connection tests (Happy Eyeballs, interleaving):
 * names that resolve to the addresses a test gives ({@link TestNames}), and listeners on those
 * addresses that answer or "hang". An address hangs as a listener whose accept queue is full: the
 * kernel drops further SYNs, so a connect to it stays pending, as one to an unreachable route
 * would. An address answers as a listener that never accepts: the kernel completes the handshake
 * by itself. {@link #close()} closes every socket made and forgets every name defined.
 * <p>
 * Threading: the test's thread or task; not shared between tests.
 */
public final class LoopbackHosts implements AutoCloseable {
    public static final InetAddress V4 = InetAddress.ofLiteral("127.0.0.1");
    public static final InetAddress V4B = InetAddress.ofLiteral("127.0.0.2");
    public static final InetAddress V4C = InetAddress.ofLiteral("127.0.0.3");
    public static final InetAddress V6 = InetAddress.ofLiteral("::1");
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final int TRIES = 20;

    private final String domain;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** Names made here end in {@code .<label>.asyncio4j.test}. */
    public LoopbackHosts(String label) {
        this.domain = "." + label + ".asyncio4j.test";
    }

    /** A fresh name (the JDK caches lookups) resolving to {@code addrs}, in this order. */
    public String host(InetAddress... addrs) {
        String name = "h" + NAMES.incrementAndGet() + domain;
        TestNames.define(name, addrs);
        names.add(name);
        return name;
    }

    /** A listener on {@code a}:{@code port} (0: any) with {@code backlog}, closed with this. */
    public ServerSocketChannel listener(InetAddress a, int port, int backlog) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        open.add(s);
        s.bind(new InetSocketAddress(a, port), backlog);
        return s;
    }

    /** Makes {@code a}:{@code port} hang: a listener with a full accept queue. */
    public void hang(InetAddress a, int port) throws IOException {
        ServerSocketChannel s = listener(a, port, 1);
        for (int i = 0; i < 2; i++) { // backlog 1 holds two established connections
            open.add(SocketChannel.open(s.getLocalAddress()));
        }
    }

    /** A port with a listener that answers on every address given. */
    public int answeringPort(InetAddress... addrs) throws IOException {
        return samePort(addrs[0], port -> {
            for (int i = 1; i < addrs.length; i++) {
                listener(addrs[i], port, 50);
            }
        }, true);
    }

    /** A port where {@code hung} hangs and {@code answering} answers. */
    public int hangingThenAnswering(InetAddress hung, InetAddress answering) throws IOException {
        return samePort(answering, port -> hang(hung, port), true);
    }

    /** A port where every address given hangs. */
    public int hangingPort(InetAddress... addrs) throws IOException {
        return samePort(addrs[0], port -> {
            for (InetAddress a : addrs) {
                hang(a, port);
            }
        }, false);
    }

    /** A connection to {@code host:port} with options {@code o}, served by a protocol that does nothing. */
    public static TransportPair<Transport, Protocol> connect(EventLoop loop, String host, int port, ConnectOptions o)
            throws IOException {
        return loop.createConnection(() -> new Protocol() { }, host, port, o);
    }

    /** The address a connection reached. */
    public static InetSocketAddress peer(TransportPair<Transport, Protocol> c) {
        return (InetSocketAddress) c.transport().getExtraInfo("peername");
    }

    /** A port nothing listens on (on any loopback address, as far as the tests know). */
    public static int refusedPort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(V4, 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    private interface PortUse {
        void at(int port) throws IOException;
    }

    /**
     * A port picked on {@code first} (kept as an answering listener if {@code keepFirst}) where
     * {@code use} succeeds too; another port is tried while the port is taken elsewhere.
     */
    private int samePort(InetAddress first, PortUse use, boolean keepFirst) throws IOException {
        for (int attempt = 0; ; attempt++) {
            int port;
            if (keepFirst) {
                port = ((InetSocketAddress) listener(first, 0, 50).getLocalAddress()).getPort();
            } else {
                try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                    probe.bind(new InetSocketAddress(first, 0));
                    port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
                }
            }
            try {
                use.at(port);
                return port;
            } catch (IOException taken) {
                if (attempt == TRIES) {
                    throw taken;
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
        names.forEach(TestNames::forget);
        names.clear();
    }
}
