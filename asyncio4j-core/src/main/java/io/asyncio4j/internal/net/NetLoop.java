package io.asyncio4j.internal.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroupException;
import io.asyncio4j.Future;
import io.asyncio4j.Handle;
import io.asyncio4j.Task;
import io.asyncio4j.internal.IoHandler;
import io.asyncio4j.internal.LoopCore;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.BufferedProtocol;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.DatagramOptions;
import io.asyncio4j.streams.DatagramProtocol;
import io.asyncio4j.streams.DatagramTransport;
import io.asyncio4j.streams.NameInfo;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.ReadTransport;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.streams.WriteTransport;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The networking side of one event loop: what {@code EventLoop}'s networking methods delegate to
 * (connections, servers, TLS upgrade, datagram endpoints, pipes, name resolution; the low-level
 * socket calls are in {@link SockOps}), plus what the loop's transports share: one direct read
 * buffer and one direct write buffer, reused by every transport of the loop (a transport reads
 * into the read buffer only during its own read callback, and the write buffer only carries
 * bytes into one system call), so 10,000 connections cost no direct memory of their own.
 * <p>
 * Threading: loop thread only (the {@code EventLoop} methods check before delegating). Name
 * resolution runs on the loop's default executor; everything else on the loop thread.
 * <p>
 * asyncio: the networking half of {@code base_events.BaseEventLoop} and
 * {@code selector_events.BaseSelectorEventLoop}
 */
public final class NetLoop {
    /** Bytes read per readiness event at most (asyncio's {@code max_size}). */
    static final int READ_BUFFER_SIZE = 256 * 1024;
    static final int WRITE_BUFFER_SIZE = 256 * 1024;

    final EventLoop loop;
    final LoopCore core;
    private ByteBuffer readScratch;
    private ByteBuffer writeScratch;
    private byte[] heapScratch;
    private SockOps sockOps;
    private NativeSocketIo nativeIo;
    private boolean nativeIoChecked;

    /** Made lazily by {@code EventLoop} on first networking use. */
    public NetLoop(EventLoop loop, LoopCore core) {
        this.loop = loop;
        this.core = core;
    }

    ByteBuffer readScratch() {
        ByteBuffer b = readScratch;
        if (b == null) {
            readScratch = b = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
        }
        return b;
    }

    /**
     * The heap array a socket read waiting for a new array of its own is received into before the
     * one copy into that array ({@code StreamTransport.readIntoArray}); one per loop, so it is in
     * cache. Only valid during that read callback.
     */
    byte[] heapScratch() {
        byte[] b = heapScratch;
        if (b == null) {
            heapScratch = b = new byte[READ_BUFFER_SIZE];
        }
        return b;
    }

    ByteBuffer writeScratch() {
        ByteBuffer b = writeScratch;
        if (b == null) {
            writeScratch = b = ByteBuffer.allocateDirect(WRITE_BUFFER_SIZE);
        }
        return b;
    }

    /**
     * What a socket transport moves bytes through: the native view of {@code socket} when the
     * JVM allows it ({@link NativeSocketIo}), else the socket itself.
     */
    ByteChannel dataChannel(SocketChannel socket) {
        NativeSocketChannel n = NativeSocketChannel.of(socket, nativeIo());
        return n != null ? n : socket;
    }

    /** The native view of a pipe end when the JVM allows it, else null (then NIO moves its bytes). */
    NativeSocketChannel pipeDataChannel(SelectableChannel pipeEnd) {
        return NativeSocketChannel.ofPipe(pipeEnd, nativeIo());
    }

    /**
     * Sends an empty datagram on a connected channel, which NIO cannot (see
     * {@link NativeSocketIo#sendEmptyDatagram}): true if sent, false if the socket has no room now.
     *
     * @throws UnsupportedOperationException on the portable path (no native access)
     */
    boolean sendEmptyDatagram(DatagramChannel channel, String what) throws IOException {
        NativeSocketIo io = nativeIo();
        int fd = NativeSocketIo.fdOf(channel);
        if (io == null || fd < 0) {
            throw new UnsupportedOperationException(what + ": an empty datagram on a connected socket needs the "
                    + "native socket path, which the JVM does not allow here (run with ./aio's flags: "
                    + "--enable-native-access=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED)");
        }
        return io.sendEmptyDatagram(fd);
    }

    private NativeSocketIo nativeIo() {
        if (!nativeIoChecked) {
            nativeIoChecked = true;
            nativeIo = NativeSocketIo.create();
        }
        return nativeIo;
    }

    /** The low-level socket calls ({@code sockRecv}, {@code sockSendall}...). */
    public SockOps sockOps() {
        SockOps s = sockOps;
        if (s == null) {
            sockOps = s = new SockOps(this);
        }
        return s;
    }

    // ---- names ----------------------------------------------------------------------------------

