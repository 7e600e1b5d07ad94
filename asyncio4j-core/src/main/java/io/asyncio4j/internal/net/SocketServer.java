package io.asyncio4j.internal.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.internal.IoHandler;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@link Server} behind {@code createServer} / {@code createUnixServer}: listening sockets
 * on the loop's selector, each accepted connection becoming a {@link SocketTransport} (wrapped
 * in TLS when the options carry an SSL context).
 * <p>
 * States: NOT_SERVING ──startServing / serveForever──▶ SERVING; either ──close()──▶ CLOSED
 * (final). The accepted connections ("clients") are counted and linked through their transports
 * (an intrusive list: no allocation per connection); {@code waitClosed()} waiters are released
 * once the server is CLOSED and the last client is gone (asyncio 3.12.1+ semantics).
 * <p>
 * Accepting: on readiness, up to {@code backlog} connections per event (as asyncio). An accept
 * that fails (out of descriptors, for instance) is reported to the exception handler and
 * accepting pauses for one second (asyncio's {@code ACCEPT_RETRY_DELAY}), so the loop does not
 * spin; the other connections carry on.
 * <p>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code base_events.Server} with {@code selector_events._accept_connection}
 */
final class SocketServer implements Server {
    private static final double ACCEPT_RETRY_DELAY = 1.0;

    enum State { NOT_SERVING, SERVING, CLOSED }

    private final NetLoop net;
    private final EventLoop loop;
    private final Supplier<? extends BaseProtocol> factory;
    private final ServerOptions options;
    private final boolean tcp;
    private final List<Listener> listeners = new ArrayList<>();
    private State state = State.NOT_SERVING;
    private int active;
    private StreamTransport clientsHead;
    private List<Future<Void>> waiters = new ArrayList<>();
    private Future<Void> servingForever;

    SocketServer(NetLoop net, List<ServerSocketChannel> channels, Supplier<? extends BaseProtocol> factory,
                 ServerOptions options, boolean tcp, List<UnixPath> unixPaths) {
        this.net = net;
        this.loop = net.loop;
        this.factory = factory;
        this.options = options;
        this.tcp = tcp;
        for (int i = 0; i < channels.size(); i++) {
            listeners.add(new Listener(channels.get(i), unixPaths == null ? null : unixPaths.get(i)));
        }
    }

    /** A Unix socket file this server created, with its inode, removed on close if still the same file. */
    record UnixPath(Path path, Object inode) {
    }

    // ---- serving --------------------------------------------------------------------------------

    void doStartServing() {
        if (state != State.NOT_SERVING) {
            return;
        }
        state = State.SERVING;
        for (Listener l : listeners) {
            l.start();
        }
    }

    @Override
    public void startServing() {
        checkLoop("Server.startServing()");
        if (state == State.CLOSED) {
            throw new IllegalStateException("Server.startServing(): server " + this + " is closed");
        }
        doStartServing();
        if (Task.current() != null) {
            Asyncio.sleep(0); // as asyncio: skip one iteration so the registrations take effect
        }
    }

    @Override
    public void serveForever() {
        checkLoop("Server.serveForever()");
        if (servingForever != null) {
            throw new IllegalStateException("Server.serveForever(): server " + this + " is already being awaited "
                    + "on serveForever()");
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("Server.serveForever(): server " + this + " is closed");
        }
        doStartServing();
        Future<Void> f = loop.createFuture();
        servingForever = f;
        try {
            f.await();
        } catch (CancelledError e) {
            try {
                close();
                waitClosed();
            } catch (CancelledError again) {
                // cancelled while waiting for the clients: the first cancellation goes on
            }
            throw e;
        } finally {
            servingForever = null;
        }
    }

    @Override
    public boolean isServing() {
        return state == State.SERVING;
    }

    @Override
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public void close() {
        checkLoop("Server.close()");
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        for (Listener l : listeners) {
            l.stop();
        }
        Future<Void> f = servingForever;
        if (f != null && !f.isDone()) {
            f.cancel();
            servingForever = null;
        }
        if (active == 0) {
            wakeup();
        }
    }

    @Override
    public void closeClients() {
        checkLoop("Server.closeClients()");
        for (StreamTransport t : clients()) {
            t.close();
        }
    }

    @Override
    public void abortClients() {
        checkLoop("Server.abortClients()");
        for (StreamTransport t : clients()) {
            t.abort();
        }
    }

    private List<StreamTransport> clients() {
        List<StreamTransport> all = new ArrayList<>(active);
        for (StreamTransport t = clientsHead; t != null; t = t.serverNext) {
            all.add(t);
        }
        return all;
    }

    @Override
    public void waitClosed() {
        checkLoop("Server.waitClosed()");
        if (waiters == null) {
            return;
        }
        Future<Void> f = loop.createFuture();
        waiters.add(f);
        try {
            f.await();
        } finally {
            if (waiters != null) {
                waiters.remove(f);
            }
        }
    }

