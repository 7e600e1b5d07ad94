package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.Datagram;
import io.asyncio4j.streams.ReceivedDatagram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The low-level socket calls of the loop: each tries the operation at once and, if the socket is
 * not ready, waits for readiness with {@link EventLoop#addReader}/{@link EventLoop#addWriter}
 * (so a cancelled call leaves no registration behind) and tries again. Sockets must be
 * non-blocking and must not belong to a transport.
 * <p>
 * Threading: loop thread only; called from tasks (they suspend).
 * <p>
 * asyncio: {@code loop.sock_connect}, {@code sock_accept}, {@code sock_recv}, {@code sock_recv_into},
 * {@code sock_sendall}, {@code sock_sendfile}, {@code sock_recvfrom}, {@code sock_recvfrom_into},
 * {@code sock_sendto} ({@code selector_events.BaseSelectorEventLoop})
 */
public final class SockOps {
    private final NetLoop net;
    private final EventLoop loop;

    SockOps(NetLoop net) {
        this.net = net;
        this.loop = net.loop;
    }

    /**
     * A socket the calls may use: open (a closed one is asyncio's {@code OSError: [Errno 9] Bad
     * file descriptor}, an IOException here), non-blocking (asyncio's {@code ValueError}, which
     * 3.13 raises in debug mode only; here always, since a blocking call would stall the loop),
     * and not serving a transport.
     */
    private void usable(SelectableChannel ch, String what) throws IOException {
        Objects.requireNonNull(ch, what + ": the socket is null");
        if (!ch.isOpen()) {
            throw new SocketException("[Errno 9] Bad file descriptor: " + what + " on a closed socket");
        }
        if (ch.isBlocking()) {
            throw new IllegalArgumentException(what + ": the socket must be non-blocking; call "
                    + "socket.configureBlocking(false) first");
        }
        net.requireUsable(ch, what);
    }

    /** Suspends until {@code ch} is readable (or acceptable) / writable (or connectable). */
    private void waitReady(SelectableChannel ch, boolean write) {
        Future<Void> f = loop.createFuture();
        Runnable wake = () -> {
            if (!f.isDone()) {
                f.setResult(null);
            }
        };
        if (write) {
            loop.addWriter(ch, wake);
        } else {
            loop.addReader(ch, wake);
        }
        try {
            f.await();
        } finally {
            if (write) {
                loop.removeWriter(ch);
            } else {
                loop.removeReader(ch);
            }
        }
    }

    /** asyncio: {@code loop.sock_connect(sock, address)}. May suspend. */
    public void sockConnect(SocketChannel ch, SocketAddress addr) throws IOException {
        usable(ch, "EventLoop.sockConnect()");
        Objects.requireNonNull(addr, "EventLoop.sockConnect(): the address is null");
        if (addr instanceof InetSocketAddress isa) {
            addr = net.resolveOne(isa);
        }
        if (ch.isConnected()) {
            // 3.13: connecting again to the same peer is a no-op; to another is EISCONN
            if (addr.equals(ch.getRemoteAddress())) {
                return;
            }
            throw new SocketException("[Errno 106] Transport endpoint is already connected (EventLoop.sockConnect(): "
                    + "the socket is connected to " + OsErrors.address(ch.getRemoteAddress()) + ")");
        }
        try {
            if (ch.connect(addr)) {
                return;
            }
        } catch (IOException e) {
            throw NetLoop.connectError(e, addr, true);
        }
        try {
            while (true) {
                waitReady(ch, true);
                if (ch.finishConnect()) {
                    return;
                }
            }
        } catch (IOException e) {
            throw NetLoop.connectError(e, addr, false);
        }
    }

    /**
     * asyncio: {@code loop.sock_accept(sock)}: the next connection, as a non-blocking channel
     * ({@link SocketChannel#getRemoteAddress()} is asyncio's {@code address}). May suspend.
     */
    public SocketChannel sockAccept(ServerSocketChannel ch) throws IOException {
        usable(ch, "EventLoop.sockAccept()");
        while (true) {
            SocketChannel c;
            try {
                c = ch.accept();
            } catch (java.nio.channels.NotYetBoundException e) {
                throw notConnected("EventLoop.sockAccept()", 22, "Invalid argument", e);
            }
            if (c != null) {
                c.configureBlocking(false);
                return c;
            }
            waitReady(ch, false);
        }
    }

    /**
     * asyncio: {@code loop.sock_recv(sock, n)}: up to {@code n} bytes as soon as some arrive; an
     * empty array at the end of the stream. May suspend.
     */
    public byte[] sockRecv(SocketChannel ch, int n) throws IOException {
        usable(ch, "EventLoop.sockRecv()");
        if (n < 0) {
            throw new IllegalArgumentException("EventLoop.sockRecv(): n must be >= 0, got " + n);
        }
        if (n == 0) {
            return new byte[0];
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        while (true) {
            int k = read(ch, b);
            if (k < 0) {
                return new byte[0];
            }
            if (k > 0) {
                return k == n ? b.array() : Arrays.copyOf(b.array(), k);
            }
            waitReady(ch, false);
        }
    }

    /**
     * asyncio: {@code loop.sock_recv_into(sock, buf)}: reads into {@code buf} from its position
     * (which moves); returns the byte count, 0 at the end of the stream. May suspend.
     */
    public int sockRecvInto(SocketChannel ch, ByteBuffer buf) throws IOException {
        usable(ch, "EventLoop.sockRecvInto()");
        if (!buf.hasRemaining()) {
            return 0;
        }
        while (true) {
            int k = read(ch, buf);
            if (k < 0) {
                return 0;
            }
            if (k > 0) {
                return k;
            }
            waitReady(ch, false);
        }
    }

    /**
     * asyncio: {@code loop.sock_recvfrom(sock, bufsize)}: the next datagram, cut to {@code bufsize}
     * bytes, and its sender. May suspend.
     */
    public Datagram sockRecvfrom(DatagramChannel ch, int bufsize) throws IOException {
        usable(ch, "EventLoop.sockRecvfrom()");
        if (bufsize < 0) {
            throw new IllegalArgumentException("EventLoop.sockRecvfrom(): bufsize must be >= 0, got " + bufsize);
        }
        ByteBuffer b = ByteBuffer.allocate(bufsize);
        SocketAddress from = receive(ch, b);
        int k = b.position();
        return new Datagram(k == bufsize ? b.array() : Arrays.copyOf(b.array(), k), from);
    }

    /**
     * asyncio: {@code loop.sock_recvfrom_into(sock, buf)}: the next datagram into {@code buf} from its
     * position (which moves) up to its limit, the rest of a longer one discarded. May suspend.
     */
    public ReceivedDatagram sockRecvfromInto(DatagramChannel ch, ByteBuffer buf) throws IOException {
        usable(ch, "EventLoop.sockRecvfromInto()");
        Objects.requireNonNull(buf, "EventLoop.sockRecvfromInto(): the buffer is null");
        if (buf.isReadOnly()) {
            throw new IllegalArgumentException("EventLoop.sockRecvfromInto(): the buffer is read-only");
        }
        int start = buf.position();
        SocketAddress from = receive(ch, buf);
        return new ReceivedDatagram(buf.position() - start, from);
    }

    /** Receives one datagram into {@code b}, waiting for one to arrive. */
    private SocketAddress receive(DatagramChannel ch, ByteBuffer b) throws IOException {
        while (true) {
            SocketAddress from;
            try {
                from = ch.receive(b);
            } catch (IOException e) {
                throw StreamTransport.translate(e);
            }
            if (from != null) {
                return from;
            }
            waitReady(ch, false);
        }
    }

    /**
     * asyncio: {@code loop.sock_sendto(sock, data, address)}: sends {@code data}'s remaining bytes as
     * one datagram, waiting while the socket's send buffer is full; returns the bytes sent. An
     * unresolved address is resolved off the loop thread first. May suspend.
     */
    public int sockSendto(DatagramChannel ch, ByteBuffer data, SocketAddress addr) throws IOException {
        usable(ch, "EventLoop.sockSendto()");
        Objects.requireNonNull(data, "EventLoop.sockSendto(): the data is null");
        Objects.requireNonNull(addr, "EventLoop.sockSendto(): the address is null");
        if (addr instanceof InetSocketAddress isa) {
            addr = net.resolveOne(isa);
        }
        int n = data.remaining();
        while (true) {
            int k;
            try {
                if (n == 0 && ch.isConnected() && addr.equals(ch.getRemoteAddress())) {
                    if (net.sendEmptyDatagram(ch, "EventLoop.sockSendto()")) {
                        return 0;
                    }
                    waitReady(ch, true);
                    continue;
                }
                k = ch.send(data, addr);
            } catch (IOException e) {
                throw StreamTransport.translate(e);
            }
            // a datagram goes whole or not at all: 0 with bytes to send means "no room yet"
            if (k > 0 || n == 0) {
                return k;
            }
            waitReady(ch, true);
        }
    }

    private static int read(SocketChannel ch, ByteBuffer b) throws IOException {
        try {
            return ch.read(b);
        } catch (IOException e) {
            throw StreamTransport.translate(e);
        } catch (java.nio.channels.NotYetConnectedException e) {
            throw notConnected("EventLoop.sockRecv()", 107, "Transport endpoint is not connected", e);
        }
    }

    /**
     * The system error asyncio raises where NIO throws its own unchecked exception for a socket
     * not connected (recv: {@code [Errno 107]}; send: {@code BrokenPipeError [Errno 32]}) or not
     * listening (accept: {@code [Errno 22] Invalid argument}).
     */
    private static SocketException notConnected(String what, int errno, String text, RuntimeException cause) {
        SocketException e = new SocketException("[Errno " + errno + "] " + text + " (" + what + ": the socket is not "
                + (errno == 22 ? "listening" : "connected") + ")");
        e.initCause(cause);
        return e;
    }

    /** asyncio: {@code loop.sock_sendall(sock, data)}: every byte, waiting as needed. May suspend. */
    public void sockSendall(SocketChannel ch, ByteBuffer data) throws IOException {
        usable(ch, "EventLoop.sockSendall()");
        while (data.hasRemaining()) {
            int k;
            try {
                k = ch.write(data);
            } catch (IOException e) {
                throw StreamTransport.translate(e);
            } catch (java.nio.channels.NotYetConnectedException e) {
                throw notConnected("EventLoop.sockSendall()", 32, "Broken pipe", e);
            }
            if (k == 0) {
                waitReady(ch, true);
            }
        }
    }

    /**
     * asyncio: {@code loop.sock_sendfile(sock, file, offset, count)}: zero-copy with
     * {@link FileChannel#transferTo}; {@code count <= 0} sends to the end of the file; the file's
     * position ends after the last byte sent. May suspend.
     */
    public long sockSendfile(SocketChannel ch, FileChannel file, long offset, long count) throws IOException {
        usable(ch, "EventLoop.sockSendfile()");
        Objects.requireNonNull(file, "EventLoop.sockSendfile(): the file is null");
        long end = count > 0 ? offset + count : Long.MAX_VALUE;
        long pos = offset;
        try {
            while (pos < end) {
                long n;
                try {
                    n = file.transferTo(pos, end - pos, ch);
                } catch (IOException e) {
                    throw StreamTransport.translate(e);
                }
                if (n > 0) {
                    pos += n;
                } else if (pos >= file.size()) {
                    break;
                } else {
                    waitReady(ch, true);
                }
            }
            return pos - offset;
        } finally {
            file.position(pos);
        }
    }
}