    /** The addresses of {@code host}: at once for an IP literal, else via the default executor. May suspend. */
    List<InetAddress> resolve(String host) throws UnknownHostException {
        Objects.requireNonNull(host, "the host is null");
        try {
            return List.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException notALiteral) {
            // a name: ask the resolver off the loop thread
        }
        Future<InetAddress[]> f = loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
        InetAddress[] all = f.await();
        Set<InetAddress> unique = new LinkedHashSet<>(List.of(all));
        return List.copyOf(unique);
    }

    /** asyncio: {@code loop.getaddrinfo(host, port)}. May suspend. */
    public List<InetSocketAddress> getaddrinfo(String host, int port) throws UnknownHostException {
        return getaddrinfo(host, port, null);
    }

    /** asyncio: {@code loop.getaddrinfo(host, port, family=...)}: only addresses of {@code family} (null: any). May suspend. */
    public List<InetSocketAddress> getaddrinfo(String host, int port, ProtocolFamily family) throws UnknownHostException {
        if (family != null && family != StandardProtocolFamily.INET && family != StandardProtocolFamily.INET6) {
            throw new IllegalArgumentException("EventLoop.getaddrinfo(): the family " + family + " has no IP addresses; "
                    + "pass INET, INET6 or null for both");
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : resolve(host)) {
            if (family == null || family(a) == family) {
                out.add(new InetSocketAddress(a, port));
            }
        }
        if (out.isEmpty()) { // socket.gaierror: "[Errno -9] Address family for hostname not supported"
            throw new UnknownHostException(host + ": no " + family + " address (the name has only addresses of the "
                    + "other family)");
        }
        return List.copyOf(out);
    }

    /** asyncio: {@code loop.getnameinfo(sockaddr)}. May suspend. */
    public NameInfo getnameinfo(InetSocketAddress addr) {
        Objects.requireNonNull(addr, "EventLoop.getnameinfo(): the address is null");
        if (addr.isUnresolved()) {
            return new NameInfo(addr.getHostString(), String.valueOf(addr.getPort()));
        }
        InetAddress a = addr.getAddress();
        String host = loop.runInExecutor(null, a::getHostName).await();
        return new NameInfo(host, String.valueOf(addr.getPort()));
    }

