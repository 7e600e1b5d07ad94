package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.ReadTransport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.streams.WriteTransport;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selectable pipes as read and write transports. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class PipeTest {

    @Test
    void bytesWrittenToAPipeTransportReachItsReadTransport(EventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        pipe.sink().configureBlocking(false);
        TransportPair<ReadTransport, Recorder> reader = loop.connectReadPipe(Recorder::new, pipe.source());
        TransportPair<WriteTransport, Recorder> writer = loop.connectWritePipe(Recorder::new, pipe.sink());
        assertSame(pipe.source(), reader.transport().getExtraInfo("pipe"));
        writer.transport().write("through the pipe".getBytes(StandardCharsets.UTF_8));
        assertEquals("through the pipe", new String(reader.protocol().awaitBytes(16), StandardCharsets.UTF_8));
        assertTrue(writer.transport().canWriteEof());
        writer.transport().writeEof(); // closes the write end once the buffer is sent
        writer.protocol().lost.await();
        reader.protocol().lost.await();
        assertEquals(List.of("made", "data", "eof", "lost"), reader.protocol().events);
        assertNull(reader.protocol().lostWith);
        assertFalse(pipe.source().isOpen());
        assertFalse(pipe.sink().isOpen());
    }

    @Test
    void aLargeWriteIsBufferedAndFlowControlled(EventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        pipe.sink().configureBlocking(false);
        TransportPair<ReadTransport, Recorder> reader = loop.connectReadPipe(Recorder::new, pipe.source());
        reader.transport().pauseReading();
        TransportPair<WriteTransport, Recorder> writer = loop.connectWritePipe(Recorder::new, pipe.sink());
        writer.transport().write(new byte[4 << 20]);
        assertTrue(writer.transport().getWriteBufferSize() > 64 * 1024, "a pipe holds far less than 4 MiB");
        assertEquals(1, writer.protocol().pauses);
        reader.transport().resumeReading();
        reader.protocol().awaitBytes(4 << 20);
        writer.protocol().awaitResumes(1);
        writer.transport().close();
        writer.protocol().lost.await();
        reader.protocol().lost.await();
    }

    @Test
    void theReadEndCannotWrite(EventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        TransportPair<ReadTransport, Protocol> reader = loop.connectReadPipe(() -> new Protocol() { },
                pipe.source());
        assertThrows(UnsupportedOperationException.class,
                () -> ((io.asyncio4j.streams.Transport) reader.transport()).write(new byte[1]));
        reader.transport().close();
        pipe.sink().close();
        io.asyncio4j.Asyncio.sleep(0);
    }

    @Test
    void aBlockingPipeIsRefused(EventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.connectReadPipe(Recorder::new, pipe.source()));
        assertTrue(e.getMessage().contains("blocking"), e.getMessage());
        pipe.source().close();
        pipe.sink().close();
    }
}
