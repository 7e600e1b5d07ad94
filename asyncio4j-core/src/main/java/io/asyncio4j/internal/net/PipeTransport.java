package io.asyncio4j.internal.net;

import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.BufferedProtocol;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.subprocess.BrokenPipeException;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;

/**
 * One end of a selectable pipe ({@link java.nio.channels.Pipe.SourceChannel} to read,
 * {@link java.nio.channels.Pipe.SinkChannel} to write) as a transport: states, buffering and
 * flow control as in {@link StreamTransport}. The read end closes itself at EOF (after telling
 * the protocol {@code eofReceived}, whose answer is ignored, as in asyncio); on the write end,
 * {@code writeEof()} closes the pipe once the buffer is sent. A write end notices a closed read
 * end when a write fails (as an {@link IOException}, "Broken pipe"). Extra info: {@code "pipe"}.
 * <p>
 * asyncio: {@code unix_events._UnixReadPipeTransport} / {@code _UnixWritePipeTransport}
 */
public final class PipeTransport extends StreamTransport {
    private final boolean readEnd;

    private PipeTransport(NetLoop net, SelectableChannel ch, ReadableByteChannel in, WritableByteChannel out,
                          BaseProtocol protocol, Future<Void> waiter) {
        super(net, ch, in, out, null, protocol, null, waiter);
        this.readEnd = in != null;
    }

    static <C extends SelectableChannel & ReadableByteChannel> PipeTransport readEnd(NetLoop net, C ch,
                                                                                   BaseProtocol protocol,
                                                                                   Future<Void> waiter) {
        NativeSocketChannel n = net.pipeDataChannel(ch);
        return new PipeTransport(net, ch, n != null ? n : ch, null, protocol, waiter);
    }

    static <C extends SelectableChannel & WritableByteChannel> PipeTransport writeEnd(NetLoop net, C ch,
                                                                                    BaseProtocol protocol,
                                                                                    Future<Void> waiter) {
        NativeSocketChannel n = net.pipeDataChannel(ch);
        return new PipeTransport(net, ch, null, n != null ? n : ch, protocol, waiter);
    }

    @Override
    void onEof() {
        // asyncio: the read pipe closes at EOF; eof_received's answer is ignored
        BaseProtocol p = getProtocol();
        close();
        try {
            if (p instanceof BufferedProtocol bp) {
                bp.eofReceived();
            } else if (p instanceof Protocol sp) {
                sp.eofReceived();
            }
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("Exception in protocol.eof_received()", e)
                    .with("transport", this).with("protocol", p));
        }
    }

    /**
     * A write to a pipe whose read end is closed is asyncio's {@code BrokenPipeError}, worded as
     * the one {@code os.write} raises there: a {@link BrokenPipeException}
     * {@code "[Errno 32] Broken pipe"} (3.13, /tmp/procdiff/pipe4.py).
     */
    @Override
    IOException translateError(IOException e) {
        if (!readEnd && String.valueOf(e.getMessage()).contains("Broken pipe")) {
            BrokenPipeException b = new BrokenPipeException(OsErrors.worded(new IOException("Broken pipe")).getMessage());
            b.initCause(e);
            return b;
        }
        return super.translateError(e);
    }

    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? channel : null;
    }

    @Override
    void shutdownOutput() throws IOException {
        close();
    }

    @Override
    void describe(StringBuilder sb) {
        sb.append(readEnd ? " read end" : " write end");
    }
}