    private static ProtocolFamily family(InetAddress a) {
        return a instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    // ---- connecting -----------------------------------------------------------------------------

    /** Completes a future when the channel it watches is ready (connect, one-shot waits). */
    static final class ReadyWaiter extends IoHandler implements NetChannelOwner {
        Future<Void> future;

        @Override
        protected void onReady(int readyOps) {
            Future<Void> f = future;
            if (f != null && !f.isDone()) {
                f.setResult(null);
            }
        }
    }

    /**
     * Connects the non-blocking {@code ch} to {@code addr}, waiting on the selector; returns the
     * registration it made (the transport takes it over) or null when the connect completed at
     * once. On failure or cancellation the registration is dropped (the caller closes the channel).
     * May suspend.
     */
    SelectionKey connect(SocketChannel ch, SocketAddress addr) throws IOException {
        try {
            if (ch.connect(addr)) {
                return null;
            }
        } catch (IOException e) {
            throw connectError(e, addr, true);
        }
        ReadyWaiter w = new ReadyWaiter();
        w.future = loop.createFuture();
        SelectionKey key = core.register(ch, SelectionKey.OP_CONNECT, w);
        boolean ok = false;
        try {
            while (true) {
                w.future.await();
                boolean done;
                try {
                    done = ch.finishConnect();
                } catch (IOException e) {
                    throw connectError(e, addr, false);
                }
                if (done) {
                    ok = true;
                    return key;
                }
                w.future = loop.createFuture();
            }
        } finally {
            if (!ok) {
                core.deregister(key);
            }
        }
    }

    /**
     * asyncio's message, and its kind: refused is a {@link ConnectException}; a Unix socket path
     * that does not exist a {@link java.io.FileNotFoundException} (Python's FileNotFoundError).
     * A connect that failed once under way is asyncio's {@code "[Errno 111] Connect call failed
     * ('127.0.0.1', 1)"}; one the system refused at once ({@code immediate}: a Unix socket) is the
     * system's error as Python raises it, {@code "[Errno 2] No such file or directory"}, with the
     * address after it as Python names a file: {@code ": '/run/app.sock'"}.
     */
    static IOException connectError(IOException e, SocketAddress addr, boolean immediate) {
        String msg = immediate && OsErrors.errno(e) >= 0
                ? "[Errno " + OsErrors.errno(e) + "] " + e.getMessage() + ": " + OsErrors.address(addr)
                : OsErrors.message("Connect call failed " + OsErrors.address(addr), e);
        IOException out;
        if (e instanceof ConnectException) {
            out = new ConnectException(msg);
        } else if (addr instanceof java.net.UnixDomainSocketAddress
                && String.valueOf(e.getMessage()).contains("No such file or directory")) {
            out = new java.io.FileNotFoundException(msg);
        } else {
            out = new IOException(msg);
        }
        out.initCause(e);
        return out;
    }

    /** asyncio: {@code loop.create_connection(factory, host, port, ...)}. May suspend. */
    public <P extends BaseProtocol> TransportPair<Transport, P> createConnection(Supplier<? extends P> factory,
                                                                               String host, int port,
                                                                               ConnectOptions o) throws IOException {
        Objects.requireNonNull(factory, "EventLoop.createConnection(): the protocol factory is null");
        Objects.requireNonNull(host, "EventLoop.createConnection(): the host is null; give a name or an address");
        o = o != null ? o : ConnectOptions.defaults();
        checkSslOnly(o, "EventLoop.createConnection()");
        // pre-resolved addresses (a DNS cache's) stand for the lookup; host still names the server for TLS
        List<InetAddress> found = o.resolvedAddresses() != null ? o.resolvedAddresses() : resolve(host);
        List<InetAddress> addrs = AddressOrder.interleave(found, o.effectiveInterleave());
        List<IOException> errors = new ArrayList<>();
        Connected c = null;
        if (o.happyEyeballsDelay() == null) {
            for (InetAddress a : addrs) {
                try {
                    c = connectOne(new InetSocketAddress(a, port), o);
                    break;
                } catch (IOException e) {
                    errors.add(e);
                }
            }
        } else {
            List<InetSocketAddress> targets = new ArrayList<>(addrs.size());
            for (InetAddress a : addrs) {
                targets.add(new InetSocketAddress(a, port));
            }
            c = StaggeredConnect.race(this, targets, o, o.happyEyeballsDelay(), errors);
        }
        if (c == null) {
            if (o.allErrors()) {
                throw new ExceptionGroupException("create_connection failed", errors);
            }
            throw combine(errors);
        }
        if (o.noDelay()) {
            try {
                c.channel().setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                closeConnected(c);
                throw e;
            }
        }
        String sni = o.serverHostname() != null ? o.serverHostname() : host;
        return makeTransport(c.channel(), c.key(), factory, o.ssl(), sni, port, o.sslHandshakeTimeout(),
                o.sslShutdownTimeout());
    }

    /**
     * The TLS-only options given without TLS are refused, as asyncio's {@code ValueError}s
     * ("server_hostname is only meaningful with ssl", then the handshake and shutdown timeouts).
     * A timeout counts as given when it differs from the default (the options record cannot tell
     * an explicit default from none).
     */
    private static void checkSslOnly(ConnectOptions o, String what) {
        if (o.ssl() != null) {
            return;
        }
        ConnectOptions d = ConnectOptions.defaults();
        if (o.serverHostname() != null) {
            throw sslOnly(what, "serverHostname");
        }
        if (!o.sslHandshakeTimeout().equals(d.sslHandshakeTimeout())) {
            throw sslOnly(what, "sslHandshakeTimeout");
        }
        if (!o.sslShutdownTimeout().equals(d.sslShutdownTimeout())) {
            throw sslOnly(what, "sslShutdownTimeout");
        }
    }

    /** {@link #checkSslOnly(ConnectOptions, String)} for a server's (or an accepted socket's) options. */
    private static void checkSslOnly(ServerOptions o, String what) {
        if (o.ssl() != null) {
            return;
        }
        ServerOptions d = ServerOptions.defaults();
        if (!o.sslHandshakeTimeout().equals(d.sslHandshakeTimeout())) {
            throw sslOnly(what, "sslHandshakeTimeout");
        }
        if (!o.sslShutdownTimeout().equals(d.sslShutdownTimeout())) {
            throw sslOnly(what, "sslShutdownTimeout");
        }
    }

    private static IllegalArgumentException sslOnly(String what, String option) {
        return new IllegalArgumentException(what + ": " + option + " is only meaningful with ssl; set withSsl(...) "
                + "too, or drop it");
    }

    /** A connected socket and the selector registration its connect made (null if it connected at once). */
    record Connected(SocketChannel channel, SelectionKey key) {
    }

    /**
     * One connection attempt to {@code target} with {@code o}'s local address: a connected socket,
     * or an exception with the socket closed (also when cancelled). May suspend.
     */
    Connected connectOne(InetSocketAddress target, ConnectOptions o) throws IOException {
        SocketChannel ch = SocketChannel.open(family(target.getAddress()));
        boolean connected = false;
        try {
            ch.configureBlocking(false);
            if (o.localAddr() != null) {
                bind(ch, o.localAddr());
            }
            SelectionKey key = connect(ch, target);
            connected = true;
            return new Connected(ch, key);
        } finally {
            if (!connected) {
                closeQuietly(ch);
            }
        }
    }

    /** Drops a connected socket that no transport took over. */
    void closeConnected(Connected c) {
        if (c.key() != null) {
            core.deregister(c.key());
        }
        closeQuietly(c.channel());
    }

    private static void bind(SocketChannel ch, SocketAddress local) throws IOException {
        try {
            ch.bind(local);
        } catch (BindException e) {
            BindException b = new BindException(OsErrors.bindMessage(local, e));
            b.initCause(e);
            throw b;
        }
    }

    private static IOException combine(List<IOException> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        boolean allSame = errors.stream().map(Throwable::getMessage).distinct().count() == 1;
        if (allSame) {
            return errors.get(0);
        }
        StringBuilder sb = new StringBuilder("Multiple exceptions: ");
        boolean allConnect = true;
        for (int i = 0; i < errors.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(errors.get(i).getMessage());
            allConnect &= errors.get(i) instanceof ConnectException;
        }
        IOException out = allConnect ? new ConnectException(sb.toString()) : new IOException(sb.toString());
        errors.forEach(out::addSuppressed);
        return out;
    }

    /**
     * asyncio: {@code loop.create_connection(factory, sock=sock, ...)}: a transport for a socket
     * connected elsewhere (TCP or Unix; made non-blocking here), the client side of TLS when
     * {@code o.ssl()} is given. May suspend.
     */
    public <P extends BaseProtocol> TransportPair<Transport, P> createConnection(Supplier<? extends P> factory,
                                                                               SocketChannel sock,
                                                                               ConnectOptions o) throws IOException {
        String what = "EventLoop.createConnection(socket)";
        Objects.requireNonNull(factory, what + ": the protocol factory is null");
        Objects.requireNonNull(sock, what + ": the socket is null");
        o = o != null ? o : ConnectOptions.defaults();
        checkSslOnly(o, "EventLoop.createConnection(socket)");
        if (!sock.isOpen()) {
            throw new IllegalArgumentException(what + ": the socket is closed");
        }
        if (!sock.isConnected()) {
            throw new IllegalArgumentException(what + ": the socket is not connected; connect it first "
                    + "(EventLoop.sockConnect) or give a host and port instead");
        }
        if (o.localAddr() != null || o.happyEyeballsDelay() != null || o.resolvedAddresses() != null) {
            throw new IllegalArgumentException(what + ": localAddr, happyEyeballsDelay and resolvedAddresses apply "
                    + "to connecting; this socket is connected already");
        }
        if (o.ssl() != null && o.serverHostname() == null) {
            // asyncio: ValueError('You must set server_hostname when using ssl without a host')
            throw new IllegalArgumentException(what + ": you must set serverHostname when using ssl without a host "
                    + "(the name in the server's certificate, or \"\" to skip the check)");
        }
        sock.configureBlocking(false); // as asyncio's sock.setblocking(False)
        requireUsable(sock, what);
        SocketAddress peer = sock.getRemoteAddress();
        if (o.noDelay() && peer instanceof InetSocketAddress) {
            sock.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        int port = peer instanceof InetSocketAddress isa ? isa.getPort() : -1;
        return makeTransport(sock, null, factory, o.ssl(), o.serverHostname(), port, o.sslHandshakeTimeout(),
                o.sslShutdownTimeout());
    }

    /** asyncio: {@code loop.create_unix_connection(factory, path, ...)}. May suspend. */
    public <P extends BaseProtocol> TransportPair<Transport, P> createUnixConnection(Supplier<? extends P> factory,
                                                                                   Path path, ConnectOptions o)
            throws IOException {
        Objects.requireNonNull(factory, "EventLoop.createUnixConnection(): the protocol factory is null");
        Objects.requireNonNull(path, "EventLoop.createUnixConnection(): the path is null");
        o = o != null ? o : ConnectOptions.defaults();
        checkSslOnly(o, "EventLoop.createUnixConnection()");
        if (o.ssl() != null && o.serverHostname() == null) {
            // asyncio: ValueError('you have to pass server_hostname when using ssl')
            throw new IllegalArgumentException("EventLoop.createUnixConnection(): you have to pass serverHostname "
                    + "when using ssl (the name in the server's certificate, or \"\" to skip the check)");
        }
        if (o.resolvedAddresses() != null) {
            throw new IllegalArgumentException("EventLoop.createUnixConnection(): resolvedAddresses are IP addresses "
                    + "for a TCP connect; a Unix socket has its path, so drop them");
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        SelectionKey key;
        boolean ok = false;
        try {
            ch.configureBlocking(false);
            key = connect(ch, UnixDomainSocketAddress.of(path));
            ok = true;
        } finally {
            if (!ok) {
                closeQuietly(ch);
            }
        }
        return makeTransport(ch, key, factory, o.ssl(), o.serverHostname(), -1, o.sslHandshakeTimeout(),
                o.sslShutdownTimeout());
    }

    /**
     * asyncio: {@code loop.connect_accepted_socket(factory, sock, ssl=...)}: a transport for a
     * socket accepted elsewhere (server side of TLS when {@code ssl} is given). May suspend.
     */
    public <P extends BaseProtocol> TransportPair<Transport, P> connectAcceptedSocket(Supplier<? extends P> factory,
                                                                                    SocketChannel ch,
                                                                                    ServerOptions o)
            throws IOException {
        Objects.requireNonNull(factory, "EventLoop.connectAcceptedSocket(): the protocol factory is null");
        requireUsable(ch, "EventLoop.connectAcceptedSocket()");
        o = o != null ? o : ServerOptions.defaults();
        checkSslOnly(o, "EventLoop.connectAcceptedSocket()");
        return makeServerSideTransport(ch, factory, o);
    }

    private <P extends BaseProtocol> TransportPair<Transport, P> makeServerSideTransport(
            SocketChannel ch, Supplier<? extends P> factory, ServerOptions o) throws IOException {
        P protocol = newProtocol(factory, ch);
        Future<Void> waiter = loop.createFuture();
        Transport t;
        if (o.ssl() != null) {
            SslProtocol ssl = new SslProtocol(this, protocol, o.ssl(), waiter, true, null,
                    o.sslHandshakeTimeout(), o.sslShutdownTimeout(), true);
            new SocketTransport(this, ch, null, ssl, null, null);
            t = ssl.appTransport();
        } else {
            t = new SocketTransport(this, ch, null, protocol, null, waiter);
        }
        awaitWaiter(waiter, t);
        return new TransportPair<>(t, protocol);
    }

    private <P extends BaseProtocol> P newProtocol(Supplier<? extends P> factory, Channel ch) {
        P p;
        try {
            p = factory.get();
        } catch (RuntimeException | Error e) {
            closeQuietly(ch);
            throw e;
        }
        if (!(p instanceof Protocol) && !(p instanceof BufferedProtocol)) {
            closeQuietly(ch);
            throw new IllegalArgumentException("the protocol factory must return a Protocol or a BufferedProtocol, "
                    + "got " + p);
        }
        return p;
    }

    private <P extends BaseProtocol> TransportPair<Transport, P> makeTransport(
            SocketChannel ch, SelectionKey key, Supplier<? extends P> factory, SSLContext ssl, String serverHostname,
            int port, Duration hsTimeout, Duration sdTimeout) throws IOException {
        P protocol;
        try {
            protocol = newProtocol(factory, ch);
        } catch (RuntimeException | Error e) {
            if (key != null) {
                core.deregister(key);
            }
            throw e;
        }
        Future<Void> waiter = loop.createFuture();
        Transport t;
        if (ssl != null) {
            SslProtocol sp = new SslProtocol(this, protocol, ssl, waiter, false, serverHostname, port, hsTimeout,
                    sdTimeout, true);
            new SocketTransport(this, ch, key, sp, null, null);
            t = sp.appTransport();
        } else {
            t = new SocketTransport(this, ch, key, protocol, null, waiter);
        }
        awaitWaiter(waiter, t);
        return new TransportPair<>(t, protocol);
    }

    /** Waits for connectionMade (or the TLS handshake); on failure or cancellation closes the transport. */
    private void awaitWaiter(Future<Void> waiter, Transport t) throws IOException {
        boolean ok = false;
        try {
            waiter.await();
            ok = true;
        } finally {
            if (!ok) {
                t.close();
            }
        }
    }

    // ---- serving --------------------------------------------------------------------------------

    /** asyncio: {@code loop.create_server(factory, host, port, ...)}. May suspend. */
    public Server createServer(Supplier<? extends BaseProtocol> factory, String host, int port, ServerOptions o)
            throws IOException {
        return createServer(factory, java.util.Collections.singletonList(host), port, o);
    }

    /**
     * asyncio: {@code loop.create_server(factory, host=[h1, h2], port)}: one listening socket per
     * address of every host (an address two hosts share, once). May suspend.
     */
    public Server createServer(Supplier<? extends BaseProtocol> factory, List<String> hosts, int port, ServerOptions o)
            throws IOException {
        Objects.requireNonNull(factory, "EventLoop.createServer(): the protocol factory is null");
        Objects.requireNonNull(hosts, "EventLoop.createServer(): the host list is null");
        if (hosts.isEmpty()) { // asyncio: OSError "could not bind on any address out of []"
            throw new java.net.BindException("EventLoop.createServer(): could not bind on any address out of []; give "
                    + "at least one host, or null for every interface");
        }
        o = o != null ? o : ServerOptions.defaults();
        checkSslOnly(o, "EventLoop.createServer()");
        java.util.Set<InetSocketAddress> addrs = new java.util.LinkedHashSet<>();
        for (String host : hosts) {
            if (host == null || host.isEmpty()) {
                addrs.add(new InetSocketAddress(port)); // every interface, both families (a dual-stack socket)
            } else {
                for (InetAddress a : resolve(host)) {
                    addrs.add(new InetSocketAddress(a, port));
                }
            }
        }
        List<ServerSocketChannel> channels = new ArrayList<>();
        boolean ok = false;
        try {
            for (InetSocketAddress addr : addrs) {
                ServerSocketChannel ch = addr.getAddress().isAnyLocalAddress() ? ServerSocketChannel.open()
                        : ServerSocketChannel.open(family(addr.getAddress()));
                channels.add(ch);
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, o.reuseAddress());
                if (o.reusePort()) {
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                try {
                    ch.bind(addr, o.backlog());
                } catch (IOException e) {
                    IOException b = e instanceof BindException
                            ? new BindException(OsErrors.bindMessage(addr, e))
                            : new IOException(OsErrors.bindMessage(addr, e));
                    b.initCause(e);
                    throw b;
                }
            }
            ok = true;
        } finally {
            if (!ok) {
                channels.forEach(NetLoop::closeQuietly);
            }
        }
        return startServer(new SocketServer(this, channels, factory, o, true, null), o);
    }

    /**
     * asyncio: {@code loop.create_server(factory, sock=sock, ...)}: serves a socket bound (and
     * listening) elsewhere, TCP or Unix; made non-blocking here. Closing the server closes it; a
     * Unix socket's file is left to whoever made it. May suspend.
     */
    public Server createServer(Supplier<? extends BaseProtocol> factory, ServerSocketChannel sock, ServerOptions o)
            throws IOException {
        String what = "EventLoop.createServer(socket)";
        Objects.requireNonNull(factory, what + ": the protocol factory is null");
        Objects.requireNonNull(sock, what + ": the socket is null");
        o = o != null ? o : ServerOptions.defaults();
        checkSslOnly(o, "EventLoop.createServer(socket)");
        if (!sock.isOpen()) {
            throw new IllegalArgumentException(what + ": the socket is closed");
        }
        SocketAddress local = sock.getLocalAddress();
        if (local == null) {
            throw new IllegalArgumentException(what + ": the socket is not bound; bind it first (which also "
                    + "makes it listen) or give a host and port instead");
        }
        sock.configureBlocking(false); // as asyncio's sock.setblocking(False)
        requireUsable(sock, what);
        boolean tcp = !(local instanceof UnixDomainSocketAddress);
        return startServer(new SocketServer(this, List.of(sock), factory, o, tcp, null), o);
    }

    /** asyncio: {@code loop.create_unix_server(factory, path, ...)}. May suspend. */
    public Server createUnixServer(Supplier<? extends BaseProtocol> factory, Path path, ServerOptions o)
            throws IOException {
        Objects.requireNonNull(factory, "EventLoop.createUnixServer(): the protocol factory is null");
        Objects.requireNonNull(path, "EventLoop.createUnixServer(): the path is null");
        o = o != null ? o : ServerOptions.defaults();
        checkSslOnly(o, "EventLoop.createUnixServer()");
        removeStaleUnixSocket(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        boolean ok = false;
        Object inode;
        try {
            ch.configureBlocking(false);
            try {
                ch.bind(UnixDomainSocketAddress.of(path), o.backlog());
            } catch (IOException e) {
                IOException b = e instanceof BindException
                        ? new BindException("error while attempting to bind on address " + path + ": " + e.getMessage())
                        : new IOException("error while attempting to bind on address " + path + ": " + e.getMessage());
                b.initCause(e);
                throw b;
            }
            inode = inodeOf(path);
            ok = true;
        } finally {
            if (!ok) {
                closeQuietly(ch);
            }
        }
        // without cleanupSocket the file outlives the server (asyncio 3.13's cleanup_socket=False)
        List<SocketServer.UnixPath> paths = o.cleanupSocket() ? List.of(new SocketServer.UnixPath(path, inode)) : null;
        return startServer(new SocketServer(this, List.of(ch), factory, o, false, paths), o);
    }

    private Server startServer(SocketServer s, ServerOptions o) {
        if (o.startServing()) {
            s.doStartServing();
            if (Task.current() != null) {
                Asyncio.sleep(0); // as asyncio: skip one iteration so the registrations take effect
            }
        }
        return s;
    }

    /** asyncio removes a leftover socket file (only a socket) before binding. */
    private static void removeStaleUnixSocket(Path path) throws IOException {
        if (path.toString().startsWith("\0")) {
            return; // abstract namespace
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer m && (m & 0170000) == 0140000) {
                Files.deleteIfExists(path);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing there
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no unix attributes on this file system: leave it, bind will say what is wrong
        }
    }

    private static Object inodeOf(Path path) {
        try {
            return Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Removes the socket file a server made, if it is still the same file (asyncio 3.13's cleanup_socket). */
    static void removeUnixSocketFile(SocketServer.UnixPath p) {
        try {
            Object now = inodeOf(p.path());
            if (p.inode() != null && p.inode().equals(now)) {
                Files.deleteIfExists(p.path());
            }
        } catch (IOException e) {
            // someone else removed or replaced it: leave it
        }
    }

    // ---- TLS upgrade --------------------------------------------------------------------------------

    /** asyncio: {@code loop.start_tls(transport, protocol, sslcontext, ...)}. May suspend. */
    public Transport startTls(Transport transport, BaseProtocol protocol, SSLContext ctx, boolean serverSide,
                              String serverHostname, Duration hsTimeout, Duration sdTimeout) throws IOException {
        Objects.requireNonNull(transport, "EventLoop.startTls(): the transport is null");
        Objects.requireNonNull(protocol, "EventLoop.startTls(): the protocol is null");
        Objects.requireNonNull(ctx, "EventLoop.startTls(): the SSLContext is null");
        if (!(transport instanceof StreamTransport) && !(transport instanceof SslAppTransport)) {
            throw new IllegalArgumentException("EventLoop.startTls(): transport " + transport + " is not supported "
                    + "by startTls(); it works on the TCP, Unix and TLS transports of this loop");
        }
        if (transport.isClosing()) {
            // asyncio: the handshake's waiter fails with ConnectionResetError('Connection lost')
            throw new io.asyncio4j.streams.ConnectionResetException("Connection lost: EventLoop.startTls() on "
                    + "transport " + transport + ", which is closing");
        }
        Future<Void> waiter = loop.createFuture();
        SslProtocol ssl = new SslProtocol(this, protocol, ctx, waiter, serverSide, serverHostname, -1, hsTimeout,
                sdTimeout, false);
        // pause early so that the old protocol does not see the handshake's bytes
        transport.pauseReading();
        transport.setProtocol(ssl);
        Handle conmade = loop.callSoon(() -> ssl.connectionMade(transport));
        Handle resume = loop.callSoon(transport::resumeReading);
        boolean ok = false;
        try {
            waiter.await();
            ok = true;
        } finally {
            if (!ok) {
                transport.close();
                conmade.cancel();
                resume.cancel();
            }
        }
        return ssl.appTransport();
    }

    // ---- datagrams --------------------------------------------------------------------------------

    /** asyncio: {@code loop.create_datagram_endpoint(factory, local_addr, remote_addr, ...)}. May suspend. */
    public <P extends DatagramProtocol> TransportPair<DatagramTransport, P> createDatagramEndpoint(
            Supplier<? extends P> factory, InetSocketAddress localAddr, InetSocketAddress remoteAddr, DatagramOptions o)
            throws IOException {
        Objects.requireNonNull(factory, "EventLoop.createDatagramEndpoint(): the protocol factory is null");
        o = o != null ? o : DatagramOptions.defaults();
        InetSocketAddress local = localAddr != null ? resolveOne(localAddr) : null;
        InetSocketAddress remote = remoteAddr != null ? resolveOne(remoteAddr) : null;
        InetAddress famAddr = local != null ? local.getAddress() : remote != null ? remote.getAddress() : null;
        DatagramChannel ch = famAddr == null || famAddr.isAnyLocalAddress() ? DatagramChannel.open()
                : DatagramChannel.open(family(famAddr));
        P protocol;
        DatagramEndpoint t;
        boolean ok = false;
        try {
            ch.configureBlocking(false);
            if (o.reusePort()) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (o.allowBroadcast()) {
                ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            try {
                ch.bind(local);
            } catch (BindException e) {
                BindException b = new BindException(OsErrors.bindMessage(local, e));
                b.initCause(e);
                throw b;
            }
            if (remote != null) {
                ch.connect(remote);
            }
            protocol = factory.get();
            if (protocol == null) {
                throw new NullPointerException("EventLoop.createDatagramEndpoint(): the protocol factory returned null");
            }
            ok = true;
        } finally {
            if (!ok) {
                closeQuietly(ch);
            }
        }
        Future<Void> waiter = loop.createFuture();
        t = new DatagramEndpoint(this, ch, protocol, remote, waiter);
        boolean done = false;
        try {
            waiter.await();
            done = true;
        } finally {
            if (!done) {
                t.close();
            }
        }
        return new TransportPair<>(t, protocol);
    }

    /** {@code a} itself, or with its host resolved (off the loop thread) when it is unresolved. May suspend. */
    InetSocketAddress resolveOne(InetSocketAddress a) throws UnknownHostException {
        if (!a.isUnresolved()) {
            return a;
        }
        return new InetSocketAddress(resolve(a.getHostString()).get(0), a.getPort());
    }

    // ---- pipes ------------------------------------------------------------------------------------

    /** asyncio: {@code loop.connect_read_pipe(factory, pipe)}. May suspend. */
    public <P extends BaseProtocol, C extends SelectableChannel & ReadableByteChannel> TransportPair<ReadTransport, P>
            connectReadPipe(Supplier<? extends P> factory, C pipe) throws IOException {
        Objects.requireNonNull(factory, "EventLoop.connectReadPipe(): the protocol factory is null");
        requireUsable(pipe, "EventLoop.connectReadPipe()");
        P protocol = newProtocol(factory, pipe);
        Future<Void> waiter = loop.createFuture();
        PipeTransport t = PipeTransport.readEnd(this, pipe, protocol, waiter);
        awaitWaiter(waiter, t);
        return new TransportPair<>(t, protocol);
    }

    /** asyncio: {@code loop.connect_write_pipe(factory, pipe)}. May suspend. */
    public <P extends BaseProtocol, C extends SelectableChannel & WritableByteChannel> TransportPair<WriteTransport, P>
            connectWritePipe(Supplier<? extends P> factory, C pipe) throws IOException {
        Objects.requireNonNull(factory, "EventLoop.connectWritePipe(): the protocol factory is null");
        requireUsable(pipe, "EventLoop.connectWritePipe()");
        P protocol = newProtocol(factory, pipe);
        Future<Void> waiter = loop.createFuture();
        PipeTransport t = PipeTransport.writeEnd(this, pipe, protocol, waiter);
        awaitWaiter(waiter, t);
        return new TransportPair<>(t, protocol);
    }

    /** A channel given by the caller must be open, non-blocking and not already serve a transport. */
    void requireUsable(SelectableChannel ch, String what) {
        Objects.requireNonNull(ch, what + ": the channel is null");
        if (!ch.isOpen()) {
            throw new IllegalArgumentException(what + ": the channel is closed");
        }
        if (ch.isBlocking()) {
            throw new IllegalArgumentException(what + ": the channel is in blocking mode; call "
                    + "channel.configureBlocking(false) first");
        }
        SelectionKey k = ch.keyFor(core.selector());
        if (k != null && k.isValid() && k.attachment() instanceof NetChannelOwner) {
            throw new IllegalStateException(what + ": the channel is used by " + k.attachment()
                    + "; a channel serves one transport at a time");
        }
    }

    // ---- sendfile ---------------------------------------------------------------------------------

    /**
     * asyncio: {@code loop.sendfile(transport, file, offset, count)}: zero-copy
     * ({@link java.nio.channels.FileChannel#transferTo}) on the loop's socket and pipe transports,
     * read-and-write otherwise (TLS). May suspend.
     */
    public long sendfile(Transport transport, java.nio.channels.FileChannel file, long offset, long count)
            throws IOException {
        Objects.requireNonNull(transport, "EventLoop.sendfile(): the transport is null");
        Objects.requireNonNull(file, "EventLoop.sendfile(): the file is null");
        if (offset < 0) {
            throw new IllegalArgumentException("EventLoop.sendfile(): offset must be >= 0, got " + offset);
        }
        if (transport instanceof StreamTransport st) {
            return st.sendfile(file, offset, count);
        }
        return SendfileFallback.send(this, transport, file, offset, count);
    }

    // ---- housekeeping -----------------------------------------------------------------------------

    /**
     * The loop is closing: close every channel this package still has registered with the
     * selector (transports, servers, pending connects), so nothing leaks a descriptor. asyncio
     * leaves them to the garbage collector's ResourceWarning; here they close with the loop.
     */
    public void loopClosing() {
        for (SelectionKey k : List.copyOf(core.selector().keys())) {
            if (k.attachment() instanceof NetChannelOwner) {
                closeQuietly(k.channel());
            }
        }
    }

    /**
     * The descriptor number of a NIO channel (a socket or a pipe end), or -1 when the JVM does not
     * let it be learned (see {@link NativeSocketIo}: native access and {@code sun.nio.ch}). For the
     * subprocess layer, which hands pipe ends to a child. Any thread.
     */
    public static int descriptorOf(SelectableChannel channel) {
        return NativeSocketIo.fdOf(channel);
    }

    /** True when {@link #descriptorOf} can answer (and the native byte path is on). Any thread. */
    public static boolean canLearnDescriptors() {
        return NativeSocketIo.AVAILABLE;
    }

    /** Closes {@code ch} (null: nothing), ignoring an IOException: its descriptor is released either way. */
    public static void closeQuietly(Channel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            // the descriptor is released either way
        }
    }

    @Override
    public String toString() {
        return "<NetLoop of " + loop + ">";
    }
}
