package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.contextvars.Context;
import io.asyncio4j.internal.net.ArrayReceiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Adapts a transport's protocol calls to a {@link StreamReader} (incoming bytes) and provides
 * the write flow control {@link StreamWriter#drain()} waits on. With a
 * {@link ClientConnectedCallback}, each connection gets a writer and a task running the callback.
 * <p>
 * Flow-control states: WRITING ⇄ PAUSED (pauseWriting / resumeWriting), then LOST
 * (connectionLost, final); {@code drain()} waits only while PAUSED.
 * Threading: loop thread only.
 * <p>
 * Received bytes may skip {@link #dataReceived}: a transport that can put them straight into the
 * reader's buffer does so through {@link ArrayReceiver} (an internal interface), but only when
 * neither this class nor the reader's is a subclass, so an override is never bypassed.
 * <p>
 * asyncio: {@code asyncio.StreamReaderProtocol} (with {@code FlowControlMixin})
 */
public class StreamReaderProtocol implements Protocol, ArrayReceiver {
    private final EventLoop loop;
    private final StreamReader reader;
    private final boolean receivesInPlace; // neither class is a subclass: see the class comment
    private final ClientConnectedCallback clientConnected;
    /** The context a server was started in; each handler task gets a copy. Null for clients. */
    private final Context handlerContext;
    private Transport transport;
    private boolean overSsl;
    private boolean paused;
    private boolean connectionLost;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();
    private final Future<Void> closed;
    private Task<Void> task;

    /** A protocol feeding {@code reader}, for a client connection. */
    public StreamReaderProtocol(StreamReader reader) {
        this(reader, null, EventLoop.getRunningLoop());
    }

    /** A protocol feeding {@code reader} that runs {@code clientConnected} for each connection. */
    public StreamReaderProtocol(StreamReader reader, ClientConnectedCallback clientConnected, EventLoop loop) {
        this(reader, clientConnected, loop, null);
    }

    /** A server's protocol: {@code clientConnected} runs in a copy of {@code context} (null: the loop thread's). */
    StreamReaderProtocol(StreamReader reader, ClientConnectedCallback clientConnected, EventLoop loop,
                         Context context) {
        this.handlerContext = context;
        this.reader = reader;
        this.receivesInPlace = reader != null && getClass() == StreamReaderProtocol.class
                && reader.getClass() == StreamReader.class;
        this.clientConnected = clientConnected;
        this.loop = loop;
        this.closed = loop.createFuture();
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        if (reader != null) {
            reader.setTransport(transport);
        }
        overSsl = transport.getExtraInfo("sslcontext") != null;
        if (clientConnected != null) {
            StreamWriter writer = new StreamWriter(transport, this, reader, loop);
            StreamReader r = reader;
            task = loop.createTask(() -> {
                clientConnected.handle(r, writer);
                return null;
            }, null, handlerContext == null ? null : handlerContext.copy());
            task.addDoneCallback(t -> {
                if (t.isCancelled()) {
                    transport.close();
                    return;
                }
                Throwable exc = t.exception();
                if (exc != null) {
                    loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb", exc)
                            .with("transport", transport));
                    transport.close();
                }
            });
        }
    }

    /** After {@code startTls}: the protocol now talks to the TLS transport. */
    public void replaceTransport(Transport newTransport) {
        this.transport = newTransport;
        overSsl = newTransport.getExtraInfo("sslcontext") != null;
    }

    /** Internal (see the class comment): true when bytes may go straight into the reader's buffer. */
    @Override
    public boolean canReceive() {
        return receivesInPlace && reader.canReceive();
    }

    /** Internal: the reader's buffer with {@code room} bytes free. */
    @Override
    public byte[] receiveArray(int room) {
        return reader.receiveArray(room);
    }

    /** Internal: where received bytes go in the reader's buffer. */
    @Override
    public int receiveOffset() {
        return reader.receiveOffset();
    }

    /** Internal: what a waiting read(n) wants in a new array. */
    @Override
    public int exactWanted() {
        return reader.exactWanted();
    }

    /** Internal: the new array for that read. */
    @Override
    public void receivedExact(byte[] a) {
        reader.receivedExact(a);
    }

    /** Internal: one past the last byte that may be received into that array. */
    @Override
    public int receiveLimit() {
        return reader.receiveLimit();
    }

    /** Internal: {@code n} bytes were received into the reader's buffer. */
    @Override
    public void received(int n) {
        reader.received(n);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public boolean eofReceived() {
        if (reader != null) {
            reader.feedEof();
        }
        // over TLS a half-closed connection is not allowed: let the transport close
        return !overSsl;
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (reader != null) {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
        }
        if (!closed.isDone()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                closed.exception(); // seen here: waitClosed() still raises it, nobody else need look
            }
        }
        connectionLost = true;
        if (paused) {
            for (Future<Void> w : drainWaiters) {
                if (!w.isDone()) {
                    if (exc == null) {
                        w.setResult(null);
                    } else {
                        w.setException(exc);
                    }
                }
            }
        }
        transport = null;
        task = null;
    }

    @Override
    public void pauseWriting() {
        paused = true;
    }

    @Override
    public void resumeWriting() {
        paused = false;
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    /** Waits while writing is paused. May suspend. asyncio: {@code _drain_helper()} */
    void drainHelper() throws IOException {
        if (connectionLost) {
            throw new ConnectionResetException("Connection lost");
        }
        if (!paused) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        drainWaiters.add(waiter);
        try {
            waiter.await();
        } finally {
            drainWaiters.remove(waiter);
        }
    }

    /** Done when the connection is lost. */
    Future<Void> closeWaiter() {
        return closed;
    }

    /** True if this protocol serves a server-side connection (it has a client callback). */
    boolean isServerSide() {
        return clientConnected != null;
    }

    @Override
    public String toString() {
        return "<StreamReaderProtocol " + (connectionLost ? "lost" : paused ? "paused" : "writing") + ">";
    }
}