    private void wakeup() {
        List<Future<Void>> ws = waiters;
        waiters = null;
        if (ws != null) {
            for (Future<Void> w : ws) {
                if (!w.isDone()) {
                    w.setResult(null);
                }
            }
        }
    }

    @Override
    public List<ServerSocketChannel> sockets() {
        if (state == State.CLOSED) {
            return List.of();
        }
        List<ServerSocketChannel> out = new ArrayList<>();
        for (Listener l : listeners) {
            out.add(l.channel);
        }
        return List.copyOf(out);
    }

    @Override
    public List<SocketAddress> addresses() {
        List<SocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel ch : sockets()) {
            try {
                out.add(ch.getLocalAddress());
            } catch (IOException e) {
                // closed meanwhile: not listening any more
            }
        }
        return List.copyOf(out);
    }

    @Override
    public int activeConnections() {
        return active;
    }

    // ---- clients --------------------------------------------------------------------------------

    void attach(StreamTransport t) {
        t.server = this;
        t.serverNext = clientsHead;
        if (clientsHead != null) {
            clientsHead.serverPrev = t;
        }
        clientsHead = t;
        active++;
    }

    void detach(StreamTransport t) {
        if (t.serverPrev != null) {
            t.serverPrev.serverNext = t.serverNext;
        } else {
            clientsHead = t.serverNext;
        }
        if (t.serverNext != null) {
            t.serverNext.serverPrev = t.serverPrev;
        }
        t.serverPrev = null;
        t.serverNext = null;
        t.server = null;
        active--;
        if (active == 0 && state == State.CLOSED) {
            wakeup();
        }
    }

    private void accepted(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            if (tcp && options.noDelay()) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (tcp && options.keepAlive()) {
                ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            }
            BaseProtocol p = factory.get();
            if (p == null) {
                throw new NullPointerException("createServer(): the protocol factory returned null");
            }
            if (options.ssl() != null) {
                SslProtocol ssl = new SslProtocol(net, p, options.ssl(), null, true, null,
                        options.sslHandshakeTimeout(), options.sslShutdownTimeout(), true);
                new SocketTransport(net, ch, null, ssl, this, null);
            } else {
                new SocketTransport(net, ch, null, p, this, null);
            }
        } catch (Throwable e) {
            NetLoop.closeQuietly(ch);
            // asyncio reports this in debug mode only; a factory bug is worth seeing always
            if (!(e instanceof IOException) || loop.getDebug()) {
                loop.callExceptionHandler(ExceptionContext.of("Error on transport creation for incoming connection", e)
                        .with("server", this));
            }
        }
    }

    private void checkLoop(String what) {
        if (!net.core.onLoop()) {
            throw new IllegalStateException(what + ": called from thread '" + Thread.currentThread().getName()
                    + "', which does not own the server's loop; use loop.callSoonThreadsafe(...)");
        }
    }

    @Override
    public String toString() {
        return "<Server " + state + " sockets=" + addresses() + " clients=" + active + ">";
    }

    /** One listening socket on the selector. */
    private final class Listener extends IoHandler implements NetChannelOwner {
        final ServerSocketChannel channel;
        final UnixPath unixPath;
        SelectionKey key;
        TimerHandle retry;

        Listener(ServerSocketChannel channel, UnixPath unixPath) {
            this.channel = channel;
            this.unixPath = unixPath;
        }

        void start() {
            if (key == null) {
                key = net.core.register(channel, SelectionKey.OP_ACCEPT, this);
            } else if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        void stop() {
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
            if (key != null) {
                net.core.deregisterNow(key); // so the close below really stops the kernel accepting
            }
            NetLoop.closeQuietly(channel);
            if (unixPath != null) {
                NetLoop.removeUnixSocketFile(unixPath);
            }
        }

        @Override
        protected void onReady(int readyOps) {
            for (int i = 0; i < options.backlog() && state == State.SERVING; i++) {
                SocketChannel ch;
                try {
                    ch = channel.accept();
                } catch (IOException e) {
                    if (state != State.SERVING) {
                        return;
                    }
                    loop.callExceptionHandler(ExceptionContext.of("socket.accept() out of system resource", e)
                            .with("socket", channel));
                    key.interestOps(0);
                    retry = loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                        retry = null;
                        if (state == State.SERVING && key.isValid()) {
                            key.interestOps(SelectionKey.OP_ACCEPT);
                        }
                    });
                    return;
                }
                if (ch == null) {
                    return;
                }
                if (loop.getDebug()) {
                    StreamTransport.LOG.log(Level.DEBUG, SocketServer.this + " got a new connection");
                }
                accepted(ch);
            }
        }
    }
}
