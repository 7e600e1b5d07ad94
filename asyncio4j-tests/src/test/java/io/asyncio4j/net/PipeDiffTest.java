package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.ReadTransport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.streams.WriteTransport;
import io.asyncio4j.subprocess.BrokenPipeException;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code connectReadPipe}/{@code connectWritePipe} on the two ends of a pipe, compared with
 * CPython 3.13's {@code connect_read_pipe}/{@code connect_write_pipe} on {@code os.pipe()}
 * (/tmp/procdiff/pipe4.py; its output is quoted in each test).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class PipeDiffTest {

    private static Pipe open() throws Exception {
        Pipe p = Pipe.open();
        p.source().configureBlocking(false);
        p.sink().configureBlocking(false);
        return p;
    }

    @Test
    void aReadPipeGetsDataThenEofThenLostWithNoErrorAndIsClosing(EventLoop loop) throws Exception {
        // read ['made', ('data', b'abc'), 'eof', ('lost', None, None)] True
        Pipe pipe = open();
        TransportPair<ReadTransport, Recorder> r = loop.connectReadPipe(Recorder::new, pipe.source());
        pipe.sink().write(ByteBuffer.wrap("abc".getBytes()));
        r.protocol().awaitBytes(3);
        pipe.sink().close();
        r.protocol().lost.await();
        assertEquals(List.of("made", "data", "eof", "lost"), r.protocol().events);
        assertNull(r.protocol().lostWith);
        assertTrue(r.transport().isClosing());
    }

    @Test
    void closingAReadPipeTransportLosesItWithNoError(EventLoop loop) throws Exception {
        // read close ['made', ('lost', None, None)]
        Pipe pipe = open();
        TransportPair<ReadTransport, Recorder> r = loop.connectReadPipe(Recorder::new, pipe.source());
        r.transport().close();
        r.protocol().lost.await();
        assertEquals(List.of("made", "lost"), r.protocol().events);
        assertNull(r.protocol().lostWith);
        pipe.sink().close();
    }

    @Test
    void writingToAPipeWhoseReaderClosedLosesTheConnectionWithBrokenPipe(EventLoop loop) throws Exception {
        // write after reader closed ['made', ('lost', 'BrokenPipeError', '[Errno 32] Broken pipe')]
        Pipe pipe = open();
        TransportPair<WriteTransport, Recorder> w = loop.connectWritePipe(Recorder::new, pipe.sink());
        pipe.source().close();
        w.transport().write("x".getBytes());
        w.protocol().lost.await();
        assertEquals(List.of("made", "lost"), w.protocol().events);
        assertInstanceOf(BrokenPipeException.class, w.protocol().lostWith);
        assertEquals("[Errno 32] Broken pipe", w.protocol().lostWith.getMessage());
        assertTrue(w.transport().isClosing());
    }

    @Test
    void aReaderClosingWhileBytesWaitLosesTheWriterWithBrokenPipeAfterPausing(EventLoop loop) throws Exception {
        // pause/resume [..., 'pause', ('lost', 'BrokenPipeError', '')] True: asyncio's read-end watch
        // finds it with no text; this loop finds it by the next write's EPIPE, worded as os.write's
        Pipe pipe = open();
        TransportPair<WriteTransport, Recorder> w = loop.connectWritePipe(Recorder::new, pipe.sink());
        w.transport().setWriteBufferLimits(1000, -1);
        w.transport().write(new byte[200_000]);
        assertEquals(List.of("made", "pause"), w.protocol().events);
        pipe.source().close();
        w.protocol().lost.await();
        assertEquals(List.of("made", "pause", "lost"), w.protocol().events);
        assertInstanceOf(BrokenPipeException.class, w.protocol().lostWith);
        assertEquals("[Errno 32] Broken pipe", w.protocol().lostWith.getMessage());
        assertEquals(0, w.transport().getWriteBufferSize());
    }

    @Test
    void aFullPipeBuffersTheRestAndResumesOnceTheReaderDrainsIt(EventLoop loop) throws Exception {
        // ['made', 'pause', ('bufsize', 4464), ('bufsize', 6464), 'resume', ('bufsize', 0)]:
        // the pipe takes 65536 bytes of the 70000 at once
        Pipe pipe = open();
        TransportPair<WriteTransport, Recorder> w = loop.connectWritePipe(Recorder::new, pipe.sink());
        w.transport().setWriteBufferLimits(1000, -1);
        w.transport().write(new byte[70_000]);
        assertEquals(4464, w.transport().getWriteBufferSize());
        w.transport().write(new byte[2000]);
        assertEquals(6464, w.transport().getWriteBufferSize());
        assertEquals(List.of("made", "pause"), w.protocol().events);
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        int total = 0;
        while (total < 72_000) {
            sink.clear();
            total += Math.max(0, pipe.source().read(sink));
            io.asyncio4j.Asyncio.sleep(0.005);
        }
        w.protocol().awaitResumes(1);
        assertEquals(List.of("made", "pause", "resume"), w.protocol().events);
        assertEquals(0, w.transport().getWriteBufferSize());
        w.transport().close();
        w.protocol().lost.await();
        assertNull(w.protocol().lostWith);
        pipe.source().close();
    }

    @Test
    void closingAWritePipeSendsWhatWasWrittenThenEof(EventLoop loop) throws Exception {
        // write close ['made', ('lost', None, None)] b'hello' b''
        Pipe pipe = open();
        TransportPair<WriteTransport, Recorder> w = loop.connectWritePipe(Recorder::new, pipe.sink());
        w.transport().write("hello".getBytes());
        w.transport().close();
        w.protocol().lost.await();
        assertEquals(List.of("made", "lost"), w.protocol().events);
        assertNull(w.protocol().lostWith);
        pipe.source().configureBlocking(true);
        ByteBuffer b = ByteBuffer.allocate(100);
        assertEquals(5, pipe.source().read(b));
        assertEquals(-1, pipe.source().read(b));
        pipe.source().close();
    }
}
