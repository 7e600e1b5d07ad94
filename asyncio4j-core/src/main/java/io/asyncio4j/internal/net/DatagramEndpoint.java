package io.asyncio4j.internal.net;

import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.DatagramProtocol;
import io.asyncio4j.streams.DatagramTransport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;

/**
 * A UDP socket as a {@link DatagramTransport}, driven by the loop's selector.
 * <p>
 * States: OPEN ──close()──▶ CLOSING (datagrams still buffered) ──sent──▶ CLOSED, or straight to
 * CLOSED when nothing is buffered or on {@code abort()} / a fatal error; entering CLOSED schedules
 * {@code connectionLost} once, then the channel is closed.
 * <p>
 * Receiving: one datagram per readiness event, into the loop's shared direct buffer (valid during
 * {@code datagramReceived} only). Sending: at once when nothing is buffered, else queued (a copy)
 * and sent on write readiness. A failed send or receive goes to {@code errorReceived} and the
 * endpoint carries on (asyncio's rule for {@code OSError}); other failures end it.
 * <p>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code selector_events._SelectorDatagramTransport}
 */
public final class DatagramEndpoint extends SelectorTransport implements DatagramTransport, NetChannelOwner {
    private static final int HEADER_SIZE = 8; // counted per queued datagram, as asyncio does

    private record Pending(ByteBuffer data, SocketAddress addr) {
    }

    private final DatagramChannel datagrams; // = channel
    private final SocketAddress remote;
    private final SocketAddress local;
    private DatagramProtocol protocol;
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
    private long bufferSize;

    DatagramEndpoint(NetLoop net, DatagramChannel channel, DatagramProtocol protocol, SocketAddress remote,
                     Future<Void> waiter) throws IOException {
        super(net, channel, null);
        this.datagrams = channel;
        this.protocol = protocol;
        this.remote = remote;
        this.local = channel.getLocalAddress();
        loop.callSoon(() -> start(waiter));
    }

    private void start(Future<Void> waiter) {
        try {
            protocol.connectionMade(this);
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("Exception in protocol.connection_made()", e)
                    .with("transport", this).with("protocol", protocol));
        }
        if (state == State.OPEN) {
            setInterest(interest | SelectionKey.OP_READ);
        }
        if (waiter != null && !waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    @Override
    void readReady() {
        if (connLost > 0) {
            return;
        }
        ByteBuffer buf = net.readScratch();
        buf.clear();
        SocketAddress from;
        try {
            from = datagrams.receive(buf);
        } catch (IOException e) {
            errorReceived(e);
            return;
        }
        if (from == null) {
            return;
        }
        buf.flip();
        try {
            protocol.datagramReceived(buf, from);
        } catch (Throwable e) {
            fatalError(e, "Fatal error: protocol.datagram_received() call failed.");
        }
    }

    private void errorReceived(IOException e) {
        try {
            protocol.errorReceived(OsErrors.worded(e));
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.error_received() call failed.");
        }
    }

    @Override
    void writeReady() {
        Pending p;
        while ((p = buffer.peekFirst()) != null) {
            int n = p.data.remaining();
            boolean sent;
            try {
                sent = trySend(p.data, p.addr);
            } catch (IOException e) {
                buffer.pollFirst();
                bufferSize -= n + HEADER_SIZE;
                errorReceived(e);
                return;
            }
            if (!sent) {
                return; // still full; wait for the next readiness
            }
            buffer.pollFirst();
            bufferSize -= n + HEADER_SIZE;
        }
        maybeResumeProtocol();
        if (buffer.isEmpty()) {
            setInterest(interest & ~SelectionKey.OP_WRITE);
            if (state == State.CLOSING) {
                state = State.CLOSED;
                connLost++;
                callConnectionLost(null);
            }
        }
    }

    /** One datagram, through the direct scratch buffer if it fits: true if it went, false if the socket has no room now. */
    private boolean trySend(ByteBuffer data, SocketAddress addr) throws IOException {
        int n = data.remaining();
        if (n == 0 && remote != null) {
            return net.sendEmptyDatagram(datagrams, "DatagramTransport.sendto()");
        }
        int sent;
        ByteBuffer s = net.writeScratch();
        if (n > s.capacity()) {
            sent = remote != null ? datagrams.write(data) : datagrams.send(data, addr);
        } else {
            s.clear();
            s.put(0, data, data.position(), n);
            s.limit(n);
            sent = remote != null ? datagrams.write(s) : datagrams.send(s, addr);
        }
        if (sent > 0 || n == 0) {
            data.position(data.limit());
            return true;
        }
        return false;
    }

    @Override
    public void sendto(byte[] data, SocketAddress addr) {
        sendto(ByteBuffer.wrap(data), addr);
    }

    @Override
    public void sendto(ByteBuffer data, SocketAddress addr) {
        checkLoop("DatagramTransport.sendto()");
        if (remote != null) {
            if (addr != null && !addr.equals(remote)) {
                // asyncio: ValueError "Invalid address: must be None or ('127.0.0.1', 51180)"
                throw new IllegalArgumentException("DatagramTransport.sendto(): Invalid address: must be null or "
                        + OsErrors.address(remote) + " (the endpoint is connected), got " + OsErrors.address(addr));
            }
            addr = remote;
        } else if (addr == null) {
            throw new IllegalArgumentException("DatagramTransport.sendto(): the endpoint is not connected; give the "
                    + "address to send to");
        }
        if (state != State.OPEN) {
            data.position(data.limit());
            if (connLost >= StreamTransport.LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                StreamTransport.LOG.log(Level.WARNING, "DatagramTransport.sendto(): " + this
                        + " is closed; the datagram was dropped");
            }
            connLost++;
            return;
        }
        int n = data.remaining();
        if (buffer.isEmpty()) {
            try {
                if (trySend(data, addr)) {
                    return;
                }
            } catch (IOException e) {
                errorReceived(e);
                return;
            }
            setInterest(interest | SelectionKey.OP_WRITE);
        }
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(data).flip();
        buffer.addLast(new Pending(copy, addr));
        bufferSize += n + HEADER_SIZE;
        maybePauseProtocol();
    }

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, bufferSize);
    }

    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "socket" -> channel;
            case "sockname" -> local;
            case "peername" -> remote;
            default -> null;
        };
    }

    @Override
    public void close() {
        checkLoop("DatagramTransport.close()");
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        setInterest(interest & ~SelectionKey.OP_READ);
        if (buffer.isEmpty()) {
            state = State.CLOSED;
            connLost++;
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        checkLoop("DatagramTransport.abort()");
        forceClose(null);
    }

    @Override
    long bufferedBytes() {
        return bufferSize;
    }

    @Override
    void dropBuffer() {
        buffer.clear();
        bufferSize = 0;
    }

    @Override
    public void setProtocol(BaseProtocol p) {
        if (!(p instanceof DatagramProtocol dp)) {
            throw new IllegalArgumentException("DatagramTransport.setProtocol(): needs a DatagramProtocol, got " + p);
        }
        protocol = dp;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "<DatagramEndpoint " + state + " local=" + local + (remote != null ? " peer=" + remote : "")
                + " bufsize=" + bufferSize + ">";
    }
}
