package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StreamReader on its own, fed by hand: each method and error as in CPython 3.13's test_streams. */
@ExtendWith(AsyncioExtension.class)
class StreamReaderTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static StreamReader fed(String data, boolean eof) {
        StreamReader r = new StreamReader();
        r.feedData(b(data));
        if (eof) {
            r.feedEof();
        }
        return r;
    }

    // ---- read ---------------------------------------------------------------------------------

    @Test
    void readReturnsAtMostNBytesOfWhatIsBuffered() throws IOException {
        StreamReader r = fed("line1\nline2\n", false);
        assertEquals("line1", s(r.read(5)));
        assertEquals("\nline2\n", s(r.read(100)));
    }

    @Test
    void readWaitsForDataThenReturnsWhatArrived() throws IOException {
        StreamReader r = new StreamReader();
        createTask(() -> {
            sleep(1);
            r.feedData(b("chunk"));
        });
        assertEquals("chunk", s(r.read(30)));
    }

    @Test
    void readWithoutSizeReadsUntilTheEnd() throws IOException {
        StreamReader r = new StreamReader();
        createTask(() -> {
            r.feedData(b("chunk1\n"));
            sleep(1);
            r.feedData(b("chunk2"));
            sleep(1);
            r.feedEof();
        });
        assertEquals("chunk1\nchunk2", s(r.read()));
    }

    @Test
    void readOfZeroBytesReturnsEmptyAtOnce() throws IOException {
        StreamReader r = new StreamReader();
        assertEquals(0, r.read(0).length);
    }

    @Test
    void readAtTheEndReturnsEmpty() throws IOException {
        StreamReader r = fed("", true);
        assertEquals(0, r.read(5).length);
        assertEquals(0, r.read().length);
        assertTrue(r.atEof());
    }

    @Test
    void readRaisesTheExceptionSetByTheProtocol() {
        StreamReader r = new StreamReader();
        IllegalStateException boom = new IllegalStateException("boom");
        r.setException(boom);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> r.read(1)));
        assertSame(boom, r.exception());
    }

    @Test
    void aWaitingReadIsWokenWithTheExceptionSetLater() {
        StreamReader r = new StreamReader();
        ConnectionResetException reset = new ConnectionResetException("Connection reset by peer");
        createTask(() -> {
            sleep(1);
            r.setException(reset);
        });
        assertSame(reset, assertThrows(ConnectionResetException.class, () -> r.read(10)));
    }

    @Test
    void aSecondTaskWaitingForDataIsAnError() throws IOException {
        StreamReader r = new StreamReader();
        Task<byte[]> first = createTask(() -> r.read(1));
        sleep(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.read(1));
        assertTrue(e.getMessage().contains("another task is already waiting"), e.getMessage());
        r.feedData(b("x"));
        assertEquals("x", s(first.await()));
    }

    // ---- readline -------------------------------------------------------------------------------

    @Test
    void readlineReturnsOneLineWithItsNewline() throws IOException {
        StreamReader r = fed("chunk1 chunk2 chunk3 \n chunk4", false);
        assertEquals("chunk1 chunk2 chunk3 \n", s(r.readline()));
        assertEquals(" chunk4", s(r.read(7)));
    }

    @Test
    void readlineWaitsAcrossChunksForTheNewline() throws IOException {
        StreamReader r = new StreamReader();
        createTask(() -> {
            r.feedData(b("chunk1 "));
            sleep(1);
            r.feedData(b("chunk2 "));
            sleep(1);
            r.feedData(b("chunk3\nrest"));
        });
        assertEquals("chunk1 chunk2 chunk3\n", s(r.readline()));
        assertEquals(4, r.buffered());
    }

    @Test
    void readlineAtTheEndReturnsThePartialLineThenEmpty() throws IOException {
        StreamReader r = fed("some data", true);
        assertEquals("some data", s(r.readline()));
        assertEquals("", s(r.readline()));
    }

    @Test
    void readlineOverTheLimitRaisesAndDropsTheLongLine() throws IOException {
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 5);
        r.feedData(b("0123456789\nabc\n"));
        LimitOverrunException e = assertThrows(LimitOverrunException.class, r::readline);
        assertEquals("Separator is found, but chunk is longer than limit", e.getMessage());
        assertEquals("abc\n", s(r.readline()));
    }

    @Test
    void readlineOverTheLimitIsCaughtAsIllegalArgumentLikeCPythonsValueError() throws IOException {
        // CPython: readline() turns LimitOverrunError into ValueError; a port catches that kind
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 5);
        r.feedData(b("abcdefgh\nxy\n"));
        try {
            r.readline();
            throw new AssertionError("readline() returned a line longer than the limit");
        } catch (IllegalArgumentException e) {
            assertEquals("Separator is found, but chunk is longer than limit", e.getMessage());
        }
        assertEquals("xy\n", s(r.readline()));
    }

    @Test
    void readlineOverTheLimitWithoutNewlineDropsTheBuffer() {
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 5);
        r.feedData(b("0123456789"));
        LimitOverrunException e = assertThrows(LimitOverrunException.class, r::readline);
        assertEquals("Separator is not found, and chunk exceed the limit", e.getMessage());
        assertEquals(0, r.buffered());
    }

    @Test
    void readlineOfExactlyTheLimitSucceeds() throws IOException {
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 3);
        r.feedData(b("ab\n\n"));
        assertEquals("ab\n", s(r.readline()));
        assertEquals("\n", s(r.readline()));
    }

    @Test
    void iteratingAReaderYieldsItsLines() {
        StreamReader r = fed("ab\ncd", true);
        List<String> lines = new ArrayList<>();
        for (byte[] line : r) {
            lines.add(s(line));
        }
        assertEquals(List.of("ab\n", "cd"), lines);
    }

    // ---- readexactly ----------------------------------------------------------------------------

    @Test
    void readexactlyWaitsForExactlyNBytes() throws IOException {
        StreamReader r = new StreamReader();
        createTask(() -> {
            r.feedData(b("chunk1"));
            sleep(1);
            r.feedData(b("chunk2chunk3"));
        });
        assertEquals("chunk1chunk2", s(r.readexactly(12)));
        assertEquals("chunk3", s(r.read(6)));
    }

    @Test
    void readexactlyAtTheEndRaisesWithTheBytesRead() {
        StreamReader r = fed("abc", true);
        IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> r.readexactly(5));
        assertArrayEquals(b("abc"), e.partial());
        assertEquals(5, e.expected());
        assertEquals("3 bytes read on a total of 5 expected bytes", e.getMessage());
    }

    @Test
    void readexactlyOfZeroReturnsEmpty() throws IOException {
        assertEquals(0, new StreamReader().readexactly(0).length);
    }

    @Test
    void readexactlyOfANegativeSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StreamReader().readexactly(-1));
    }

    // ---- readuntil ------------------------------------------------------------------------------

    @Test
    void readuntilReturnsDataUpToAndIncludingTheSeparator() throws IOException {
        StreamReader r = fed("lineAAA\nxAAA", false);
        assertEquals("lineAAA", s(r.readuntil(b("AAA"))));
        assertEquals("\nxAAA", s(r.readuntil(b("AAA"))));
    }

    @Test
    void readuntilWithSeveralSeparatorsReturnsTheShortestMatch() throws IOException {
        StreamReader r = fed("abcXYdefZ", true);
        assertEquals("abcXY", s(r.readuntil(b("Z"), b("XY"))));
        assertEquals("defZ", s(r.readuntil(b("Z"), b("XY"))));
    }

    @Test
    void readuntilAtTheEndRaisesWithEverythingBuffered() {
        StreamReader r = fed("abc", true);
        IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> r.readuntil(b("\n")));
        assertArrayEquals(b("abc"), e.partial());
        assertEquals(-1, e.expected());
        assertEquals("3 bytes read on a total of undefined expected bytes", e.getMessage());
        assertEquals(0, r.buffered());
    }

    @Test
    void readuntilOverTheLimitRaisesAndKeepsTheData() throws IOException {
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 5);
        r.feedData(b("0123456789xx"));
        LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> r.readuntil(b("xx")));
        assertEquals(10, e.consumed());
        assertEquals(12, r.buffered());
        assertEquals("0123456789xx", s(r.readexactly(12)));
    }

    @Test
    void readuntilWithoutSeparatorWithinTheLimitRaisesWithTheBytesExamined() {
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 5);
        r.feedData(b("0123456789"));
        LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> r.readuntil(b("xx")));
        assertEquals(9, e.consumed());
        assertEquals(10, r.buffered());
    }

    @Test
    void readuntilRefusesAnEmptySeparatorOrNone() {
        StreamReader r = new StreamReader();
        assertThrows(IllegalArgumentException.class, () -> r.readuntil(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> r.readuntil(new byte[0][]));
    }

    // ---- readuntilEmptyLine --------------------------------------------------------------------

    @Test
    void readuntilEmptyLineEndsAtTheFirstEmptyLineWhateverEndsTheLines() throws IOException {
        // CPython 3.13, the same bytes: readuntil((b"\r\n\r\n", b"\n\n", b"\n\r\n")) four times gives
        //   b'A\r\nB\r\n\r\n'  b'C\nD\n\n'  b'E\nF\r\n\r\n'  b'G\r\n\n'
        StreamReader r = fed("A\r\nB\r\n\r\nC\nD\n\nE\nF\r\n\r\nG\r\n\nrest", false);
        assertEquals("A\r\nB\r\n\r\n", s(r.readuntilEmptyLine()));
        assertEquals("C\nD\n\n", s(r.readuntilEmptyLine()));
        assertEquals("E\nF\r\n\r\n", s(r.readuntilEmptyLine()));
        assertEquals("G\r\n\n", s(r.readuntilEmptyLine()));
        assertEquals("rest", s(r.readexactly(4)));
    }

    @Test
    void readuntilEmptyLineFindsAnEndSplitAcrossArrivals() throws IOException {
        StreamReader r = new StreamReader();
        Task<?> feeder = createTask(() -> {
            for (String piece : new String[] {"GET / HTTP/1.1\r", "\n", "\r", "\n", "next"}) {
                r.feedData(b(piece));
                sleep(0);
            }
        });
        assertEquals("GET / HTTP/1.1\r\n\r\n", s(r.readuntilEmptyLine()));
        assertEquals("next", s(r.readexactly(4)));
        feeder.await();
    }

    @Test
    void readuntilEmptyLineAtTheEndRaisesWithEverythingBuffered() {
        StreamReader r = fed("GET / HTTP/1.1\r\nHost: x\r\n", true);
        IncompleteReadException e = assertThrows(IncompleteReadException.class, r::readuntilEmptyLine);
        assertEquals("GET / HTTP/1.1\r\nHost: x\r\n", s(e.partial()));
        assertEquals(0, r.buffered());
    }

    @Test
    void readuntilEmptyLineOverTheLimitRaisesAndKeepsTheData() {
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 5);
        r.feedData(b("0123456789"));
        assertThrows(LimitOverrunException.class, r::readuntilEmptyLine);
        assertEquals(10, r.buffered());
        StreamReader found = new StreamReader(EventLoop.getRunningLoop(), 5);
        found.feedData(b("0123456789\n\n"));
        assertThrows(LimitOverrunException.class, found::readuntilEmptyLine);
        assertEquals(12, found.buffered());
    }

    // ---- eof, feeding, limit --------------------------------------------------------------------

    @Test
    void atEofIsTrueOnlyOnceTheEndWasFedAndTheBufferIsEmpty() throws IOException {
        StreamReader r = fed("x", false);
        assertFalse(r.atEof());
        r.feedEof();
        assertFalse(r.atEof());
        r.read(1);
        assertTrue(r.atEof());
    }

    @Test
    void feedingDataAfterTheEndIsAnError() {
        StreamReader r = fed("", true);
        assertThrows(IllegalStateException.class, () -> r.feedData(b("x")));
    }

    @Test
    void aLimitOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
    }

    @Test
    void theTransportIsPausedAboveTwiceTheLimitAndResumedWhenReadDown() throws IOException {
        StreamReader r = new StreamReader(EventLoop.getRunningLoop(), 4);
        FakeReadTransport t = new FakeReadTransport();
        r.setTransport(t);
        r.feedData(b("12345678"));
        assertFalse(t.paused, "8 bytes is not over twice the limit");
        r.feedData(b("9"));
        assertTrue(t.paused);
        r.read(4);
        assertTrue(t.paused, "5 bytes left is still over the limit");
        r.read(1);
        assertFalse(t.paused);
    }

    @Test
    void aLargeChunkReadWholeAndThenMoreDataKeepTheirOrder() throws IOException {
        StreamReader r = new StreamReader();
        byte[] big = new byte[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        r.feedData(big);
        big[0] = 99; // the reader copied it: the caller may reuse its array
        byte[] first = r.read(10_000);
        assertEquals(5000, first.length);
        assertEquals(0, first[0]);
        assertEquals((byte) 4999, first[4999]);
        r.feedData(big);
        r.feedData(b("tail\n"));
        assertEquals(99, r.read(1)[0]);
        assertEquals(4999 + 5, r.readuntil(b("tail\n")).length);
        r.feedData(new byte[3000]);
        assertEquals(1000, r.read(1000).length, "a partial read of a large chunk copies");
        r.feedData(b("x"));
        assertEquals(2001, r.read(5000).length);
    }

    /** Records pause/resume calls. */
    static final class FakeReadTransport implements ReadTransport {
        boolean paused;

        @Override
        public boolean isReading() {
            return !paused;
        }

        @Override
        public void pauseReading() {
            paused = true;
        }

        @Override
        public void resumeReading() {
            paused = false;
        }

        @Override
        public Object getExtraInfo(String name) {
            return null;
        }

        @Override
        public boolean isClosing() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public void setProtocol(BaseProtocol protocol) {
        }

        @Override
        public BaseProtocol getProtocol() {
            return null;
        }
    }
}
