package io.asyncio4j.internal.net;

import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.Transport;

import java.nio.ByteBuffer;

/**
 * The transport a TLS connection's application protocol sees: writes are encrypted by its
 * {@link SslProtocol} and sent through the transport below; {@code close()} sends close_notify and
 * closes the connection once the peer answered (or the shutdown timeout passed). Extra info adds
 * {@code "sslcontext"} ({@link javax.net.ssl.SSLContext}), {@code "ssl_object"} (the
 * {@link javax.net.ssl.SSLEngine}; its session has the protocol and the peer's chain),
 * {@code "peercert"} (the peer's {@link java.security.cert.X509Certificate}, or null) and
 * {@code "cipher"} (the cipher suite name) to those of the transport below.
 * <p>
 * States: open → closed ({@code close()}, {@code abort()} or the connection lost; the TLS states
 * are {@link SslProtocol}'s). {@code writeEof()} is not supported over TLS (as in asyncio).
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code sslproto._SSLProtocolTransport}
 */
public final class SslAppTransport implements Transport {
    private final SslProtocol ssl;
    boolean closed;

    SslAppTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    @Override
    public Object getExtraInfo(String name) {
        return ssl.extra(name);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public void close() {
        checkLoop("Transport.close()");
        if (!closed) {
            closed = true;
            ssl.startShutdown();
        }
    }

    @Override
    public void abort() {
        checkLoop("Transport.abort()");
        forceClose(null);
    }

    void forceClose(Throwable exc) {
        closed = true;
        ssl.abort(exc);
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        ssl.setAppProtocol(protocol);
    }

    @Override
    public BaseProtocol getProtocol() {
        return ssl.appProtocol();
    }

    @Override
    public boolean isReading() {
        return !ssl.appReadingPaused;
    }

    @Override
    public void pauseReading() {
        checkLoop("Transport.pauseReading()");
        ssl.appReadingPaused = true;
    }

    @Override
    public void resumeReading() {
        checkLoop("Transport.resumeReading()");
        ssl.resumeReading();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        ssl.setWriteBufferLimits(high, low);
    }

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, ssl.writeBufferSize());
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(ssl.lowWater(), ssl.highWater());
    }

    @Override
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    @Override
    public void write(ByteBuffer data) {
        checkLoop("Transport.write()");
        if (!data.hasRemaining()) {
            return;
        }
        ssl.writeAppData(data);
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("Transport.writeEof(): TLS transports cannot half-close (asyncio: "
                + "NotImplementedError); check canWriteEof() first, or close()");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    private void checkLoop(String what) {
        if (!ssl.net.core.onLoop()) {
            throw new IllegalStateException(what + ": called from thread '" + Thread.currentThread().getName()
                    + "', which does not own the transport's loop; use loop.callSoonThreadsafe(...)");
        }
    }

    @Override
    public String toString() {
        return "<SslAppTransport " + (closed ? "closed " : "") + ssl + ">";
    }
}
