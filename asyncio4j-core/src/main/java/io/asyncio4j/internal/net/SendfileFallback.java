package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.BufferedProtocol;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@code sendfile} for transports that cannot hand a file to the kernel (TLS): reads the file in
 * 256 KiB chunks on the default executor and writes them, waiting while the transport is over
 * its high-water mark. Meanwhile the transport's protocol is swapped for one that tracks
 * pause/resume (and forwards everything else), reading is paused, and both are restored at the
 * end, as asyncio's {@code _SendfileFallbackProtocol} does.
 * <p>
 * States of the swap: INSTALLED (flow tracked here) → RESTORED (final; the original protocol is
 * back, told {@code resumeWriting} if it missed one). Threading: loop thread only.
 * <p>
 * asyncio: {@code base_events._sendfile_fallback} with {@code _SendfileFallbackProtocol}
 */
final class SendfileFallback implements Protocol {
    private static final int CHUNK = 256 * 1024;

    private final EventLoop loop;
    private final Transport transport;
    private final BaseProtocol original;
    private final boolean shouldResumeReading;
    private final boolean shouldResumeWriting;
    private Future<Void> writeReady;
    private Throwable lost;
    private boolean connectionLost;

    private SendfileFallback(EventLoop loop, Transport transport) {
        this.loop = loop;
        this.transport = transport;
        this.original = transport.getProtocol();
        this.shouldResumeReading = transport.isReading();
        this.shouldResumeWriting = transport.getWriteBufferSize() > transport.getWriteBufferLimits().high();
        transport.pauseReading();
        transport.setProtocol(this);
        if (shouldResumeWriting) {
            writeReady = loop.createFuture();
        }
    }

    static long send(NetLoop net, Transport t, FileChannel file, long offset, long count) throws IOException {
        if (t.isClosing()) {
            throw new IllegalStateException("EventLoop.sendfile(): the transport is closing: " + t);
        }
        SendfileFallback flow = new SendfileFallback(net.loop, t);
        long pos = offset;
        try {
            long end = count > 0 ? offset + count : Long.MAX_VALUE;
            while (pos < end) {
                int chunk = (int) Math.min(CHUNK, end - pos);
                ByteBuffer b = ByteBuffer.allocate(chunk);
                long at = pos;
                int n = net.loop.runInExecutor(null, () -> file.read(b, at)).await();
                if (n <= 0) {
                    break;
                }
                b.flip();
                flow.drain();
                t.write(b);
                pos += n;
            }
            flow.drain();
            return pos - offset;
        } finally {
            flow.restore();
            file.position(pos);
        }
    }

    /** Waits while the transport is paused; raises once the connection is lost. May suspend. */
    private void drain() throws IOException {
        if (connectionLost) {
            throw new ConnectionResetException("Connection closed by peer");
        }
        Future<Void> f = writeReady;
        if (f != null) {
            f.await();
        }
    }

    private void restore() {
        if (!connectionLost) {
            transport.setProtocol(original);
            if (shouldResumeReading) {
                transport.resumeReading();
            }
            if (shouldResumeWriting && writeReady == null) {
                original.resumeWriting();
            }
        }
        if (writeReady != null && !writeReady.isDone()) {
            writeReady.cancel();
        }
    }

    @Override
    public void pauseWriting() {
        if (writeReady == null) {
            writeReady = loop.createFuture();
        }
    }

    @Override
    public void resumeWriting() {
        Future<Void> f = writeReady;
        writeReady = null;
        if (f != null && !f.isDone()) {
            f.setResult(null);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (original instanceof Protocol p) {
            p.dataReceived(data);
        }
    }

    @Override
    public boolean eofReceived() {
        if (original instanceof Protocol p) {
            return p.eofReceived();
        }
        if (original instanceof BufferedProtocol bp) {
            return bp.eofReceived();
        }
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        connectionLost = true;
        lost = exc;
        Future<Void> f = writeReady;
        writeReady = null;
        if (f != null && !f.isDone()) {
            f.setException(exc != null ? exc : new ConnectionResetException("Connection is closed by peer"));
            f.exception(); // seen here; drain() still raises it
        }
        original.connectionLost(exc);
    }

    @Override
    public String toString() {
        return "<SendfileFallback for " + original + (lost != null ? " lost=" + lost : "") + ">";
    }
}
