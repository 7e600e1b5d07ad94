package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.Sneaky;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes to a connection in straight-line code: {@link #write} never blocks (the transport
 * buffers), {@link #drain()} suspends while the buffer is over its high-water mark, so a fast
 * writer and a slow reader keep memory bounded:
 * <pre>{@code
 * writer.write(data);
 * writer.drain();
 * }</pre>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code asyncio.StreamWriter}
 */
public class StreamWriter implements AutoCloseable {
    private Transport transport;
    private final StreamReaderProtocol protocol;
    private final StreamReader reader;
    private final EventLoop loop;

    /** A writer over {@code transport}; {@code protocol} provides drain and close waiting. */
    public StreamWriter(Transport transport, StreamReaderProtocol protocol, StreamReader reader, EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
        this.loop = loop;
    }

    /** The underlying transport. asyncio: {@code transport} */
    public Transport transport() {
        return transport;
    }

    /** The protocol behind this writer. */
    public StreamReaderProtocol protocol() {
        return protocol;
    }

    /** The loop this writer belongs to. */
    public EventLoop loop() {
        return loop;
    }

    /** The reader of the same connection, or null. */
    public StreamReader reader() {
        return reader;
    }

    /** Replaces the transport (after a TLS upgrade). */
    protected void replaceTransport(Transport t) {
        this.transport = t;
        protocol.replaceTransport(t);
    }

    /**
     * Queues {@code data} for sending; never blocks (the transport tries the socket at once and
     * buffers the rest). After {@link #close()} or once the connection is lost, the data is dropped,
     * as in asyncio (a warning is logged from the fifth such write on); {@link #drain()} then raises
     * {@link ConnectionResetException}. asyncio: {@code write(data)}
     */
    public void write(byte[] data) {
        transport.write(data);
    }

    /**
     * Queues {@code data[off, off + len)}, as {@link #write(byte[])}. The bytes are sent or copied
     * before this returns, so the array may be refilled at once (with {@link StreamReader#readInto},
     * a loop moves bytes through one array). asyncio: {@code write(memoryview(data)[off:off+len])}
     *
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not fit {@code data}
     */
    public void write(byte[] data, int off, int len) {
        transport.write(ByteBuffer.wrap(data, off, len));
    }

    /** Queues the remaining bytes of {@code data} (sent or copied before this returns). */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /** Queues several chunks. asyncio: {@code writelines(data)} */
    public void writelines(Iterable<byte[]> chunks) {
        transport.writelines(chunks);
    }

    /** Closes the write side once the buffer is sent. asyncio: {@code write_eof()} */
    public void writeEof() {
        transport.writeEof();
    }

    /** asyncio: {@code can_write_eof()} */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Starts closing the connection; see {@link #waitClosed()}. asyncio: {@code close()} */
    @Override
    public void close() {
        transport.close();
    }

    /** asyncio: {@code is_closing()} */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Waits until the connection is closed; raises the error that closed it, if any.
     * May suspend. asyncio: {@code wait_closed()}
     */
    public void waitClosed() throws IOException {
        try {
            protocol.closeWaiter().await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** Transport information; see {@link BaseTransport#getExtraInfo}. asyncio: {@code get_extra_info()} */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /** {@link #getExtraInfo(String)} with a default. asyncio: {@code get_extra_info(name, default)} */
    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * Waits until the write buffer is below its high-water mark. Raises the reader's error, or
     * {@link ConnectionResetException} once the connection is lost. May suspend.
     * asyncio: {@code drain()}
     */
    public void drain() throws IOException {
        if (reader != null) {
            Throwable exc = reader.exception();
            if (exc != null) {
                throw Sneaky.rethrow(exc);
            }
        }
        if (transport.isClosing()) {
            // let connectionLost run before asking whether the connection is lost
            Asyncio.sleep(0);
        }
        protocol.drainHelper();
    }

    /**
     * Upgrades the connection to TLS (after draining what was written); a client must give
     * {@code serverHostname} ("" skips the hostname check). May suspend.
     * asyncio: {@code await writer.start_tls(sslcontext, server_hostname=)}
     *
     * @throws javax.net.ssl.SSLException if the handshake fails; the connection is then closed
     */
    public void startTls(javax.net.ssl.SSLContext sslContext, String serverHostname) throws IOException {
        startTls(sslContext, serverHostname, null);
    }

    /** {@link #startTls(javax.net.ssl.SSLContext, String)} with a handshake timeout (null: 60 s). May suspend. */
    public void startTls(javax.net.ssl.SSLContext sslContext, String serverHostname, java.time.Duration handshakeTimeout)
            throws IOException {
        boolean serverSide = protocol.isServerSide();
        drain();
        Transport upgraded = loop.startTls(transport, protocol, sslContext, serverSide, serverHostname,
                handshakeTimeout);
        replaceTransport(upgraded);
    }

    /** The server side of {@link #startTls(javax.net.ssl.SSLContext, String)}. May suspend. */
    public void startTls(javax.net.ssl.SSLContext sslContext) throws IOException {
        startTls(sslContext, null, null);
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "") + ">";
    }
}
